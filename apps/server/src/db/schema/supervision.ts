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
import { organizations } from './organizations';

/**
 * Annual reports (年度工作报告): one per organization and report year. `content` holds the form
 * (activities, projects, members, finances in fen, party building, …); every submission and
 * review is kept in `annual_report_history` with the content as submitted, so a returned and
 * corrected report never overwrites what was first sent.
 * status: draft | submitted | returned | pass | basic_pass | fail.
 */
export const annualReports = pgTable(
  'annual_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    reportYear: integer('report_year').notNull(),
    /** the tier the organization reported at: filed | registered */
    tier: text('tier').notNull(),
    regionCode: char('region_code', { length: 12 }).notNull(),
    status: text('status').notNull().default('draft'),
    content: jsonb('content').notNull(),
    deadline: date('deadline').notNull(),
    firstSubmittedOn: date('first_submitted_on'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    reviewReason: text('review_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('annual_reports_org_year_uq').on(t.organizationId, t.reportYear),
    index('annual_reports_year_region_idx').on(t.reportYear, t.regionCode),
  ],
);

export const annualReportHistory = pgTable(
  'annual_report_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => annualReports.id),
    event: text('event').notNull(),
    fromStatus: text('from_status').notNull(),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    /** the content as it stood when the event happened */
    content: jsonb('content').notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('annual_report_history_report_idx').on(t.reportId, t.at)],
);

/**
 * Credit listings (活动异常名录 / 严重违法失信名单). A listing is never deleted: it leaves with a
 * date and reason, or is voided after an upheld objection. `idem_key` makes the rules job
 * idempotent: (organization, key) is unique, so a second run – or a second instance – inserts
 * nothing twice. Officer entries get a key of their own (`officer:<uuid>`).
 */
export const creditListings = pgTable(
  'credit_listings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    regionCode: char('region_code', { length: 12 }).notNull(),
    /** abnormal | serious */
    list: text('list').notNull(),
    cause: text('cause').notNull(),
    idemKey: text('idem_key').notNull(),
    /** derived (by the rules job) | officer */
    entry: text('entry').notNull(),
    basis: text('basis').notNull(),
    reason: text('reason').notNull(),
    /** where the fact comes from: 年报 2025, a penalty decision number, attachments */
    evidence: jsonb('evidence').notNull().default(sql`'{}'::jsonb`),
    enteredOn: date('entered_on').notNull(),
    enteredBy: uuid('entered_by'),
    leftOn: date('left_on'),
    leaveReason: text('leave_reason'),
    leftBy: uuid('left_by'),
    voided: boolean('voided').notNull().default(false),
    voidReason: text('void_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('credit_listings_org_key_uq').on(t.organizationId, t.idemKey),
    index('credit_listings_region_idx').on(t.regionCode, t.list),
    index('credit_listings_org_idx').on(t.organizationId, t.enteredOn),
  ],
);

/** Runs of the scheduled supervision jobs: one row per job and day, so a day is done once. */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    day: date('day').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    summary: jsonb('summary'),
  },
  (t) => [uniqueIndex('job_runs_job_day_uq').on(t.job, t.day)],
);
