import { makeIdNumber } from '@linli/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFirstSheet } from '../../lib/documents/excel';
import { type Agent, createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
let community: Agent;
let leader: Agent;
let street: Agent;
let street2: Agent;
let home: string;
let orgId: string;
beforeAll(async () => {
  env = await createTestEnv();
  [community, leader, street, street2] = await Promise.all(
    ['community', 'leader', 'street', 'street2'].map((u) => env.login(u)),
  );
  home = (await community.get('/api/v1/auth/me')).json().homeRegion.code;
  orgId = (await leader.get('/api/v1/auth/me')).json().grants[0].organizationId;
});
afterAll(async () => env?.close());

const DAY = 86_400_000;
const at = (days: number, hours = 0) => new Date(Date.now() + days * DAY + hours * 3_600_000).toISOString();
let seq = 300;
const volunteer = async (recordConsent = true) => {
  const r = await env.anonymous.post('/api/v1/public/volunteers/register', {
    realName: '报名志愿者',
    idNumber: makeIdNumber(`44030519900101${String(++seq).padStart(3, '0')}`),
    phone: '13912345678',
    regionCode: home,
    consents: [
      { purpose: 'record', granted: true },
      { purpose: 'sensitive_id', granted: true },
    ],
  });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().id as string;
  if (!recordConsent)
    expect(
      (await community.post(`/api/v1/volunteers/${id}/consents`, { purpose: 'record', granted: false }))
        .statusCode,
    ).toBe(200);
  return id;
};
const form = (extra: Record<string, unknown> = {}) => ({
  title: '关爱独居老人上门探访',
  content: '为社区独居老人打扫卫生、陪伴聊天、测量血压。',
  category: 'elderly',
  place: '社区党群服务中心集合',
  startsAt: at(3),
  endsAt: at(3, 3),
  wanted: 2,
  coefficient: 1.5,
  ...extra,
});
/** A published activity of the leader's organization. */
const published = async (extra: Record<string, unknown> = {}, by: Agent = leader) => {
  const c = await by.post(`/api/v1/organizations/${orgId}/activities`, form(extra));
  expect(c.statusCode, c.body).toBe(201);
  const p = await by.post(`/api/v1/activities/${c.json().id}/publish`, { version: c.json().version });
  expect(p.statusCode, p.body).toBe(200);
  return p.json();
};
// community staff sign volunteers up: a leader sees only volunteers of its own teams
const signUp = (a: { id: string }, volunteerId: string, by: Agent = community) =>
  by.post(`/api/v1/activities/${a.id}/signups`, { volunteerId });
const decide = (s: { id: string; version: number }, event: string, by: Agent = leader, reason?: string) =>
  by.post(`/api/v1/signups/${s.id}/decide`, { event, version: s.version, ...(reason ? { reason } : {}) });

describe('activities', () => {
  it('publish → sign up → approve, audited, with masked volunteer data', async () => {
    const c = await leader.post(`/api/v1/organizations/${orgId}/activities`, form());
    expect(c.statusCode, c.body).toBe(201);
    expect(c.json()).toMatchObject({ status: 'draft', coefficient: 1.5, regionCode: home, wanted: 2 });
    expect(c.json().allowedActions).toEqual(expect.arrayContaining(['update', 'publish', 'cancel']));
    // not open while a draft
    const vid = await volunteer();
    expect((await signUp(c.json(), vid)).statusCode).toBe(422);

    const p = await leader.post(`/api/v1/activities/${c.json().id}/publish`, { version: c.json().version });
    expect(p.statusCode, p.body).toBe(200);
    expect(p.json()).toMatchObject({ status: 'published', statusLabel: '已发布' });
    expect(
      (await leader.post(`/api/v1/activities/${c.json().id}/publish`, { version: p.json().version }))
        .statusCode,
    ).toBe(409);

    const s = await signUp(p.json(), vid);
    expect(s.statusCode, s.body).toBe(201);
    expect(s.json()).toMatchObject({ state: 'pending', phoneMasked: '139****5678' });
    expect(s.body).not.toContain('13912345678');
    expect((await signUp(p.json(), vid)).statusCode).toBe(409);

    const ok = await decide(s.json(), 'approve');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'approved', stateLabel: '已录用' });
    expect((await decide(s.json(), 'approve')).statusCode).toBe(409); // stale version

    const list = await community.get(`/api/v1/activities/${p.json().id}/signups`);
    expect(list.statusCode).toBe(200);
    expect(list.json().activity.counts).toMatchObject({ approved: 1, pending: 0 });
    expect(list.json().items[0]).toMatchObject({ volunteerId: vid, state: 'approved' });
    expect(list.body).not.toContain('13912345678');

    const audit = await env.database.query<{ action: string }>(
      `select action from audit_log where entity_id in ($1, $2) order by seq`,
      [p.json().id, s.json().id],
    );
    expect(audit.map((x) => x.action)).toEqual([
      'activity.created',
      'activity.published',
      'activity.signup_created',
      'activity.signup_approved',
    ]);

    // officers read within scope; filters
    const l = await street.get(
      `/api/v1/activities?status=published&category=elderly&q=${encodeURIComponent('独居')}`,
    );
    expect(l.statusCode).toBe(200);
    expect(l.json().items.map((x: { id: string }) => x.id)).toContain(p.json().id);
    expect(l.json().items[0].allowedActions).toEqual([]);
  });

  it('the staff list sorts by wanted number or start either way; an unknown key falls back', async () => {
    await published({ wanted: 5, startsAt: at(4), endsAt: at(4, 2) });
    await published({ wanted: 9, startsAt: at(5), endsAt: at(5, 2) });
    const list = async (sort: string) =>
      (await community.get(`/api/v1/activities?pageSize=200&sort=${sort}`)).json().items as {
        wanted: number;
        startsAt: string;
      }[];
    const wanted = (await list('wanted')).map((a) => a.wanted);
    expect(wanted.length).toBeGreaterThan(1);
    expect(wanted).toEqual([...wanted].sort((a, b) => a - b));
    const down = (await list('-wanted')).map((a) => a.wanted);
    expect(down).toEqual([...wanted].reverse());
    const starts = (await list('startsAt')).map((a) => Date.parse(a.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const bad = await community.get('/api/v1/activities?sort=drop%20table');
    expect(bad.statusCode, bad.body).toBe(200);
  });

  it('validates the form with Chinese field messages', async () => {
    const bad = await leader.post(
      `/api/v1/organizations/${orgId}/activities`,
      form({ endsAt: at(2), wanted: 0, coefficient: 3.5, signupClosesAt: at(4) }),
    );
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(expect.arrayContaining(['wanted', 'coefficient']));
    const timing = await leader.post(
      `/api/v1/organizations/${orgId}/activities`,
      form({ endsAt: at(2), signupClosesAt: at(4) }),
    );
    expect(timing.statusCode).toBe(400);
    expect(timing.json().error.fields).toMatchObject({
      endsAt: '结束时间须晚于开始时间',
      signupClosesAt: '报名截止时间不能晚于活动开始时间',
    });
    const past = await leader.post(
      `/api/v1/organizations/${orgId}/activities`,
      form({ startsAt: at(-1), endsAt: at(-1, 2) }),
    );
    expect(past.statusCode).toBe(422);
    expect(past.json().error.fields.startsAt).toMatch(/开始时间/);

    // PATCH: version, merged timing rules
    const a = await published();
    const stale = await leader.patch(`/api/v1/activities/${a.id}`, {
      version: a.version - 1,
      place: '新地点',
    });
    expect(stale.statusCode).toBe(409);
    const wrong = await leader.patch(`/api/v1/activities/${a.id}`, { version: a.version, endsAt: at(2) });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.fields.endsAt).toBeTruthy();
    const upd = await leader.patch(`/api/v1/activities/${a.id}`, { version: a.version, place: '小区北门' });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json()).toMatchObject({ place: '小区北门', version: a.version + 1 });
  });

  it('a full activity refuses approvals beyond the wanted number; the organizer waitlists', async () => {
    const a = await published({ wanted: 2 });
    const ss = [];
    for (let i = 0; i < 4; i++) {
      const r = await signUp(a, await volunteer());
      expect(r.statusCode, r.body).toBe(201);
      ss.push(r.json());
    }
    expect((await decide(ss[0], 'approve')).statusCode).toBe(200);
    // two organizers approve the last seat at once: exactly one wins
    const [x, y] = await Promise.all([decide(ss[1], 'approve', leader), decide(ss[2], 'approve', community)]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 422]);
    const loser = x.statusCode === 422 ? x : y;
    expect(loser.json().error.code).toBe('activity_full');
    const counts = (await leader.get(`/api/v1/activities/${a.id}`)).json().counts;
    expect(counts.approved).toBe(2);

    const w = await decide(ss[3], 'waitlist');
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().state).toBe('waitlisted');
    expect((await decide(w.json(), 'approve')).statusCode).toBe(422);
    // a seat frees up: the waitlisted volunteer can be approved
    const winner = ss[x.statusCode === 200 ? 1 : 2];
    const cancel = await decide({ ...winner, version: winner.version + 1 }, 'cancel', leader);
    expect(cancel.statusCode).toBe(422); // a reason is required
    const c2 = await decide({ ...winner, version: winner.version + 1 }, 'cancel', leader, '临时有事');
    expect(c2.statusCode, c2.body).toBe(200);
    expect((await decide(w.json(), 'approve')).statusCode).toBe(200);
    expect((await decide({ ...ss[0], version: 2 }, 'reject', leader, '重复')).statusCode).toBe(409);
  });

  it('sign-up outside the window or without the record consent → 422', async () => {
    const later = await published({ signupOpensAt: at(1), signupClosesAt: at(2) });
    const r = await signUp(later, await volunteer());
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('signup_window');
    const open = await published();
    const noConsent = await signUp(open, await volunteer(false));
    expect(noConsent.statusCode).toBe(422);
    // window closed (moved into the past directly: sessions follow the clock)
    const closed = await published();
    await env.database.query(
      `update service_activities set signup_opens_at = now() - interval '2 days', signup_closes_at = now() - interval '1 day' where id = $1`,
      [closed.id],
    );
    const shut = await signUp(closed, await volunteer());
    expect(shut.statusCode).toBe(422);
    expect(shut.json().error.message).toBe('报名已截止');
  });

  it('scope: another street cannot see or manage the activity (404); officers cannot manage (403)', async () => {
    const a = await published();
    expect((await street2.get(`/api/v1/activities/${a.id}`)).statusCode).toBe(404);
    expect((await street2.get(`/api/v1/activities/${a.id}/signups`)).statusCode).toBe(404);
    const l = (await street2.get('/api/v1/activities?pageSize=200')).json();
    expect(l.items.map((x: { id: string }) => x.id)).not.toContain(a.id);
    expect((await street.get(`/api/v1/activities/${a.id}`)).statusCode).toBe(200);
    expect(
      (await street.post(`/api/v1/activities/${a.id}/cancel`, { version: a.version, reason: 'x' }))
        .statusCode,
    ).toBe(403);
    // community staff create for an organization of their community
    const c = await community.post(`/api/v1/organizations/${orgId}/activities`, form());
    expect(c.statusCode, c.body).toBe(201);
  });

  it('the public list shows only published upcoming activities, without volunteers', async () => {
    const draft = (await leader.post(`/api/v1/organizations/${orgId}/activities`, form())).json();
    const live = await published({ title: '垃圾分类宣传', category: 'environment' });
    const past = await published({ title: '已结束的活动' });
    await env.database.query(
      `update service_activities set starts_at = now() - interval '2 days', ends_at = now() - interval '1 day',
         signup_opens_at = now() - interval '3 days', signup_closes_at = now() - interval '2 days' where id = $1`,
      [past.id],
    );
    const s = await signUp(live, await volunteer());
    expect(s.statusCode).toBe(201);
    const r = await env.anonymous.get(
      `/api/v1/public/activities?streetCode=${home.slice(0, 9)}&pageSize=200`,
    );
    expect(r.statusCode).toBe(200);
    const ids = r.json().items.map((x: { id: string }) => x.id);
    expect(ids).toContain(live.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(past.id);
    expect(r.body).not.toContain('报名志愿者');
    const one = r.json().items.find((x: { id: string }) => x.id === live.id);
    expect(one).toMatchObject({ categoryLabel: '环境保护', seatsLeft: 2, signupOpen: true });
    const byCat = (
      await env.anonymous.get('/api/v1/public/activities?category=environment&pageSize=200')
    ).json();
    expect(byCat.items.every((x: { category: string }) => x.category === 'environment')).toBe(true);
    const other = (await env.anonymous.get(`/api/v1/public/activities?regionCode=${'9'.repeat(12)}`)).json();
    expect(other.total).toBe(0);
    expect((await env.anonymous.get(`/api/v1/public/activities/${live.id}`)).statusCode).toBe(200);
    expect((await env.anonymous.get(`/api/v1/public/activities/${draft.id}`)).statusCode).toBe(404);
  });

  it('cancelling an activity cancels its live sign-ups in one transaction', async () => {
    const a = await published({ wanted: 5 });
    const s1 = (await signUp(a, await volunteer())).json();
    const s2 = (await signUp(a, await volunteer())).json();
    const s3 = (await signUp(a, await volunteer())).json();
    expect((await decide(s1, 'approve')).statusCode).toBe(200);
    expect((await decide(s3, 'reject', leader, '年龄不符')).statusCode).toBe(200);
    expect((await leader.post(`/api/v1/activities/${a.id}/cancel`, { version: a.version })).statusCode).toBe(
      400,
    );
    const c = await leader.post(`/api/v1/activities/${a.id}/cancel`, {
      version: a.version,
      reason: '台风预警',
    });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json()).toMatchObject({ status: 'cancelled', cancelReason: '台风预警' });
    const list = (await leader.get(`/api/v1/activities/${a.id}/signups`)).json();
    const state = (id: string) => list.items.find((x: { id: string }) => x.id === id);
    expect(state(s1.id)).toMatchObject({ state: 'cancelled', reason: '活动取消：台风预警' });
    expect(state(s2.id).state).toBe('cancelled');
    expect(state(s3.id).state).toBe('rejected');
    expect((await signUp(a, await volunteer())).statusCode).toBe(422);
    expect(
      (await leader.patch(`/api/v1/activities/${a.id}`, { version: c.json().version, place: 'x' }))
        .statusCode,
    ).toBe(422);
    const audit = await env.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'activity.signup_cancelled' and entity_id in ($1, $2)`,
      [s1.id, s2.id],
    );
    expect(audit[0].n).toBe(2);
  });
});

describe('activity export', () => {
  const xlsx = async (a: Agent, query = '') => {
    const r = await a.get(`/api/v1/activities/export${query}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    return { res: r, ...(await readFirstSheet(r.rawPayload)) };
  };
  const total = async (a: Agent, query = '') =>
    (await a.get(`/api/v1/activities?pageSize=1${query ? `&${query.slice(1)}` : ''}`)).json().total as number;

  it('exports the filtered list with names, labels, Shanghai times and counts; scoped and validated', async () => {
    const title = `导出活动${Date.now()}`;
    const a = await published({ title, category: 'children', wanted: 3 });
    const v = await volunteer();
    const s = await signUp(a, v);
    expect(s.statusCode, s.body).toBe(201);
    expect((await decide(s.json(), 'approve')).statusCode).toBe(200);
    await signUp(a, await volunteer());

    const all = await xlsx(street);
    expect(all.headers).toEqual([
      '活动名称',
      '发布组织',
      '服务类别',
      '所属街道',
      '所属社区',
      '活动地点',
      '开始时间',
      '结束时间',
      '报名截止',
      '招募人数',
      '已录用',
      '待审核',
      '候补',
      '状态',
      '难度系数',
      '发布时间',
    ]);
    expect(all.rows.length).toBe(await total(street));
    expect(all.res.headers['content-disposition']).toContain(encodeURIComponent('志愿服务活动-'));
    const row = all.rows.find((r) => r.values.活动名称 === title)?.values;
    const startsSh = new Date(Date.parse(a.startsAt) + 8 * 3_600_000)
      .toISOString()
      .slice(0, 16)
      .replace('T', ' ');
    expect(row).toMatchObject({
      服务类别: '关爱儿童',
      状态: '已发布',
      招募人数: '3',
      已录用: '1',
      待审核: '1',
      候补: '0',
      难度系数: '1.5',
      开始时间: startsSh,
    });
    expect(row?.发布组织).toMatch(/[\u4e00-\u9fff]/);
    expect(row?.所属社区).toMatch(/社区|村/);
    expect(row?.所属街道).toMatch(/街道|镇/);
    const text = JSON.stringify(all.rows);
    for (const code of ['"published"', '"children"', '"elderly"', '"draft"'])
      expect(text).not.toContain(code);

    // the filters narrow it as they narrow the list
    for (const q of [`?q=${encodeURIComponent(title)}`, '?category=children', '?status=cancelled']) {
      const f = await xlsx(street, q);
      expect(f.rows.length, q).toBe(await total(street, q));
    }
    expect(
      (await xlsx(street, `?q=${encodeURIComponent(title)}`)).rows.map((r) => r.values.活动名称),
    ).toEqual([title]);

    // another street sees none of it; validation and authentication
    const other = await xlsx(street2);
    expect(other.rows.map((r) => r.values.活动名称)).not.toContain(title);
    expect(other.rows.length).toBe(await total(street2));
    expect((await env.anonymous.get('/api/v1/activities/export')).statusCode).toBe(401);
    const bad = await street.get('/api/v1/activities/export?category=nope&from=2026-13-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toMatchObject({ category: '服务类别无效' });
  });
});
