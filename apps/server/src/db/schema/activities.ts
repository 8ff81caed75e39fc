import { sql } from 'drizzle-orm';
import {
  char,
  check,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { volunteers } from './volunteers';

/**
 * Volunteer service activities published by an organization (or the community for it).
 * status: draft | published | cancelled | finished (core `activityFlow`).
 * The difficulty coefficient (0.50–3.00) is stored as integer hundredths.
 */
export const serviceActivities = pgTable(
  'service_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** 12-digit code of the community where the activity takes place */
    regionCode: char('region_code', { length: 12 }).notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    /** core serviceCategories */
    category: text('category').notNull(),
    place: text('place').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    wanted: integer('wanted').notNull(),
    signupOpensAt: timestamp('signup_opens_at', { withTimezone: true }).notNull(),
    signupClosesAt: timestamp('signup_closes_at', { withTimezone: true }).notNull(),
    coefficientHundredths: integer('coefficient_hundredths').notNull().default(100),
    status: text('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('service_activities_region_idx').on(t.regionCode),
    index('service_activities_org_idx').on(t.organizationId),
    index('service_activities_status_start_idx').on(t.status, t.startsAt),
    check('service_activities_wanted_ck', sql`${t.wanted} >= 1`),
    check('service_activities_times_ck', sql`${t.endsAt} > ${t.startsAt}`),
    check('service_activities_coefficient_ck', sql`${t.coefficientHundredths} between 50 and 300`),
  ],
);

/**
 * A volunteer's sign-up for an activity (core `signUpFlow`):
 * state pending | approved | waitlisted | rejected | withdrawn | cancelled.
 * One sign-up per volunteer and activity unless withdrawn or cancelled.
 */
export const activitySignups = pgTable(
  'activity_signups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => serviceActivities.id),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    state: text('state').notNull().default('pending'),
    requestedBy: uuid('requested_by'),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('activity_signups_live_uq')
      .on(t.activityId, t.volunteerId)
      .where(sql`${t.state} not in ('withdrawn', 'cancelled')`),
    index('activity_signups_activity_state_idx').on(t.activityId, t.state),
    index('activity_signups_volunteer_idx').on(t.volunteerId),
  ],
);
