import { defaultDormantConfig, dormantStatus, todayInShanghai } from '@linli/core';
import type { AppDeps } from '../../app';
import { rawSql } from '../../db/rawSql';
import { txQuery } from '../points/points.ledger';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'>;

type FactRow = {
  id: string;
  region_code: string;
  live_since: string;
  last_activity_on: string | null;
  last_report_on: string | null;
  case_id: string | null;
  warned_on: string | null;
  proposed_on: string | null;
};

/**
 * Every live organization with its latest signs of life (service activities held, ledger
 * entries, annual reports) and its open case. Activity groups count from creation, filed and
 * registered organizations from filing or registration.
 */
export const DORMANT_FACTS_SQL = `select o.id, o.region_code,
    to_char(coalesce(o.registered_on, o.filed_on, (o.created_at at time zone 'Asia/Shanghai')::date), 'YYYY-MM-DD') as live_since,
    to_char(greatest(
      (select max((a.starts_at at time zone 'Asia/Shanghai')::date) from service_activities a
        where a.organization_id = o.id and a.status in ('published', 'finished')),
      (select max(l.held_on) from ledger_activities l where l.organization_id = o.id)), 'YYYY-MM-DD') as last_activity_on,
    to_char((select max(r.first_submitted_on) from annual_reports r where r.organization_id = o.id), 'YYYY-MM-DD') as last_report_on,
    c.id as case_id, to_char(c.warned_on, 'YYYY-MM-DD') as warned_on, to_char(c.proposed_on, 'YYYY-MM-DD') as proposed_on
  from organizations o
  left join dormant_cases c on c.organization_id = o.id and c.cleared_on is null
  where o.status in ('active', 'dormant')`;

export type DormantSummary = {
  organizations: number;
  warned: number;
  proposed: number;
  cleared: number;
  ms: number;
};

/**
 * The daily dormant-organization check: warns organizations silent for the configured period
 * (default 12 months), proposes exit to the street when a warning's period (60 days) passes with
 * nothing recorded, and clears a case once something is recorded. Idempotent: one open case per
 * organization (unique), and each step only moves a case that is still where the step expects.
 */
export async function runDormantCheck(
  deps: Deps,
  today = todayInShanghai(deps.clock.now()),
): Promise<DormantSummary> {
  const t0 = Date.now();
  const { database, audit } = deps;
  const rows = await database.query<FactRow>(DORMANT_FACTS_SQL);
  let warned = 0;
  let proposed = 0;
  let cleared = 0;
  for (const r of rows) {
    const a = dormantStatus(
      {
        liveSince: r.live_since,
        lastActivityOn: r.last_activity_on,
        lastAnnualReportOn: r.last_report_on,
        warnedOn: r.warned_on,
        proposedOn: r.proposed_on,
      },
      today,
      defaultDormantConfig,
    );
    const step =
      a.status === 'dormant'
        ? r.case_id
          ? 'clear-and-warn'
          : 'warn'
        : a.status === 'exit_proposal_due'
          ? 'propose'
          : a.status === 'active' && r.case_id
            ? 'clear'
            : null;
    if (!step) continue;
    await database.db.transaction(async (tx) => {
      await tx.execute(rawSql(`select pg_advisory_xact_lock(hashtext('dormant:' || $1))`, [r.id]));
      if (step === 'clear' || step === 'clear-and-warn') {
        const done = await txQuery<{ id: string }>(
          tx,
          `update dormant_cases set cleared_on = $2, status = 'cleared', updated_at = now()
            where id = $1 and cleared_on is null returning id`,
          [r.case_id, today],
        );
        if (done.length) {
          cleared++;
          await audit.record(tx, {
            actor: null,
            action: 'dormant.clear',
            entity: ['dormant_case', r.case_id!],
            regionCode: r.region_code,
            before: { status: 'open' },
            after: { status: 'cleared', clearedOn: today, lastSignOn: a.lastSignOn },
          });
        }
      }
      if (step === 'warn' || step === 'clear-and-warn') {
        const [c] = await txQuery<{ id: string }>(
          tx,
          `insert into dormant_cases (organization_id, region_code, last_sign_on, last_sign, warned_on, message)
           values ($1, $2, $3, $4, $5, $6) on conflict (organization_id) where cleared_on is null do nothing returning id`,
          [r.id, r.region_code, a.lastSignOn, a.lastSign, today, a.message],
        );
        if (c) {
          warned++;
          await audit.record(tx, {
            actor: null,
            action: 'dormant.warn',
            entity: ['dormant_case', c.id],
            regionCode: r.region_code,
            before: null,
            after: { organizationId: r.id, warnedOn: today, lastSignOn: a.lastSignOn, message: a.message },
          });
        }
      }
      if (step === 'propose') {
        const done = await txQuery<{ id: string }>(
          tx,
          `update dormant_cases set proposed_on = $2, status = 'proposed', message = $3, updated_at = now()
            where id = $1 and cleared_on is null and proposed_on is null returning id`,
          [r.case_id, today, a.message],
        );
        if (done.length) {
          proposed++;
          await audit.record(tx, {
            actor: null,
            action: 'dormant.propose_exit',
            entity: ['dormant_case', r.case_id!],
            regionCode: r.region_code,
            before: { status: 'warned' },
            after: { status: 'proposed', proposedOn: today },
          });
        }
      }
    });
  }
  return { organizations: rows.length, warned, proposed, cleared, ms: Date.now() - t0 };
}
