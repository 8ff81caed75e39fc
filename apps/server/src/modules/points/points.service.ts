import {
  addDays,
  expiringEntries,
  expiryRuleLabel,
  lastValidDay,
  type PointAdjustmentInput,
  type PointEntryKind,
  pointEntryKindLabels,
  todayInShanghai,
} from '@linli/core';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import { volunteers } from '../../db/schema';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { notFound } from '../../lib/errors';
import type { Page } from '../../lib/pagination';
import { volunteerScope } from '../volunteers/volunteers.service';
import { coreEntry, loadConfigIn, postPoints, txQuery, volunteerEntries } from './points.ledger';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'>;

/** Cause types an entry may point at (for links in the UI). */
export const pointCauseLabels: Record<string, string> = {
  service_record: '服务记录',
  redemption: '积分兑换',
  manual: '人工调整',
  expiry: '积分过期',
  reversal: '冲正',
};

type EntryListRow = {
  id: string;
  kind: PointEntryKind;
  points: number;
  debit_account: string;
  credit_account: string;
  reason: string;
  cause_type: string;
  cause_id: string | null;
  reverses: string | null;
  credited_on: string;
  expires_on: string | null;
  created_by_name: string;
  at: Date | string;
};

export type PointEntryView = {
  id: string;
  kind: PointEntryKind;
  kindLabel: string;
  /** signed change of the volunteer's balance */
  points: number;
  reason: string;
  causeType: string;
  causeLabel: string;
  causeId: string | null;
  reverses: string | null;
  creditedOn: string;
  expiresOn: string | null;
  createdByName: string;
  at: string;
};

export type PointsSummary = {
  volunteerId: string;
  balance: number;
  earned: number;
  spent: number;
  expiryRule: string;
  /** points that reach their last valid day within 60 days (if not spent first) */
  expiring: { points: number; date: string | null; lots: { points: number; lastValidDay: string }[] };
  entries: Page<PointEntryView>;
};

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();

export function createPointsService(deps: Deps) {
  const { database, audit, clock } = deps;
  const db = database.db;

  async function scopedVolunteer(
    actor: Actor,
    id: string,
    permission: 'volunteer.read' | 'volunteer.manage',
  ) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('志愿者');
    const [row] = await db
      .select({ id: volunteers.id, regionCode: volunteers.regionCode, realName: volunteers.realName })
      .from(volunteers)
      .where(and(eq(volunteers.id, id), volunteerScope(actor, permission)));
    if (!row) throw notFound('志愿者');
    return row;
  }

  async function summary(volunteerId: string, page: number, pageSize: number): Promise<PointsSummary> {
    return db.transaction(async (tx) => {
      const config = await loadConfigIn(tx);
      const [bal] = await txQuery<{ balance: number; earned: number; spent: number }>(
        tx,
        'select balance, earned, spent from point_balances where volunteer_id = $1',
        [volunteerId],
      );
      const now = clock.now();
      const today = todayInShanghai(now);
      // lots reaching their last valid day by today + 60: ask the core what would have expired the day after
      const horizon = new Date(`${addDays(today, 61)}T00:00:00+08:00`);
      const lots = expiringEntries(
        (await volunteerEntries(tx, volunteerId)).map(coreEntry),
        horizon,
        config.expiry,
      )
        .filter((l) => l.lastValidDay >= today)
        .map((l) => ({ points: l.points, lastValidDay: l.lastValidDay }))
        .sort((a, b) => a.lastValidDay.localeCompare(b.lastValidDay));
      const [{ total }] = await txQuery<{ total: number }>(
        tx,
        'select count(*)::int as total from point_entries where volunteer_id = $1',
        [volunteerId],
      );
      const rows = await txQuery<EntryListRow>(
        tx,
        `select id, kind, points, debit_account, credit_account, reason, cause_type, cause_id, reverses,
           to_char(credited_on, 'YYYY-MM-DD') as credited_on, to_char(expires_on, 'YYYY-MM-DD') as expires_on,
           created_by_name, at
         from point_entries where volunteer_id = $1 order by at desc, id desc limit $2 offset $3`,
        [volunteerId, pageSize, (page - 1) * pageSize],
      );
      const mine = `volunteer:${volunteerId}`;
      return {
        volunteerId,
        balance: Number(bal?.balance ?? 0),
        earned: Number(bal?.earned ?? 0),
        spent: Number(bal?.spent ?? 0),
        expiryRule: expiryRuleLabel(config.expiry),
        expiring: {
          points: lots.reduce((s, l) => s + l.points, 0),
          date: lots[0]?.lastValidDay ?? null,
          lots,
        },
        entries: {
          items: rows.map((r) => ({
            id: r.id,
            kind: r.kind,
            kindLabel: pointEntryKindLabels[r.kind] ?? r.kind,
            points: r.credit_account === mine ? Number(r.points) : -Number(r.points),
            reason: r.reason,
            causeType: r.cause_type,
            causeLabel: pointCauseLabels[r.cause_type] ?? r.cause_type,
            causeId: r.cause_id,
            reverses: r.reverses,
            creditedOn: r.credited_on,
            expiresOn: r.expires_on,
            createdByName: r.created_by_name,
            at: iso(r.at),
          })),
          total: Number(total),
          page,
          pageSize,
        },
      };
    });
  }

  return {
    mine: (volunteerId: string, page: number, pageSize: number) => summary(volunteerId, page, pageSize),

    async ofVolunteer(actor: Actor, id: string, page: number, pageSize: number) {
      await scopedVolunteer(actor, id, 'volunteer.read');
      return summary(id, page, pageSize);
    },

    /** A bonus or deduction by staff; a retried idempotency key returns the first entry (`duplicate`). */
    async adjust(actor: Actor, id: string, input: PointAdjustmentInput, requestId?: string) {
      const v = await scopedVolunteer(actor, id, 'volunteer.manage');
      return db.transaction(async (tx) => {
        const config = await loadConfigIn(tx);
        const now = clock.now();
        const today = todayInShanghai(now);
        const result = await postPoints(tx, {
          volunteerId: id,
          kind: input.kind,
          points: input.points,
          reason: input.reason,
          key: `adjust:${id}:${input.idempotencyKey}`,
          causeType: 'manual',
          creditedOn: today,
          expiresOn: input.kind === 'bonus' ? lastValidDay(today, config.expiry) : null,
          actor: auditActor(actor),
          at: now,
        });
        if (!result.duplicate) {
          await audit.record(tx, {
            actor: auditActor(actor),
            action: input.kind === 'bonus' ? 'points.bonus' : 'points.deduction',
            entity: ['volunteer', id],
            regionCode: v.regionCode,
            before: null,
            after: {
              entryId: result.entryId,
              kind: input.kind,
              points: input.points,
              reason: input.reason,
              balance: result.balance,
            },
            requestId,
          });
        }
        return result;
      });
    },

    /**
     * Ledger check: every entry's two postings cancel out, so the accounts sum to zero; each
     * volunteer's stored balance equals the sum of their account's postings.
     */
    async trialBalance() {
      const accounts = await database.query<{ account: string; total: number }>(
        `select account, sum(p)::int as total from (
           select credit_account as account, points as p from point_entries
           union all select debit_account, -points from point_entries) x
         group by account order by account`,
      );
      const discrepancies = await database.query<{ volunteer_id: string; stored: number; ledger: number }>(
        `select coalesce(b.volunteer_id, l.volunteer_id) as volunteer_id, coalesce(b.balance, 0)::int as stored,
           coalesce(l.total, 0)::int as ledger
         from point_balances b
         full join (
           select substr(account, 11)::uuid as volunteer_id, sum(p) as total from (
             select credit_account as account, points as p from point_entries
             union all select debit_account, -points from point_entries) x
           where account like 'volunteer:%' group by account) l on l.volunteer_id = b.volunteer_id
         where coalesce(b.balance, 0) <> coalesce(l.total, 0) or coalesce(b.earned - b.spent, 0) <> coalesce(b.balance, 0)`,
      );
      const [{ entries, malformed }] = await database.query<{ entries: number; malformed: number }>(
        `select count(*)::int as entries, count(*) filter (where
           not ((debit_account = 'volunteer:' || volunteer_id::text) <> (credit_account = 'volunteer:' || volunteer_id::text))
           or (debit_account not like 'volunteer:%' and debit_account not like 'system:%')
           or (credit_account not like 'volunteer:%' and credit_account not like 'system:%'))::int as malformed
         from point_entries`,
      );
      const system = accounts.filter((a) => a.account.startsWith('system:'));
      const volunteerTotal = accounts
        .filter((a) => a.account.startsWith('volunteer:'))
        .reduce((s, a) => s + Number(a.total), 0);
      const sum = accounts.reduce((s, a) => s + Number(a.total), 0);
      return {
        balanced: sum === 0 && discrepancies.length === 0 && Number(malformed) === 0,
        sum,
        entries: Number(entries),
        malformedEntries: Number(malformed),
        systemAccounts: system.map((a) => ({ account: a.account, total: Number(a.total) })),
        volunteerAccounts: { count: accounts.length - system.length, total: volunteerTotal },
        discrepancies: discrepancies.map((d) => ({
          volunteerId: d.volunteer_id,
          storedBalance: Number(d.stored),
          ledgerBalance: Number(d.ledger),
        })),
      };
    },
  };
}

export type PointsService = ReturnType<typeof createPointsService>;
