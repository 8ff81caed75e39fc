import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, type TestEnv } from '../../test/harness';
import { runPointExpiry } from './points.expiry';
import { creditServicePoints } from './points.ledger';

let env: TestEnv;
let community: Agent;
let street2: Agent;
let city: Agent;
let admin: Agent;

beforeAll(async () => {
  env = await createTestEnv();
  [community, street2, city, admin] = await Promise.all(
    ['community', 'street2', 'city', 'admin'].map((u) => env.login(u)),
  );
}, 120_000);
afterAll(() => env?.close());

const count = async (volunteerId: string) =>
  Number(
    (
      await env.database.query<{ n: number }>(
        'select count(*)::int as n from point_entries where volunteer_id = $1',
        [volunteerId],
      )
    )[0].n,
  );

describe('points API', () => {
  it('staff adjustments: bonus, idempotent retry, deduction beyond balance refused, scope and reasons', async () => {
    const v = await env.volunteer({ realName: '吴积分' });
    const url = `/api/v1/volunteers/${v.volunteerId}/points/adjustments`;
    const k = `adj-${randomUUID()}`;
    const bonus = await community.post(url, {
      kind: 'bonus',
      points: 20,
      reason: '优秀志愿者奖励',
      idempotencyKey: k,
    });
    expect(bonus.statusCode, bonus.body).toBe(201);
    expect(bonus.json()).toMatchObject({ balance: 20, duplicate: false });
    const retry = await community.post(url, {
      kind: 'bonus',
      points: 20,
      reason: '优秀志愿者奖励',
      idempotencyKey: k,
    });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual({ ...bonus.json(), duplicate: true });

    const over = await community.post(url, {
      kind: 'deduction',
      points: 21,
      reason: '违规扣减',
      idempotencyKey: `adj-${randomUUID()}`,
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().error.message).toContain('积分余额不足');
    const noReason = await community.post(url, {
      kind: 'deduction',
      points: 1,
      idempotencyKey: `adj-${randomUUID()}`,
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.reason).toBe('请填写原因');
    expect(
      (
        await community.post(url, {
          kind: 'bonus',
          points: 1.5,
          reason: '小数',
          idempotencyKey: `adj-${randomUUID()}`,
        })
      ).statusCode,
    ).toBe(400);
    // outside scope 404; read-only role 403; the volunteer themself 403
    expect(
      (
        await street2.post(url, {
          kind: 'bonus',
          points: 1,
          reason: '越权',
          idempotencyKey: `adj-${randomUUID()}`,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await city.post(url, {
          kind: 'bonus',
          points: 1,
          reason: '越权',
          idempotencyKey: `adj-${randomUUID()}`,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await v.post(url, {
          kind: 'bonus',
          points: 1,
          reason: '自己加分',
          idempotencyKey: `adj-${randomUUID()}`,
        })
      ).statusCode,
    ).toBe(403);
    expect(await count(v.volunteerId)).toBe(1);

    const ded = await community.post(url, {
      kind: 'deduction',
      points: 5,
      reason: '无故缺席扣减',
      idempotencyKey: `adj-${randomUUID()}`,
    });
    expect(ded.statusCode).toBe(201);
    expect(ded.json().balance).toBe(15);

    const staffView = await community.get(`/api/v1/volunteers/${v.volunteerId}/points`);
    expect(staffView.statusCode).toBe(200);
    expect(staffView.json()).toMatchObject({ balance: 15, earned: 20, spent: 5 });
    expect(
      staffView
        .json()
        .entries.items.map((e: { kind: string; points: number; reason: string }) => [
          e.kind,
          e.points,
          e.reason,
        ]),
    ).toEqual([
      ['deduction', -5, '无故缺席扣减'],
      ['bonus', 20, '优秀志愿者奖励'],
    ]);
    expect((await street2.get(`/api/v1/volunteers/${v.volunteerId}/points`)).statusCode).toBe(404);
    expect((await city.get(`/api/v1/volunteers/${v.volunteerId}/points`)).statusCode).toBe(200);
    const mine = await v.get('/api/v1/me/points?pageSize=1');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ balance: 15, entries: { total: 2, pageSize: 1 } });
    expect((await community.get('/api/v1/me/points')).statusCode).toBe(403);

    const audits = await env.database.query<{ action: string }>(
      "select action from audit_log where entity_type = 'volunteer' and entity_id = $1 and action like 'points.%' order by seq",
      [v.volunteerId],
    );
    expect(audits.map((a) => a.action)).toEqual(['points.bonus', 'points.deduction']);

    expect((await community.get('/api/v1/points/trial-balance')).statusCode).toBe(403);
    // a street officer reads audits of their street, not the platform-wide ledger
    expect((await (await env.login('street')).get('/api/v1/points/trial-balance')).statusCode).toBe(403);
    const tb = (await admin.get('/api/v1/points/trial-balance')).json();
    expect(tb).toMatchObject({ balanced: true, sum: 0, discrepancies: [] });
  });

  it('expires unspent points after their last valid day, once, even when two runs overlap', async () => {
    const v = await env.volunteer({ realName: '郑过期' });
    // default rule: credits of 2026 are valid until 31 Dec 2027
    env.clock.set(new Date('2026-06-10T10:00:00+08:00'));
    await env.database.db.transaction((tx) =>
      creditServicePoints(tx, {
        recordId: randomUUID(),
        volunteerId: v.volunteerId,
        activityId: randomUUID(),
        minutes: 600,
        coefficientHundredths: 100,
        revision: 0,
        title: '社区清扫',
        serviceDate: '2026-06-10',
        actor: null,
        at: env.clock.now(),
      }),
    );
    const url = `/api/v1/volunteers/${v.volunteerId}/points/adjustments`;
    // sessions follow the server clock: sign in again after each jump
    let staff = await env.login('community');
    const ded = await staff.post(url, {
      kind: 'deduction',
      points: 4,
      reason: '测试扣减',
      idempotencyKey: `adj-${randomUUID()}`,
    });
    expect(ded.statusCode, ded.body).toBe(201);

    env.clock.set(new Date('2027-11-15T10:00:00+08:00'));
    staff = await env.login('community');
    const soon = (await staff.get(`/api/v1/volunteers/${v.volunteerId}/points`)).json();
    expect(soon.expiring).toEqual({
      points: 6,
      date: '2027-12-31',
      lots: [{ points: 6, lastValidDay: '2027-12-31' }],
    });

    env.clock.set(new Date('2027-12-31T23:00:00+08:00'));
    expect((await runPointExpiry(env.database, env.clock)).entries).toBe(0);

    env.clock.set(new Date('2028-01-01T00:30:00+08:00'));
    const [a, b] = await Promise.all([
      runPointExpiry(env.database, env.clock),
      runPointExpiry(env.database, env.clock),
    ]);
    // every lot written off exactly once across both runs (the first test's bonus expires too)
    const [{ n }] = await env.database.query<{ n: number }>(
      "select count(*)::int as n from point_entries where kind = 'expire'",
    );
    expect(a.entries + b.entries).toBe(Number(n));
    const dup = await env.database.query(
      "select cause_id from point_entries where kind = 'expire' group by cause_id having count(*) > 1",
    );
    expect(dup).toEqual([]);
    const expired = await env.database.query<{ points: number; reason: string }>(
      "select points, reason from point_entries where volunteer_id = $1 and kind = 'expire'",
      [v.volunteerId],
    );
    expect(expired).toEqual([{ points: 6, reason: '2026-06-10获得的6分积分已于2027-12-31到期' }]);
    expect((await runPointExpiry(env.database, env.clock)).entries).toBe(0);
    staff = await env.login('community');
    const after = (await staff.get(`/api/v1/volunteers/${v.volunteerId}/points`)).json();
    expect(after).toMatchObject({ balance: 0, expiring: { points: 0, date: null } });
    expect(after.entries.items[0]).toMatchObject({
      kind: 'expire',
      kindLabel: '积分过期',
      points: -6,
      causeType: 'expiry',
    });
    expect((await (await env.login('admin')).get('/api/v1/points/trial-balance')).json().balanced).toBe(true);
  });
});
