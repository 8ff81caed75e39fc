import {
  type AnnualReportContent,
  type AnnualReportEventInput,
  annualReportAdvice,
  annualReportContent,
  annualReportFlow,
  annualReportStatusLabels,
  annualReportSubmitProblems,
  annualReportWindow,
  availableActions,
  defaultAnnualReportConfig,
  mustReport,
  type ReportingTier,
  reportDueStatus,
  reviewerRoleFor,
  todayInShanghai,
  transition,
} from '@linli/core';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import type { DbOrTx } from '../../db/client';
import { annualReportHistory, annualReports, organizations } from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can, rolesFor, scopeWhere } from '../../lib/authz/scope';
import { forbidden, notFound, staleVersion, unprocessable } from '../../lib/errors';
import { likePattern } from '../../lib/pagination';
import { isUuid } from '../../lib/uuid';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'>;
type OrgRow = typeof organizations.$inferSelect;
type ReportRow = typeof annualReports.$inferSelect;

/** The organization as the annual-report rules see it. */
export function reportingOrg(o: Pick<OrgRow, 'tier' | 'filedOn' | 'registeredOn' | 'exitedOn'>) {
  const tier = o.tier === 'filed' || o.tier === 'registered' ? o.tier : 'group';
  return {
    tier: tier as 'group' | ReportingTier,
    liveSince: tier === 'registered' ? o.registeredOn : tier === 'filed' ? o.filedOn : null,
    exitedOn: o.exitedOn,
  };
}

export type AnnualReportListFilter = {
  year: number;
  q?: string;
  regionCode?: string;
  /** not_submitted | overdue | submitted | pending_review | returned | pass | basic_pass | fail */
  state?: string;
  tier?: ReportingTier;
  page: number;
  pageSize: number;
};

export function createAnnualReportService(deps: Deps) {
  const { database, audit, clock } = deps;
  const db = database.db;
  const config = defaultAnnualReportConfig;
  const today = () => todayInShanghai(clock.now());

  async function orgScoped(tx: DbOrTx, actor: Actor, orgId: string): Promise<OrgRow> {
    if (!isUuid(orgId)) throw notFound('组织');
    const [o] = await tx
      .select()
      .from(organizations)
      .where(
        and(
          eq(organizations.id, orgId),
          scopeWhere(actor, { region: organizations.regionCode, org: organizations.id }, 'supervision.read'),
        ),
      );
    if (!o) throw notFound('组织');
    return o;
  }

  async function reportScoped(tx: DbOrTx, actor: Actor, id: string, lock = false) {
    if (!isUuid(id)) throw notFound('年度报告');
    const q = tx
      .select({ r: annualReports, o: organizations })
      .from(annualReports)
      .innerJoin(organizations, eq(organizations.id, annualReports.organizationId))
      .where(
        and(
          eq(annualReports.id, id),
          scopeWhere(actor, { region: organizations.regionCode, org: organizations.id }, 'supervision.read'),
        ),
      );
    const [row] = lock ? await q.for('update', { of: annualReports }) : await q;
    if (!row) throw notFound('年度报告');
    return row;
  }

  /** What the platform already knows about the organization's year, to pre-fill a new report. */
  async function prefill(orgId: string, year: number, o: OrgRow): Promise<AnnualReportContent> {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const [acts] = await database.query<{ n: number; people: number }>(
      `select count(*)::int as n, coalesce(sum(approved), 0)::int as people from (
         select a.id, (select count(*) from activity_signups s where s.activity_id = a.id and s.state = 'approved') as approved
           from service_activities a
          where a.organization_id = $1 and a.status in ('published', 'finished')
            and (a.starts_at at time zone 'Asia/Shanghai')::date between $2 and $3) x`,
      [orgId, from, to],
    );
    const [ledger] = await database.query<{ n: number; people: number }>(
      `select count(*)::int as n, coalesce(sum(participants), 0)::int as people from ledger_activities
        where organization_id = $1 and held_on between $2 and $3`,
      [orgId, from, to],
    );
    const [hours] = await database.query<{ minutes: number; volunteers: number }>(
      `select coalesce(sum(minutes), 0)::int as minutes, count(distinct volunteer_id)::int as volunteers
         from service_records where organization_id = $1 and status = 'valid' and service_date between $2 and $3`,
      [orgId, from, to],
    );
    const h = Math.round(((hours?.minutes ?? 0) / 60) * 10) / 10;
    return annualReportContent.parse({
      activitiesHeld: (acts?.n ?? 0) + (ledger?.n ?? 0),
      participants: (acts?.people ?? 0) + (ledger?.people ?? 0),
      members: { count: o.memberCount, joined: 0, left: 0 },
      volunteerWork: hours?.volunteers
        ? `本年度在平台记录志愿服务 ${h} 小时，参与志愿者 ${hours.volunteers} 人。`
        : '',
    });
  }

  function present(o: OrgRow, year: number, r: ReportRow | null, actor: Actor) {
    const ro = reportingOrg(o);
    const tier = (r?.tier ?? (ro.tier === 'group' ? 'filed' : ro.tier)) as ReportingTier;
    const window = annualReportWindow(tier, year, config);
    const due = reportDueStatus(window, r?.firstSubmittedOn ?? null, today(), config);
    const roles = rolesFor(actor, { regionCode: o.regionCode, organizationId: o.id });
    const status = r?.status ?? 'draft';
    const reviewer = reviewerRoleFor(tier);
    const actions = availableActions(annualReportFlow, status, roles)
      .filter((a) => a.event === 'submit' || roles.includes(reviewer))
      .filter((a) => a.event !== 'submit' || r !== null);
    const content = r ? annualReportContent.parse(r.content) : null;
    return {
      id: r?.id ?? null,
      exists: r !== null,
      organization: { id: o.id, name: o.name, tier: o.tier, regionCode: o.regionCode, status: o.status },
      reportYear: year,
      tier,
      mustReport: mustReport(ro, year, config),
      status,
      statusLabel: annualReportStatusLabels[status as keyof typeof annualReportStatusLabels] ?? status,
      window,
      due,
      firstSubmittedOn: r?.firstSubmittedOn ?? null,
      reviewedAt: r?.reviewedAt ?? null,
      reviewReason: r?.reviewReason ?? null,
      version: r?.version ?? 0,
      content,
      advice: content ? annualReportAdvice(content) : [],
      canEdit:
        (status === 'draft' || status === 'returned') &&
        can(actor, 'annual_report.submit', { regionCode: o.regionCode, organizationId: o.id }),
      actions,
    };
  }

  async function record(
    tx: DbOrTx,
    actor: Actor,
    action: string,
    r: ReportRow,
    before: unknown,
    after: unknown,
  ) {
    await audit.record(tx, {
      actor: auditActor(actor),
      action,
      entity: ['annual_report', r.id],
      regionCode: r.regionCode,
      before,
      after,
    });
  }

  return {
    /** One organization's report on `year`: the stored one, or a pre-filled draft not yet saved. */
    async get(actor: Actor, orgId: string, year: number) {
      const o = await orgScoped(db, actor, orgId);
      const [r] = await db
        .select()
        .from(annualReports)
        .where(and(eq(annualReports.organizationId, o.id), eq(annualReports.reportYear, year)));
      const view = present(o, year, r ?? null, actor);
      if (!r) view.content = await prefill(o.id, year, o);
      return view;
    },

    async history(actor: Actor, id: string) {
      const { r } = await reportScoped(db, actor, id);
      const items = await db
        .select()
        .from(annualReportHistory)
        .where(eq(annualReportHistory.reportId, r.id))
        .orderBy(asc(annualReportHistory.at));
      return { items };
    },

    /** Save the draft (or a returned report being corrected). `version` 0 creates it. */
    async save(
      actor: Actor,
      orgId: string,
      year: number,
      body: { content: AnnualReportContent; version: number },
    ) {
      return db.transaction(async (tx) => {
        const o = await orgScoped(tx, actor, orgId);
        if (!can(actor, 'annual_report.submit', { regionCode: o.regionCode, organizationId: o.id }))
          throw forbidden('只有本组织负责人可以填报年度报告');
        const ro = reportingOrg(o);
        if (!mustReport(ro, year, config))
          throw unprocessable(`该组织无需报送${year}年度报告（仅备案、登记的组织在当年年末存续时报送）`, {
            reportYear: '无需报送该年度报告',
          });
        if (year >= Number(today().slice(0, 4)))
          throw unprocessable(`${year}年度尚未结束，不能填报`, { reportYear: '年度尚未结束' });
        const tier = ro.tier as ReportingTier;
        const [existing] = await tx
          .select()
          .from(annualReports)
          .where(and(eq(annualReports.organizationId, o.id), eq(annualReports.reportYear, year)))
          .for('update');
        if (!existing) {
          if (body.version !== 0)
            throw unprocessable('年度报告不存在，请刷新后重试', { version: '版本已过期' });
          const [r] = await tx
            .insert(annualReports)
            .values({
              organizationId: o.id,
              reportYear: year,
              tier,
              regionCode: o.regionCode,
              content: body.content,
              deadline: annualReportWindow(tier, year, config).deadline,
            })
            .onConflictDoNothing()
            .returning();
          if (!r) throw staleVersion();
          await record(tx, actor, 'annual_report.create', r, null, {
            reportYear: year,
            content: body.content,
          });
          return present(o, year, r, actor);
        }
        if (existing.status !== 'draft' && existing.status !== 'returned')
          throw unprocessable('年度报告已提交，不能修改', { status: '已提交' });
        const r = await updateVersioned(
          tx,
          annualReports,
          { id: existing.id, version: body.version },
          {
            content: body.content,
            updatedAt: clock.now(),
          },
        );
        await record(
          tx,
          actor,
          'annual_report.update',
          r,
          { content: existing.content },
          { content: body.content },
        );
        return present(o, year, r, actor);
      });
    },

    /** Submit, or a review decision. Each step is kept with the content as it stood. */
    async event(actor: Actor, id: string, input: AnnualReportEventInput) {
      return db.transaction(async (tx) => {
        const { r: before, o } = await reportScoped(tx, actor, id, true);
        const roles = rolesFor(actor, { regionCode: o.regionCode, organizationId: o.id });
        const resource = { regionCode: o.regionCode, organizationId: o.id };
        if (!can(actor, input.event === 'submit' ? 'annual_report.submit' : 'annual_report.review', resource))
          throw forbidden(
            input.event === 'submit' ? '只有本组织负责人可以提交年度报告' : '您无权审核年度报告',
          );
        const step = transition(annualReportFlow, before.status, input.event, { roles }, input.reason);
        if ('error' in step) {
          if (step.error.code === 'role_not_allowed') throw forbidden(step.error.message);
          throw unprocessable(
            step.error.message,
            step.error.code === 'reason_required' ? { reason: step.error.message } : {},
          );
        }
        const reviewer = reviewerRoleFor(before.tier as ReportingTier);
        if (input.event !== 'submit' && !roles.includes(reviewer))
          throw forbidden(
            before.tier === 'filed' ? '备案类组织的年度报告由街道审核' : '登记类组织的年度报告由区民政局审核',
          );
        const content = annualReportContent.parse(before.content);
        const now = clock.now();
        let changes: Partial<typeof annualReports.$inferInsert>;
        if (input.event === 'submit') {
          const problems = annualReportSubmitProblems(content);
          if (Object.keys(problems).length)
            throw unprocessable('年度报告尚未填写完整，请补充后再提交', problems);
          changes = {
            status: step.to,
            submittedAt: now,
            firstSubmittedOn: before.firstSubmittedOn ?? todayInShanghai(now),
            updatedAt: now,
          };
        } else {
          changes = {
            status: step.to,
            reviewedAt: now,
            reviewedBy: actor.id,
            reviewReason: input.reason?.trim() || null,
            updatedAt: now,
          };
        }
        const r = await updateVersioned(
          tx,
          annualReports,
          { id: before.id, version: input.version },
          changes,
        );
        await tx.insert(annualReportHistory).values({
          reportId: r.id,
          event: input.event,
          fromStatus: before.status,
          toStatus: step.to,
          reason: input.reason?.trim() || null,
          content,
          actorId: actor.id,
          actorName: actor.displayName,
          at: now,
        });
        await record(
          tx,
          actor,
          `annual_report.${input.event}`,
          r,
          { status: before.status },
          {
            status: r.status,
            reason: input.reason ?? null,
          },
        );
        return present(o, r.reportYear, r, actor);
      });
    },

    /**
     * The organizations that must report on `year`, in scope, each with its report state – the
     * overdue list per street and district is `state=overdue`.
     */
    async list(actor: Actor, f: AnnualReportListFilter) {
      const y = f.year;
      const filedDeadline = annualReportWindow('filed', y, config).deadline;
      const regDeadline = annualReportWindow('registered', y, config).deadline;
      const filedOpens = annualReportWindow('filed', y, config).opensOn;
      const regOpens = annualReportWindow('registered', y, config).opensOn;
      const t = today();
      const conds: SQL[] = [
        scopeWhere(actor, { region: organizations.regionCode, org: organizations.id }, 'supervision.read'),
        sql`(${organizations.tier} = 'filed' and ${organizations.filedOn} <= ${`${y}-12-31`}
              and (${organizations.exitedOn} is null or ${organizations.exitedOn} > ${filedOpens})
           or ${organizations.tier} = 'registered' and ${organizations.registeredOn} <= ${`${y}-12-31`}
              and (${organizations.exitedOn} is null or ${organizations.exitedOn} > ${regOpens}))`,
      ];
      if (f.q) conds.push(sql`${organizations.name} like ${likePattern(f.q)}`);
      if (f.tier) conds.push(eq(organizations.tier, f.tier));
      if (f.regionCode)
        conds.push(sql`${organizations.regionCode} like ${`${f.regionCode.replace(/(000)+$/, '')}%`}`);
      const deadline = sql`(case when ${organizations.tier} = 'filed' then ${filedDeadline} else ${regDeadline} end)::date`;
      const state: Record<string, SQL> = {
        not_submitted: sql`${annualReports.firstSubmittedOn} is null`,
        overdue: sql`${annualReports.firstSubmittedOn} is null and ${deadline} < ${t}::date`,
        late: sql`${annualReports.firstSubmittedOn} > ${deadline}`,
        pending_review: sql`${annualReports.status} = 'submitted'`,
        returned: sql`${annualReports.status} = 'returned'`,
        pass: sql`${annualReports.status} = 'pass'`,
        basic_pass: sql`${annualReports.status} = 'basic_pass'`,
        fail: sql`${annualReports.status} = 'fail'`,
      };
      if (f.state && state[f.state]) conds.push(state[f.state]);
      const where = and(...conds);
      const base = db
        .select({ o: organizations, r: annualReports })
        .from(organizations)
        .leftJoin(
          annualReports,
          and(eq(annualReports.organizationId, organizations.id), eq(annualReports.reportYear, y)),
        )
        .where(where);
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(organizations)
        .leftJoin(
          annualReports,
          and(eq(annualReports.organizationId, organizations.id), eq(annualReports.reportYear, y)),
        )
        .where(where);
      const rows = await base
        .orderBy(
          desc(sql`${annualReports.firstSubmittedOn} is null`),
          asc(organizations.name),
          asc(organizations.id),
        )
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      return {
        items: rows.map(({ o, r }) => {
          const v = present(o, y, r, actor);
          return {
            id: v.id,
            organization: v.organization,
            reportYear: y,
            tier: v.tier,
            status: v.exists ? v.status : 'none',
            statusLabel: v.exists ? v.statusLabel : '未填报',
            due: v.due,
            deadline: v.window.deadline,
            firstSubmittedOn: v.firstSubmittedOn,
            version: v.version,
          };
        }),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },
  };
}
export type AnnualReportService = ReturnType<typeof createAnnualReportService>;
