import {
  char,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/**
 * Applications that go through the review chain.
 * kind: filing | change | registration | exit
 * state: per the workflow table in @linli/core (draft, community_review, street_review, …)
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    organizationId: uuid('organization_id'),
    /** community of the organization (scope) */
    regionCode: char('region_code', { length: 12 }).notNull(),
    state: text('state').notNull(),
    /** the form (备案申请表 / change request / …) */
    form: jsonb('form').notNull(),
    applicantId: uuid('applicant_id'),
    applicantName: text('applicant_name'),
    version: integer('version').notNull().default(1),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('applications_region_state_idx').on(t.regionCode, t.state),
    index('applications_org_idx').on(t.organizationId),
  ],
);

/** Every step of an application: who, when, what, why. */
export const applicationSteps = pgTable(
  'application_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    fromState: text('from_state').notNull(),
    event: text('event').notNull(),
    toState: text('to_state').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('application_steps_app_idx').on(t.applicationId, t.at)],
);

export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id'),
    organizationId: uuid('organization_id'),
    /** e.g. charter, id_copy, venue_proof, member_list, other */
    purpose: text('purpose').notNull().default('other'),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('attachments_app_idx').on(t.applicationId),
    index('attachments_org_idx').on(t.organizationId),
  ],
);

/** Filing certificates (备案证书); number unique, verifiable publicly. */
export const certificates = pgTable(
  'certificates',
  {
    number: text('number').primaryKey(),
    organizationId: uuid('organization_id').notNull(),
    applicationId: uuid('application_id'),
    /** filing (备案证书) */
    kind: text('kind').notNull().default('filing'),
    /** particulars as issued (name, category, leader masked, scope, venue, street, date) */
    particulars: jsonb('particulars').notNull(),
    issuedOn: text('issued_on').notNull(),
    issuedBy: uuid('issued_by'),
    issuerName: text('issuer_name').notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('certificates_org_idx').on(t.organizationId)],
);

/** Sequence per street and year for filing numbers. */
export const filingCounters = pgTable(
  'filing_counters',
  {
    streetCode: char('street_code', { length: 9 }).notNull(),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
  },
  (t) => [uniqueIndex('filing_counters_pk').on(t.streetCode, t.year)],
);
