import {
  type AppealCheck,
  availableActions,
  canAppeal,
  canCloseRound,
  DEFAULT_POSTING_DAYS,
  defaultEvaluationCutoffs,
  defaultEvaluationScheme,
  type EvaluationAppealStatus,
  type EvaluationCutoffs,
  type EvaluationFinding,
  type EvaluationLevel,
  type EvaluationMetric,
  type EvaluationMetricValues,
  type EvaluationResult,
  type EvaluationRoundStatus,
  type EvaluationScheme,
  evaluationAppealFlow,
  evaluationAppealStatusLabels,
  evaluationEligibility,
  evaluationLevel,
  evaluationLevelLabels,
  evaluationMetricDefs,
  evaluationRoundFlow,
  evaluationRoundStatusLabels,
  listStateOn,
  type ManualScores,
  postingEndsOn,
  prefixRange,
  rolePermissions,
  scoreOrganization,
  scoringOpenFor,
  strengthsAndWeaknesses,
  todayInShanghai,
  transition,
  validateEvaluationCutoffs,
  validateEvaluationScheme,
  validateManualScores,
} from '@linli/core';
import { and, asc, desc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import type { DbOrTx } from '../../db/client';
import {
  evaluationAppeals,
  evaluationRounds,
  evaluationScores,
  evaluationTargets,
  grants,
  organizations,
  regions,
  users,
} from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can, rolesFor, scopeWhere } from '../../lib/authz/scope';
import {
  type AppError,
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
  staleVersion,
  unprocessable,
} from '../../lib/errors';
import { likePattern } from '../../lib/pagination';
import { isUuid } from '../../lib/uuid';
import { reportingOrg } from '../annualReports/annualReports.service';
import { LISTING_COLUMNS, type ListingRow, toListing } from '../creditLists/creditRules.job';
import { txQuery } from '../points/points.ledger';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'>;
type RoundRow = typeof evaluationRounds.$inferSelect;
type TargetRow = typeof evaluationTargets.$inferSelect;
type AppealRow = typeof evaluationAppeals.$inferSelect;

export type RoundInput = {
  title: string;
  regionCode: string;
  year: number;
  tier?: 'filed' | 'registered';
  organizationIds?: string[];
  evaluatorIds: string[];
  postingDays?: number;
  scheme?: EvaluationScheme;
  cutoffs?: EvaluationCutoffs;
};

export type RoundEvent = 'start' | 'submit' | 'publish' | 'return' | 'close';
export type AppealDecision = 'uphold' | 'reject' | 'rescore';

export const targetStatusLabels: Readonly<Record<string, string>> = {
  pending: '待评分',
  scoring: '评分中',
  scored: '已计分',
  rescoring: '异议成立，重新评分中',
};

/** Where each metric comes from on this platform (shown next to the value). */
export const metricSources: Readonly<Record<EvaluationMetric, string>> = {
  party_organization: '组织信息中的党组织建设情况',
  activities_held: '评价年度内已发布或已结束的志愿服务活动，加上台账登记的活动',
  service_hours: '评价年度内有效的志愿服务记录时长',
  members_count: '组织信息中的成员人数',
  leader_trainings: '该年度年度报告中填报的培训次数',
  projects_run: '该年度年度报告中填报的服务项目个数',
  purchased_project_score: '平台暂未记录购买服务项目评估结果，按 0 分计',
  annual_report_on_time: '该年度年度报告首次提交日期不晚于报送截止日',
  annual_report_passed: '该年度年度报告审核结果为合格或基本合格',
  credit_clean: '评价年度内未被列入活动异常名录或严重违法失信名单（已撤销的列入不计）',
  awards_count: '平台暂未记录组织表彰奖励，按 0 次计',
  penalties_count: '评价年度内因警告、罚款等行政处罚被列入名录的次数',
};

const PENALTY_CAUSES = ['warning', 'small_fine', 'large_fine'];

const schemeOf = (r: RoundRow) => r.scheme as EvaluationScheme;
const cutoffsOf = (r: RoundRow) => (r.cutoffs as EvaluationCutoffs | null) ?? defaultEvaluationCutoffs;
const evaluatorsOf = (r: RoundRow) => r.evaluatorIds as string[];
const manualCodes = (s: EvaluationScheme) =>
  s.dimensions.flatMap((d) => d.indicators.filter((i) => i.source === 'manual').map((i) => i.code));
const usedMetrics = (s: EvaluationScheme) => [
  ...new Set(
    s.dimensions.flatMap((d) => d.indicators.flatMap((i) => (i.source === 'computed' ? [i.metric] : []))),
  ),
];

/** A flow refusal as an HTTP error: the role's refusal is 403, the others 422. */
function flowError(e: { code: string; message: string }): AppError {
  if (e.code === 'role_not_allowed') return forbidden(e.message);
  return unprocessable(
    e.message,
    e.code === 'reason_required' ? { reason: e.message } : { status: e.message },
  );
}

export function createEvaluationService(deps: Deps) {
  const { database, audit, clock } = deps;
  const db = database.db;
  const today = () => todayInShanghai(clock.now());

  /** Rounds the actor may see: in their supervision scope, assigned as evaluator, or one of their organizations takes part. */
  function visibleWhere(actor: Actor): SQL {
    const targetScope = scopeWhere(
      actor,
      { region: evaluationTargets.regionCode, org: evaluationTargets.organizationId },
      'supervision.read',
    );
    return or(
      scopeWhere(actor, { region: evaluationRounds.regionCode }, 'supervision.read'),
      sql`${evaluationRounds.evaluatorIds} @> ${JSON.stringify([actor.id])}::jsonb`,
      sql`exists (select 1 from ${evaluationTargets} where ${evaluationTargets.roundId} = ${evaluationRounds.id} and ${targetScope})`,
    ) as SQL;
  }

  function access(actor: Actor, r: RoundRow) {
    const manager = can(actor, 'evaluation.manage', { regionCode: r.regionCode });
    const overseer = can(actor, 'supervision.read', { regionCode: r.regionCode });
    const evaluator = evaluatorsOf(r).includes(actor.id);
    return { manager, overseer, evaluator, full: manager || overseer || evaluator };
  }

  const seesTarget = (
    actor: Actor,
    acc: ReturnType<typeof access>,
    t: Pick<TargetRow, 'regionCode' | 'organizationId'>,
  ) =>
    acc.full ||
    can(actor, 'supervision.read', { regionCode: t.regionCode, organizationId: t.organizationId });

  const isLeaderOf = (actor: Actor, orgId: string) =>
    actor.grants.some((g) => g.role === 'org_leader' && g.organizationId === orgId);

  async function roundScoped(tx: DbOrTx, actor: Actor, id: string, lock?: 'update' | 'share') {
    if (!isUuid(id)) throw notFound('综合评价');
    const q = tx
      .select()
      .from(evaluationRounds)
      .where(and(eq(evaluationRounds.id, id), visibleWhere(actor)));
    const [r] = lock ? await q.for(lock) : await q;
    if (!r) throw notFound('综合评价');
    return r;
  }

  async function targetOf(tx: DbOrTx, actor: Actor, r: RoundRow, orgId: string) {
    if (!isUuid(orgId)) throw notFound('参评组织');
    const [row] = await tx
      .select({ t: evaluationTargets, name: organizations.name, tier: organizations.tier })
      .from(evaluationTargets)
      .innerJoin(organizations, eq(organizations.id, evaluationTargets.organizationId))
      .where(and(eq(evaluationTargets.roundId, r.id), eq(evaluationTargets.organizationId, orgId)));
    if (!row || !seesTarget(actor, access(actor, r), row.t)) throw notFound('参评组织');
    return row;
  }

  async function appealsOf(tx: DbOrTx, roundId: string, orgId?: string): Promise<AppealRow[]> {
    return tx
      .select()
      .from(evaluationAppeals)
      .where(
        and(
          eq(evaluationAppeals.roundId, roundId),
          orgId ? eq(evaluationAppeals.organizationId, orgId) : undefined,
        ),
      )
      .orderBy(asc(evaluationAppeals.createdAt));
  }

  async function scoresOf(tx: DbOrTx, roundId: string, orgIds?: string[]) {
    return tx
      .select()
      .from(evaluationScores)
      .where(
        and(
          eq(evaluationScores.roundId, roundId),
          orgIds ? inArray(evaluationScores.organizationId, orgIds) : undefined,
        ),
      );
  }

  async function record(
    tx: DbOrTx,
    actor: Actor,
    action: string,
    entity: [string, string],
    regionCode: string,
    before: unknown,
    after: unknown,
  ) {
    await audit.record(tx, { actor: auditActor(actor), action, entity, regionCode, before, after });
  }

  /**
   * The metrics of the round's organizations (all, or `orgId` only) for the evaluated year, from
   * what the platform records – only those the scheme's computed indicators use.
   */
  async function computeMetrics(tx: DbOrTx, r: RoundRow, orgId?: string) {
    const from = `${r.year}-01-01`;
    const to = `${r.year}-12-31`;
    const rows = await txQuery<{
      id: string;
      party_status: string;
      member_count: number;
      acts: number;
      ledger: number;
      minutes: number;
      on_time: boolean | null;
      passed: boolean | null;
      trainings: number | null;
      projects: number | null;
      listings: number;
      penalties: number;
    }>(
      tx,
      `select t.organization_id as id, o.party_status, o.member_count,
         (select count(*)::int from service_activities a where a.organization_id = t.organization_id
             and a.status in ('published', 'finished')
             and (a.starts_at at time zone 'Asia/Shanghai')::date between $2::date and $3::date) as acts,
         (select count(*)::int from ledger_activities l where l.organization_id = t.organization_id
             and l.held_on between $2::date and $3::date) as ledger,
         (select coalesce(sum(s.minutes), 0)::int from service_records s where s.organization_id = t.organization_id
             and s.status = 'valid' and s.service_date between $2::date and $3::date) as minutes,
         (ar.first_submitted_on is not null and ar.first_submitted_on <= ar.deadline) as on_time,
         (ar.status in ('pass', 'basic_pass')) as passed,
         case when ar.first_submitted_on is not null
           then jsonb_array_length(coalesce(ar.content -> 'training', '[]'::jsonb)) end as trainings,
         case when ar.first_submitted_on is not null
           then jsonb_array_length(coalesce(ar.content -> 'projects', '[]'::jsonb)) end as projects,
         (select count(*)::int from credit_listings c where c.organization_id = t.organization_id and not c.voided
             and c.entered_on <= $3::date and (c.left_on is null or c.left_on > $2::date)) as listings,
         (select count(*)::int from credit_listings c where c.organization_id = t.organization_id and not c.voided
             and c.cause in (${PENALTY_CAUSES.map((c) => `'${c}'`).join(', ')})
             and c.entered_on between $2::date and $3::date) as penalties
         from evaluation_targets t
         join organizations o on o.id = t.organization_id
         left join annual_reports ar on ar.organization_id = t.organization_id and ar.report_year = $4
        where t.round_id = $1 ${orgId ? 'and t.organization_id = $5' : ''}`,
      orgId ? [r.id, from, to, r.year, orgId] : [r.id, from, to, r.year],
    );
    const used = usedMetrics(schemeOf(r));
    const out = new Map<string, EvaluationMetricValues>();
    for (const x of rows) {
      const all: Record<EvaluationMetric, number | boolean> = {
        party_organization: x.party_status !== 'none',
        activities_held: Number(x.acts) + Number(x.ledger),
        service_hours: Math.round(Number(x.minutes) / 6) / 10,
        members_count: Number(x.member_count),
        leader_trainings: Number(x.trainings ?? 0),
        projects_run: Number(x.projects ?? 0),
        purchased_project_score: 0,
        annual_report_on_time: x.on_time === true,
        annual_report_passed: x.passed === true,
        credit_clean: Number(x.listings) === 0,
        awards_count: 0,
        penalties_count: Number(x.penalties),
      };
      out.set(x.id, Object.fromEntries(used.map((m) => [m, all[m]])));
    }
    return out;
  }

  async function storeMetrics(tx: DbOrTx, r: RoundRow, status: string, orgId?: string) {
    const metrics = await computeMetrics(tx, r, orgId);
    const now = clock.now();
    for (const [id, m] of metrics)
      await tx
        .update(evaluationTargets)
        .set({ metrics: m, metricsAt: now, status, updatedAt: now })
        .where(and(eq(evaluationTargets.roundId, r.id), eq(evaluationTargets.organizationId, id)));
    return metrics.size;
  }

  /** Who has scored every manual indicator of an organization. */
  function completeEvaluators(r: RoundRow, rows: { evaluatorId: string; scores: unknown }[]): string[] {
    const codes = manualCodes(schemeOf(r));
    const evaluators = evaluatorsOf(r);
    return rows
      .filter((s) => evaluators.includes(s.evaluatorId))
      .filter((s) => codes.every((c) => Object.hasOwn(s.scores as object, c)))
      .map((s) => s.evaluatorId);
  }

  /** Organizations (of `orgIds`, default all) whose scores are not all in: their count and names. */
  async function incomplete(tx: DbOrTx, r: RoundRow, orgIds?: string[]) {
    const targets = await tx
      .select({ id: evaluationTargets.organizationId, name: organizations.name })
      .from(evaluationTargets)
      .innerJoin(organizations, eq(organizations.id, evaluationTargets.organizationId))
      .where(
        and(
          eq(evaluationTargets.roundId, r.id),
          orgIds ? inArray(evaluationTargets.organizationId, orgIds) : undefined,
        ),
      )
      .orderBy(asc(organizations.name));
    const scores = await scoresOf(tx, r.id, orgIds);
    const need = evaluatorsOf(r).length;
    return targets.filter(
      (t) =>
        completeEvaluators(
          r,
          scores.filter((s) => s.organizationId === t.id),
        ).length < need,
    );
  }

  /** Scores the round's organizations (all, or `orgIds`) with the core and stores the results. */
  async function computeResults(tx: DbOrTx, r: RoundRow, orgIds?: string[]) {
    const scheme = schemeOf(r);
    const cutoffs = cutoffsOf(r);
    const evaluators = evaluatorsOf(r);
    const targets = await tx
      .select()
      .from(evaluationTargets)
      .where(
        and(
          eq(evaluationTargets.roundId, r.id),
          orgIds ? inArray(evaluationTargets.organizationId, orgIds) : undefined,
        ),
      );
    const scores = await scoresOf(tx, r.id, orgIds);
    const now = clock.now();
    const out: { organizationId: string; total: number; level: EvaluationLevel }[] = [];
    for (const t of targets) {
      const manual: ManualScores = Object.fromEntries(
        scores
          .filter((s) => s.organizationId === t.organizationId)
          .map((s) => [s.evaluatorId, s.scores as Record<string, number>]),
      );
      const result = scoreOrganization(scheme, manual, (t.metrics ?? {}) as EvaluationMetricValues, {
        evaluators,
      });
      const level = evaluationLevel(result.total, cutoffs);
      const sw = strengthsAndWeaknesses(result);
      await tx
        .update(evaluationTargets)
        .set({
          result,
          total: result.total.toFixed(1),
          level: level.level,
          strengths: sw.strengths,
          weaknesses: sw.weaknesses,
          status: 'scored',
          updatedAt: now,
        })
        .where(eq(evaluationTargets.id, t.id));
      out.push({ organizationId: t.organizationId, total: result.total, level: level.level });
    }
    return out;
  }

  const presentRound = (r: RoundRow) => ({
    id: r.id,
    code: r.code,
    title: r.title,
    regionCode: r.regionCode,
    year: r.year,
    status: r.status,
    statusLabel: evaluationRoundStatusLabels[r.status as EvaluationRoundStatus] ?? r.status,
    statusReason: r.statusReason,
    postingDays: r.postingDays,
    publishedOn: r.publishedOn,
    postingEndsOn: r.publishedOn ? postingEndsOn(r.publishedOn, r.postingDays) : null,
    evaluatorCount: evaluatorsOf(r).length,
    createdByName: r.createdByName,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  });

  const presentAppeal = (a: AppealRow) => ({
    id: a.id,
    roundId: a.roundId,
    organizationId: a.organizationId,
    reason: a.reason,
    status: a.status,
    statusLabel: evaluationAppealStatusLabels[a.status as EvaluationAppealStatus] ?? a.status,
    decisionReason: a.decisionReason,
    submittedByName: a.submittedByName,
    decidedAt: a.decidedAt,
    createdAt: a.createdAt,
    version: a.version,
  });

  /** A result is shown to those who see the whole round, and to the others once it is published. */
  const resultVisible = (acc: ReturnType<typeof access>, r: RoundRow) =>
    acc.full || r.status === 'published' || r.status === 'closed';

  const levelOf = (t: TargetRow) =>
    t.level
      ? { level: t.level, levelLabel: evaluationLevelLabels[t.level as EvaluationLevel] ?? t.level }
      : null;

  async function detail(actor: Actor, r: RoundRow) {
    const acc = access(actor, r);
    const rows = await db
      .select({ t: evaluationTargets, name: organizations.name, tier: organizations.tier })
      .from(evaluationTargets)
      .innerJoin(organizations, eq(organizations.id, evaluationTargets.organizationId))
      .where(eq(evaluationTargets.roundId, r.id))
      .orderBy(asc(organizations.name), asc(organizations.id));
    const visible = rows.filter((x) => seesTarget(actor, acc, x.t));
    const scores = await db
      .select({
        organizationId: evaluationScores.organizationId,
        evaluatorId: evaluationScores.evaluatorId,
        scores: evaluationScores.scores,
      })
      .from(evaluationScores)
      .where(eq(evaluationScores.roundId, r.id));
    const appeals = await appealsOf(db, r.id);
    const evaluatorIds = evaluatorsOf(r);
    const names = evaluatorIds.length
      ? await db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(inArray(users.id, evaluatorIds))
      : [];
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const roles = rolesFor(actor, { regionCode: r.regionCode });
    const showResult = resultVisible(acc, r);
    return {
      ...presentRound(r),
      scheme: schemeOf(r),
      cutoffs: cutoffsOf(r),
      // who evaluates is shown to the organizers and the evaluators, not to the organizations
      evaluators: acc.full ? evaluatorIds.map((id) => ({ id, name: nameOf.get(id) ?? '' })) : [],
      excluded: acc.full ? r.excluded : [],
      me: { manager: acc.manager, evaluator: acc.evaluator },
      actions: acc.manager ? availableActions(evaluationRoundFlow, r.status, roles) : [],
      targetCount: rows.length,
      targets: visible.map(({ t, name, tier }) => {
        const own = scores.filter((s) => s.organizationId === t.organizationId);
        const orgAppeals = appeals.filter((a) => a.organizationId === t.organizationId);
        const appeal = orgAppeals.at(-1);
        const mine = own.find((s) => s.evaluatorId === actor.id);
        return {
          organizationId: t.organizationId,
          organizationName: name,
          tier,
          regionCode: t.regionCode,
          status: t.status,
          statusLabel: targetStatusLabels[t.status] ?? t.status,
          progress: {
            evaluators: evaluatorIds.length,
            complete: completeEvaluators(r, own).length,
            started: own.filter((s) => evaluatorIds.includes(s.evaluatorId)).length,
          },
          myScores: acc.evaluator
            ? {
                started: !!mine,
                complete: !!mine && completeEvaluators(r, [mine]).length === 1,
              }
            : null,
          scoringOpen:
            scoringOpenFor(
              r.status as EvaluationRoundStatus,
              orgAppeals.map((a) => a.status as EvaluationAppealStatus),
            ) && acc.evaluator,
          total: showResult && t.total !== null ? Number(t.total) : null,
          ...(showResult
            ? (levelOf(t) ?? { level: null, levelLabel: null })
            : { level: null, levelLabel: null }),
          appeal: appeal ? presentAppeal(appeal) : null,
        };
      }),
    };
  }

  /** Candidates of a new round: the given organizations, or every live filed/registered one in the region. */
  async function candidates(tx: DbOrTx, input: RoundInput) {
    const [lo, hi] = prefixRange(input.regionCode);
    const conds: SQL[] = [sql`${organizations.regionCode} between ${lo} and ${hi}`];
    if (input.organizationIds) conds.push(inArray(organizations.id, input.organizationIds));
    else
      conds.push(
        inArray(organizations.tier, ['filed', 'registered']),
        sql`${organizations.status} <> 'exited'`,
      );
    if (input.tier) conds.push(eq(organizations.tier, input.tier));
    const orgs = await tx
      .select()
      .from(organizations)
      .where(and(...conds))
      .orderBy(asc(organizations.name), asc(organizations.id));
    if (input.organizationIds) {
      const found = new Set(orgs.map((o) => o.id));
      const fields: Record<string, string> = {};
      input.organizationIds.forEach((id, i) => {
        if (!found.has(id)) fields[`organizationIds.${i}`] = '组织不存在或不在本轮评价区域内';
      });
      if (Object.keys(fields).length) throw unprocessable('部分组织不存在或不在本轮评价区域内', fields);
    }
    const listingRows = orgs.length
      ? await txQuery<ListingRow>(
          tx,
          `select ${LISTING_COLUMNS} from credit_listings
            where organization_id in (select jsonb_array_elements_text($1::jsonb)::uuid)`,
          [JSON.stringify(orgs.map((o) => o.id))],
        )
      : [];
    const t0 = today();
    const included: typeof orgs = [];
    const excluded: { organizationId: string; organizationName: string; reasons: string[] }[] = [];
    for (const o of orgs) {
      const ro = reportingOrg(o);
      const listed = listStateOn(
        listingRows.filter((l) => l.organization_id === o.id).map(toListing),
        t0,
      ).state;
      const e = evaluationEligibility(
        { tier: ro.tier, liveSince: ro.liveSince, exitedOn: o.exitedOn, onCreditList: listed },
        t0,
      );
      if (e.eligible) included.push(o);
      else excluded.push({ organizationId: o.id, organizationName: o.name, reasons: e.reasons });
    }
    return { included, excluded };
  }

  /** The evaluators: known, active users who may read supervision data. */
  async function checkEvaluators(tx: DbOrTx, ids: string[]) {
    const rows = await tx
      .select({ id: users.id, status: users.status })
      .from(users)
      .where(inArray(users.id, ids));
    const held = await tx
      .select({ userId: grants.userId, role: grants.role })
      .from(grants)
      .where(and(inArray(grants.userId, ids), isNull(grants.revokedAt)));
    const fields: Record<string, string> = {};
    ids.forEach((id, i) => {
      const u = rows.find((x) => x.id === id);
      if (u?.status !== 'active') fields[`evaluatorIds.${i}`] = '评审人员不存在或已停用';
      else if (
        !held.some(
          (g) =>
            g.userId === id &&
            (
              rolePermissions[g.role as keyof typeof rolePermissions] as readonly string[] | undefined
            )?.includes('supervision.read'),
        )
      )
        fields[`evaluatorIds.${i}`] = '该用户没有查看监管信息的权限，不能担任评审人员';
    });
    if (Object.keys(fields).length) throw unprocessable(Object.values(fields)[0], fields);
  }

  return {
    async create(actor: Actor, input: RoundInput) {
      if (!can(actor, 'evaluation.manage', { regionCode: input.regionCode }))
        throw forbidden('您无权在该区域组织综合评价');
      const scheme = input.scheme ?? defaultEvaluationScheme;
      const cutoffs = input.cutoffs ?? defaultEvaluationCutoffs;
      const fields: Record<string, string> = {};
      if (input.scheme)
        for (const p of validateEvaluationScheme(scheme)) fields[`scheme.${p.path}`] ??= p.message;
      if (input.cutoffs)
        for (const p of validateEvaluationCutoffs(cutoffs)) fields[`cutoffs.${p.path}`] ??= p.message;
      if (Object.keys(fields).length) throw unprocessable('评价方案或分数线设置有误，请修改后再保存', fields);
      if (input.year > Number(today().slice(0, 4)))
        throw unprocessable('评价年度不能晚于今年', { year: '评价年度不能晚于今年' });
      return db
        .transaction(async (tx) => {
          const [region] = await tx
            .select({ code: regions.code })
            .from(regions)
            .where(eq(regions.code, input.regionCode));
          if (!region) throw unprocessable('区划不存在', { regionCode: '区划不存在' });
          await checkEvaluators(tx, input.evaluatorIds);
          const { included, excluded } = await candidates(tx, input);
          if (!included.length)
            throw unprocessable('没有可参加本轮评价的组织', {
              organizationIds: '没有可参加本轮评价的组织',
            });
          const prefix = `PJ${input.regionCode.slice(0, 6)}-${input.year}-`;
          const [{ n }] = await txQuery<{ n: number }>(
            tx,
            `select count(*)::int + 1 as n from evaluation_rounds where code like $1`,
            [`${prefix}%`],
          );
          const code = `${prefix}${String(n).padStart(3, '0')}`;
          const [r] = await tx
            .insert(evaluationRounds)
            .values({
              code,
              title: input.title,
              regionCode: input.regionCode,
              year: input.year,
              scheme,
              cutoffs,
              postingDays: input.postingDays ?? DEFAULT_POSTING_DAYS,
              evaluatorIds: input.evaluatorIds,
              excluded,
              createdBy: actor.id,
              createdByName: actor.displayName,
            })
            .returning()
            .catch((e: unknown) => {
              if (isUniqueViolation(e)) throw conflict('评价编号已被占用，请重试');
              throw e;
            });
          await tx
            .insert(evaluationTargets)
            .values(included.map((o) => ({ roundId: r.id, organizationId: o.id, regionCode: o.regionCode })));
          await record(tx, actor, 'evaluation_round.create', ['evaluation_round', r.id], r.regionCode, null, {
            code,
            title: r.title,
            year: r.year,
            evaluatorIds: input.evaluatorIds,
            organizationIds: included.map((o) => o.id),
            excluded,
          });
          return r;
        })
        .then(async (r) => ({ ...(await detail(actor, r)), excluded: r.excluded }));
    },

    async list(
      actor: Actor,
      f: { year?: number; status?: string; regionCode?: string; q?: string; page: number; pageSize: number },
    ) {
      const conds: SQL[] = [visibleWhere(actor)];
      if (f.year) conds.push(eq(evaluationRounds.year, f.year));
      if (f.status) conds.push(eq(evaluationRounds.status, f.status));
      if (f.regionCode) {
        const [lo, hi] = prefixRange(f.regionCode);
        conds.push(sql`${evaluationRounds.regionCode} between ${lo} and ${hi}`);
      }
      if (f.q) conds.push(sql`${evaluationRounds.title} like ${likePattern(f.q)}`);
      const where = and(...conds);
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(evaluationRounds)
        .where(where);
      const rows = await db
        .select({
          r: evaluationRounds,
          targets: sql<number>`(select count(*)::int from ${evaluationTargets} where ${evaluationTargets.roundId} = ${evaluationRounds.id})`,
        })
        .from(evaluationRounds)
        .where(where)
        .orderBy(desc(evaluationRounds.createdAt), asc(evaluationRounds.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      return {
        items: rows.map(({ r, targets }) => {
          const acc = access(actor, r);
          return {
            ...presentRound(r),
            targetCount: Number(targets),
            me: { manager: acc.manager, evaluator: acc.evaluator },
          };
        }),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    async get(actor: Actor, id: string) {
      return detail(actor, await roundScoped(db, actor, id));
    },

    /** One organization in a round: metrics, scheme, scores (own, or all for the organizers) and result. */
    async target(actor: Actor, id: string, orgId: string) {
      const r = await roundScoped(db, actor, id);
      const { t, name, tier } = await targetOf(db, actor, r, orgId);
      const acc = access(actor, r);
      const scheme = schemeOf(r);
      const rows = await scoresOf(db, r.id, [t.organizationId]);
      const appeals = await appealsOf(db, r.id, t.organizationId);
      const evaluatorIds = evaluatorsOf(r);
      const names = evaluatorIds.length
        ? await db
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(inArray(users.id, evaluatorIds))
        : [];
      const nameOf = new Map(names.map((n) => [n.id, n.name]));
      const seeAll = acc.manager || acc.overseer;
      const mine = rows.find((s) => s.evaluatorId === actor.id);
      const showResult = resultVisible(acc, r);
      const metrics = (t.metrics ?? null) as EvaluationMetricValues | null;
      const appealStatuses = appeals.map((a) => a.status as EvaluationAppealStatus);
      const appealCheck: AppealCheck | null = isLeaderOf(actor, t.organizationId)
        ? canAppeal({
            roundStatus: r.status as EvaluationRoundStatus,
            publishedOn: r.publishedOn,
            postingDays: r.postingDays,
            today: today(),
            appeals: appealStatuses,
          })
        : null;
      return {
        round: presentRound(r),
        organization: { id: t.organizationId, name, tier, regionCode: t.regionCode },
        status: t.status,
        statusLabel: targetStatusLabels[t.status] ?? t.status,
        scheme,
        metrics: metrics
          ? usedMetrics(scheme).map((m) => ({
              metric: m,
              label: evaluationMetricDefs[m].label,
              kind: evaluationMetricDefs[m].kind,
              unit: evaluationMetricDefs[m].unit ?? null,
              value: metrics[m] ?? (evaluationMetricDefs[m].kind === 'boolean' ? false : 0),
              source: metricSources[m],
            }))
          : null,
        metricsAt: t.metricsAt,
        scoringOpen: acc.evaluator && scoringOpenFor(r.status as EvaluationRoundStatus, appealStatuses),
        myScores: acc.evaluator ? ((mine?.scores as Record<string, number>) ?? {}) : null,
        mySubmittedAt: mine?.submittedAt ?? null,
        scores: seeAll
          ? evaluatorIds.map((e) => {
              const s = rows.find((x) => x.evaluatorId === e);
              return {
                evaluatorId: e,
                evaluatorName: nameOf.get(e) ?? '',
                scores: (s?.scores as Record<string, number>) ?? {},
                submittedAt: s?.submittedAt ?? null,
              };
            })
          : null,
        result: !showResult
          ? null
          : acc.full
            ? ((t.result as EvaluationResult | null) ?? null)
            : t.result
              ? {
                  dimensions: (t.result as EvaluationResult).dimensions,
                  total: (t.result as EvaluationResult).total,
                }
              : null,
        total: showResult && t.total !== null ? Number(t.total) : null,
        ...(showResult
          ? (levelOf(t) ?? { level: null, levelLabel: null })
          : { level: null, levelLabel: null }),
        strengths: showResult ? ((t.strengths as EvaluationFinding[] | null) ?? []) : [],
        weaknesses: showResult ? ((t.weaknesses as EvaluationFinding[] | null) ?? []) : [],
        appeals: appeals.map(presentAppeal),
        appealCheck,
      };
    },

    /** A step of the round's flow (开始评分, 提交审核, 发布公示, 退回重评, 结束公示). */
    async event(actor: Actor, id: string, input: { event: RoundEvent; reason?: string; version: number }) {
      return db
        .transaction(async (tx) => {
          const r = await roundScoped(tx, actor, id, 'update');
          if (!can(actor, 'evaluation.manage', { regionCode: r.regionCode }))
            throw forbidden('您无权办理该轮综合评价');
          const roles = rolesFor(actor, { regionCode: r.regionCode });
          const step = transition(evaluationRoundFlow, r.status, input.event, { roles }, input.reason);
          if ('error' in step) throw flowError(step.error);
          if (r.version !== input.version) throw staleVersion();
          const t0 = today();
          const changes: Partial<typeof evaluationRounds.$inferInsert> = {
            status: step.to,
            updatedAt: clock.now(),
          };
          const after: Record<string, unknown> = { status: step.to };
          if (input.event === 'start') {
            after.metricsComputed = await storeMetrics(tx, r, 'scoring');
          } else if (input.event === 'submit') {
            const open = await incomplete(tx, r);
            if (open.length)
              throw unprocessable(
                `还有 ${open.length} 个组织的评分未完成（如${open[0].name}），不能提交审核`,
                { status: '评分未完成' },
              );
            after.results = await computeResults(tx, r);
          } else if (input.event === 'return') {
            changes.statusReason = input.reason?.trim() ?? null;
            after.reason = changes.statusReason;
            await tx
              .update(evaluationTargets)
              .set({
                status: 'scoring',
                result: null,
                total: null,
                level: null,
                strengths: null,
                weaknesses: null,
                updatedAt: clock.now(),
              })
              .where(eq(evaluationTargets.roundId, r.id));
          } else if (input.event === 'publish') {
            after.results = await computeResults(tx, r);
            changes.publishedOn = t0;
            after.publishedOn = t0;
          } else if (input.event === 'close') {
            const appeals = await appealsOf(tx, r.id);
            const check = canCloseRound({
              publishedOn: r.publishedOn!,
              postingDays: r.postingDays,
              today: t0,
              appeals: appeals.map((a) => a.status as EvaluationAppealStatus),
            });
            if (!check.allowed) throw unprocessable(check.reason, { status: check.reason });
          }
          const updated = await updateVersioned(
            tx,
            evaluationRounds,
            { id: r.id, version: input.version },
            changes,
          );
          await record(
            tx,
            actor,
            `evaluation_round.${input.event}`,
            ['evaluation_round', r.id],
            r.regionCode,
            { status: r.status },
            after,
          );
          return updated;
        })
        .then((r) => detail(actor, r));
    },

    /** An evaluator enters (or amends) their scores for one organization: the whole sheet is replaced. */
    async score(actor: Actor, id: string, orgId: string, scores: Record<string, number>) {
      return db.transaction(async (tx) => {
        const r = await roundScoped(tx, actor, id, 'share');
        const acc = access(actor, r);
        const { t } = await targetOf(tx, actor, r, orgId);
        if (!acc.evaluator) throw forbidden('只有本轮评审人员可以评分');
        const appeals = await appealsOf(tx, r.id, t.organizationId);
        if (
          !scoringOpenFor(
            r.status as EvaluationRoundStatus,
            appeals.map((a) => a.status as EvaluationAppealStatus),
          )
        )
          throw unprocessable(
            r.status === 'draft' ? '本轮评价尚未开始评分' : '当前不在评分阶段，不能修改评分',
            { status: '不在评分阶段' },
          );
        const problems = validateManualScores(schemeOf(r), { [actor.id]: scores }, evaluatorsOf(r));
        if (problems.length) {
          const fields: Record<string, string> = {};
          for (const p of problems)
            fields[p.indicatorCode ? `scores.${p.indicatorCode}` : 'scores'] ??= p.message;
          throw unprocessable(problems[0].message, fields);
        }
        const [existing] = await tx
          .select()
          .from(evaluationScores)
          .where(
            and(
              eq(evaluationScores.roundId, r.id),
              eq(evaluationScores.organizationId, t.organizationId),
              eq(evaluationScores.evaluatorId, actor.id),
            ),
          )
          .for('update');
        const now = clock.now();
        const [row] = await tx
          .insert(evaluationScores)
          .values({
            roundId: r.id,
            organizationId: t.organizationId,
            evaluatorId: actor.id,
            scores,
            submittedAt: now,
          })
          .onConflictDoUpdate({
            target: [evaluationScores.roundId, evaluationScores.organizationId, evaluationScores.evaluatorId],
            set: { scores, submittedAt: now },
          })
          .returning();
        await record(
          tx,
          actor,
          existing ? 'evaluation_score.amend' : 'evaluation_score.submit',
          ['evaluation_score', row.id],
          t.regionCode,
          existing ? { scores: existing.scores } : null,
          { roundId: r.id, organizationId: t.organizationId, scores },
        );
        const codes = manualCodes(schemeOf(r));
        const missing = codes.filter((c) => !Object.hasOwn(scores, c));
        return {
          roundId: r.id,
          organizationId: t.organizationId,
          scores,
          submittedAt: row.submittedAt,
          complete: missing.length === 0,
          missing,
        };
      });
    },

    /** The organization's leader raises an appeal during the posting period. */
    async appeal(actor: Actor, id: string, orgId: string, reason: string) {
      return db.transaction(async (tx) => {
        const r = await roundScoped(tx, actor, id, 'share');
        const { t } = await targetOf(tx, actor, r, orgId);
        if (!isLeaderOf(actor, t.organizationId)) throw forbidden('只有该组织负责人可以对评价结果提出异议');
        const appeals = await appealsOf(tx, r.id, t.organizationId);
        const check = canAppeal({
          roundStatus: r.status as EvaluationRoundStatus,
          publishedOn: r.publishedOn,
          postingDays: r.postingDays,
          today: today(),
          appeals: appeals.map((a) => a.status as EvaluationAppealStatus),
        });
        if (!check.allowed) throw unprocessable(check.reason, { status: check.reason });
        const [a] = await tx
          .insert(evaluationAppeals)
          .values({
            roundId: r.id,
            organizationId: t.organizationId,
            regionCode: t.regionCode,
            reason,
            submittedBy: actor.id,
            submittedByName: actor.displayName,
          })
          .onConflictDoNothing()
          .returning();
        if (!a) throw unprocessable('本轮评价已提出过异议，不能重复提出', { status: '已提出过异议' });
        await record(tx, actor, 'evaluation_appeal.submit', ['evaluation_appeal', a.id], t.regionCode, null, {
          roundId: r.id,
          organizationId: t.organizationId,
          reason,
        });
        return presentAppeal(a);
      });
    },

    /**
     * The organizers decide an appeal: upheld reopens scoring for that organization (its metrics are
     * computed again), `rescore` confirms the revised result, rejected leaves the result as published.
     */
    async decide(
      actor: Actor,
      appealId: string,
      input: { decision: AppealDecision; reason?: string; version: number },
    ) {
      if (!isUuid(appealId)) throw notFound('异议');
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ a: evaluationAppeals, r: evaluationRounds })
          .from(evaluationAppeals)
          .innerJoin(evaluationRounds, eq(evaluationRounds.id, evaluationAppeals.roundId))
          .where(and(eq(evaluationAppeals.id, appealId), visibleWhere(actor)))
          .for('update', { of: evaluationAppeals });
        if (!row) throw notFound('异议');
        const { a, r } = row;
        if (!can(actor, 'evaluation.manage', { regionCode: r.regionCode }))
          throw forbidden('您无权处理该轮综合评价的异议');
        const roles = rolesFor(actor, { regionCode: r.regionCode });
        const step = transition(evaluationAppealFlow, a.status, input.decision, { roles }, input.reason);
        if ('error' in step) throw flowError(step.error);
        if (r.status !== 'published')
          throw unprocessable('评价结果公示期间方可处理异议', { status: '不在公示期' });
        const after: Record<string, unknown> = { status: step.to, reason: input.reason?.trim() || null };
        if (input.decision === 'uphold') {
          await storeMetrics(tx, r, 'rescoring', a.organizationId);
        } else if (input.decision === 'rescore') {
          const open = await incomplete(tx, r, [a.organizationId]);
          if (open.length)
            throw unprocessable('评审人员尚未全部完成重新评分，不能确认', { status: '评分未完成' });
          const [before] = await tx
            .select({ total: evaluationTargets.total, level: evaluationTargets.level })
            .from(evaluationTargets)
            .where(
              and(
                eq(evaluationTargets.roundId, r.id),
                eq(evaluationTargets.organizationId, a.organizationId),
              ),
            );
          after.before = { total: before?.total ?? null, level: before?.level ?? null };
          after.results = await computeResults(tx, r, [a.organizationId]);
        }
        const updated = await updateVersioned(
          tx,
          evaluationAppeals,
          { id: a.id, version: input.version },
          {
            status: step.to,
            ...(input.decision === 'rescore'
              ? {}
              : {
                  decisionReason: input.reason?.trim() || null,
                  decidedBy: actor.id,
                  decidedAt: clock.now(),
                }),
            updatedAt: clock.now(),
          },
        );
        await record(
          tx,
          actor,
          `evaluation_appeal.${input.decision}`,
          ['evaluation_appeal', a.id],
          a.regionCode,
          { status: a.status },
          after,
        );
        return presentAppeal(updated);
      });
    },

    /** Published results of one organization, for the public page. */
    async published(orgId: string) {
      if (!isUuid(orgId)) throw notFound('组织');
      const [o] = await db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        // the same organizations the public directory discloses
        .where(
          and(
            eq(organizations.id, orgId),
            inArray(organizations.tier, ['filed', 'registered']),
            sql`${organizations.status} <> 'exited'`,
          ),
        );
      if (!o) throw notFound('组织');
      const rows = await db
        .select({ t: evaluationTargets, r: evaluationRounds })
        .from(evaluationTargets)
        .innerJoin(evaluationRounds, eq(evaluationRounds.id, evaluationTargets.roundId))
        .where(
          and(
            eq(evaluationTargets.organizationId, o.id),
            inArray(evaluationRounds.status, ['published', 'closed']),
          ),
        )
        .orderBy(desc(evaluationRounds.year), desc(evaluationRounds.publishedOn));
      return {
        organization: o,
        items: rows
          .filter(({ t }) => t.total !== null)
          .map(({ t, r }) => {
            const result = t.result as EvaluationResult | null;
            return {
              roundId: r.id,
              code: r.code,
              title: r.title,
              year: r.year,
              status: r.status,
              statusLabel: evaluationRoundStatusLabels[r.status as EvaluationRoundStatus] ?? r.status,
              publishedOn: r.publishedOn,
              postingEndsOn: r.publishedOn ? postingEndsOn(r.publishedOn, r.postingDays) : null,
              total: Number(t.total),
              ...(levelOf(t) ?? { level: null, levelLabel: null }),
              rescoring: t.status === 'rescoring',
              dimensions: (result?.dimensions ?? []).map((d) => ({
                code: d.code,
                name: d.name,
                weight: d.weight,
                score: d.score,
              })),
              strengths: ((t.strengths as EvaluationFinding[] | null) ?? []).map((f) => f.message),
              weaknesses: ((t.weaknesses as EvaluationFinding[] | null) ?? []).map((f) => f.message),
            };
          }),
      };
    },
  };
}
export type EvaluationService = ReturnType<typeof createEvaluationService>;
