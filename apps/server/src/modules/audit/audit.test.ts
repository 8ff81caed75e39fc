import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
let admin: Agent;
let street: Agent;
let street2: Agent;
let district: Agent;
let community: Agent;
let leader: Agent;
let s1: string;
let s2: string;
let orgS1: { id: string; regionCode: string };
let orgS2: { id: string; regionCode: string };

type Entry = { seq: number; action: string; entityType: string; entityId: string; regionCode: string | null };

const home = async (a: Agent) => (await a.get('/api/v1/auth/me')).json().homeRegion.code as string;

/** Change an organization's contact name (an audited mutation in the organization's region). */
async function touch(by: Agent, orgId: string, contactName: string) {
  const o = (await by.get(`/api/v1/organizations/${orgId}`)).json();
  const r = await by.patch(`/api/v1/organizations/${orgId}`, { version: o.version, contactName });
  expect(r.statusCode, r.body).toBe(200);
}

beforeAll(async () => {
  env = await createTestEnv();
  [admin, street, street2, district, community, leader] = await Promise.all(
    ['admin', 'street', 'street2', 'district', 'community', 'leader'].map((u) => env.login(u)),
  );
  s1 = (await home(street)).slice(0, 9);
  s2 = (await home(street2)).slice(0, 9);
  const orgs = (await admin.get('/api/v1/organizations?pageSize=200&tier=filed')).json().items as {
    id: string;
    regionCode: string;
  }[];
  orgS1 = orgs.find((o) => o.regionCode.startsWith(s1))!;
  orgS2 = orgs.find((o) => o.regionCode.startsWith(s2))!;
  await touch(street, orgS1.id, '联系人甲');
  await touch(street2, orgS2.id, '联系人乙');
});
afterAll(async () => env?.close());

describe('GET /api/v1/audit', () => {
  it('is scoped: street2 sees street 2 entries and none of street 1; the street the reverse', async () => {
    const mine = (await street2.get('/api/v1/audit?pageSize=200')).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((e: Entry) => e.regionCode?.startsWith(s2))).toBe(true);
    expect(mine.items.map((e: Entry) => e.entityId)).toContain(orgS2.id);
    expect(mine.items.map((e: Entry) => e.entityId)).not.toContain(orgS1.id);
    const theirs = (await street.get('/api/v1/audit?pageSize=200')).json();
    expect(theirs.items.every((e: Entry) => e.regionCode?.startsWith(s1))).toBe(true);
    expect(theirs.items.map((e: Entry) => e.entityId)).toContain(orgS1.id);
    // filtering by an entity of the other street finds nothing rather than leaking it
    const probe = (await street2.get(`/api/v1/audit?entityType=organization&entityId=${orgS1.id}`)).json();
    expect(probe).toMatchObject({ items: [], total: 0 });
  });

  it('the district sees both streets; admin also sees entries without a region', async () => {
    const d = (await district.get('/api/v1/audit?pageSize=200')).json().items as Entry[];
    expect(d.map((e) => e.entityId)).toEqual(expect.arrayContaining([orgS1.id, orgS2.id]));
    expect(d.some((e) => e.regionCode === null)).toBe(false);
    const a = (await admin.get('/api/v1/audit?pageSize=200')).json().items as Entry[];
    expect(a.some((e) => e.action === 'seed.demo' && e.regionCode === null)).toBe(true);
  });

  it('is newest first, paginated and filterable', async () => {
    const all = (await admin.get('/api/v1/audit?pageSize=200')).json();
    const seqs = all.items.map((e: Entry) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => y - x));
    const p1 = (await admin.get('/api/v1/audit?pageSize=1&page=1')).json();
    const p2 = (await admin.get('/api/v1/audit?pageSize=1&page=2')).json();
    expect(p1).toMatchObject({ page: 1, pageSize: 1, total: all.total });
    expect(p1.items[0].seq).toBeGreaterThan(p2.items[0].seq);
    const byEntity = (await admin.get(`/api/v1/audit?entityType=organization&entityId=${orgS1.id}`)).json();
    expect(byEntity.items.map((e: Entry) => e.action)).toEqual(['organization.updated']);
    expect(byEntity.items[0].actionLabel).toBe('修改组织信息');
    expect(byEntity.items[0].before.contactName).not.toBe('联系人甲');
    expect(byEntity.items[0].after.contactName).toBe('联系人甲');
    const meStreet = (await street.get('/api/v1/auth/me')).json().user.id;
    const byActor = (await admin.get(`/api/v1/audit?actorId=${meStreet}`)).json();
    expect(byActor.items.length).toBeGreaterThan(0);
    expect(byActor.items.every((e: Entry & { actorId: string }) => e.actorId === meStreet)).toBe(true);
    const byAction = (await admin.get('/api/v1/audit?action=organization.')).json();
    expect(byAction.items.every((e: Entry) => e.action.startsWith('organization.'))).toBe(true);
    const future = (await admin.get('/api/v1/audit?from=2999-01-01')).json();
    expect(future.total).toBe(0);
    const today = new Date().toISOString().slice(0, 10);
    const past = (await admin.get(`/api/v1/audit?to=2000-01-01&from=1999-01-01`)).json();
    expect(past.total).toBe(0);
    expect((await admin.get(`/api/v1/audit?from=${today}T00:00:00Z&pageSize=1`)).statusCode).toBe(200);
    expect((await admin.get('/api/v1/audit?from=not-a-date')).statusCode).toBe(400);
    expect((await admin.get('/api/v1/audit?actorId=nope')).statusCode).toBe(400);
  });

  it('needs audit.read', async () => {
    expect((await env.anonymous.get('/api/v1/audit')).statusCode).toBe(401);
    expect((await community.get('/api/v1/audit')).statusCode).toBe(403);
    expect((await leader.get('/api/v1/audit')).statusCode).toBe(403);
  });
});

describe('GET /api/v1/organizations/{id}/audit', () => {
  it('shows the organization and its applications to whoever has it in scope; 404 outside', async () => {
    // an application of the organization: an exit request by the street
    const r = await street.post(`/api/v1/organizations/${orgS1.id}/exit`, {
      kind: 'cancellation',
      reason: '长期未开展活动',
    });
    expect(r.statusCode, r.body).toBe(201);
    const res = await street.get(`/api/v1/organizations/${orgS1.id}/audit`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Entry[];
    expect(items.map((e) => e.entityType)).toEqual(expect.arrayContaining(['organization', 'application']));
    expect(items.filter((e) => e.entityType === 'application').map((e) => e.entityId)).toContain(r.json().id);
    expect(items.every((e) => e.entityType !== 'organization' || e.entityId === orgS1.id)).toBe(true);
    expect((await street2.get(`/api/v1/organizations/${orgS1.id}/audit`)).statusCode).toBe(404);
    expect((await district.get(`/api/v1/organizations/${orgS1.id}/audit`)).statusCode).toBe(200);
    expect((await community.get(`/api/v1/organizations/${orgS1.id}/audit`)).statusCode).toBe(403);
    expect(
      (await street.get('/api/v1/organizations/00000000-0000-4000-8000-000000000000/audit')).statusCode,
    ).toBe(404);
    expect((await street.get('/api/v1/organizations/not-a-uuid/audit')).statusCode).toBe(404);
  });
});

describe('GET /api/v1/audit/verify', () => {
  it('is for admin only and detects tampering', async () => {
    expect((await street.get('/api/v1/audit/verify')).statusCode).toBe(403);
    expect((await district.get('/api/v1/audit/verify')).statusCode).toBe(403);
    const ok = await admin.get('/api/v1/audit/verify');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true });
    expect(ok.json().count).toBeGreaterThan(2);
    const [row] = await env.database.query<{ seq: string }>(
      `select seq from audit_log where action = 'organization.updated' order by seq limit 1`,
    );
    await env.database.query(`update audit_log set actor_name = 'someone else' where seq = $1`, [row.seq]);
    await env.database.query(`update audit_log set after = '{"contactName":"篡改"}' where seq = $1`, [
      row.seq,
    ]);
    const broken = (await admin.get('/api/v1/audit/verify')).json();
    expect(broken).toMatchObject({ ok: false, brokenAt: Number(row.seq), reason: 'hash mismatch' });
  });
});
