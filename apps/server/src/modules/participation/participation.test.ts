import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, type TestEnv, type VolunteerAgent } from '../../test/harness';

let env: TestEnv;
let community: Agent;
let leader: Agent;
let street2: Agent;
let orgId: string;
let base: Date;
beforeAll(async () => {
  env = await createTestEnv();
  base = new Date();
  env.clock.set(base);
  [community, leader, street2] = await Promise.all(
    ['community', 'leader', 'street2'].map((u) => env.login(u)),
  );
  orgId = (await leader.get('/api/v1/auth/me')).json().grants[0].organizationId;
});
afterAll(async () => env?.close());

const HOUR = 3_600_000;
const at = (hours: number) => new Date(base.getTime() + hours * HOUR).toISOString();
/** A published activity of the leader's organization starting in `startsIn` hours. */
const published = async (startsIn = 72, extra: Record<string, unknown> = {}) => {
  const c = await leader.post(`/api/v1/organizations/${orgId}/activities`, {
    title: '社区垃圾分类宣传',
    content: '在小区门口设摊宣传垃圾分类知识。',
    category: 'environment',
    place: '小区南门',
    startsAt: at(startsIn),
    endsAt: at(startsIn + 2),
    wanted: 5,
    coefficient: 1,
    ...extra,
  });
  expect(c.statusCode, c.body).toBe(201);
  const p = await leader.post(`/api/v1/activities/${c.json().id}/publish`, { version: c.json().version });
  expect(p.statusCode, p.body).toBe(200);
  return p.json() as { id: string; version: number };
};
const signupCount = async () =>
  (await env.database.query<{ n: number }>('select count(*)::int as n from activity_signups'))[0].n;

describe('volunteer self sign-up (H5)', () => {
  let vol: VolunteerAgent;
  beforeAll(async () => {
    vol = await env.volunteer();
  });

  it('sign up → pending → the organizer approves; shows in my list and on the detail page', async () => {
    const a = await published();
    const before = await vol.get(`/api/v1/me/activities/${a.id}`);
    expect(before.statusCode, before.body).toBe(200);
    expect(before.json()).toMatchObject({ id: a.id, canSignUp: true, mySignUp: null, signupOpen: true });

    const s = await vol.post('/api/v1/me/signups', { activityId: a.id });
    expect(s.statusCode, s.body).toBe(201);
    expect(s.json()).toMatchObject({ state: 'pending', stateLabel: '待审核', canWithdraw: true });
    expect((await vol.post('/api/v1/me/signups', { activityId: a.id })).statusCode).toBe(409);

    const detail = (await vol.get(`/api/v1/me/activities/${a.id}`)).json();
    expect(detail).toMatchObject({ canSignUp: false, mySignUp: { id: s.json().id, state: 'pending' } });
    expect(JSON.stringify(detail)).not.toContain('phone');

    // the organizer sees it and approves
    const list = (await leader.get(`/api/v1/activities/${a.id}/signups`)).json();
    const row = list.items.find((x: { id: string }) => x.id === s.json().id);
    expect(row).toMatchObject({ volunteerId: vol.volunteerId, state: 'pending' });
    const ok = await leader.post(`/api/v1/signups/${row.id}/decide`, {
      event: 'approve',
      version: row.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);

    const mine = await vol.get('/api/v1/me/signups?filter=upcoming');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items[0]).toMatchObject({
      id: s.json().id,
      state: 'approved',
      activity: { id: a.id, title: '社区垃圾分类宣传', place: '小区南门' },
    });
    expect((await vol.get('/api/v1/me/signups?filter=past')).json().total).toBe(0);

    const audit = await env.database.query<{ action: string; actor_id: string }>(
      'select action, actor_id from audit_log where entity_id = $1 order by seq',
      [s.json().id],
    );
    expect(audit.map((x) => x.action)).toEqual(['activity.signup_created', 'activity.signup_approved']);
  });

  it('withdraw: own, live, before the start; not someone else’s', async () => {
    const a = await published(3);
    const s = (await vol.post('/api/v1/me/signups', { activityId: a.id })).json();
    const other = await env.volunteer();
    expect((await other.post(`/api/v1/me/signups/${s.id}/withdraw`)).statusCode).toBe(404);
    const w = await vol.post(`/api/v1/me/signups/${s.id}/withdraw`);
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ state: 'withdrawn', canWithdraw: false });
    expect((await vol.post(`/api/v1/me/signups/${s.id}/withdraw`)).statusCode).toBe(409);
    // signing up again after withdrawing is allowed
    const again = await vol.post('/api/v1/me/signups', { activityId: a.id });
    expect(again.statusCode, again.body).toBe(201);
    // once the activity has started, no withdrawal
    env.clock.set(new Date(base.getTime() + 3.5 * HOUR));
    try {
      const late = await vol.post(`/api/v1/me/signups/${again.json().id}/withdraw`);
      expect(late.statusCode).toBe(422);
      expect(late.json().error.message).toBe('活动已开始，不能取消报名');
    } finally {
      env.clock.set(base);
    }
  });

  it('refuses drafts, closed windows, unknown ids and staff accounts; bad input writes nothing', async () => {
    const n = await signupCount();
    const draft = await leader.post(`/api/v1/organizations/${orgId}/activities`, {
      title: '草稿活动',
      content: '草稿',
      category: 'environment',
      place: '小区南门',
      startsAt: at(48),
      endsAt: at(50),
      wanted: 5,
      coefficient: 1,
    });
    expect((await vol.post('/api/v1/me/signups', { activityId: draft.json().id })).statusCode).toBe(404);
    expect((await vol.get(`/api/v1/me/activities/${draft.json().id}`)).statusCode).toBe(404);
    const notYet = await published(72, { signupOpensAt: at(24), signupClosesAt: at(48) });
    const r = await vol.post('/api/v1/me/signups', { activityId: notYet.id });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.message).toBe('报名尚未开始');
    const bad = await vol.post('/api/v1/me/signups', { activityId: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.activityId).toBe('活动编号格式不正确');
    expect((await vol.get('/api/v1/me/signups?filter=later')).statusCode).toBe(400);
    // staff accounts have no "me" sign-ups
    expect((await community.post('/api/v1/me/signups', { activityId: notYet.id })).statusCode).toBe(403);
    expect((await env.anonymous.get('/api/v1/me/signups')).statusCode).toBe(401);
    expect(await signupCount()).toBe(n);
  });

  it('the staff sign-up answers 404 for a volunteer outside the caller’s scope', async () => {
    const a = await published();
    const [s2] = await env.database.query<{ code: string }>(
      `select code from regions where level = 5 and code like $1 order by code limit 1`,
      [`${(await street2.get('/api/v1/auth/me')).json().homeRegion.code.slice(0, 9)}%`],
    );
    const far = await env.volunteer({ regionCode: s2.code });
    const n = await signupCount();
    const r = await community.post(`/api/v1/activities/${a.id}/signups`, { volunteerId: far.volunteerId });
    expect(r.statusCode, r.body).toBe(404);
    // the leader sees only volunteers of its own teams
    expect(
      (await leader.post(`/api/v1/activities/${a.id}/signups`, { volunteerId: vol.volunteerId })).statusCode,
    ).toBe(404);
    expect(await signupCount()).toBe(n);
    // in scope: fine
    const ok = await community.post(`/api/v1/activities/${a.id}/signups`, { volunteerId: vol.volunteerId });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
