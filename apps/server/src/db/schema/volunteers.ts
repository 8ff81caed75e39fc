import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

/**
 * Registered volunteers: one person, one record (unique HMAC of the ID number).
 * Personal data is stored encrypted with a masked copy; the plaintext ID number is never stored.
 * status: active | inactive; createdVia: self | staff | import.
 */
export const volunteers = pgTable(
  'volunteers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** V + district code + year + sequence, e.g. V440305-2026-000123 */
    volunteerNumber: text('volunteer_number').notNull(),
    realName: text('real_name').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHmac: text('id_number_hmac').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    birthDate: date('birth_date').notNull(),
    /** male | female (from the ID number) */
    sex: text('sex').notNull(),
    phoneEnc: text('phone_enc').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    /** 12-digit code of the volunteer's community */
    regionCode: char('region_code', { length: 12 }).notNull(),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    interests: text('interests').array().notNull().default(sql`'{}'::text[]`),
    status: text('status').notNull().default('active'),
    /** guardian of a volunteer under 14 */
    guardianName: text('guardian_name'),
    guardianPhoneEnc: text('guardian_phone_enc'),
    guardianPhoneMasked: text('guardian_phone_masked'),
    createdVia: text('created_via').notNull(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('volunteers_id_hmac_uq').on(t.idNumberHmac),
    uniqueIndex('volunteers_number_uq').on(t.volunteerNumber),
    index('volunteers_region_idx').on(t.regionCode),
    // counts of active volunteers per region prefix (dashboards) as index-only scans
    index('volunteers_region_status_idx').on(t.regionCode, t.status),
  ],
);

/**
 * Consent history (PIPL): append-only – a withdrawal is a new row with granted = false.
 * how: self | staff_recorded | guardian.
 */
export const volunteerConsents = pgTable(
  'volunteer_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    purpose: text('purpose').notNull(),
    granted: boolean('granted').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    byUserId: uuid('by_user_id'),
    byName: text('by_name').notNull(),
    how: text('how').notNull(),
  },
  (t) => [index('volunteer_consents_vol_idx').on(t.volunteerId, t.at)],
);

/** Volunteer service teams (志愿服务队), owned by an organization. */
export const volunteerTeams = pgTable(
  'volunteer_teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    regionCode: char('region_code', { length: 12 }).notNull(),
    description: text('description').notNull().default(''),
    status: text('status').notNull().default('active'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('volunteer_teams_org_name_uq').on(t.organizationId, t.name),
    index('volunteer_teams_region_idx').on(t.regionCode),
  ],
);

/** A volunteer's membership of a team. state: requested | approved | rejected | left. */
export const teamMemberships = pgTable(
  'team_memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => volunteerTeams.id),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    state: text('state').notNull().default('requested'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
    requestedBy: uuid('requested_by'),
    decidedBy: uuid('decided_by'),
    decidedByName: text('decided_by_name'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('team_memberships_live_uq')
      .on(t.teamId, t.volunteerId)
      .where(sql`${t.state} in ('requested', 'approved')`),
    index('team_memberships_volunteer_idx').on(t.volunteerId),
  ],
);

/** Last volunteer number issued per prefix (district + year). */
export const volunteerNumberCounters = pgTable('volunteer_number_counters', {
  prefix: text('prefix').primaryKey(),
  last: integer('last').notNull(),
});

/** Self-registration attempts per client address, for the rate limit. */
export const volunteerRegistrationAttempts = pgTable(
  'volunteer_registration_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('volunteer_reg_attempts_ip_at_idx').on(t.ip, t.at)],
);
