import { sql } from 'drizzle-orm';
import {
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { activitySignups, serviceActivities } from './activities';
import { organizations } from './organizations';
import { volunteers } from './volunteers';

/**
 * Check-in and check-out of one volunteer at one activity (QR token or 6-digit code).
 * One row per (activity, volunteer): a second check-in is a replay and is refused.
 * via: qr | code. The step is the rotating-code step that was used.
 */
export const activityAttendance = pgTable(
  'activity_attendance',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => serviceActivities.id),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    signupId: uuid('signup_id').references(() => activitySignups.id),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull(),
    checkInStep: integer('check_in_step').notNull(),
    checkInVia: text('check_in_via').notNull(),
    checkedOutAt: timestamp('checked_out_at', { withTimezone: true }),
    checkOutStep: integer('check_out_step'),
    checkOutVia: text('check_out_via'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('activity_attendance_uq').on(t.activityId, t.volunteerId),
    index('activity_attendance_volunteer_idx').on(t.volunteerId),
  ],
);

/**
 * Volunteer service records (志愿服务记录): who, when, where, what, hours, organizer, recorder.
 * Never edited in place: an approved amendment supersedes a record with a new revision
 * (status valid → superseded, the new row points back through supersedesId).
 * source: checkin | backfill. status: valid | superseded | voided.
 */
export const serviceRecords = pgTable(
  'service_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    activityId: uuid('activity_id').references(() => serviceActivities.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** 12-digit code of the community where the service took place */
    regionCode: char('region_code', { length: 12 }).notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    content: text('content').notNull(),
    place: text('place').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    /** service date in Asia/Shanghai (for monthly statistics and certificates) */
    serviceDate: date('service_date').notNull(),
    minutes: integer('minutes').notNull(),
    source: text('source').notNull(),
    organizerName: text('organizer_name').notNull(),
    /** activity leader (活动负责人) */
    leaderName: text('leader_name'),
    recorderId: uuid('recorder_id'),
    recorderName: text('recorder_name').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    revision: integer('revision').notNull().default(0),
    supersedesId: uuid('supersedes_id'),
    status: text('status').notNull().default('valid'),
    backfillId: uuid('backfill_id'),
  },
  (t) => [
    uniqueIndex('service_records_live_uq')
      .on(t.activityId, t.volunteerId)
      .where(sql`${t.status} = 'valid' and ${t.activityId} is not null`),
    index('service_records_volunteer_idx').on(t.volunteerId, t.startedAt),
    index('service_records_region_date_idx').on(t.regionCode, t.serviceDate),
    index('service_records_org_idx').on(t.organizationId, t.serviceDate),
    check('service_records_minutes_ck', sql`${t.minutes} >= 0`),
  ],
);

/**
 * Hours the organizer enters for a forgotten check-out or a paper sign-in sheet; a second
 * person (not the one who entered it) approves. kind: missing_checkout | paper_sheet.
 * state: pending | approved | rejected.
 */
export const serviceBackfills = pgTable(
  'service_backfills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => serviceActivities.id),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    kind: text('kind').notNull(),
    fromAt: timestamp('from_at', { withTimezone: true }).notNull(),
    toAt: timestamp('to_at', { withTimezone: true }).notNull(),
    minutes: integer('minutes').notNull(),
    reason: text('reason').notNull(),
    enteredBy: uuid('entered_by').notNull(),
    enteredByName: text('entered_by_name').notNull(),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull().defaultNow(),
    state: text('state').notNull().default('pending'),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    recordId: uuid('record_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('service_backfills_pending_uq')
      .on(t.activityId, t.volunteerId)
      .where(sql`${t.state} = 'pending'`),
    index('service_backfills_activity_idx').on(t.activityId, t.state),
  ],
);

/**
 * A correction a volunteer asks for on one of their records; the organization approves
 * (a new revision supersedes the record) or rejects. state: pending | approved | rejected | withdrawn.
 * proposed: { minutes?, startedAt?, endedAt?, content? }.
 */
export const serviceRecordAmendments = pgTable(
  'service_record_amendments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => serviceRecords.id),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    reason: text('reason').notNull(),
    proposed: jsonb('proposed').notNull(),
    requestedBy: uuid('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    state: text('state').notNull().default('pending'),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    newRecordId: uuid('new_record_id'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('service_record_amendments_pending_uq').on(t.recordId).where(sql`${t.state} = 'pending'`),
    index('service_record_amendments_volunteer_idx').on(t.volunteerId),
  ],
);

/**
 * Running totals per volunteer, kept in the same transaction as each record change, so star
 * levels and distributions do not scan millions of records.
 */
export const volunteerTotals = pgTable('volunteer_totals', {
  volunteerId: uuid('volunteer_id')
    .primaryKey()
    .references(() => volunteers.id),
  minutes: integer('minutes').notNull().default(0),
  checkinMinutes: integer('checkin_minutes').notNull().default(0),
  backfillMinutes: integer('backfill_minutes').notNull().default(0),
  records: integer('records').notNull().default(0),
  lastServiceDate: date('last_service_date'),
});

/**
 * Monthly service statistics per community, organization and category, kept with each record
 * change (the hours dashboard reads these instead of scanning records). month: 'YYYY-MM'.
 */
export const serviceMonthly = pgTable(
  'service_monthly',
  {
    regionCode: char('region_code', { length: 12 }).notNull(),
    month: char('month', { length: 7 }).notNull(),
    category: text('category').notNull(),
    organizationId: uuid('organization_id').notNull(),
    minutes: integer('minutes').notNull().default(0),
    records: integer('records').notNull().default(0),
  },
  (t) => [
    uniqueIndex('service_monthly_pk').on(t.regionCode, t.month, t.category, t.organizationId),
    index('service_monthly_month_idx').on(t.month),
  ],
);

/**
 * Minutes per volunteer, organization and year (Asia/Shanghai service date), kept with each record
 * change like `service_monthly`: the "top teams" ranking (hours a team's members served at its
 * organization this year) reads these instead of joining millions of records.
 */
export const volunteerOrgYear = pgTable(
  'volunteer_org_year',
  {
    organizationId: uuid('organization_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    year: integer('year').notNull(),
    minutes: integer('minutes').notNull().default(0),
    records: integer('records').notNull().default(0),
  },
  (t) => [uniqueIndex('volunteer_org_year_pk').on(t.organizationId, t.year, t.volunteerId)],
);

/** Training a volunteer attended (培训记录). */
export const volunteerTrainings = pgTable(
  'volunteer_trainings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    course: text('course').notNull(),
    content: text('content').notNull().default(''),
    minutes: integer('minutes').notNull(),
    organizer: text('organizer').notNull(),
    heldOn: date('held_on').notNull(),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('volunteer_trainings_volunteer_idx').on(t.volunteerId, t.heldOn)],
);

/** Commendations and awards (表彰奖励). */
export const volunteerAwards = pgTable(
  'volunteer_awards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    title: text('title').notNull(),
    awardedBy: text('awarded_by').notNull(),
    awardedOn: date('awarded_on').notNull(),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('volunteer_awards_volunteer_idx').on(t.volunteerId, t.awardedOn)],
);

/**
 * Volunteer credit events (core `CreditEvent`): positive and negative, each traceable to its
 * source (service record, training, award, sign-up, manual). Idempotent per source.
 * Voided after an upheld appeal.
 */
export const volunteerCreditEvents = pgTable(
  'volunteer_credit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    kind: text('kind').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    minutes: integer('minutes'),
    title: text('title').notNull(),
    sourceType: text('source_type').notNull(),
    sourceId: uuid('source_id'),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by'),
    recordedByName: text('recorded_by_name').notNull(),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidReason: text('void_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('volunteer_credit_events_source_uq')
      .on(t.volunteerId, t.kind, t.sourceType, t.sourceId)
      .where(sql`${t.sourceId} is not null`),
    index('volunteer_credit_events_volunteer_idx').on(t.volunteerId, t.occurredAt),
  ],
);

/**
 * Sign-up restrictions entered by staff (rule-derived restrictions are computed from the events
 * by core `restrictionOf`). A lifted restriction keeps its row.
 */
export const volunteerRestrictions = pgTable(
  'volunteer_restrictions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    reason: text('reason').notNull(),
    fromAt: timestamp('from_at', { withTimezone: true }).notNull(),
    untilAt: timestamp('until_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: uuid('lifted_by'),
    liftedByName: text('lifted_by_name'),
    liftReason: text('lift_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('volunteer_restrictions_volunteer_idx').on(t.volunteerId, t.untilAt)],
);

/** A volunteer's appeal against a credit event or a restriction. state: pending | upheld | dismissed. */
export const volunteerCreditAppeals = pgTable(
  'volunteer_credit_appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    eventId: uuid('event_id').references(() => volunteerCreditEvents.id),
    restrictionId: uuid('restriction_id').references(() => volunteerRestrictions.id),
    reason: text('reason').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    state: text('state').notNull().default('pending'),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decision: text('decision'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('volunteer_credit_appeals_volunteer_idx').on(t.volunteerId, t.state)],
);

/** Service certificates (志愿服务记录证明), verifiable by number on a public page. status: valid | revoked. */
export const serviceCertificates = pgTable(
  'service_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    periodFrom: date('period_from').notNull(),
    periodTo: date('period_to').notNull(),
    minutes: integer('minutes').notNull(),
    records: integer('records').notNull(),
    /** issuing (recording) organization; null = the platform for all organizations */
    organizationId: uuid('organization_id'),
    issuerName: text('issuer_name').notNull(),
    /** what the certificate states: name, masked ID, volunteer number, content lines */
    snapshot: jsonb('snapshot').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid('issued_by'),
    status: text('status').notNull().default('valid'),
  },
  (t) => [
    uniqueIndex('service_certificates_number_uq').on(t.number),
    index('service_certificates_volunteer_idx').on(t.volunteerId),
  ],
);
