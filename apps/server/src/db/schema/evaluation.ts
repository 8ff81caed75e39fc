import { defaultEvaluationCutoffs } from '@linli/core';
import {
  char,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organizations } from './organizations';

/**
 * Comprehensive evaluation rounds (综合评价). A round keeps a copy of the scheme and cut-offs it
 * was run with, so a later change of the default never rewrites a published result.
 * status: draft | scoring | reviewing | published | closed (core `evaluationRoundFlow`).
 * `evaluator_ids` are the user ids of the evaluators assigned to the round.
 */
export const evaluationRounds = pgTable(
  'evaluation_rounds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull().unique(),
    title: text('title').notNull(),
    /** the region whose organizations are evaluated (a district, usually) */
    regionCode: char('region_code', { length: 12 }).notNull(),
    /** the year evaluated (评价年度) */
    year: integer('year').notNull(),
    /** a copy of the scheme used (the core's `defaultEvaluationScheme` unless the round brings its own) */
    scheme: jsonb('scheme').notNull(),
    cutoffs: jsonb('cutoffs').notNull().default(defaultEvaluationCutoffs),
    postingDays: integer('posting_days').notNull().default(7),
    status: text('status').notNull().default('draft'),
    /** the reason given with the last 退回重评 */
    statusReason: text('status_reason'),
    evaluatorIds: jsonb('evaluator_ids').notNull().default([]),
    /** organizations of the region left out when the round was created, with the reasons */
    excluded: jsonb('excluded').notNull().default([]),
    publishedOn: date('published_on'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('evaluation_rounds_region_idx').on(t.regionCode, t.year)],
);

/**
 * One organization in a round. `metrics` are computed from the platform's records when scoring
 * opens; `result` is the core's `scoreOrganization` output (with `total`, `level` and the
 * strengths and weaknesses copied out for lists and the public page).
 * status: pending | scoring | scored | rescoring.
 */
export const evaluationTargets = pgTable(
  'evaluation_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => evaluationRounds.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    regionCode: char('region_code', { length: 12 }).notNull(),
    metrics: jsonb('metrics'),
    metricsAt: timestamp('metrics_at', { withTimezone: true }),
    result: jsonb('result'),
    total: numeric('total', { precision: 4, scale: 1 }),
    level: text('level'),
    strengths: jsonb('strengths'),
    weaknesses: jsonb('weaknesses'),
    status: text('status').notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('evaluation_targets_round_org_uq').on(t.roundId, t.organizationId),
    index('evaluation_targets_org_idx').on(t.organizationId),
  ],
);

/** One evaluator's manual scores for one organization: indicator code → score (amended in place, audited). */
export const evaluationScores = pgTable(
  'evaluation_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => evaluationRounds.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    evaluatorId: uuid('evaluator_id').notNull(),
    scores: jsonb('scores').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evaluation_scores_uq').on(t.roundId, t.organizationId, t.evaluatorId)],
);

/**
 * An organization's appeal (异议) against its published result; one per organization and round.
 * status: submitted | upheld | rejected | rescored (core `evaluationAppealFlow`).
 */
export const evaluationAppeals = pgTable(
  'evaluation_appeals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    roundId: uuid('round_id')
      .notNull()
      .references(() => evaluationRounds.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    regionCode: char('region_code', { length: 12 }).notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('submitted'),
    decisionReason: text('decision_reason'),
    submittedBy: uuid('submitted_by'),
    submittedByName: text('submitted_by_name').notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('evaluation_appeals_round_org_uq').on(t.roundId, t.organizationId)],
);
