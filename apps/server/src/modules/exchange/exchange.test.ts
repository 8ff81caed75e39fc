import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, type TestEnv, type VolunteerAgent } from '../../test/harness';

let env: TestEnv;
let community: Agent;
let street: Agent;
let street2: Agent;
let admin: Agent;
let home: string;
let streetCode: string;

beforeAll(async () => {
  env = await createTestEnv();
  [community, street, street2, admin] = await Promise.all(
    ['community', 'street', 'street2', 'admin'].map((u) => env.login(u)),
  );
  home = (await community.get('/api/v1/auth/me')).json().homeRegion.code;
  streetCode = (await street.get('/api/v1/auth/me')).json().homeRegion.code;
}, 120_000);
afterAll(() => env?.close());

const key = () => `k-${randomUUID()}`;

async function giveBonus(v: { volunteerId: string }, points: number) {
  const res = await community.post(`/api/v1/volunteers/${v.volunteerId}/points/adjustments`, {
    kind: 'bonus',
    points,
    reason: '测试奖励积分',
    idempotencyKey: key(),
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function createItem(over: Record<string, unknown> = {}, by: Agent = community) {
  const res = await by.post('/api/v1/exchange/items', {
    name: '环保购物袋',
    description: '社区定制环保袋',
    providerKind: 'community',
    providerName: '南头城社区居委会',
    regionCode: home,
    pickupPlace: '社区党群服务中心一楼前台',
    pricePoints: 10,
    stock: 10,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function trialBalance() {
  const res = await admin.get('/api/v1/points/trial-balance');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function stockOf(id: string) {
  const [row] = await env.database.query<{ stock: number }>('select stock from reward_items where id = $1', [
    id,
  ]);
  return Number(row.stock);
}

describe('exchange items', () => {
  it('creates, edits, adjusts stock, delists and relists – audited, versioned, scoped', async () => {
    const item = await createItem({ perPersonLimit: 2 });
    expect(item).toMatchObject({
      status: 'listed',
      stock: 10,
      version: 1,
      providerKindLabel: '社区',
      perPersonLimit: 2,
    });

    const bad = await community.post('/api/v1/exchange/items', {
      name: '',
      providerKind: 'shop',
      providerName: '某',
      regionCode: home,
      pickupPlace: '',
      pricePoints: 0,
      stock: -1,
    });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.fields)).toMatch(/名称至少 2 个字/);

    // street2's officer may not publish in C1
    const outside = await street2.post('/api/v1/exchange/items', {
      name: '环保购物袋',
      providerKind: 'merchant',
      providerName: '好邻居便利店',
      regionCode: home,
      pickupPlace: '便利店收银台',
      pricePoints: 5,
      stock: 3,
    });
    expect(outside.statusCode).toBe(403);

    // a street officer publishes at the street node
    const streetItem = await createItem(
      { regionCode: streetCode, providerKind: 'merchant', providerName: '好邻居便利店' },
      street,
    );
    expect(streetItem.regionCode).toBe(streetCode);
    // the community's staff do not manage the street's offer
    expect((await community.get(`/api/v1/exchange/items/${streetItem.id}`)).statusCode).toBe(404);
    expect((await street.get(`/api/v1/exchange/items/${item.id}`)).statusCode).toBe(200);
    expect((await street2.get(`/api/v1/exchange/items/${item.id}`)).statusCode).toBe(404);
    const list = (await street2.get('/api/v1/exchange/items')).json();
    expect(list.items.some((i: { id: string }) => i.id === item.id)).toBe(false);

    const patched = await community.patch(`/api/v1/exchange/items/${item.id}`, {
      version: 1,
      pricePoints: 12,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ pricePoints: 12, version: 2 });
    const stale = await community.patch(`/api/v1/exchange/items/${item.id}`, { version: 1, pricePoints: 15 });
    expect(stale.statusCode).toBe(409);

    const tooMuch = await community.post(`/api/v1/exchange/items/${item.id}/stock`, {
      version: 2,
      delta: -11,
      reason: '盘点损耗',
    });
    expect(tooMuch.statusCode).toBe(422);
    expect(await stockOf(item.id)).toBe(10);
    const noReason = await community.post(`/api/v1/exchange/items/${item.id}/stock`, {
      version: 2,
      delta: 5,
    });
    expect(noReason.statusCode).toBe(400);
    const added = await community.post(`/api/v1/exchange/items/${item.id}/stock`, {
      version: 2,
      delta: 5,
      reason: '新到一批',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json()).toMatchObject({ stock: 15, version: 3 });

    const delisted = await community.post(`/api/v1/exchange/items/${item.id}/delist`, {
      version: 3,
      reason: '活动结束',
    });
    expect(delisted.json()).toMatchObject({ status: 'delisted', statusLabel: '已下架' });
    expect(
      (await community.post(`/api/v1/exchange/items/${item.id}/delist`, { version: 4 })).statusCode,
    ).toBe(409);
    const relisted = await community.post(`/api/v1/exchange/items/${item.id}/relist`, { version: 4 });
    expect(relisted.json()).toMatchObject({ status: 'listed', version: 5 });

    const actions = await env.database.query<{ action: string }>(
      "select action from audit_log where entity_type = 'reward_item' and entity_id = $1 order by seq",
      [item.id],
    );
    expect(actions.map((a) => a.action)).toEqual([
      'exchange.item.create',
      'exchange.item.update',
      'exchange.item.stock',
      'exchange.item.delist',
      'exchange.item.relist',
    ]);
  });
});

describe('redemptions', () => {
  it('redeems with a pickup code once per key, limits per person, verifies once, cancels with a refund', async () => {
    const item = await createItem({ name: '理发服务券', pricePoints: 10, stock: 3, perPersonLimit: 1 });
    const v = await env.volunteer({ realName: '李兑换' });
    await giveBonus(v, 25);

    const offers = (await v.get('/api/v1/me/exchange/items')).json();
    expect(offers.balance).toBe(25);
    expect(offers.items.find((i: { id: string }) => i.id === item.id)).toMatchObject({
      stockLeft: 3,
      affordable: true,
      canRedeem: true,
    });

    const k = key();
    const first = await v.post('/api/v1/me/redemptions', { itemId: item.id, idempotencyKey: k });
    expect(first.statusCode, first.body).toBe(201);
    const r = first.json();
    expect(r.pickupCode).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
    expect(r).toMatchObject({
      state: 'issued',
      points: 10,
      balance: 15,
      pickupPlace: '社区党群服务中心一楼前台',
    });
    const retry = await v.post('/api/v1/me/redemptions', { itemId: item.id, idempotencyKey: k });
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ id: r.id, pickupCode: r.pickupCode, balance: 15 });
    const limit = await v.post('/api/v1/me/redemptions', { itemId: item.id, idempotencyKey: key() });
    expect(limit.statusCode).toBe(409);
    expect(limit.json().error.message).toContain('每人限兑1件');
    expect(await stockOf(item.id)).toBe(2);

    const mine = (await v.get('/api/v1/me/redemptions')).json();
    expect(mine.items).toHaveLength(1);
    const points = (await v.get('/api/v1/me/points')).json();
    expect(points).toMatchObject({ balance: 15, earned: 25, spent: 10 });
    expect(points.entries.items[0]).toMatchObject({
      kind: 'redeem',
      kindLabel: '积分兑换',
      points: -10,
      causeType: 'redemption',
      causeId: r.id,
    });

    // verification: outside scope 404, lower case accepted, twice → 409
    expect(
      (await street2.post('/api/v1/exchange/redemptions/verify', { pickupCode: r.pickupCode })).statusCode,
    ).toBe(404);
    const bad = await community.post('/api/v1/exchange/redemptions/verify', { pickupCode: '12' });
    expect(bad.statusCode).toBe(400);
    const ok = await community.post('/api/v1/exchange/redemptions/verify', {
      pickupCode: r.pickupCode.toLowerCase(),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'picked_up', verifiedByName: expect.any(String) });
    const twice = await community.post('/api/v1/exchange/redemptions/verify', { pickupCode: r.pickupCode });
    expect(twice.statusCode).toBe(409);
    expect(
      (await community.post(`/api/v1/exchange/redemptions/${r.id}/cancel`, { reason: '误操作' })).statusCode,
    ).toBe(409);

    // another volunteer redeems, staff cancel: stock back, points refunded, code dead
    const w = await env.volunteer({ realName: '王取消' });
    await giveBonus(w, 10);
    const wr = (await w.post('/api/v1/me/redemptions', { itemId: item.id, idempotencyKey: key() })).json();
    expect(await stockOf(item.id)).toBe(1);
    expect(
      (await street2.post(`/api/v1/exchange/redemptions/${wr.id}/cancel`, { reason: '商家缺货' })).statusCode,
    ).toBe(404);
    const cancelled = await community.post(`/api/v1/exchange/redemptions/${wr.id}/cancel`, {
      reason: '商家缺货',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', cancelReason: '商家缺货' });
    expect(await stockOf(item.id)).toBe(2);
    const wp = (await w.get('/api/v1/me/points')).json();
    expect(wp.balance).toBe(10);
    expect(wp.entries.items[0]).toMatchObject({ kind: 'reversal', points: 10 });
    const dead = await community.post('/api/v1/exchange/redemptions/verify', { pickupCode: wr.pickupCode });
    expect(dead.statusCode).toBe(422);

    // staff list and export
    const list = (await community.get(`/api/v1/exchange/redemptions?itemId=${item.id}`)).json();
    expect(list.total).toBe(2);
    expect((await community.get(`/api/v1/exchange/redemptions?q=${r.pickupCode}`)).json().total).toBe(1);
    expect((await street2.get(`/api/v1/exchange/redemptions?itemId=${item.id}`)).json().total).toBe(0);
    const xlsx = await community.get(`/api/v1/exchange/redemptions/export?itemId=${item.id}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');

    // not enough points: 422, nothing changes
    const poor = await env.volunteer({ realName: '赵不足' });
    await giveBonus(poor, 5);
    const before = await stockOf(item.id);
    const no = await poor.post('/api/v1/me/redemptions', { itemId: item.id, idempotencyKey: key() });
    expect(no.statusCode).toBe(422);
    expect(no.json().error.message).toContain('积分不足');
    expect(await stockOf(item.id)).toBe(before);
    expect((await poor.get('/api/v1/me/points')).json().balance).toBe(5);
    expect((await poor.get('/api/v1/me/redemptions')).json().items).toHaveLength(0);

    // a delisted item or another street's item cannot be redeemed
    const rich = await env.volunteer({ realName: '钱富余' });
    await giveBonus(rich, 100);
    const gone = await createItem({ name: '已下架商品' });
    await community.post(`/api/v1/exchange/items/${gone.id}/delist`, { version: 1 });
    expect(
      (await rich.post('/api/v1/me/redemptions', { itemId: gone.id, idempotencyKey: key() })).statusCode,
    ).toBe(409);
    expect(
      (await rich.get('/api/v1/me/exchange/items'))
        .json()
        .items.some((i: { id: string }) => i.id === gone.id),
    ).toBe(false);
    const street2Code = (await street2.get('/api/v1/auth/me')).json().homeRegion.code;
    const elsewhere = await createItem({ name: '别的街道的商品', regionCode: street2Code }, street2);
    expect(
      (await rich.post('/api/v1/me/redemptions', { itemId: elsewhere.id, idempotencyKey: key() })).statusCode,
    ).toBe(404);
    // staff cannot redeem (resident-only endpoint)
    expect(
      (await community.post('/api/v1/me/redemptions', { itemId: item.id, idempotencyKey: key() })).statusCode,
    ).toBe(403);
    expect((await trialBalance()).balanced).toBe(true);
  });

  it('50 simultaneous redemptions of a 10-item reward sell exactly 10', async () => {
    const item = await createItem({ name: '限量保温杯', pricePoints: 20, stock: 10 });
    const vols: VolunteerAgent[] = [];
    for (let i = 0; i < 50; i++)
      vols.push(await env.volunteer({ realName: `并发${String.fromCharCode(0x4e00 + i)}` }));
    for (const v of vols) await giveBonus(v, 30);
    const results = await Promise.all(
      vols.map((v) => v.post('/api/v1/me/redemptions', { itemId: item.id, idempotencyKey: key() })),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.statusCode === 409);
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(r.json().error.message).toContain('已兑完');
    expect(await stockOf(item.id)).toBe(0);
    const [{ n }] = await env.database.query<{ n: number }>(
      "select count(*)::int as n from point_entries e join redemptions r on r.id = e.cause_id where e.kind = 'redeem' and r.item_id = $1",
      [item.id],
    );
    expect(Number(n)).toBe(10);
    const balances = await env.database.query<{ balance: number }>(
      'select balance from point_balances where volunteer_id = any($1::uuid[])',
      [vols.map((v) => v.volunteerId)],
    );
    expect(balances.filter((b) => Number(b.balance) === 10)).toHaveLength(10);
    expect(balances.filter((b) => Number(b.balance) === 30)).toHaveLength(40);
    const codesIssued = new Set(results.filter((r) => r.statusCode === 201).map((r) => r.json().pickupCode));
    expect(codesIssued.size).toBe(10);
    const tb = await trialBalance();
    expect(tb.discrepancies).toEqual([]);
    expect(tb).toMatchObject({ balanced: true, sum: 0, malformedEntries: 0 });
  }, 180_000);

  it('one volunteer firing 5 redemptions at once with one item’s worth of points gets exactly one', async () => {
    const item = await createItem({ name: '社区电影票', pricePoints: 8, stock: 20 });
    const v = await env.volunteer({ realName: '孙抢兑' });
    await giveBonus(v, 8);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        v.post('/api/v1/me/redemptions', { itemId: item.id, idempotencyKey: key() }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(1);
    const refused = results.filter((r) => r.statusCode === 422);
    expect(refused).toHaveLength(4);
    for (const r of refused) expect(r.json().error.message).toContain('积分不足');
    expect(await stockOf(item.id)).toBe(19);
    expect((await v.get('/api/v1/me/points')).json().balance).toBe(0);
    // the same key fired 5 times at once → one redemption
    const w = await env.volunteer({ realName: '周重试' });
    await giveBonus(w, 100);
    const k = key();
    const same = await Promise.all(
      Array.from({ length: 5 }, () =>
        w.post('/api/v1/me/redemptions', { itemId: item.id, idempotencyKey: k }),
      ),
    );
    expect(same.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(same.filter((r) => r.statusCode === 200)).toHaveLength(4);
    expect(new Set(same.map((r) => r.json().id)).size).toBe(1);
    expect((await w.get('/api/v1/me/points')).json().balance).toBe(92);
    expect((await trialBalance()).balanced).toBe(true);
  }, 60_000);
});
