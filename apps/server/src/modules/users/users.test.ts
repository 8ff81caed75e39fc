import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, DEMO_PASSWORD, type TestEnv } from '../../test/harness';

let env: TestEnv;
let admin: Agent;
let street: Agent;
let street2: Agent;
let district: Agent;
let community: Agent;
/** demo layout: the community account's community C1 in street S1; S2 is street2's street */
let c1: string;
let c1b: string;
let s1: string;
let s2: string;
let s2c: string;
let districtCode: string;
let orgInS1: string;
let orgInS2: string;

const chinese = /[\u4e00-\u9fff]/;
const home = async (a: Agent) => (await a.get('/api/v1/auth/me')).json().homeRegion.code as string;
const children = async (code: string) =>
  (await admin.get(`/api/v1/regions/${code}/children`)).json().items as { code: string }[];

let seq = 0;
const uname = (p: string) => `${p}_${++seq}`;

async function createUser(by: Agent, grants: unknown[], extra: Record<string, unknown> = {}) {
  return by.post('/api/v1/users', {
    username: uname('u'),
    displayName: '测试 用户',
    password: 'secret-pass-1',
    grants,
    ...extra,
  });
}

beforeAll(async () => {
  env = await createTestEnv();
  [admin, street, street2, district, community] = await Promise.all(
    ['admin', 'street', 'street2', 'district', 'community'].map((u) => env.login(u)),
  );
  c1 = await home(community);
  s1 = await home(street);
  s2 = await home(street2);
  districtCode = await home(district);
  c1b = (await children(s1)).find((c) => c.code !== c1)!.code;
  s2c = (await children(s2))[0].code;
  const orgs = (await admin.get('/api/v1/organizations?pageSize=200')).json().items as {
    id: string;
    regionCode: string;
  }[];
  orgInS1 = orgs.find((o) => o.regionCode.startsWith(s1.slice(0, 9)))!.id;
  orgInS2 = orgs.find((o) => o.regionCode.startsWith(s2.slice(0, 9)))!.id;
});
afterAll(async () => env?.close());

describe('creating users', () => {
  it('a street officer creates community staff in their street; names and labels, never the password', async () => {
    const r = await createUser(street, [{ role: 'community_staff', regionCode: c1b }]);
    expect(r.statusCode, r.body).toBe(201);
    const u = r.json();
    expect(u.status).toBe('active');
    expect(u.version).toBe(1);
    expect(u.grants).toHaveLength(1);
    expect(u.grants[0]).toMatchObject({ role: 'community_staff', roleLabel: '社区居委会', regionCode: c1b });
    expect(u.grants[0].regionName).toMatch(chinese);
    expect(r.body).not.toMatch(/passwordHash|password_hash|scrypt|secret-pass/i);
    // the new user can log in with the role
    const a = await env.login(u.username, 'secret-pass-1');
    const me = (await a.get('/api/v1/auth/me')).json();
    expect(me.grants.map((g: { role: string }) => g.role)).toEqual(['community_staff']);
  });

  it('a street officer may make an organization leader for an organization in the street, not elsewhere', async () => {
    const ok = await createUser(street, [{ role: 'org_leader', organizationId: orgInS1 }]);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().grants[0].organizationName).toMatch(chinese);
    const other = await createUser(street, [{ role: 'org_leader', organizationId: orgInS2 }]);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.fields['grants.0.organizationId']).toMatch(chinese);
  });

  it('a street officer cannot grant district_officer, admin or a role outside the street (403, Chinese message, nothing created)', async () => {
    const before = (await admin.get('/api/v1/users?pageSize=200')).json().total;
    for (const grant of [
      { role: 'district_officer', regionCode: districtCode },
      { role: 'admin' },
      { role: 'community_staff', regionCode: s2c },
      { role: 'street_officer', regionCode: s2 },
    ]) {
      const r = await createUser(street, [grant]);
      expect(r.statusCode, `${JSON.stringify(grant)} ${r.body}`).toBe(403);
      expect(r.json().error.message).toMatch(chinese);
    }
    const district = await createUser(street, [{ role: 'district_officer', regionCode: districtCode }]);
    expect(district.json().error.message).toContain('不能授予高于本人层级的角色');
    expect((await admin.get('/api/v1/users?pageSize=200')).json().total).toBe(before);
  });

  it('validates the target of each role', async () => {
    // community staff need a community, not a street
    let r = await createUser(street, [{ role: 'community_staff', regionCode: s1 }]);
    expect(r.statusCode).toBe(422);
    expect(r.json().error.fields['grants.0.regionCode']).toMatch(chinese);
    // a street officer grant needs a street
    r = await createUser(admin, [{ role: 'street_officer', regionCode: c1 }]);
    expect(r.statusCode).toBe(422);
    // a region that does not exist
    r = await createUser(admin, [{ role: 'community_staff', regionCode: '440305999999' }]);
    expect(r.statusCode).toBe(422);
    // hub operator at street or community level
    r = await createUser(street, [{ role: 'hub_operator', regionCode: s1 }]);
    expect(r.statusCode, r.body).toBe(201);
    // org leader without organization
    r = await createUser(street, [{ role: 'org_leader' }]);
    expect(r.statusCode).toBe(422);
    // a non-admin must give at least one grant (else they could never see the user again)
    r = await createUser(street, []);
    expect(r.statusCode).toBe(422);
  });

  it('checks username, password and uniqueness', async () => {
    const name = uname('dup');
    const first = await createUser(admin, [], { username: name });
    expect(first.statusCode, first.body).toBe(201);
    const dup = await createUser(admin, [], { username: name });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields.username).toBe('用户名已存在');
    expect((await createUser(admin, [], { username: 'AB' })).statusCode).toBe(400);
    expect((await createUser(admin, [], { username: 'Has Space' })).statusCode).toBe(400);
    const short = await createUser(admin, [], { password: '1234567' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields.password).toMatch(chinese);
  });

  it('community staff and organization leaders may not manage users', async () => {
    expect((await community.get('/api/v1/users')).statusCode).toBe(403);
    expect((await createUser(community, [{ role: 'community_staff', regionCode: c1 }])).statusCode).toBe(403);
    expect((await env.anonymous.get('/api/v1/users')).statusCode).toBe(401);
  });
});

describe('scope', () => {
  it('a street officer lists users of their street only and cannot see a user of another street (404)', async () => {
    const mine = (await createUser(street, [{ role: 'community_staff', regionCode: c1b }])).json();
    const theirs = (await createUser(street2, [{ role: 'community_staff', regionCode: s2c }])).json();
    const list = (await street.get('/api/v1/users?pageSize=200')).json();
    const ids = list.items.map((u: { id: string }) => u.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
    expect(list.items.map((u: { username: string }) => u.username)).not.toContain('street2');
    expect(list.items.map((u: { username: string }) => u.username)).not.toContain('district');
    expect(list.items.map((u: { username: string }) => u.username)).not.toContain('admin');
    for (const res of [
      await street.get(`/api/v1/users/${theirs.id}`),
      await street.patch(`/api/v1/users/${theirs.id}`, { version: 1, displayName: '改名' }),
      await street.post(`/api/v1/users/${theirs.id}/password`, { password: 'another-pass-1' }),
      await street.post(`/api/v1/users/${theirs.id}/grants`, { role: 'community_staff', regionCode: c1 }),
      await street.post(`/api/v1/users/${theirs.id}/grants/${theirs.grants[0].id}/revoke`, {}),
    ]) {
      expect(res.statusCode).toBe(404);
    }
    // the district sees both; admin sees everyone
    const d = (await district.get('/api/v1/users?pageSize=200'))
      .json()
      .items.map((u: { id: string }) => u.id);
    expect(d).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    const a = (await admin.get('/api/v1/users?pageSize=200'))
      .json()
      .items.map((u: { username: string }) => u.username);
    expect(a).toEqual(expect.arrayContaining(['admin', 'city', 'district', 'street', 'street2']));
  });

  it('a user with grants in two streets is visible to both street officers but managed only above them', async () => {
    const u = (await createUser(district, [{ role: 'community_staff', regionCode: c1b }])).json();
    const added = await district.post(`/api/v1/users/${u.id}/grants`, {
      role: 'community_staff',
      regionCode: s2c,
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().grants).toHaveLength(2);
    const seen = await street.get(`/api/v1/users/${u.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().allowedActions).toEqual([]);
    const patch = await street.patch(`/api/v1/users/${u.id}`, { version: u.version, status: 'disabled' });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error.message).toMatch(chinese);
    expect((await district.get(`/api/v1/users/${u.id}`)).json().allowedActions).toContain('disable');
  });

  it('filters by q and role', async () => {
    const u = (await createUser(admin, [{ role: 'social_worker', regionCode: c1b }])).json();
    const byQ = (await admin.get(`/api/v1/users?q=${u.username}`)).json();
    expect(byQ.items.map((x: { id: string }) => x.id)).toEqual([u.id]);
    const byRole = (await admin.get('/api/v1/users?role=social_worker&pageSize=200')).json();
    expect(
      byRole.items.every((x: { grants: { role: string }[] }) =>
        x.grants.some((g) => g.role === 'social_worker'),
      ),
    ).toBe(true);
    expect(byRole.items.map((x: { id: string }) => x.id)).toContain(u.id);
  });
});

describe('changing users', () => {
  it('disabling a user kills their sessions; enabling lets them log in again', async () => {
    const u = (await createUser(street, [{ role: 'community_staff', regionCode: c1b }])).json();
    const session = await env.login(u.username, 'secret-pass-1');
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(200);
    const r = await street.patch(`/api/v1/users/${u.id}`, { version: u.version, status: 'disabled' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'disabled', version: u.version + 1 });
    const [{ n }] = await env.database.query<{ n: number }>(
      'select count(*)::int as n from sessions where user_id = $1',
      [u.id],
    );
    expect(n).toBe(0);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    await expect(env.login(u.username, 'secret-pass-1')).rejects.toThrow(/401/);
    // stale version
    const stale = await street.patch(`/api/v1/users/${u.id}`, { version: u.version, status: 'active' });
    expect(stale.statusCode).toBe(409);
    const back = await street.patch(`/api/v1/users/${u.id}`, { version: u.version + 1, status: 'active' });
    expect(back.statusCode).toBe(200);
    await env.login(u.username, 'secret-pass-1');
  });

  it('resetting a password ends the sessions and replaces the password', async () => {
    const u = (await createUser(street, [{ role: 'community_staff', regionCode: c1b }])).json();
    const session = await env.login(u.username, 'secret-pass-1');
    const r = await street.post(`/api/v1/users/${u.id}/password`, { password: 'new-secret-22' });
    expect(r.statusCode, r.body).toBe(200);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    await expect(env.login(u.username, 'secret-pass-1')).rejects.toThrow(/401/);
    await env.login(u.username, 'new-secret-22');
    expect((await street.post(`/api/v1/users/${u.id}/password`, { password: 'short' })).statusCode).toBe(400);
  });

  it('nobody may grant themselves, revoke their own grants or disable themselves', async () => {
    const me = (await street.get('/api/v1/auth/me')).json();
    const self = await street.post(`/api/v1/users/${me.user.id}/grants`, {
      role: 'community_staff',
      regionCode: c1,
    });
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toMatch(chinese);
    const revoke = await street.post(`/api/v1/users/${me.user.id}/grants/${me.grants[0].id}/revoke`, {});
    expect(revoke.statusCode).toBe(403);
    const adminMe = (await admin.get('/api/v1/auth/me')).json();
    const adminSelf = await admin.post(`/api/v1/users/${adminMe.user.id}/grants`, {
      role: 'community_staff',
      regionCode: c1,
    });
    expect(adminSelf.statusCode).toBe(403);
    const u = (await admin.get(`/api/v1/users/${me.user.id}`)).json();
    const disableSelf = await street.patch(`/api/v1/users/${me.user.id}`, {
      version: u.version,
      status: 'disabled',
    });
    expect(disableSelf.statusCode).toBe(403);
    expect((await street.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('grants are added and revoked (never deleted); duplicates are refused', async () => {
    const u = (await createUser(street, [{ role: 'community_staff', regionCode: c1b }])).json();
    const dup = await street.post(`/api/v1/users/${u.id}/grants`, {
      role: 'community_staff',
      regionCode: c1b,
    });
    expect(dup.statusCode).toBe(409);
    const added = await street.post(`/api/v1/users/${u.id}/grants`, {
      role: 'social_worker',
      regionCode: s1,
    });
    expect(added.statusCode, added.body).toBe(201);
    const grant = added.json().grants.find((g: { role: string }) => g.role === 'social_worker');
    const session = await env.login(u.username, 'secret-pass-1');
    const revoked = await street.post(`/api/v1/users/${u.id}/grants/${grant.id}/revoke`, {});
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().grants.map((g: { role: string }) => g.role)).toEqual(['community_staff']);
    const [row] = await env.database.query<{ revoked_at: Date | null }>(
      'select revoked_at from grants where id = $1',
      [grant.id],
    );
    expect(row.revoked_at).toBeInstanceOf(Date);
    expect((await street.post(`/api/v1/users/${u.id}/grants/${grant.id}/revoke`, {})).statusCode).toBe(409);
    // the revocation applies to the live session at once
    const me = (await session.get('/api/v1/auth/me')).json();
    expect(me.grants.map((g: { role: string }) => g.role)).toEqual(['community_staff']);
    // after the last grant is revoked the street still sees (and can re-grant) the user
    const last = await street.post(`/api/v1/users/${u.id}/grants/${u.grants[0].id}/revoke`, {});
    expect(last.statusCode).toBe(200);
    expect(last.json().grants).toEqual([]);
    expect((await street.get(`/api/v1/users/${u.id}`)).statusCode).toBe(200);
    expect((await street2.get(`/api/v1/users/${u.id}`)).statusCode).toBe(404);
    const again = await street.post(`/api/v1/users/${u.id}/grants`, {
      role: 'community_staff',
      regionCode: c1,
    });
    expect(again.statusCode, again.body).toBe(201);
  });

  it('every change is audited in the region of the grant; street2 does not see street 1 entries', async () => {
    const u = (await createUser(street, [{ role: 'community_staff', regionCode: c1b }])).json();
    await street.patch(`/api/v1/users/${u.id}`, { version: u.version, displayName: '新名字' });
    const entries = (await street.get(`/api/v1/audit?entityType=user&entityId=${u.id}`)).json().items as {
      action: string;
      regionCode: string;
      after: unknown;
    }[];
    expect(entries.map((e) => e.action)).toEqual(['user.updated', 'user.grant_added', 'user.created']);
    expect(entries.every((e) => e.regionCode === c1b)).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/passwordHash|scrypt/);
    const other = (await street2.get(`/api/v1/audit?entityType=user&entityId=${u.id}`)).json();
    expect(other.items).toEqual([]);
    expect(other.total).toBe(0);
    const [{ n }] = await env.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where entity_id = $1 and action = 'user.password_reset'`,
      [u.id],
    );
    expect(n).toBe(0);
    void DEMO_PASSWORD;
  });
});
