import {
  type DrawInspector,
  drawSpotCheck,
  makeSeed,
  prefixRange,
  type SpotCheckResult,
  spotCheckResultLabels,
  todayInShanghai,
} from '@linli/core';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import type { DbOrTx } from '../../db/client';
import {
  inspectorConflicts,
  organizations,
  rectificationTasks,
  spotCheckPlans,
  spotChecks,
  users,
} from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can, scopeWhere } from '../../lib/authz/scope';
import { forbidden, notFound, unprocessable } from '../../lib/errors';
import { isUuid } from '../../lib/uuid';
import { txQuery } from '../points/points.ledger';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'>;
type PlanRow = typeof spotCheckPlans.$inferSelect;

export type PlanInput = {
  title: string;
  regionCode: string;
  ratio: number;
  tier?: 'filed' | 'registered';
  seed?: string;
};

export type ResultInput = {
  result: SpotCheckResult;
  findings: string;
  checkedOn: string;
  rectification?: { requirement: string; deadline: string };
  version: number;
};

const planStatusLabels: Record<string, string> = { drawn: '已抽取', published: '已公示' };
const checkStatusLabels: Record<string, string> = { drawn: '待检查', recorded: '已录入结果' };

export function createSpotCheckService(deps: Deps) {
  const { database, audit, clock } = deps;
  const db = database.db;
  const today = () => todayInShanghai(clock.now());
  const planScope = (actor: Actor) =>
    scopeWhere(actor, { region: spotCheckPlans.regionCode }, 'supervision.read');

  /** The organizations a plan draws from: live filed or registered ones under the region. */
  async function organizationPool(tx: DbOrTx, regionCode: string, tier?: string): Promise<string[]> {
    const [lo, hi] = prefixRange(regionCode);
    const rows = await txQuery<{ id: string }>(
      tx,
      `select id from organizations where region_code between $1 and $2 and tier in ('filed', 'registered')
          and status in ('active', 'dormant') ${tier ? 'and tier = $3' : ''} order by id`,
      tier ? [lo, hi, tier] : [lo, hi],
    );
    return rows.map((r) => r.id);
  }

  /** Checks assigned to the caller as inspector, newest plans first. */
  async function mine(actor: Actor) {
    const rows = await txQuery<{
      id: string;
      plan_id: string;
      code: string;
      title: string;
      organization: string;
      status: string;
      result: string | null;
      version: number;
    }>(
      db,
      `select c.id, c.plan_id, p.code, p.title, o.name as organization, c.status, c.result, c.version
         from spot_checks c join spot_check_plans p on p.id = c.plan_id join organizations o on o.id = c.organization_id
        where c.inspector_ids @> to_jsonb($1::text) order by p.created_at desc, c.draw_order limit 200`,
      [actor.id],
    );
    return {
      items: rows.map((r) => ({
        ...r,
        statusLabel: checkStatusLabels[r.status] ?? r.status,
        resultLabel: r.result ? spotCheckResultLabels[r.result as SpotCheckResult] : null,
      })),
    };
  }

  /** The inspectors: active users holding a district or street officer grant under the region, with their conflicts. */
  async function inspectorPool(tx: DbOrTx, regionCode: string): Promise<DrawInspector[]> {
    const [lo, hi] = prefixRange(regionCode);
    const rows = await txQuery<{ id: string; conflicts: string[] | null }>(
      tx,
      `select u.id, (select array_agg(c.organization_id::text order by c.organization_id) from inspector_conflicts c where c.user_id = u.id) as conflicts
         from users u
        where u.status = 'active' and exists (select 1 from grants g where g.user_id = u.id and g.revoked_at is null
              and g.role in ('district_officer', 'street_officer') and g.region_code between $1 and $2)
        order by u.id`,
      [lo, hi],
    );
    return rows.map((r) => ({ id: r.id, conflicts: r.conflicts ?? [] }));
  }

  async function planScoped(tx: DbOrTx, actor: Actor, id: string): Promise<PlanRow> {
    if (!isUuid(id)) throw notFound('抽查计划');
    const [p] = await tx
      .select()
      .from(spotCheckPlans)
      .where(and(eq(spotCheckPlans.id, id), planScope(actor)));
    if (!p) throw notFound('抽查计划');
    return p;
  }

  async function detail(actor: Actor, p: PlanRow) {
    const checks = await db
      .select({ c: spotChecks, name: organizations.name, tier: organizations.tier })
      .from(spotChecks)
      .innerJoin(organizations, eq(organizations.id, spotChecks.organizationId))
      .where(eq(spotChecks.planId, p.id))
      .orderBy(asc(spotChecks.drawOrder));
    const inspectorIds = [...new Set(checks.flatMap((c) => c.c.inspectorIds as string[]))];
    const names = inspectorIds.length
      ? await db
          .select({ id: users.id, name: users.displayName })
          .from(users)
          .where(inArray(users.id, inspectorIds))
      : [];
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    return {
      ...presentPlan(p),
      canManage: can(actor, 'spot_check.manage', { regionCode: p.regionCode }),
      checks: checks.map(({ c, name, tier }) => ({
        id: c.id,
        organizationId: c.organizationId,
        organizationName: name,
        tier,
        drawOrder: c.drawOrder,
        inspectors: (c.inspectorIds as string[]).map((id) => ({ id, name: nameOf.get(id) ?? '' })),
        status: c.status,
        statusLabel: checkStatusLabels[c.status] ?? c.status,
        result: c.result,
        resultLabel: c.result ? spotCheckResultLabels[c.result as SpotCheckResult] : null,
        findings: c.findings,
        checkedOn: c.checkedOn,
        version: c.version,
        mine: (c.inspectorIds as string[]).includes(actor.id),
      })),
    };
  }

  const presentPlan = (p: PlanRow) => ({
    id: p.id,
    code: p.code,
    title: p.title,
    regionCode: p.regionCode,
    year: p.year,
    ratio: Number(p.ratio),
    filters: p.filters,
    seed: p.seed,
    poolSize: (p.organizationPool as string[]).length,
    inspectorPoolSize: (p.inspectorPool as DrawInspector[]).length,
    sampleSize: p.sampleSize,
    status: p.status,
    statusLabel: planStatusLabels[p.status] ?? p.status,
    createdByName: p.createdByName,
    createdAt: p.createdAt,
    publishedAt: p.publishedAt,
    version: p.version,
  });

  /** An inspector declares a conflict of interest with an organization (never drawn for it afterwards). */
  async function declareConflict(actor: Actor, input: { organizationId: string; reason: string }) {
    return db.transaction(async (tx) => {
      const [o] = await tx
        .select({ id: organizations.id, regionCode: organizations.regionCode, name: organizations.name })
        .from(organizations)
        .where(eq(organizations.id, input.organizationId));
      // anyone who could be drawn to inspect it: an officer of its district, or whose scope covers it
      const couldInspect =
        !!o &&
        (can(actor, 'supervision.read', { regionCode: o.regionCode }) ||
          actor.grants.some(
            (g) =>
              (g.role === 'district_officer' || g.role === 'street_officer') &&
              g.regionCode?.slice(0, 6) === o.regionCode.slice(0, 6),
          ));
      if (!o || !couldInspect) throw notFound('组织');
      const [row] = await tx
        .insert(inspectorConflicts)
        .values({ userId: actor.id, organizationId: o.id, reason: input.reason })
        .onConflictDoNothing()
        .returning();
      if (!row) throw unprocessable('您已申报与该组织存在利害关系', { organizationId: '已申报' });
      await audit.record(tx, {
        actor: auditActor(actor),
        action: 'inspector_conflict.declare',
        entity: ['inspector_conflict', row.id],
        regionCode: o.regionCode,
        before: null,
        after: { organizationId: o.id, reason: input.reason },
      });
      return { ...row, organizationName: o.name };
    });
  }

  return {
    mine,
    declareConflict,
    /** Draws a plan: pools snapshotted, seed recorded, checks written – all in one transaction. */
    async create(actor: Actor, input: PlanInput) {
      if (!can(actor, 'spot_check.manage', { regionCode: input.regionCode }))
        throw forbidden('您无权在该区域组织抽查');
      return db
        .transaction(async (tx) => {
          const year = Number(today().slice(0, 4));
          const [{ n }] = await txQuery<{ n: number }>(
            tx,
            `select count(*)::int + 1 as n from spot_check_plans where year = $1 and region_code = $2`,
            [year, input.regionCode],
          );
          const code = `CC${input.regionCode.slice(0, 6)}-${year}-${String(n).padStart(3, '0')}`;
          const seed =
            input.seed?.trim() ||
            makeSeed(code, today(), Number.parseInt(crypto.randomUUID().slice(0, 8), 16));
          const orgPool = await organizationPool(tx, input.regionCode, input.tier);
          const inspectors = await inspectorPool(tx, input.regionCode);
          const draw = drawSpotCheck({
            seed,
            ratio: input.ratio,
            organizations: orgPool.map((id) => ({ id })),
            inspectors,
          });
          if (!draw.ok) throw unprocessable(draw.message, { ratio: draw.message });
          if (draw.sampleSize === 0)
            throw unprocessable('该区域没有可抽查的组织', { regionCode: '该区域没有可抽查的组织' });
          const [plan] = await tx
            .insert(spotCheckPlans)
            .values({
              code,
              title: input.title,
              regionCode: input.regionCode,
              year,
              ratio: String(input.ratio),
              filters: { tier: input.tier ?? null },
              seed,
              organizationPool: orgPool,
              inspectorPool: inspectors,
              sampleSize: draw.sampleSize,
              createdBy: actor.id,
              createdByName: actor.displayName,
            })
            .returning();
          const regionOf = new Map(
            (
              await tx
                .select({ id: organizations.id, regionCode: organizations.regionCode })
                .from(organizations)
                .where(
                  inArray(
                    organizations.id,
                    draw.assignments.map((a) => a.organizationId),
                  ),
                )
            ).map((o) => [o.id, o.regionCode]),
          );
          await tx.insert(spotChecks).values(
            draw.assignments.map((a, i) => ({
              planId: plan.id,
              organizationId: a.organizationId,
              regionCode: regionOf.get(a.organizationId)!,
              drawOrder: i + 1,
              inspectorIds: a.inspectorIds,
            })),
          );
          await audit.record(tx, {
            actor: auditActor(actor),
            action: 'spot_check.draw',
            entity: ['spot_check_plan', plan.id],
            regionCode: plan.regionCode,
            before: null,
            after: { code, seed, ratio: input.ratio, poolSize: orgPool.length, sampleSize: draw.sampleSize },
          });
          return plan;
        })
        .then((p) => detail(actor, p));
    },

    async list(actor: Actor, f: { year?: number; page: number; pageSize: number }) {
      const conds: SQL[] = [planScope(actor)];
      if (f.year) conds.push(eq(spotCheckPlans.year, f.year));
      const where = and(...conds);
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(spotCheckPlans)
        .where(where);
      const rows = await db
        .select()
        .from(spotCheckPlans)
        .where(where)
        .orderBy(desc(spotCheckPlans.createdAt))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      return { items: rows.map(presentPlan), total, page: f.page, pageSize: f.pageSize };
    },

    async get(actor: Actor, id: string) {
      return detail(actor, await planScoped(db, actor, id));
    },

    /** Draws again from the recorded pools and seed and compares with the stored selection. */
    async replay(actor: Actor, id: string) {
      const p = await planScoped(db, actor, id);
      const stored = await db
        .select({ organizationId: spotChecks.organizationId, inspectorIds: spotChecks.inspectorIds })
        .from(spotChecks)
        .where(eq(spotChecks.planId, p.id))
        .orderBy(asc(spotChecks.drawOrder));
      const draw = drawSpotCheck({
        seed: p.seed,
        ratio: Number(p.ratio),
        organizations: (p.organizationPool as string[]).map((o) => ({ id: o })),
        inspectors: p.inspectorPool as DrawInspector[],
      });
      const replayed = draw.ok ? draw.assignments : [];
      const identical = JSON.stringify(replayed) === JSON.stringify(stored);
      return {
        seed: p.seed,
        identical,
        message: identical
          ? '按记录的随机种子重新抽取，结果与原抽取结果完全一致'
          : '重新抽取的结果与记录不一致，请核查',
        assignments: replayed,
      };
    },

    /** An assigned inspector records the result; a problem becomes a rectification task with a deadline. */
    async record(actor: Actor, checkId: string, input: ResultInput) {
      if (!isUuid(checkId)) throw notFound('抽查记录');
      return db.transaction(async (tx) => {
        const [row] = await tx
          .select({ c: spotChecks, p: spotCheckPlans })
          .from(spotChecks)
          .innerJoin(spotCheckPlans, eq(spotCheckPlans.id, spotChecks.planId))
          .where(eq(spotChecks.id, checkId))
          .for('update', { of: spotChecks });
        // assigned inspectors may be street officers outside the plan's (district) scope
        const assigned = !!row && (row.c.inspectorIds as string[]).includes(actor.id);
        if (!row || (!assigned && !can(actor, 'supervision.read', { regionCode: row.c.regionCode })))
          throw notFound('抽查记录');
        const { c, p } = row;
        if (!assigned) throw forbidden('只有被抽中的检查人员可以录入检查结果');
        if (p.status === 'published') throw unprocessable('抽查结果已公示，不能修改', { status: '已公示' });
        if (input.checkedOn > today())
          throw unprocessable('检查日期不能晚于今天', { checkedOn: '检查日期不能晚于今天' });
        if (input.result !== 'compliant' && !input.rectification)
          throw unprocessable('发现问题时请填写整改要求和期限', { rectification: '请填写整改要求和期限' });
        if (input.rectification && input.rectification.deadline <= input.checkedOn)
          throw unprocessable('整改期限应晚于检查日期', {
            'rectification.deadline': '整改期限应晚于检查日期',
          });
        const after = await updateVersioned(
          tx,
          spotChecks,
          { id: c.id, version: input.version },
          {
            status: 'recorded',
            result: input.result,
            findings: input.findings,
            checkedOn: input.checkedOn,
            recordedBy: actor.id,
            updatedAt: clock.now(),
          },
        );
        let taskId: string | null = null;
        // a corrected result amends the check's task rather than raising a second one
        const [existingTask] = await tx
          .select()
          .from(rectificationTasks)
          .where(eq(rectificationTasks.spotCheckId, c.id));
        if (existingTask && !input.rectification)
          throw unprocessable('该检查已生成整改任务，不能改为未发现问题', { result: '已生成整改任务' });
        if (existingTask && input.rectification) {
          if (existingTask.status === 'completed')
            throw unprocessable('整改任务已确认完成，不能修改检查结果', { result: '整改已完成' });
          await updateVersioned(tx, rectificationTasks, existingTask, {
            requirement: input.rectification.requirement,
            deadline: input.rectification.deadline,
          });
          taskId = existingTask.id;
        } else if (input.rectification) {
          const [t] = await tx
            .insert(rectificationTasks)
            .values({
              organizationId: c.organizationId,
              regionCode: c.regionCode,
              spotCheckId: c.id,
              requirement: input.rectification.requirement,
              deadline: input.rectification.deadline,
            })
            .returning();
          taskId = t.id;
        }
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'spot_check.record',
          entity: ['spot_check', c.id],
          regionCode: c.regionCode,
          before: { status: c.status, result: c.result },
          after: {
            status: after.status,
            result: after.result,
            findings: after.findings,
            rectificationTaskId: taskId,
          },
        });
        return {
          id: after.id,
          status: after.status,
          result: after.result,
          version: after.version,
          rectificationTaskId: taskId,
        };
      });
    },

    /** Publishes the plan's results (all checks recorded). */
    async publish(actor: Actor, id: string, version: number) {
      return db.transaction(async (tx) => {
        const p = await planScoped(tx, actor, id);
        if (!can(actor, 'spot_check.manage', { regionCode: p.regionCode }))
          throw forbidden('您无权公示抽查结果');
        if (p.status === 'published') throw unprocessable('抽查结果已公示', { status: '已公示' });
        const [{ open }] = await txQuery<{ open: number }>(
          tx,
          `select count(*)::int as open from spot_checks where plan_id = $1 and status <> 'recorded'`,
          [p.id],
        );
        if (open > 0)
          throw unprocessable(`还有 ${open} 个组织未录入检查结果，不能公示`, { status: '有未完成的检查' });
        const after = await updateVersioned(
          tx,
          spotCheckPlans,
          { id: p.id, version },
          { publishedAt: clock.now(), status: 'published' },
        );
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'spot_check.publish',
          entity: ['spot_check_plan', p.id],
          regionCode: p.regionCode,
          before: { status: p.status },
          after: { status: after.status },
        });
        return presentPlan(after);
      });
    },

    /** The officer confirms a rectification task done (on or before its deadline keeps the list clean). */
    async completeRectification(
      actor: Actor,
      id: string,
      input: { completedOn: string; note: string; version: number },
    ) {
      if (!isUuid(id)) throw notFound('整改任务');
      return db.transaction(async (tx) => {
        const [t] = await tx
          .select()
          .from(rectificationTasks)
          .where(
            and(
              eq(rectificationTasks.id, id),
              scopeWhere(
                actor,
                { region: rectificationTasks.regionCode, org: rectificationTasks.organizationId },
                'supervision.read',
              ),
            ),
          );
        if (!t) throw notFound('整改任务');
        if (!can(actor, 'credit_list.manage', { regionCode: t.regionCode, organizationId: t.organizationId }))
          throw forbidden('您无权确认整改');
        if (t.status === 'completed') throw unprocessable('该整改任务已确认完成', { status: '已完成' });
        if (input.completedOn > today())
          throw unprocessable('完成日期不能晚于今天', { completedOn: '完成日期不能晚于今天' });
        const after = await updateVersioned(
          tx,
          rectificationTasks,
          { id: t.id, version: input.version },
          {
            status: 'completed',
            completedOn: input.completedOn,
            completionNote: input.note,
            verifiedBy: actor.id,
          },
        );
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'rectification.complete',
          entity: ['rectification_task', t.id],
          regionCode: t.regionCode,
          before: { status: t.status },
          after: { status: after.status, completedOn: after.completedOn, note: input.note },
        });
        return { ...after, onTime: after.completedOn! <= after.deadline };
      });
    },

    async rectifications(
      actor: Actor,
      f: { status?: string; organizationId?: string; page: number; pageSize: number },
    ) {
      const conds: SQL[] = [
        scopeWhere(
          actor,
          { region: rectificationTasks.regionCode, org: rectificationTasks.organizationId },
          'supervision.read',
        ),
      ];
      if (f.status) conds.push(eq(rectificationTasks.status, f.status));
      if (f.organizationId) conds.push(eq(rectificationTasks.organizationId, f.organizationId));
      const where = and(...conds);
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(rectificationTasks)
        .where(where);
      const rows = await db
        .select({ t: rectificationTasks, name: organizations.name })
        .from(rectificationTasks)
        .innerJoin(organizations, eq(organizations.id, rectificationTasks.organizationId))
        .where(where)
        .orderBy(asc(rectificationTasks.deadline))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      const t0 = today();
      return {
        items: rows.map(({ t, name }) => ({
          ...t,
          organizationName: name,
          overdue: t.status === 'open' && t.deadline < t0,
          statusLabel: t.status === 'completed' ? '已完成' : t.deadline < t0 ? '逾期未整改' : '整改中',
        })),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    /** Published results for the public page. */
    async published(f: { year?: number; page: number; pageSize: number }) {
      const rows = await txQuery<{
        code: string;
        title: string;
        year: number;
        published_at: string;
        organization: string;
        result: string;
        checked_on: string;
      }>(
        db,
        `select p.code, p.title, p.year, p.published_at, o.name as organization, c.result, to_char(c.checked_on, 'YYYY-MM-DD') as checked_on
           from spot_check_plans p join spot_checks c on c.plan_id = p.id join organizations o on o.id = c.organization_id
          where p.status = 'published' ${f.year ? 'and p.year = $3' : ''}
          order by p.published_at desc, c.draw_order limit $1 offset $2`,
        f.year ? [f.pageSize, (f.page - 1) * f.pageSize, f.year] : [f.pageSize, (f.page - 1) * f.pageSize],
      );
      return {
        items: rows.map((r) => ({
          ...r,
          resultLabel: spotCheckResultLabels[r.result as SpotCheckResult] ?? r.result,
        })),
        page: f.page,
        pageSize: f.pageSize,
      };
    },
  };
}
