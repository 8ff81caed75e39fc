import {
  type AnnualReportFact,
  annualReportWindow,
  type CreditFacts,
  causeRules,
  defaultAnnualReportConfig,
  defaultCreditListConfig,
  deriveListingCommands,
  type Listing,
  type ListingCommand,
  mustReport,
  type ReportingTier,
  todayInShanghai,
} from '@linli/core';
import type { AppDeps } from '../../app';
import { rawSql } from '../../db/rawSql';
import { reportingOrg } from '../annualReports/annualReports.service';
import { runDormantCheck } from '../dormant/dormant.job';
import { txQuery } from '../points/points.ledger';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'>;

export const CREDIT_RULES_JOB = 'credit_rules';

type OrgFactsRow = {
  id: string;
  region_code: string;
  tier: string;
  filed_on: string | null;
  registered_on: string | null;
  exited_on: string | null;
};
type ReportFactRow = {
  organization_id: string;
  report_year: number;
  deadline: string;
  first_submitted_on: string | null;
  status: string;
  reviewed_on: string | null;
};
export type ListingRow = {
  id: string;
  organization_id: string;
  list: string;
  cause: string;
  idem_key: string;
  entered_on: string;
  left_on: string | null;
  leave_reason: string | null;
  voided: boolean;
};

export const LISTING_COLUMNS = `id, organization_id, list, cause, idem_key, to_char(entered_on, 'YYYY-MM-DD') as entered_on,
  to_char(left_on, 'YYYY-MM-DD') as left_on, leave_reason, voided`;

export const toListing = (r: ListingRow): Listing => ({
  id: r.id,
  list: r.list as Listing['list'],
  cause: r.cause as Listing['cause'],
  enteredOn: r.entered_on,
  leftOn: r.left_on,
  leaveReason: r.leave_reason as Listing['leaveReason'],
  key: r.idem_key,
  voided: r.voided,
});

/**
 * The facts the rules read for one organization: every report year since the platform tracks
 * annual reports (`firstYear`) that it had to report on and whose deadline has passed (a year
 * without a report row is a report never sent). Years before the platform came into use are not
 * held against anyone.
 */
export function annualReportFacts(
  org: OrgFactsRow,
  reports: ReportFactRow[],
  today: string,
  firstYear: number | null,
): AnnualReportFact[] {
  if (firstYear === null) return [];
  const ro = reportingOrg({
    tier: org.tier,
    filedOn: org.filed_on,
    registeredOn: org.registered_on,
    exitedOn: org.exited_on,
  });
  if (ro.tier === 'group' || !ro.liveSince) return [];
  const out: AnnualReportFact[] = [];
  const byYear = new Map(reports.map((r) => [r.report_year, r]));
  const thisYear = Number(today.slice(0, 4));
  for (let y = Math.max(firstYear, Number(ro.liveSince.slice(0, 4))); y < thisYear; y++) {
    if (!mustReport(ro, y, defaultAnnualReportConfig)) continue;
    const r = byYear.get(y);
    const deadline = r?.deadline ?? annualReportWindow(ro.tier as ReportingTier, y).deadline;
    if (deadline >= today && !(r?.status === 'fail')) continue;
    out.push({
      year: y,
      deadline,
      submittedOn: r?.first_submitted_on ?? null,
      failedOn: r?.status === 'fail' ? r.reviewed_on : null,
    });
  }
  return out;
}

/** Settings key: `{ annualReportsFrom: <year> }`, the first report year the platform holds reports for. */
export const SUPERVISION_SETTINGS_KEY = 'supervision';

/**
 * The first report year whose missing reports count: the configured year, else the earliest year
 * anyone reported on the platform, else none (no report has ever been stored).
 */
export async function annualReportsFrom(database: Deps['database']): Promise<number | null> {
  const [row] = await database.query<{ configured: number | null; earliest: number | null }>(
    `select (select (value->>'annualReportsFrom')::int from settings where key = $1) as configured,
            (select min(report_year) from annual_reports) as earliest`,
    [SUPERVISION_SETTINGS_KEY],
  );
  return row?.configured ?? row?.earliest ?? null;
}

export type CreditRulesSummary = { organizations: number; entered: number; left: number; ms: number };

/**
 * The daily credit-list rules: for every organization, derive from the recorded facts what the
 * lists should hold up to `today` and write the difference. Safe to run twice at once, or on
 * several instances: each organization is settled under its own transaction-scoped advisory lock
 * and re-read inside it, listings are unique per (organization, key), and a leaving listing is
 * only updated while it has not left.
 */
export async function runCreditRules(
  deps: Deps,
  today = todayInShanghai(deps.clock.now()),
): Promise<CreditRulesSummary> {
  const t0 = Date.now();
  const { database } = deps;
  const orgs = await database.query<OrgFactsRow>(ORG_FACTS_SQL);
  const reports = await database.query<ReportFactRow>(REPORT_FACTS_SQL);
  const tasks = await database.query<TaskFactRow>(RECTIFICATION_FACTS_SQL);
  const tasksBy = groupBy(tasks, (r) => r.organization_id);
  const listings = await database.query<ListingRow>(LISTINGS_SQL);
  const firstYear = await annualReportsFrom(database);
  const reportsBy = groupBy(reports, (r) => r.organization_id);
  const listingsBy = groupBy(listings, (r) => r.organization_id);

  let entered = 0;
  let left = 0;
  for (const org of orgs) {
    const facts: CreditFacts = {
      annualReports: annualReportFacts(org, reportsBy.get(org.id) ?? [], today, firstYear),
      rectifications: (tasksBy.get(org.id) ?? []).map(rectificationFact),
    };
    const first = deriveListingCommands((listingsBy.get(org.id) ?? []).map(toListing), facts, today);
    if (!first.length) continue;
    const applied = await settleOrganization(deps, org, today, firstYear);
    entered += applied.filter((c) => c.kind === 'enter').length;
    left += applied.filter((c) => c.kind === 'leave').length;
  }
  return { organizations: orgs.length, entered, left, ms: Date.now() - t0 };
}

type TaskFactRow = { id: string; organization_id: string; deadline: string; completed_on: string | null };
const rectificationFact = (t: TaskFactRow) => ({
  id: t.id,
  deadline: t.deadline,
  completedOn: t.completed_on,
});

/** The statements a run reads everything with (the benchmark times them raw). */
export const ORG_FACTS_SQL = `select id, region_code, tier, to_char(filed_on, 'YYYY-MM-DD') as filed_on,
  to_char(registered_on, 'YYYY-MM-DD') as registered_on, to_char(exited_on, 'YYYY-MM-DD') as exited_on
  from organizations where tier in ('filed', 'registered')`;
export const LISTINGS_SQL = `select ${LISTING_COLUMNS} from credit_listings`;
export const RECTIFICATION_FACTS_SQL = `select id, organization_id, to_char(deadline, 'YYYY-MM-DD') as deadline,
  to_char(completed_on, 'YYYY-MM-DD') as completed_on from rectification_tasks`;
export const REPORT_FACTS_SQL = `select organization_id, report_year, to_char(deadline, 'YYYY-MM-DD') as deadline,
  to_char(first_submitted_on, 'YYYY-MM-DD') as first_submitted_on, status,
  to_char((reviewed_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as reviewed_on
  from annual_reports`;

/** Re-derives and applies one organization's commands inside its own locked transaction. */
async function settleOrganization(
  deps: Deps,
  org: OrgFactsRow,
  today: string,
  firstYear: number | null,
): Promise<ListingCommand[]> {
  const { database, audit } = deps;
  return database.db.transaction(async (tx) => {
    await tx.execute(rawSql(`select pg_advisory_xact_lock(hashtext('credit_rules:' || $1))`, [org.id]));
    const reports = await txQuery<ReportFactRow>(tx, `${REPORT_FACTS_SQL} where organization_id = $1`, [
      org.id,
    ]);
    const existing = await txQuery<ListingRow>(
      tx,
      `select ${LISTING_COLUMNS} from credit_listings where organization_id = $1`,
      [org.id],
    );
    const tasks = await txQuery<TaskFactRow>(tx, `${RECTIFICATION_FACTS_SQL} where organization_id = $1`, [
      org.id,
    ]);
    const facts: CreditFacts = {
      annualReports: annualReportFacts(org, reports, today, firstYear),
      rectifications: tasks.map(rectificationFact),
    };
    const commands = deriveListingCommands(existing.map(toListing), facts, today, defaultCreditListConfig);
    const idOf = new Map<string, string>();
    const applied: ListingCommand[] = [];
    for (const c of commands) {
      if (c.kind === 'enter') {
        const rule = causeRules[c.cause];
        const [row] = await txQuery<{ id: string }>(
          tx,
          `insert into credit_listings (organization_id, region_code, list, cause, idem_key, entry, basis, reason,
             evidence, entered_on)
           values ($1, $2, $3, $4, $5, 'derived', $6, $7, $8::jsonb, $9)
           on conflict (organization_id, idem_key) do nothing returning id`,
          [
            org.id,
            org.region_code,
            c.list,
            c.cause,
            c.key,
            rule.basis,
            rule.label,
            JSON.stringify({ source: c.source }),
            c.enteredOn,
          ],
        );
        if (!row) continue;
        idOf.set(`new:${c.key}`, row.id);
        applied.push(c);
        await audit.record(tx, {
          actor: null,
          action: 'credit_listing.enter',
          entity: ['credit_listing', row.id],
          regionCode: org.region_code,
          before: null,
          after: {
            organizationId: org.id,
            list: c.list,
            cause: c.cause,
            enteredOn: c.enteredOn,
            source: c.source,
          },
        });
      } else {
        const id = idOf.get(c.listingId) ?? c.listingId;
        const rows = await txQuery<{ id: string }>(
          tx,
          `update credit_listings set left_on = $2, leave_reason = $3, version = version + 1, updated_at = now()
            where id = $1 and left_on is null and not voided returning id`,
          [id, c.leftOn, c.reason],
        );
        if (!rows.length) continue;
        applied.push(c);
        await audit.record(tx, {
          actor: null,
          action: 'credit_listing.leave',
          entity: ['credit_listing', id],
          regionCode: org.region_code,
          before: { leftOn: null },
          after: { leftOn: c.leftOn, leaveReason: c.reason },
        });
      }
    }
    return applied;
  });
}

function groupBy<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

/**
 * The day's run, claimed in `job_runs` so that of several instances only one does it (the run is
 * idempotent anyway). A claim left unfinished for an hour (a crashed instance) may be taken over.
 */
export async function runCreditRulesForToday(deps: Deps): Promise<CreditRulesSummary | null> {
  const day = todayInShanghai(deps.clock.now());
  const claimed = await deps.database.query<{ day: string }>(
    `insert into job_runs (job, day) values ($1, $2)
       on conflict (job, day) do update set started_at = now()
       where job_runs.finished_at is null and job_runs.started_at < now() - interval '1 hour'
     returning day`,
    [CREDIT_RULES_JOB, day],
  );
  if (!claimed.length) return null;
  const summary = await runCreditRules(deps, day);
  await deps.database.query(
    'update job_runs set finished_at = now(), summary = $3::jsonb where job = $1 and day = $2',
    [CREDIT_RULES_JOB, day, JSON.stringify(summary)],
  );
  return summary;
}

/**
 * Runs the day's supervision jobs – the credit rules, then the dormant-organization check – on
 * start (catching up a missed day) and every day at 00:30 Asia/Shanghai.
 */
export function startCreditRulesTimer(deps: Deps, log: (msg: string) => void) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const once = async () => {
    try {
      const r = await runCreditRulesForToday(deps);
      if (!r) return;
      log(`信用名录规则：${r.organizations} 个组织，列入 ${r.entered} 条，移出 ${r.left} 条（${r.ms} 毫秒）`);
      const d = await runDormantCheck(deps);
      log(
        `长期未活动组织：警示 ${d.warned} 个，提出退出建议 ${d.proposed} 个，解除 ${d.cleared} 个（${d.ms} 毫秒）`,
      );
    } catch (err) {
      log(`监管定时任务执行失败：${(err as Error).message}`);
    }
  };
  const schedule = () => {
    if (stopped) return;
    const now = deps.clock.now();
    const next = new Date(`${todayInShanghai(now)}T00:30:00+08:00`);
    while (next.getTime() <= now.getTime()) next.setTime(next.getTime() + 86_400_000);
    timer = setTimeout(async () => {
      await once();
      schedule();
    }, next.getTime() - now.getTime());
    timer.unref?.();
  };
  void once().then(schedule);
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
