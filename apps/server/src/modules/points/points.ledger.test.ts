import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';
import { creditServicePoints, postPoints, reverseServicePoints } from './points.ledger';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
}, 120_000);
afterAll(() => env?.close());

const tx = <T>(
  fn: (tx: Parameters<Parameters<TestEnv['database']['db']['transaction']>[0]>[0]) => Promise<T>,
) => env.database.db.transaction(fn);
const actor = { id: null, name: '测试' };

async function balanceOf(volunteerId: string) {
  const [row] = await env.database.query<{ balance: number; earned: number; spent: number }>(
    'select balance, earned, spent from point_balances where volunteer_id = $1',
    [volunteerId],
  );
  return row;
}

describe('points ledger', () => {
  it('posts a bonus once per key and refuses an overdraft without writing', async () => {
    const v = await env.volunteer();
    const input = {
      volunteerId: v.volunteerId,
      kind: 'bonus' as const,
      points: 5,
      reason: '表彰奖励',
      key: `bonus:${randomUUID()}`,
      causeType: 'manual',
      creditedOn: '2026-11-23',
      actor,
    };
    const first = await tx((t) => postPoints(t, input));
    expect(first).toMatchObject({ balance: 5, duplicate: false });
    const again = await tx((t) => postPoints(t, input));
    expect(again).toEqual({ entryId: first.entryId, balance: 5, duplicate: true });

    await expect(
      tx((t) =>
        postPoints(t, {
          ...input,
          kind: 'deduction',
          points: 6,
          key: `ded:${randomUUID()}`,
          reason: '违规扣减',
        }),
      ),
    ).rejects.toMatchObject({ status: 422 });
    expect(await balanceOf(v.volunteerId)).toMatchObject({ balance: 5, earned: 5, spent: 0 });
    const entries = await env.database.query('select * from point_entries where volunteer_id = $1', [
      v.volunteerId,
    ]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      debit_account: 'system:bonus',
      credit_account: `volunteer:${v.volunteerId}`,
    });
  });

  it('credits service points once even when called concurrently', async () => {
    const v = await env.volunteer();
    const activityId = randomUUID();
    const recordId = randomUUID();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        tx((t) =>
          creditServicePoints(t, {
            recordId,
            volunteerId: v.volunteerId,
            activityId,
            minutes: 150,
            coefficientHundredths: 150,
            revision: 0,
            title: '敬老院陪伴',
            serviceDate: '2026-11-20',
            actor,
          }),
        ),
      ),
    );
    // 2.5 h × 1 point/h × 1.5 = 3.75 → floor 3
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    expect(results.every((r) => r.points === 3)).toBe(true);
    const entries = await env.database.query<{ reason: string; expires_on: unknown; cause_type: string }>(
      "select reason, to_char(expires_on, 'YYYY-MM-DD') as expires_on, cause_type from point_entries where volunteer_id = $1",
      [v.volunteerId],
    );
    expect(entries).toEqual([
      { reason: '参加“敬老院陪伴”服务2.5小时', expires_on: '2027-12-31', cause_type: 'service_record' },
    ]);
    expect(await balanceOf(v.volunteerId)).toMatchObject({ balance: 3, earned: 3 });

    // zero points → no entry
    const none = await tx((t) =>
      creditServicePoints(t, {
        recordId: randomUUID(),
        volunteerId: v.volunteerId,
        activityId: randomUUID(),
        minutes: 20,
        coefficientHundredths: 100,
        revision: 0,
        title: '短时服务',
        serviceDate: '2026-11-20',
        actor,
      }),
    );
    expect(none).toEqual({ entryId: null, points: 0 });

    // reversal of the full credit, once
    const rev = { recordId, volunteerId: v.volunteerId, activityId, revision: 0, reason: '时长更正', actor };
    const r1 = await tx((t) => reverseServicePoints(t, rev));
    const r2 = await tx((t) => reverseServicePoints(t, rev));
    expect(r1).toMatchObject({ points: 3, shortfall: 0 });
    expect(r2.entryId).toBe(r1.entryId);
    expect(await balanceOf(v.volunteerId)).toMatchObject({ balance: 0, earned: 0, spent: 0 });
  });

  it('takes back only what is there when the credit was partly spent', async () => {
    const v = await env.volunteer();
    const activityId = randomUUID();
    const recordId = randomUUID();
    await tx((t) =>
      creditServicePoints(t, {
        recordId,
        volunteerId: v.volunteerId,
        activityId,
        minutes: 600,
        coefficientHundredths: 100,
        revision: 0,
        title: '社区清扫',
        serviceDate: '2026-11-20',
        actor,
      }),
    );
    await tx((t) =>
      postPoints(t, {
        volunteerId: v.volunteerId,
        kind: 'deduction',
        points: 7,
        reason: '测试扣减',
        key: `ded:${randomUUID()}`,
        causeType: 'manual',
        creditedOn: '2026-11-21',
        actor,
      }),
    );
    const r = await tx((t) =>
      reverseServicePoints(t, {
        recordId,
        volunteerId: v.volunteerId,
        activityId,
        revision: 0,
        reason: '记录作废',
        actor,
      }),
    );
    expect(r).toMatchObject({ points: 3, shortfall: 7 });
    expect(await balanceOf(v.volunteerId)).toMatchObject({ balance: 0 });
    const [entry] = await env.database.query<{ kind: string; reason: string }>(
      'select kind, reason from point_entries where id = $1',
      [r.entryId],
    );
    expect(entry.kind).toBe('deduction');
    expect(entry.reason).toContain('差额7分未扣回');
  });
});
