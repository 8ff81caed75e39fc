import {
  canPost,
  creditKey,
  type ExpiryRule,
  earnedPoints,
  lastValidDay,
  type PointEntry,
  type PointEntryKind,
  pointEntryKindLabels,
  pointSystemAccounts,
  todayInShanghai,
  validateEntry,
  volunteerAccount,
} from '@linli/core';
import type { Database, DbOrTx } from '../../db/client';
import { rawSql, rowsOf } from '../../db/rawSql';
import { unprocessable } from '../../lib/errors';
import { loadVolunteerConfig, type VolunteerConfig } from '../volunteerConfig/volunteerConfig';

/**
 * The one place that writes the points ledger (`point_entries` + `point_balances`).
 *
 * Every posting, in the caller's transaction:
 * 1. locks the volunteer's `point_balances` row (created on first use), so postings of one volunteer
 *    run one after another and the balance check below sees every committed entry;
 * 2. answers a retry (same idempotency key) with the first entry and `duplicate: true`;
 * 3. checks the entry with the core rules (`validateEntry`, and `canPost` for spending when points
 *    expire) and refuses an overdraft with 422 – nothing is written;
 * 4. inserts the entry (`on conflict (idem_key) do nothing`, the unique index is the last guard)
 *    and moves the balance.
 */

export type LedgerActor = { id: string | null; name: string } | null;

export type PostPointsInput = {
  volunteerId: string;
  kind: PointEntryKind;
  points: number;
  reason: string;
  /** idempotency key: a retry with the same key returns the first entry */
  key: string;
  /** service_record | redemption | manual | expiry | reversal */
  causeType: string;
  causeId?: string | null;
  /** for a reversal: the entry it undoes */
  reverses?: string | null;
  /** business date (YYYY-MM-DD, Asia/Shanghai) of an earning; today for other entries */
  creditedOn: string;
  /** last valid day of earned/bonus points (null = never expire) */
  expiresOn?: string | null;
  actor: LedgerActor;
  /** when the entry is posted (defaults to the database clock); pass the server clock */
  at?: Date;
};

export type PostPointsResult = { entryId: string; balance: number; duplicate: boolean };

type EntryRow = {
  id: string;
  volunteer_id: string;
  kind: PointEntryKind;
  points: number;
  debit_account: string;
  credit_account: string;
  idem_key: string;
  reason: string;
  cause_type: string;
  cause_id: string | null;
  reverses: string | null;
  credited_on: string;
  expires_on: string | null;
  at: Date | string;
};

const ENTRY_COLUMNS = `id, volunteer_id, kind, points, debit_account, credit_account, idem_key, reason, cause_type,
  cause_id, reverses, to_char(credited_on, 'YYYY-MM-DD') as credited_on,
  to_char(expires_on, 'YYYY-MM-DD') as expires_on, at`;

/** Raw query inside the given transaction. */
export async function txQuery<T>(tx: DbOrTx, text: string, params: unknown[] = []): Promise<T[]> {
  return rowsOf<T>(await tx.execute(rawSql(text, params)));
}

/** The volunteer configuration read through the open transaction. */
export function loadConfigIn(tx: DbOrTx): Promise<VolunteerConfig> {
  return loadVolunteerConfig({
    query: (text: string, params?: unknown[]) => txQuery(tx, text, params),
  } as Database);
}

const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);

/**
 * A stored entry as the core sees it. Earnings are dated by their business date (`credited_on`,
 * the service day), which is what their expiry is computed from; other entries by when they were posted.
 */
export function coreEntry(row: EntryRow): PointEntry {
  const at = row.at instanceof Date ? row.at : new Date(row.at);
  return {
    id: row.id,
    volunteerId: row.volunteer_id,
    kind: row.kind,
    points: Number(row.points),
    at: row.kind === 'earn' || row.kind === 'bonus' ? dayStart(row.credited_on) : at,
    reason: row.reason,
    key: row.idem_key,
    ...(row.reverses ? { reverses: row.reverses } : {}),
  };
}

/** Every entry of a volunteer in posting order. */
export async function volunteerEntries(tx: DbOrTx, volunteerId: string): Promise<EntryRow[]> {
  return txQuery<EntryRow>(
    tx,
    // entries posted in the same instant: credits first, so FIFO lots never depend on random ids
    `select ${ENTRY_COLUMNS} from point_entries where volunteer_id = $1
      order by at, case when kind in ('earn', 'bonus') then 0 else 1 end, id`,
    [volunteerId],
  );
}

/** Lock (creating if needed) the balance row of a volunteer for the rest of the transaction. */
export async function lockBalance(
  tx: DbOrTx,
  volunteerId: string,
): Promise<{ balance: number; earned: number; spent: number }> {
  await txQuery(
    tx,
    'insert into point_balances (volunteer_id) values ($1) on conflict (volunteer_id) do nothing',
    [volunteerId],
  );
  const [row] = await txQuery<{ balance: number; earned: number; spent: number }>(
    tx,
    'select balance, earned, spent from point_balances where volunteer_id = $1 for update',
    [volunteerId],
  );
  return { balance: Number(row.balance), earned: Number(row.earned), spent: Number(row.spent) };
}

async function entryByKey(tx: DbOrTx, key: string): Promise<EntryRow | undefined> {
  const [row] = await txQuery<EntryRow>(
    tx,
    `select ${ENTRY_COLUMNS} from point_entries where idem_key = $1`,
    [key],
  );
  return row;
}

async function currentBalance(tx: DbOrTx, volunteerId: string): Promise<number> {
  const [row] = await txQuery<{ balance: number }>(
    tx,
    'select balance from point_balances where volunteer_id = $1',
    [volunteerId],
  );
  return Number(row?.balance ?? 0);
}

const isCredit = (kind: PointEntryKind) => kind === 'earn' || kind === 'bonus';

/** Post one entry (see the file comment). Throws 422 when it would overdraw or break a ledger rule. */
export async function postPoints(tx: DbOrTx, input: PostPointsInput): Promise<PostPointsResult> {
  const { volunteerId, kind, points } = input;
  await lockBalance(tx, volunteerId);
  const existing = await entryByKey(tx, input.key);
  if (existing) {
    return { entryId: existing.id, balance: await currentBalance(tx, volunteerId), duplicate: true };
  }

  // the entry as the core sees it, checked against what it depends on
  const at = input.at ?? new Date();
  const candidate: PointEntry = {
    id: '00000000-0000-0000-0000-000000000000',
    volunteerId,
    kind,
    points,
    at,
    reason: input.reason,
    key: input.key,
    ...(input.reverses ? { reverses: input.reverses } : {}),
  };
  let target: EntryRow | undefined;
  let before: PointEntry[] = [];
  if (kind === 'reversal') {
    const related = await txQuery<EntryRow>(
      tx,
      `select ${ENTRY_COLUMNS} from point_entries where id = $1 or (kind = 'reversal' and reverses = $1) order by at, id`,
      [input.reverses ?? null],
    );
    target = related.find((r) => r.id === input.reverses);
    before = related.map(coreEntry);
  }
  const problem = validateEntry(candidate, before);
  if (problem) throw unprocessable(problem, { points: problem });

  // direction: credits and reversed debits add to the volunteer, the rest take from them
  const targetKind = target?.kind;
  const adds = kind === 'reversal' ? !isCredit(targetKind as PointEntryKind) : isCredit(kind);
  const system =
    kind === 'reversal'
      ? pointSystemAccounts[targetKind as Exclude<PointEntryKind, 'reversal'>]
      : pointSystemAccounts[kind];
  const mine = volunteerAccount(volunteerId);
  const [debitAccount, creditAccount] = adds ? [system, mine] : [mine, system];

  const { balance } = await lockBalance(tx, volunteerId);
  if (!adds && balance < points) {
    const message = `积分余额不足：当前余额${balance}分，${pointEntryKindLabels[kind]}需要${points}分`;
    throw unprocessable(message, { points: message }, 'insufficient_points');
  }
  if (kind === 'redeem' || kind === 'deduction') {
    // with an expiry rule, spending must also be covered by points that have not expired yet
    const config = await loadConfigIn(tx);
    if (config.expiry !== 'never') {
      const entries = (await volunteerEntries(tx, volunteerId)).map(coreEntry);
      const check = canPost(entries, candidate, config.expiry);
      if (!check.ok) throw unprocessable(check.message, { points: check.message }, 'insufficient_points');
    }
  }

  const [inserted] = await txQuery<{ id: string }>(
    tx,
    `insert into point_entries (volunteer_id, kind, points, debit_account, credit_account, idem_key, reason,
       cause_type, cause_id, reverses, credited_on, expires_on, created_by, created_by_name, at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     on conflict (idem_key) do nothing returning id`,
    [
      volunteerId,
      kind,
      points,
      debitAccount,
      creditAccount,
      input.key,
      input.reason.trim(),
      input.causeType,
      input.causeId ?? null,
      input.reverses ?? null,
      input.creditedOn,
      input.expiresOn ?? null,
      input.actor?.id ?? null,
      input.actor?.name ?? '系统',
      at,
    ],
  );
  if (!inserted) {
    // the same key posted concurrently for another volunteer's lock: the first one stands
    const first = await entryByKey(tx, input.key);
    return { entryId: first!.id, balance: await currentBalance(tx, volunteerId), duplicate: true };
  }

  // earned/spent are gross totals net of reversals, so balance = earned − spent always holds
  const reversedCredit = kind === 'reversal' && isCredit(targetKind as PointEntryKind);
  const earnedDelta = isCredit(kind) ? points : reversedCredit ? -points : 0;
  const spentDelta = kind === 'reversal' ? (reversedCredit ? 0 : -points) : isCredit(kind) ? 0 : points;
  const [after] = await txQuery<{ balance: number }>(
    tx,
    `update point_balances set balance = balance + $2, earned = earned + $3, spent = spent + $4, updated_at = $5
     where volunteer_id = $1 returning balance`,
    [volunteerId, adds ? points : -points, earnedDelta, spentDelta, at],
  );
  return { entryId: inserted.id, balance: Number(after.balance), duplicate: false };
}

export type CreditServiceInput = {
  recordId: string;
  volunteerId: string;
  activityId: string;
  minutes: number;
  /** activity coefficient × 100 (100 = 1.0) */
  coefficientHundredths: number;
  /** 0 for the first credit; a corrected record credits again under the next revision */
  revision: number;
  /** activity title, for the reason */
  title: string;
  /** service day YYYY-MM-DD (Asia/Shanghai) – the earning's business date */
  serviceDate: string;
  actor: LedgerActor;
  at?: Date;
};

/** Hours → points for one service record: rate × coefficient from the configuration, once per revision. */
export async function creditServicePoints(
  tx: DbOrTx,
  input: CreditServiceInput,
): Promise<{ entryId: string | null; points: number }> {
  const config = await loadConfigIn(tx);
  const points = earnedPoints(input.minutes, input.coefficientHundredths / 100, config.earn);
  if (points <= 0) return { entryId: null, points: 0 };
  const hours = Math.round((input.minutes / 60) * 100) / 100;
  const result = await postPoints(tx, {
    volunteerId: input.volunteerId,
    kind: 'earn',
    points,
    reason: `参加“${input.title}”服务${hours}小时`,
    key: creditKey(input.activityId, input.volunteerId, input.revision),
    causeType: 'service_record',
    causeId: input.recordId,
    creditedOn: input.serviceDate,
    expiresOn: lastValidDay(input.serviceDate, config.expiry as ExpiryRule),
    actor: input.actor,
    at: input.at,
  });
  return { entryId: result.entryId, points };
}

export type ReverseServiceInput = {
  recordId: string;
  volunteerId: string;
  activityId: string;
  revision: number;
  reason: string;
  actor: LedgerActor;
  at?: Date;
};

/**
 * Undo the points credited for one revision of a service record.
 *
 * The core rules only allow a reversal of the full amount, and a balance never goes negative. When
 * the volunteer has already spent part of those points, we take back what is there instead: a
 * `deduction` of the current balance (cause `reversal`, pointing at the credit) whose reason states the
 * shortfall that could not be recovered. Nothing is posted when nothing was credited or the balance is 0.
 * Either way the key `reverse:<credit key>` makes a retry harmless.
 */
export async function reverseServicePoints(
  tx: DbOrTx,
  input: ReverseServiceInput,
): Promise<{ entryId: string | null; points: number; shortfall: number }> {
  const key = creditKey(input.activityId, input.volunteerId, input.revision);
  const credit = await entryByKey(tx, key);
  if (!credit) return { entryId: null, points: 0, shortfall: 0 };
  const reverseKey = `reverse:${key}`;
  const { balance } = await lockBalance(tx, input.volunteerId);
  const done = await entryByKey(tx, reverseKey);
  if (done)
    return {
      entryId: done.id,
      points: Number(done.points),
      shortfall: Number(credit.points) - Number(done.points),
    };
  const at = input.at ?? new Date();
  const today = todayInShanghai(at);
  const creditPoints = Number(credit.points);
  if (balance >= creditPoints) {
    const r = await postPoints(tx, {
      volunteerId: input.volunteerId,
      kind: 'reversal',
      points: creditPoints,
      reason: `冲正：${credit.reason}（${input.reason}）`,
      key: reverseKey,
      causeType: 'service_record',
      causeId: input.recordId,
      reverses: credit.id,
      creditedOn: today,
      actor: input.actor,
      at,
    });
    return { entryId: r.entryId, points: creditPoints, shortfall: 0 };
  }
  if (balance === 0) return { entryId: null, points: 0, shortfall: creditPoints };
  const shortfall = creditPoints - balance;
  const r = await postPoints(tx, {
    volunteerId: input.volunteerId,
    kind: 'deduction',
    points: balance,
    reason: `冲正：${credit.reason}（${input.reason}）；应扣回${creditPoints}分，余额仅${balance}分，差额${shortfall}分未扣回`,
    key: reverseKey,
    causeType: 'reversal',
    causeId: credit.id,
    creditedOn: today,
    actor: input.actor,
    at,
  });
  return { entryId: r.entryId, points: balance, shortfall };
}
