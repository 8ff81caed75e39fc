import { sql } from 'drizzle-orm';
import {
  boolean,
  char,
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

/**
 * Community social organizations across the three tiers.
 * tier: group | filed | registered; status: active | dormant | exiting | exited.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    tier: text('tier').notNull(),
    categoryScheme: text('category_scheme').notNull(),
    category: text('category').notNull(),
    /** 12-digit code of the community the organization belongs to */
    regionCode: char('region_code', { length: 12 }).notNull(),
    /** first 9 digits: the street – name uniqueness is per street */
    streetCode: char('street_code', { length: 9 }).notNull(),
    businessScope: text('business_scope').notNull().default(''),
    venue: text('venue').notNull().default(''),
    foundedOn: date('founded_on'),
    charter: text('charter').notNull().default(''),
    leaderName: text('leader_name').notNull(),
    leaderIdEnc: text('leader_id_enc'),
    leaderIdHmac: text('leader_id_hmac'),
    leaderIdMasked: text('leader_id_masked'),
    leaderPhoneEnc: text('leader_phone_enc'),
    leaderPhoneMasked: text('leader_phone_masked'),
    contactName: text('contact_name').notNull().default(''),
    contactPhoneEnc: text('contact_phone_enc'),
    contactPhoneMasked: text('contact_phone_masked'),
    isHub: boolean('is_hub').notNull().default(false),
    /** none | members | branch | joint_branch */
    partyStatus: text('party_status').notNull().default('none'),
    status: text('status').notNull().default('active'),
    uscc: char('uscc', { length: 18 }),
    filingNumber: text('filing_number'),
    filedOn: date('filed_on'),
    registeredOn: date('registered_on'),
    exitedOn: date('exited_on'),
    exitReason: text('exit_reason'),
    memberCount: integer('member_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('org_region_idx').on(t.regionCode),
    index('org_tier_status_idx').on(t.tier, t.status),
    uniqueIndex('org_live_name_uq').on(t.streetCode, t.name).where(sql`${t.status} <> 'exited'`),
    uniqueIndex('org_uscc_uq').on(t.uscc).where(sql`${t.uscc} is not null`),
    uniqueIndex('org_filing_number_uq').on(t.filingNumber).where(sql`${t.filingNumber} is not null`),
  ],
);

/** Full snapshot of an organization after each change (history). */
export const organizationRevisions = pgTable(
  'organization_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    version: integer('version').notNull(),
    /** what caused it: created, updated, filed, registered, change_approved, exited, … */
    cause: text('cause').notNull(),
    reason: text('reason'),
    snapshot: jsonb('snapshot').notNull(),
    changedBy: uuid('changed_by'),
    changedByName: text('changed_by_name'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('org_rev_uq').on(t.organizationId, t.version)],
);

export const organizationMembers = pgTable(
  'organization_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    /** e.g. 负责人 / 骨干 / 成员 */
    role: text('role').notNull().default('成员'),
    phoneEnc: text('phone_enc'),
    phoneMasked: text('phone_masked'),
    joinedOn: date('joined_on'),
    leftOn: date('left_on'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('org_members_org_idx').on(t.organizationId)],
);

/** The activity-group ledger's log of major activities (台账 – 主要活动). */
export const ledgerActivities = pgTable(
  'ledger_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    heldOn: date('held_on').notNull(),
    title: text('title').notNull(),
    place: text('place').notNull().default(''),
    participants: integer('participants').notNull().default(0),
    description: text('description').notNull().default(''),
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ledger_org_idx').on(t.organizationId, t.heldOn)],
);
