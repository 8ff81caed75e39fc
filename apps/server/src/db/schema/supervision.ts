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

/**
 * Random spot-check plans (双随机一公开). The plan keeps the pools it drew from (organization ids,
 * inspectors with their declared conflicts) and the seed, so anyone can replay the draw.
 * status: drawn | published.
 */
export const spotCheckPlans = pgTable(
  'spot_check_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    title: text('title').notNull(),
    /** the district (or street) whose organizations form the pool */
    regionCode: char('region_code', { length: 12 }).notNull(),
    year: integer('year').notNull(),
    ratio: text('ratio').notNull(),
    filters: jsonb('filters').notNull(),
    seed: text('seed').notNull(),
    organizationPool: jsonb('organization_pool').notNull(),
    inspectorPool: jsonb('inspector_pool').notNull(),
    sampleSize: integer('sample_size').notNull(),
    status: text('status').notNull().default('drawn'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('spot_check_plans_region_idx').on(t.regionCode, t.year)],
);

/** One drawn organization with its inspectors. status: drawn | recorded. result: compliant | rectify | violation. */
export const spotChecks = pgTable(
  'spot_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => spotCheckPlans.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    regionCode: char('region_code', { length: 12 }).notNull(),
    drawOrder: integer('draw_order').notNull(),
    inspectorIds: jsonb('inspector_ids').notNull(),
    status: text('status').notNull().default('drawn'),
    result: text('result'),
    findings: text('findings'),
    checkedOn: date('checked_on'),
    recordedBy: uuid('recorded_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('spot_checks_plan_org_uq').on(t.planId, t.organizationId),
    index('spot_checks_org_idx').on(t.organizationId),
  ],
);

/** Declared conflicts of interest: the inspector is never drawn for that organization. */
export const inspectorConflicts = pgTable(
  'inspector_conflicts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    reason: text('reason').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('inspector_conflicts_uq').on(t.userId, t.organizationId)],
);

/**
 * Rectification tasks (整改任务) from spot checks and other supervision; one not completed by
 * its deadline lists the organization on the abnormal list (the credit rules read them).
 * status: open | completed.
 */
export const rectificationTasks = pgTable(
  'rectification_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    regionCode: char('region_code', { length: 12 }).notNull(),
    spotCheckId: uuid('spot_check_id'),
    requirement: text('requirement').notNull(),
    deadline: date('deadline').notNull(),
    status: text('status').notNull().default('open'),
    completedOn: date('completed_on'),
    completionNote: text('completion_note'),
    verifiedBy: uuid('verified_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('rectification_tasks_org_idx').on(t.organizationId)],
);

/**
 * Dormant-organization cases: a warning when an organization has shown no sign of life for the
 * configured period, then an exit proposal to the street; cleared by a later activity or report.
 * At most one open case per organization (partial unique index), so the daily job is idempotent.
 * status: warned | proposed | cleared.
 */
export const dormantCases = pgTable(
  'dormant_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    regionCode: char('region_code', { length: 12 }).notNull(),
    status: text('status').notNull().default('warned'),
    lastSignOn: date('last_sign_on').notNull(),
    lastSign: text('last_sign').notNull(),
    warnedOn: date('warned_on').notNull(),
    proposedOn: date('proposed_on'),
    clearedOn: date('cleared_on'),
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('dormant_cases_open_uq').on(t.organizationId).where(sql`cleared_on is null`),
    index('dormant_cases_region_idx').on(t.regionCode, t.status),
  ],
);
