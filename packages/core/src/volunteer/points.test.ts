import { describe, expect, it } from 'vitest';
import {
  balanceAfter,
  canPost,
  creditKey,
  type ExpiryRule,
  earnedPoints,
  expiringEntries,
  expiryRuleLabel,
  lastValidDay,
  type PointEntry,
  type PointEntryKind,
  pointEntryKindLabels,
  pointEntryKinds,
  postingsOf,
  spendableBalance,
  trialBalance,
  validateEntry,
  volunteerAccount,
} from './points';

let seq = 0;
function entry(
  kind: PointEntryKind,
  points: number,
  day: string,
  extra: Partial<PointEntry> = {},
): PointEntry {
  seq++;
  return {
    id: `e${seq}`,
    volunteerId: 'v1',
    kind,
    points,
    at: new Date(`${day}T10:00:00+08:00`),
    reason: `${pointEntryKindLabels[kind]}测试`,
    key: `k${seq}`,
    ...extra,
  };
}

describe('earnedPoints', () => {
  it('is hours × rate × coefficient, floored by default', () => {
    expect(earnedPoints(180)).toBe(3);
    expect(earnedPoints(179)).toBe(2);
    expect(earnedPoints(0)).toBe(0);
    expect(earnedPoints(120, 1.5)).toBe(3);
    expect(earnedPoints(150, 1.5)).toBe(3); // 3.75
    expect(earnedPoints(60, 1, { rate: 10, rounding: 'floor' })).toBe(10);
  });

  it('rounds half up or ceils when configured', () => {
    expect(earnedPoints(150, 1.5, { rate: 1, rounding: 'round' })).toBe(4); // 3.75
    expect(earnedPoints(90, 1, { rate: 1, rounding: 'round' })).toBe(2); // 1.5 → 2
    expect(earnedPoints(89, 1, { rate: 1, rounding: 'round' })).toBe(1);
    expect(earnedPoints(61, 1, { rate: 1, rounding: 'ceil' })).toBe(2);
    expect(earnedPoints(60, 1, { rate: 1, rounding: 'ceil' })).toBe(1);
  });

  it('has no floating drift with decimal coefficients', () => {
    // 0.1 × 3 in floating point is 0.30000000000000004; on integers it is exact
    expect(earnedPoints(600, 0.3, { rate: 1, rounding: 'ceil' })).toBe(3);
    expect(earnedPoints(60, 1.1, { rate: 10, rounding: 'floor' })).toBe(11);
    expect(earnedPoints(60, 0.7, { rate: 10, rounding: 'floor' })).toBe(7);
  });

  it('rejects bad inputs', () => {
    expect(() => earnedPoints(1.5)).toThrow();
    expect(() => earnedPoints(-60)).toThrow();
    expect(() => earnedPoints(60, 1.234)).toThrow('two decimals');
    expect(() => earnedPoints(60, -1)).toThrow();
    expect(() => earnedPoints(60, 1, { rate: Number.NaN, rounding: 'floor' })).toThrow();
  });
});

describe('creditKey', () => {
  it('is stable per activity and volunteer, with revisions for amendments', () => {
    expect(creditKey('a1', 'v1')).toBe('earn:a1:v1');
    expect(creditKey(' a1 ', 'v1')).toBe('earn:a1:v1');
    expect(creditKey('a1', 'v1', 2)).toBe('earn:a1:v1:r2');
    expect(creditKey('a1', 'v1')).not.toBe(creditKey('a1', 'v2'));
  });

  it('cannot be confused by separators inside ids', () => {
    expect(creditKey('a:1', 'v')).not.toBe(creditKey('a', '1:v'));
  });

  it('rejects blank ids and bad revisions', () => {
    expect(() => creditKey('', 'v1')).toThrow();
    expect(() => creditKey('a1', '  ')).toThrow();
    expect(() => creditKey('a1', 'v1', -1)).toThrow();
  });
});

describe('balanceAfter', () => {
  it('sums credits and debits in order', () => {
    const earn = entry('earn', 10, '2025-01-05');
    const ledger = [
      earn,
      entry('bonus', 5, '2025-01-06'),
      entry('redeem', 8, '2025-01-07'),
      entry('deduction', 2, '2025-01-08'),
      entry('expire', 1, '2025-01-09'),
    ];
    expect(balanceAfter(ledger)).toEqual({ ok: true, balance: 4 });
    expect(balanceAfter([])).toEqual({ ok: true, balance: 0 });
  });

  it('refuses to go negative and says so in Chinese', () => {
    const ledger = [entry('earn', 5, '2025-01-05'), entry('redeem', 6, '2025-01-06')];
    expect(balanceAfter(ledger)).toEqual({
      ok: false,
      message: '积分余额不足：当前余额5分，积分兑换需要6分',
      entryId: ledger[1].id,
    });
    const exact = [entry('earn', 5, '2025-01-05'), entry('redeem', 5, '2025-01-06')];
    expect(balanceAfter(exact)).toEqual({ ok: true, balance: 0 });
  });

  it('reverses credits and debits', () => {
    const earn = entry('earn', 10, '2025-01-05');
    const redeem = entry('redeem', 4, '2025-01-06');
    const undoRedeem = entry('reversal', 4, '2025-01-07', { reverses: redeem.id });
    expect(balanceAfter([earn, redeem, undoRedeem])).toEqual({ ok: true, balance: 10 });
    const undoEarn = entry('reversal', 10, '2025-01-08', { reverses: earn.id });
    expect(balanceAfter([earn, redeem, undoRedeem, undoEarn])).toEqual({ ok: true, balance: 0 });
    // reversing a spent credit would overdraw
    const r = balanceAfter([earn, redeem, entry('reversal', 10, '2025-01-08', { reverses: earn.id })]);
    expect(r).toMatchObject({ ok: false, message: '积分余额不足：当前余额6分，冲正需要10分' });
  });

  it('never double-credits a retried key', () => {
    const a = entry('earn', 3, '2025-01-05', { key: creditKey('act', 'v1') });
    const retry = entry('earn', 3, '2025-01-05', { key: creditKey('act', 'v1') });
    expect(balanceAfter([a, retry])).toMatchObject({
      ok: false,
      message: '该积分已记入，不能重复入账',
      entryId: retry.id,
    });
  });

  it('validates every entry', () => {
    const earn = entry('earn', 10, '2025-01-05');
    const cases: [PointEntry, string][] = [
      [entry('earn', 0, '2025-01-06'), '积分数应为正整数'],
      [entry('earn', 1.5, '2025-01-06'), '积分数应为正整数'],
      [entry('bonus', 1, '2025-01-06', { reason: '  ' }), '请填写奖励积分的原因'],
      [entry('earn', 1, '2025-01-06', { key: '' }), '积分记录缺少幂等键'],
      [entry('earn', 1, '2025-01-06', { id: earn.id }), '积分记录编号重复'],
      [entry('earn', 1, '2025-01-06', { kind: 'gift' as never }), '积分记录类型无效'],
      [{ ...entry('earn', 1, '2025-01-06'), at: new Date('x') }, '积分记录时间无效'],
      [entry('reversal', 10, '2025-01-06', { reverses: 'nope' }), '找不到要冲正的积分记录'],
      [entry('reversal', 9, '2025-01-06', { reverses: earn.id }), '冲正积分应与原记录相同'],
      [
        entry('reversal', 10, '2025-01-06', { reverses: earn.id, volunteerId: 'v2' }),
        '只能冲正同一志愿者的积分记录',
      ],
      [entry('bonus', 1, '2025-01-06', { reverses: earn.id }), '只有冲正记录可以指向原记录'],
    ];
    for (const [e, message] of cases) expect(validateEntry(e, [earn])).toBe(message);
    const rev = entry('reversal', 10, '2025-01-06', { reverses: earn.id });
    expect(validateEntry(rev, [earn])).toBeNull();
    expect(validateEntry(entry('reversal', 10, '2025-01-07', { reverses: earn.id }), [earn, rev])).toBe(
      '该积分记录已冲正',
    );
    expect(validateEntry(entry('reversal', 10, '2025-01-07', { reverses: rev.id }), [earn, rev])).toBe(
      '冲正记录不能再冲正',
    );
  });

  it('refuses entries of several volunteers in one walk', () => {
    const r = balanceAfter([
      entry('earn', 1, '2025-01-05'),
      entry('earn', 1, '2025-01-05', { volunteerId: 'v2' }),
    ]);
    expect(r).toMatchObject({ ok: false, message: '积分记录属于不同志愿者' });
  });
});

describe('double entry', () => {
  it('posts each entry as two legs that sum to zero', () => {
    const earn = entry('earn', 10, '2025-01-05');
    const redeem = entry('redeem', 4, '2025-01-06');
    const rev = entry('reversal', 4, '2025-01-07', { reverses: redeem.id });
    const ledger = [earn, redeem, rev];
    expect(postingsOf(earn)).toEqual([
      { account: volunteerAccount('v1'), points: 10 },
      { account: 'system:issued', points: -10 },
    ]);
    expect(postingsOf(rev, ledger)).toEqual([
      { account: 'volunteer:v1', points: 4 },
      { account: 'system:redeemed', points: -4 },
    ]);
    const totals = trialBalance(ledger);
    expect(totals).toEqual({ 'volunteer:v1': 10, 'system:issued': -10, 'system:redeemed': 0 });
    expect(Object.values(totals).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('cannot post a reversal without its target', () => {
    expect(() => postingsOf(entry('reversal', 1, '2025-01-05', { reverses: 'x' }))).toThrow();
  });

  it('labels every kind', () => {
    expect(pointEntryKinds.map((k) => pointEntryKindLabels[k])).toEqual([
      '服务积分',
      '奖励积分',
      '扣减积分',
      '积分兑换',
      '积分过期',
      '冲正',
    ]);
  });
});

describe('lastValidDay', () => {
  it('never expires under "never"', () => {
    expect(lastValidDay('2025-03-15', 'never')).toBeNull();
  });

  it('yearEnd: 31 December of year + N', () => {
    expect(lastValidDay('2025-03-15', { kind: 'yearEnd', years: 0 })).toBe('2025-12-31');
    expect(lastValidDay('2025-12-31', { kind: 'yearEnd', years: 1 })).toBe('2026-12-31');
  });

  it('afterYears: the day before the anniversary', () => {
    expect(lastValidDay('2025-03-15', { kind: 'afterYears', years: 3 })).toBe('2028-03-14');
    expect(lastValidDay('2025-01-01', { kind: 'afterYears', years: 1 })).toBe('2025-12-31');
    expect(lastValidDay('2024-02-29', { kind: 'afterYears', years: 1 })).toBe('2025-02-28');
    expect(lastValidDay('2024-02-29', { kind: 'afterYears', years: 4 })).toBe('2028-02-28');
  });

  it('rejects bad rules and dates', () => {
    expect(() => lastValidDay('2025-02-30', 'never')).toThrow();
    expect(() => lastValidDay('2025-01-01', { kind: 'afterYears', years: 0 })).toThrow();
    expect(() => lastValidDay('2025-01-01', { kind: 'yearEnd', years: -1 })).toThrow();
  });

  it('describes rules in Chinese', () => {
    expect(expiryRuleLabel('never')).toBe('积分长期有效');
    expect(expiryRuleLabel({ kind: 'yearEnd', years: 0 })).toBe('积分当年12月31日后过期');
    expect(expiryRuleLabel({ kind: 'yearEnd', years: 1 })).toBe('积分在获得后第1年的12月31日后过期');
    expect(expiryRuleLabel({ kind: 'afterYears', years: 3 })).toBe('积分自获得之日起3年后过期');
  });
});

describe('expiringEntries', () => {
  const yearEnd: ExpiryRule = { kind: 'yearEnd', years: 0 };
  const d = (s: string) => new Date(`${s}T12:00:00+08:00`);

  it('returns nothing under "never" or before the last valid day has passed', () => {
    const ledger = [entry('earn', 10, '2025-03-01')];
    expect(expiringEntries(ledger, d('2030-01-01'), 'never')).toEqual([]);
    expect(expiringEntries(ledger, d('2025-12-31'), yearEnd)).toEqual([]);
    // 31 Dec 23:59 in Shanghai is still the 31st even though it is already the 31st 15:59 UTC
    expect(expiringEntries(ledger, new Date('2025-12-31T23:59:00+08:00'), yearEnd)).toEqual([]);
    expect(expiringEntries(ledger, new Date('2026-01-01T00:00:00+08:00'), yearEnd)).toHaveLength(1);
  });

  it('expires the unspent part of old credits, spending oldest first', () => {
    const a = entry('earn', 10, '2025-01-05');
    const b = entry('bonus', 5, '2025-02-01');
    const ledger = [a, b, entry('redeem', 12, '2025-03-01')];
    expect(balanceAfter(ledger)).toEqual({ ok: true, balance: 3 });
    expect(expiringEntries(ledger, d('2026-01-01'), yearEnd)).toEqual([
      {
        entryId: b.id,
        points: 3,
        lastValidDay: '2025-12-31',
        reason: '2025-02-01获得的3分积分已于2025-12-31到期',
      },
    ]);
  });

  it('expires a partly spent earlier credit by its remainder', () => {
    const a = entry('earn', 10, '2024-05-01');
    const r = entry('redeem', 4, '2024-06-01');
    const b = entry('earn', 7, '2025-01-10');
    expect(expiringEntries([a, r, b], d('2025-01-15'), yearEnd)).toEqual([
      {
        entryId: a.id,
        points: 6,
        lastValidDay: '2024-12-31',
        reason: '2024-05-01获得的6分积分已于2024-12-31到期',
      },
    ]);
  });

  it('returns nothing once the expiry has been posted', () => {
    const a = entry('earn', 10, '2024-05-01');
    const b = entry('earn', 7, '2025-01-10');
    const exp = entry('expire', 10, '2025-01-11');
    expect(expiringEntries([a, b], d('2025-01-15'), yearEnd)).toHaveLength(1);
    expect(expiringEntries([a, b, exp], d('2025-01-15'), yearEnd)).toEqual([]);
    expect(expiringEntries([a, b, exp], d('2026-01-15'), yearEnd)).toEqual([
      expect.objectContaining({ entryId: b.id, points: 7 }),
    ]);
  });

  it('does not let a late redemption spend already expired points', () => {
    const a = entry('earn', 10, '2024-05-01');
    const b = entry('earn', 7, '2025-01-10');
    const late = entry('redeem', 5, '2025-02-01');
    // the redemption uses b, a's 10 still expire in full
    expect(expiringEntries([a, b, late], d('2025-02-02'), yearEnd)).toEqual([
      expect.objectContaining({ entryId: a.id, points: 10 }),
    ]);
    expect(spendableBalance([a, b, late], d('2025-02-02'), yearEnd)).toEqual({ ok: true, balance: 2 });
    // and canPost refuses to spend expired points
    const tooMuch = entry('redeem', 8, '2025-02-01');
    expect(canPost([a, b], tooMuch, yearEnd)).toMatchObject({
      ok: false,
      message: '可用积分不足：未过期积分7分，积分兑换需要8分',
    });
    expect(canPost([a, b], tooMuch)).toEqual({ ok: true, balance: 9 });
    expect(canPost([a, b], entry('redeem', 7, '2025-02-01'), yearEnd)).toEqual({ ok: true, balance: 10 });
  });

  it('gives a reversed redemption back to the credits it used', () => {
    const a = entry('earn', 10, '2024-05-01');
    const r = entry('redeem', 6, '2024-06-01');
    const undo = entry('reversal', 6, '2024-07-01', { reverses: r.id });
    expect(expiringEntries([a, r, undo], d('2025-01-02'), yearEnd)).toEqual([
      expect.objectContaining({ entryId: a.id, points: 10 }),
    ]);
  });

  it('removes a reversed credit, and takes any shortfall from the oldest credits', () => {
    const a = entry('earn', 10, '2024-05-01');
    const b = entry('earn', 5, '2024-06-01');
    expect(
      expiringEntries(
        [a, b, entry('reversal', 5, '2024-07-01', { reverses: b.id })],
        d('2025-01-02'),
        yearEnd,
      ),
    ).toEqual([expect.objectContaining({ entryId: a.id, points: 10 })]);
    // b was spent (FIFO takes a first, so spend 12 uses a:10 and b:2), then b is reversed
    const spend = entry('redeem', 12, '2024-06-02');
    const revB = entry('reversal', 5, '2024-07-01', { reverses: b.id });
    const c = entry('earn', 20, '2024-08-01');
    const ledger = [a, b, spend, c, revB];
    expect(balanceAfter(ledger)).toEqual({ ok: true, balance: 18 });
    expect(expiringEntries(ledger, d('2025-01-02'), yearEnd)).toEqual([
      expect.objectContaining({ entryId: c.id, points: 18 }),
    ]);
  });

  it('uses the anniversary rule per credit', () => {
    const rule: ExpiryRule = { kind: 'afterYears', years: 3 };
    const a = entry('earn', 4, '2022-03-15');
    const b = entry('earn', 6, '2022-09-01');
    expect(expiringEntries([a, b], d('2025-03-14'), rule)).toEqual([]);
    expect(expiringEntries([a, b], d('2025-03-15'), rule)).toEqual([
      expect.objectContaining({ entryId: a.id, points: 4, lastValidDay: '2025-03-14' }),
    ]);
    expect(expiringEntries([a, b], d('2025-09-01'), rule).map((l) => l.points)).toEqual([4, 6]);
  });
});
