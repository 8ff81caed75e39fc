import { addDays, isIsoDate, todayInShanghai } from '../time';

/**
 * Volunteer points as a double-entry ledger. Every entry moves whole points between a
 * volunteer's account and one system account, carries a reason and an idempotency key, and is
 * never edited: mistakes are undone by a `reversal` entry that points at what it reverses.
 *
 * - Points are integers. Earning = minutes / 60 × rate × coefficient, with rate and coefficient
 *   given to at most two decimals and the product rounded by a stated rule (default: floor –
 *   a fraction of a point is not credited).
 * - A balance never goes negative: `balanceAfter` walks the entries in order and fails at the
 *   first one that would overdraw.
 * - Points may expire (hours never do). Expiry is FIFO: spending consumes the oldest credits
 *   first, so what expires is whatever is left of old credits. `expire` entries are debits like
 *   any other and consume those same oldest credits, so posting what `expiringEntries` returns
 *   makes it return nothing next time.
 */

export const pointEntryKinds = ['earn', 'bonus', 'deduction', 'redeem', 'expire', 'reversal'] as const;
export type PointEntryKind = (typeof pointEntryKinds)[number];
export const pointEntryKindLabels: Readonly<Record<PointEntryKind, string>> = {
  earn: '服务积分',
  bonus: '奖励积分',
  deduction: '扣减积分',
  redeem: '积分兑换',
  expire: '积分过期',
  reversal: '冲正',
};

/** System accounts on the other side of each entry. */
export const pointSystemAccounts = {
  earn: 'system:issued',
  bonus: 'system:bonus',
  deduction: 'system:deducted',
  redeem: 'system:redeemed',
  expire: 'system:expired',
} as const satisfies Record<Exclude<PointEntryKind, 'reversal'>, string>;

export interface PointEntry {
  id: string;
  volunteerId: string;
  kind: PointEntryKind;
  /** Positive whole points; the direction follows from the kind. */
  points: number;
  at: Date;
  /** Why, in words a volunteer understands (e.g. '参加“敬老院陪伴”服务3小时'). */
  reason: string;
  /** Idempotency key: a retry with the same key must not post twice (see `creditKey`). */
  key: string;
  /** For a reversal: the id of the entry it undoes. */
  reverses?: string;
}

export interface Posting {
  account: string;
  /** Signed points; the two postings of one entry sum to zero. */
  points: number;
}

/** The account of a volunteer. */
export function volunteerAccount(volunteerId: string): string {
  return `volunteer:${volunteerId}`;
}

function keyPart(s: string, what: string): string {
  if (typeof s !== 'string' || s.trim() === '') throw new Error(`${what} must not be blank`);
  return encodeURIComponent(s.trim());
}

/**
 * Idempotency key for the points earned by one volunteer at one activity. A corrected record
 * (amendment) reverses the first credit and posts a new one under the next `revision`.
 */
export function creditKey(activityId: string, volunteerId: string, revision = 0): string {
  if (!Number.isInteger(revision) || revision < 0) throw new Error(`invalid revision: ${revision}`);
  const base = `earn:${keyPart(activityId, 'activityId')}:${keyPart(volunteerId, 'volunteerId')}`;
  return revision === 0 ? base : `${base}:r${revision}`;
}

export type PointRounding = 'floor' | 'round' | 'ceil';

export const pointRoundingLabels: Readonly<Record<PointRounding, string>> = {
  floor: '不足1分的部分不计',
  round: '四舍五入到整分',
  ceil: '不足1分按1分计',
};

export interface EarnRule {
  /** Points per hour of service (usually 1); at most two decimals. */
  rate: number;
  rounding: PointRounding;
}

export const defaultEarnRule: Readonly<EarnRule> = { rate: 1, rounding: 'floor' };

function hundredths(x: number, what: string): number {
  if (!Number.isFinite(x) || x < 0) throw new Error(`${what} must be a non-negative number: ${x}`);
  const h = Math.round(x * 100);
  if (Math.abs(h - x * 100) > 1e-6) throw new Error(`${what} allows at most two decimals: ${x}`);
  return h;
}

/**
 * Points earned for `minutes` of service at an activity with `coefficient` (难度/类别系数):
 * minutes / 60 × rate × coefficient, computed on integers and rounded by `rule.rounding`.
 */
export function earnedPoints(minutes: number, coefficient = 1, rule: EarnRule = defaultEarnRule): number {
  if (!Number.isInteger(minutes) || minutes < 0)
    throw new Error(`minutes must be a non-negative integer: ${minutes}`);
  const numerator = minutes * hundredths(rule.rate, 'rate') * hundredths(coefficient, 'coefficient');
  const denominator = 60 * 100 * 100;
  if (!Number.isSafeInteger(numerator)) throw new Error('points computation out of range');
  const q = Math.floor(numerator / denominator);
  const r = numerator - q * denominator;
  if (rule.rounding === 'floor' || r === 0) return q;
  if (rule.rounding === 'ceil') return q + 1;
  return 2 * r >= denominator ? q + 1 : q;
}

function byId(entries: readonly PointEntry[]): Map<string, PointEntry> {
  return new Map(entries.map((e) => [e.id, e]));
}

/** +1 for credits, −1 for debits; a reversal has the opposite sign of what it reverses. */
function signOf(entry: PointEntry, index: Map<string, PointEntry>): 1 | -1 {
  switch (entry.kind) {
    case 'earn':
    case 'bonus':
      return 1;
    case 'deduction':
    case 'redeem':
    case 'expire':
      return -1;
    case 'reversal': {
      const target = entry.reverses === undefined ? undefined : index.get(entry.reverses);
      if (!target || target.kind === 'reversal')
        throw new Error(`reversal ${entry.id} has no reversible target`);
      return signOf(target, index) === 1 ? -1 : 1;
    }
  }
}

/** The two postings of an entry (volunteer side first); they always sum to zero. */
export function postingsOf(entry: PointEntry, entries: readonly PointEntry[] = []): [Posting, Posting] {
  const index = byId(entries);
  const sign = signOf(entry, index);
  let system: string;
  if (entry.kind === 'reversal') {
    const target = index.get(entry.reverses!)!;
    system = pointSystemAccounts[target.kind as Exclude<PointEntryKind, 'reversal'>];
  } else {
    system = pointSystemAccounts[entry.kind];
  }
  return [
    { account: volunteerAccount(entry.volunteerId), points: sign * entry.points },
    { account: system, points: -sign * entry.points },
  ];
}

/** Sum per account over all entries; every total of a sound ledger adds up to zero. */
export function trialBalance(entries: readonly PointEntry[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const e of entries) {
    for (const p of postingsOf(e, entries)) totals[p.account] = (totals[p.account] ?? 0) + p.points;
  }
  return totals;
}

export type LedgerResult = { ok: true; balance: number } | { ok: false; message: string; entryId: string };

/**
 * Checks one entry on its own and against the entries before it: positive whole points,
 * a reason, a key not used before, and a reversal that points at an earlier, not yet reversed,
 * non-reversal entry of the same volunteer.
 */
export function validateEntry(entry: PointEntry, before: readonly PointEntry[]): string | null {
  if (!pointEntryKinds.includes(entry.kind)) return '积分记录类型无效';
  if (!Number.isSafeInteger(entry.points) || entry.points <= 0) return '积分数应为正整数';
  if (!entry.reason?.trim()) return `请填写${pointEntryKindLabels[entry.kind]}的原因`;
  if (!entry.key?.trim()) return '积分记录缺少幂等键';
  if (!(entry.at instanceof Date) || Number.isNaN(entry.at.getTime())) return '积分记录时间无效';
  if (before.some((e) => e.key === entry.key)) return '该积分已记入，不能重复入账';
  if (before.some((e) => e.id === entry.id)) return '积分记录编号重复';
  if (entry.kind === 'reversal') {
    const target = before.find((e) => e.id === entry.reverses);
    if (!target) return '找不到要冲正的积分记录';
    if (target.kind === 'reversal') return '冲正记录不能再冲正';
    if (target.volunteerId !== entry.volunteerId) return '只能冲正同一志愿者的积分记录';
    if (target.points !== entry.points) return '冲正积分应与原记录相同';
    if (before.some((e) => e.kind === 'reversal' && e.reverses === target.id)) return '该积分记录已冲正';
  } else if (entry.reverses !== undefined) {
    return '只有冲正记录可以指向原记录';
  }
  return null;
}

/**
 * Walks the entries of one volunteer in the given order (the order they were posted) and
 * returns the balance, or the first entry that is invalid or would make the balance negative.
 */
export function balanceAfter(entries: readonly PointEntry[]): LedgerResult {
  let balance = 0;
  const index = new Map<string, PointEntry>();
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i];
    const problem = validateEntry(e, entries.slice(0, i));
    if (problem) return { ok: false, message: problem, entryId: e.id };
    if (i > 0 && e.volunteerId !== entries[0].volunteerId) {
      return { ok: false, message: '积分记录属于不同志愿者', entryId: e.id };
    }
    index.set(e.id, e);
    const next = balance + signOf(e, index) * e.points;
    if (next < 0) {
      return {
        ok: false,
        message: `积分余额不足：当前余额${balance}分，${pointEntryKindLabels[e.kind]}需要${e.points}分`,
        entryId: e.id,
      };
    }
    balance = next;
  }
  return { ok: true, balance };
}

/**
 * Would posting `next` after `entries` keep the ledger valid and non-negative? With an expiry
 * rule, a redemption or deduction must also be covered by points not yet expired at `next.at`.
 */
export function canPost(
  entries: readonly PointEntry[],
  next: PointEntry,
  rule: ExpiryRule = 'never',
): LedgerResult {
  const result = balanceAfter([...entries, next]);
  if (!result.ok || rule === 'never' || (next.kind !== 'redeem' && next.kind !== 'deduction')) return result;
  const spendable = spendableBalance(entries, next.at, rule);
  if (spendable.ok && spendable.balance < next.points) {
    return {
      ok: false,
      message: `可用积分不足：未过期积分${spendable.balance}分，${pointEntryKindLabels[next.kind]}需要${next.points}分`,
      entryId: next.id,
    };
  }
  return result;
}

export type ExpiryRule = 'never' | { kind: 'yearEnd'; years: number } | { kind: 'afterYears'; years: number };

/**
 * The last day (YYYY-MM-DD, inclusive) on which points credited on `creditedOn` may be used;
 * null when they never expire. 'yearEnd' with years N: 31 December of the credit's year + N
 * (N = 0: the same year's end). 'afterYears' with years N: the day before the N-th anniversary
 * (a credit of 29 February has its anniversary on 1 March in common years).
 */
export function lastValidDay(creditedOn: string, rule: ExpiryRule): string | null {
  if (!isIsoDate(creditedOn)) throw new Error(`invalid date: ${creditedOn}`);
  if (rule === 'never') return null;
  if (!Number.isInteger(rule.years) || rule.years < 0 || (rule.kind === 'afterYears' && rule.years === 0)) {
    throw new Error(`invalid expiry years: ${rule.years}`);
  }
  const year = Number(creditedOn.slice(0, 4)) + rule.years;
  const yyyy = String(year).padStart(4, '0');
  if (rule.kind === 'yearEnd') return `${yyyy}-12-31`;
  const anniversary = `${yyyy}${creditedOn.slice(4)}`;
  const real = isIsoDate(anniversary) ? anniversary : `${yyyy}-03-01`;
  return addDays(real, -1);
}

/** Chinese description of an expiry rule. */
export function expiryRuleLabel(rule: ExpiryRule): string {
  if (rule === 'never') return '积分长期有效';
  if (rule.kind === 'yearEnd') {
    return rule.years === 0 ? '积分当年12月31日后过期' : `积分在获得后第${rule.years}年的12月31日后过期`;
  }
  return `积分自获得之日起${rule.years}年后过期`;
}

export interface ExpiringLot {
  /** The earn or bonus entry whose remainder expires. */
  entryId: string;
  points: number;
  lastValidDay: string;
  /** Reason for the `expire` entry the server posts. */
  reason: string;
}

interface Lot {
  entry: PointEntry;
  remaining: number;
  lastValidDay: string | null;
}

/**
 * Which credited points have expired as of `asOf` and are not yet written off: the unspent
 * remainder of each earn/bonus entry whose last valid day is before `asOf`'s date (Asia/Shanghai).
 * Debits consume credits oldest first (FIFO); a redemption or deduction never consumes a credit
 * that had already expired when it was posted, while `expire` entries and reversed credits
 * consume the oldest credits regardless. Reversing a debit gives back exactly what it consumed.
 * Entries are taken in the order given (the order they were posted).
 */
export function expiringEntries(entries: readonly PointEntry[], asOf: Date, rule: ExpiryRule): ExpiringLot[] {
  if (rule === 'never') return [];
  const lots: Lot[] = [];
  const lotOf = new Map<string, Lot>();
  const consumed = new Map<string, { lot: Lot; points: number }[]>();
  const index = byId(entries);

  const consume = (id: string, points: number, day: string, skipExpired: boolean) => {
    let left = points;
    const taken: { lot: Lot; points: number }[] = [];
    for (const lot of lots) {
      if (left === 0) break;
      if (lot.remaining === 0) continue;
      if (skipExpired && lot.lastValidDay !== null && lot.lastValidDay < day) continue;
      const n = Math.min(lot.remaining, left);
      lot.remaining -= n;
      left -= n;
      taken.push({ lot, points: n });
    }
    consumed.set(id, taken);
  };

  for (const e of entries) {
    const day = todayInShanghai(e.at);
    if (e.kind === 'earn' || e.kind === 'bonus') {
      const lot: Lot = { entry: e, remaining: e.points, lastValidDay: lastValidDay(day, rule) };
      lots.push(lot);
      lotOf.set(e.id, lot);
    } else if (e.kind === 'reversal') {
      const target = e.reverses === undefined ? undefined : index.get(e.reverses);
      if (!target) continue;
      if (target.kind === 'earn' || target.kind === 'bonus') {
        const lot = lotOf.get(target.id)!;
        const own = Math.min(lot.remaining, e.points);
        lot.remaining -= own;
        if (own < e.points) consume(e.id, e.points - own, day, false);
      } else {
        for (const { lot, points } of consumed.get(target.id) ?? []) lot.remaining += points;
        consumed.delete(target.id);
      }
    } else {
      consume(e.id, e.points, day, e.kind !== 'expire');
    }
  }

  const today = todayInShanghai(asOf);
  return lots
    .filter((l) => l.remaining > 0 && l.lastValidDay !== null && l.lastValidDay < today)
    .map((l) => ({
      entryId: l.entry.id,
      points: l.remaining,
      lastValidDay: l.lastValidDay!,
      reason: `${todayInShanghai(l.entry.at)}获得的${l.remaining}分积分已于${l.lastValidDay}到期`,
    }));
}

/** Points that may still be spent as of `asOf`: the balance less what has expired unposted. */
export function spendableBalance(entries: readonly PointEntry[], asOf: Date, rule: ExpiryRule): LedgerResult {
  const result = balanceAfter(entries);
  if (!result.ok) return result;
  const expired = expiringEntries(entries, asOf, rule).reduce((s, l) => s + l.points, 0);
  return { ok: true, balance: Math.max(0, result.balance - expired) };
}
