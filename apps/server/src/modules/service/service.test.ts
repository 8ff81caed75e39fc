import { randomUUID } from 'node:crypto';
import { makeCheckinToken, sixDigitCode } from '@linli/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPii, randomToken, sha256 } from '../../lib/crypto';
import { type Agent, createTestEnv, type TestEnv, type VolunteerAgent } from '../../test/harness';

let env: TestEnv;
let community: Agent;
let leader: Agent;
let street: Agent;
let street2: Agent;
let home: string;
let orgId: string;
// the harness secret: tests forge valid tokens to reach the time-window checks
const hmac = createPii('test-secret-for-linli-0123456789abcdef').keyedHmac('checkin');
const MIN = 60_000;
const HOUR = 60 * MIN;
/** real time at the start; every activity here is placed relative to it and the clock moved */
const T0 = new Date(Math.floor(Date.now() / MIN) * MIN + MIN);

beforeAll(async () => {
  env = await createTestEnv();
  [community, leader, street, street2] = await Promise.all(
    ['community', 'leader', 'street', 'street2'].map((u) => env.login(u)),
  );
  home = (await community.get('/api/v1/auth/me')).json().homeRegion.code;
  orgId = (await leader.get('/api/v1/auth/me')).json().grants[0].organizationId;
}, 180_000);
afterAll(async () => env?.close());

const iso = (ms: number) => new Date(T0.getTime() + ms).toISOString();
const at = (ms: number) => env.clock.set(new Date(T0.getTime() + ms));
const count = async (sql: string, params: unknown[] = []) =>
  Number((await env.database.query<{ n: number }>(sql, params))[0].n);

/** A published activity of the leader's organization, from `start` to `end` (ms after T0). */
async function activity(start = 2 * HOUR, end = 5 * HOUR, extra: Record<string, unknown> = {}) {
  env.clock.set(T0);
  const c = await leader.post(`/api/v1/organizations/${orgId}/activities`, {
    title: '社区环境清洁志愿服务',
    content: '清理楼道杂物，绿地捡拾垃圾。',
    category: 'environment',
    place: '社区中心广场',
    startsAt: iso(start),
    endsAt: iso(end),
    wanted: 300,
    coefficient: 1,
    ...extra,
  });
  expect(c.statusCode, c.body).toBe(201);
  const p = await leader.post(`/api/v1/activities/${c.json().id}/publish`, { version: c.json().version });
  expect(p.statusCode, p.body).toBe(200);
  return p.json() as { id: string; title: string };
}

/** Sign a volunteer up and approve (the community officer has them in scope). */
async function approve(a: { id: string }, volunteerId: string) {
  const s = await community.post(`/api/v1/activities/${a.id}/signups`, { volunteerId });
  expect(s.statusCode, s.body).toBe(201);
  const d = await community.post(`/api/v1/signups/${s.json().id}/decide`, {
    event: 'approve',
    version: s.json().version,
  });
  expect(d.statusCode, d.body).toBe(200);
}

const code = (a: { id: string }, kind: 'in' | 'out' = 'in', by: Agent = leader) =>
  by.get(`/api/v1/activities/${a.id}/checkin-code?kind=${kind}`);
const scan = (v: Agent, body: unknown) => v.post('/api/v1/me/checkins', body);
const attendanceRows = (activityId: string) =>
  count('select count(*)::int as n from activity_attendance where activity_id = $1', [activityId]);
/** A correctly signed token for `now` (window opens 30 min before the start by default). */
const forge = (activityId: string, kind: 'in' | 'out', startMs: number, nowMs: number) =>
  makeCheckinToken(
    { activityId, kind, windowStart: new Date(T0.getTime() + startMs - 30 * MIN) },
    hmac,
    new Date(T0.getTime() + nowMs),
    30,
  );
const fail = (r: LightMyRequestResponse, status: number, message?: RegExp) => {
  expect(r.statusCode, r.body).toBe(status);
  expect(r.json().error.message).toMatch(message ?? /[\u4e00-\u9fff]/);
};

describe('check-in codes and scans', () => {
  let a: { id: string; title: string };
  let v1: VolunteerAgent;
  let v2: VolunteerAgent;
  let outsider: VolunteerAgent;
  beforeAll(async () => {
    a = await activity();
    v1 = await env.volunteer({ regionCode: home, realName: '签到甲' });
    v2 = await env.volunteer({ regionCode: home, realName: '签到乙' });
    outsider = await env.volunteer({ regionCode: home, realName: '未录用丙' });
    await approve(a, v1.volunteerId);
    await approve(a, v2.volunteerId);
  }, 180_000);

  it('the organizer gets a rotating QR and 6-digit code only inside the window, in scope', async () => {
    at(HOUR); // 1h before the start: check-in opens 30 min before
    fail(await code(a), 422, /签到尚未开始/);
    at(2 * HOUR - 20 * MIN);
    const r = await code(a);
    expect(r.statusCode, r.body).toBe(200);
    const c = r.json();
    expect(c).toMatchObject({ kind: 'in', periodSeconds: 30, activity: { id: a.id } });
    expect(c.code).toMatch(/^\d{6}$/);
    expect(c.url).toBe(`http://linli.test/m/checkin?t=${encodeURIComponent(c.token)}`);
    expect(c.qrSvg).toContain('<svg');
    expect(new Date(c.expiresAt).getTime()).toBeGreaterThan(T0.getTime() + 2 * HOUR - 20 * MIN);
    // the code rotates
    at(2 * HOUR - 19 * MIN);
    const later = (await code(a)).json();
    expect(later.step).toBeGreaterThan(c.step);
    expect(later.token).not.toBe(c.token);
    // scope and permission
    expect((await code(a, 'in', community)).statusCode).toBe(200);
    fail(await code(a, 'in', street2), 403); // no activity.manage at all
    fail(await code(a, 'in', street), 403);
    fail(await v1.get(`/api/v1/activities/${a.id}/checkin-code?kind=in`), 403);
    fail(await leader.get(`/api/v1/activities/${a.id}/checkin-code?kind=sideways`), 400);
    fail(await leader.get(`/api/v1/activities/${randomUUID()}/checkin-code`), 404);
    // after the end a check-in code is refused; a check-out code is given until 60 min after
    at(5 * HOUR + 10 * MIN);
    fail(await code(a, 'in'), 422, /签退码/);
    expect((await code(a, 'out')).statusCode).toBe(200);
    at(6 * HOUR + 1 * MIN);
    fail(await code(a, 'out'), 422, /签到已结束/);
  });

  it('checks in once; forged, malformed, expired, replayed and foreign codes change nothing', async () => {
    at(2 * HOUR - 10 * MIN);
    const c = (await code(a)).json();
    // forged signature / garbage
    const forged = `${c.token.split('.')[0]}.${'0'.repeat(64)}`;
    fail(await scan(v1, { token: forged }), 400, /二维码无效/);
    fail(await scan(v1, { token: 'not-a-token' }), 400, /无法识别/);
    fail(await scan(v1, { token: '' }), 400);
    fail(await scan(v1, {}), 400);
    fail(await scan(v1, { activityId: a.id, kind: 'in', code: '12ab' }), 400, /6位/);
    // a wrong 6-digit code
    const wrong = c.code === '000000' ? '111111' : '000000';
    fail(await scan(v1, { activityId: a.id, kind: 'in', code: wrong }), 422, /签到码错误或已过期/);
    // not approved for the activity
    fail(await scan(outsider, { token: c.token }), 422, /未被录用/);
    // staff accounts cannot scan
    fail(await scan(leader, { token: c.token }), 403);
    // check-out before check-in
    const out = (await code(a, 'out')).json();
    fail(await scan(v1, { token: out.token }), 422, /还没有签到/);
    expect(await attendanceRows(a.id)).toBe(0);

    const ok = await scan(v1, { token: c.token });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'in', activity: { id: a.id, title: a.title } });
    // replayed: the same token again, or the typed code
    fail(await scan(v1, { token: c.token }), 409, /已签到/);
    fail(await scan(v1, { activityId: a.id, kind: 'in', code: c.code }), 409, /已签到/);
    expect(await attendanceRows(a.id)).toBe(1);

    // expired: two steps later (grace is one step)
    at(2 * HOUR - 10 * MIN + 61_000);
    fail(await scan(v2, { token: c.token }), 422, /已过期/);
    fail(await scan(v2, { activityId: a.id, kind: 'in', code: c.code }), 422, /已过期/);
    // the code of another activity
    const b = await activity(2 * HOUR, 3 * HOUR);
    await approve(b, v2.volunteerId);
    at(2 * HOUR - 5 * MIN);
    const other = (await code(b)).json();
    fail(await scan(v2, { activityId: a.id, kind: 'in', code: other.code }), 422);
    // the typed code works for the right activity
    const typed = await scan(v2, { activityId: b.id, kind: 'in', code: other.code });
    expect(typed.statusCode, typed.body).toBe(201);
    expect(await attendanceRows(a.id)).toBe(1);
    const audit = await count(
      `select count(*)::int as n from audit_log where action = 'service.checked_in'
         and entity_id in (select id::text from activity_attendance where activity_id in ($1, $2))`,
      [a.id, b.id],
    );
    expect(audit).toBe(2);
  });

  it('refuses check-ins outside the activity window even with a valid signature', async () => {
    const c = await activity(2 * HOUR, 3 * HOUR);
    const v = await env.volunteer({ regionCode: home, realName: '窗口丁' });
    await approve(c, v.volunteerId);
    at(3 * HOUR + 5 * MIN);
    fail(await scan(v, { token: forge(c.id, 'in', 2 * HOUR, 3 * HOUR + 5 * MIN) }), 422, /活动已结束/);
    at(HOUR);
    fail(await scan(v, { token: forge(c.id, 'in', 2 * HOUR, HOUR) }), 422);
    const codeBefore = sixDigitCode(hmac, c.id, 'in', 0);
    fail(await scan(v, { activityId: c.id, kind: 'in', code: codeBefore }), 422);
    expect(await attendanceRows(c.id)).toBe(0);
    // check-out after the close (60 min after the end)
    at(2 * HOUR);
    expect((await scan(v, { token: forge(c.id, 'in', 2 * HOUR, 2 * HOUR) })).statusCode).toBe(201);
    at(4 * HOUR + 5 * MIN);
    fail(await scan(v, { token: forge(c.id, 'out', 2 * HOUR, 4 * HOUR + 5 * MIN) }), 422, /签退已截止/);
    expect(await count('select count(*)::int as n from service_records where activity_id = $1', [c.id])).toBe(
      0,
    );
  });

  it('limits wrong 6-digit guesses per volunteer (429), then lets the volunteer in again later', async () => {
    const c = await activity(2 * HOUR, 4 * HOUR);
    const v = await env.volunteer({ regionCode: home, realName: '猜码癸' });
    await approve(c, v.volunteerId);
    at(2 * HOUR);
    const right = (await code(c)).json().code as string;
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 10; i++)
      fail(await scan(v, { activityId: c.id, kind: 'in', code: wrong }), 422, /签到码错误或已过期/);
    fail(await scan(v, { activityId: c.id, kind: 'in', code: right }), 429, /次数过多/);
    expect(await attendanceRows(c.id)).toBe(0);
    at(2 * HOUR + 11 * MIN);
    const now = (await code(c)).json().code as string;
    expect((await scan(v, { activityId: c.id, kind: 'in', code: now })).statusCode).toBe(201);
  });

  it('check-out writes one record, hours clipped to the activity and capped by its length', async () => {
    // v1 checked in 10 min before the start; checks out 20 min after the end
    at(5 * HOUR + 20 * MIN);
    const out = (await code(a, 'out')).json();
    const r = await scan(v1, { token: out.token });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ kind: 'out', minutes: 180 });
    fail(await scan(v1, { token: out.token }), 409, /已签退/);
    const mine = await v1.get('/api/v1/me/service-records');
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ total: 1, minutes: 180, hours: 3 });
    expect(mine.json().items[0]).toMatchObject({
      title: a.title,
      minutes: 180,
      source: 'checkin',
      backfilled: false,
      revision: 0,
      status: 'valid',
      place: '社区中心广场',
      organizerName: expect.any(String),
      recorderName: expect.any(String),
    });
    const [totals] = await env.database.query<{ minutes: number; checkin_minutes: number; records: number }>(
      'select minutes, checkin_minutes, records from volunteer_totals where volunteer_id = $1',
      [v1.volunteerId],
    );
    expect(totals).toMatchObject({ minutes: 180, checkin_minutes: 180, records: 1 });
    const me = (await v1.get('/api/v1/me/volunteer')).json();
    expect(me).toMatchObject({ minutes: 180, records: 1 });
    expect(me.points).toBeGreaterThan(0);
    expect(
      await count(
        `select count(*)::int as n from volunteer_credit_events where volunteer_id = $1 and kind = 'service' and voided_at is null`,
        [v1.volunteerId],
      ),
    ).toBe(1);
  });
});

describe('concurrency', () => {
  /** Volunteers with approved sign-ups and sessions written directly (the fixtures are not what is tested). */
  async function crowd(activityId: string, n: number) {
    const out: { volunteerId: string; cookies: Record<string, string> }[] = [];
    for (let i = 0; i < n; i++) {
      const k = randomUUID();
      const [v] = await env.database.query<{ id: string }>(
        `insert into volunteers (volunteer_number, real_name, id_number_enc, id_number_hmac, id_number_masked, birth_date,
           sex, phone_enc, phone_masked, region_code, created_via)
         values ($1, '并发志愿者', 'x', $2, '440305********0000', '1990-01-01', 'male', 'x', '139****0000', $3, 'staff')
         returning id`,
        [`VC-${k}`, `c-${k}`, home],
      );
      await env.database.query(
        `insert into activity_signups (activity_id, volunteer_id, state) values ($1, $2, 'approved')`,
        [activityId, v.id],
      );
      const [u] = await env.database.query<{ id: string }>(
        `insert into users (username, display_name, password_hash, volunteer_id) values ($1, '并发志愿者', 'x', $2) returning id`,
        [`vc-${k}`, v.id],
      );
      const token = randomToken();
      await env.database.query(
        `insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() + interval '30 days')`,
        [sha256(token), u.id],
      );
      out.push({ volunteerId: v.id, cookies: { linli_session: token, csrf: 'c' } });
    }
    return out;
  }
  const post = (cookies: Record<string, string>, payload: unknown) =>
    env.app.inject({
      method: 'POST',
      url: '/api/v1/me/checkins',
      cookies,
      headers: { 'x-csrf-token': cookies.csrf },
      payload: payload as Record<string, unknown>,
    });

  it('200 simultaneous check-ins to one activity are all recorded once', async () => {
    const a = await activity(2 * HOUR, 4 * HOUR);
    const people = await crowd(a.id, 200);
    at(2 * HOUR - 5 * MIN);
    const c = (await code(a)).json();
    const res = await Promise.all(people.map((p) => post(p.cookies, { token: c.token })));
    const statuses = res.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201).length, res.find((r) => r.statusCode !== 201)?.body).toBe(200);
    expect(await attendanceRows(a.id)).toBe(200);
    expect(
      await count(
        'select count(distinct volunteer_id)::int as n from activity_attendance where activity_id = $1',
        [a.id],
      ),
    ).toBe(200);
    const live = (await code(a)).json();
    expect(live.checkedIn).toBe(200);
  }, 120_000);

  it('the same volunteer sending one token five times at once checks in exactly once', async () => {
    const a = await activity(2 * HOUR, 4 * HOUR);
    const [p] = await crowd(a.id, 1);
    at(2 * HOUR - 5 * MIN);
    const c = (await code(a)).json();
    const res = await Promise.all(Array.from({ length: 5 }, () => post(p.cookies, { token: c.token })));
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await attendanceRows(a.id)).toBe(1);
    // five simultaneous check-outs: one record
    at(4 * HOUR - 5 * MIN);
    const o = (await code(a, 'out')).json();
    const outs = await Promise.all(Array.from({ length: 5 }, () => post(p.cookies, { token: o.token })));
    expect(outs.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await count('select count(*)::int as n from service_records where activity_id = $1', [a.id])).toBe(
      1,
    );
    const [t] = await env.database.query<{ minutes: number; records: number }>(
      'select minutes, records from volunteer_totals where volunteer_id = $1',
      [p.volunteerId],
    );
    expect(t).toMatchObject({ minutes: 115, records: 1 });
  }, 180_000);

  it('two reviewers deciding one backfill at once: one wins, the other gets 409, one record', async () => {
    const a = await activity(2 * HOUR, 4 * HOUR);
    const [p] = await crowd(a.id, 1);
    at(5 * HOUR);
    const b = await leader.post(`/api/v1/activities/${a.id}/backfills`, {
      volunteerId: p.volunteerId,
      kind: 'paper_sheet',
      from: iso(2 * HOUR),
      to: iso(3 * HOUR),
      reason: '纸质签到表',
    });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({ minutes: 60, kind: 'paper_sheet' });
    const res = await Promise.all(
      [community, street].map((r) =>
        r.post(`/api/v1/backfills/${b.json().id}/decision`, { decision: 'approve', version: 1 }),
      ),
    );
    expect(res.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await count('select count(*)::int as n from service_records where activity_id = $1', [a.id])).toBe(
      1,
    );
  }, 180_000);
});

describe('backfills, records, amendments, deadlines and no-shows', () => {
  let a: { id: string; title: string };
  let forgot: VolunteerAgent;
  let scanned: VolunteerAgent;
  let absent: VolunteerAgent;
  let other: VolunteerAgent;
  beforeAll(async () => {
    a = await activity(2 * HOUR, 4 * HOUR, { title: '助老送餐志愿服务', category: 'elderly' });
    forgot = await env.volunteer({ regionCode: home, realName: '漏签退戊' });
    scanned = await env.volunteer({ regionCode: home, realName: '扫码己' });
    absent = await env.volunteer({ regionCode: home, realName: '缺席庚' });
    other = await env.volunteer({ regionCode: home, realName: '旁人辛' });
    for (const v of [forgot, scanned, absent]) await approve(a, v.volunteerId);
    at(2 * HOUR - 5 * MIN);
    const c = (await code(a)).json();
    expect((await scan(forgot, { token: c.token })).statusCode).toBe(201);
    expect((await scan(scanned, { token: c.token })).statusCode).toBe(201);
    at(3 * HOUR);
    const o = (await code(a, 'out')).json();
    expect((await scan(scanned, { token: o.token })).statusCode).toBe(200); // 60 minutes
  }, 180_000);

  it('the organizer backfills a forgotten check-out; only another person approves it; marked as backfilled', async () => {
    at(4 * HOUR + 2 * HOUR);
    const url = `/api/v1/activities/${a.id}/backfills`;
    const body = {
      volunteerId: forgot.volunteerId,
      kind: 'missing_checkout',
      minutes: 500,
      reason: '忘记签退，负责人现场确认',
    };
    // validation and refusals change nothing
    fail(await leader.post(url, { ...body, reason: '' }), 400);
    fail(await leader.post(url, { ...body, minutes: undefined }), 400);
    fail(await leader.post(url, { ...body, from: iso(3 * HOUR), minutes: undefined }), 400);
    fail(await leader.post(url, { ...body, volunteerId: other.volunteerId }), 422, /录用/);
    fail(await leader.post(url, { ...body, volunteerId: scanned.volunteerId }), 409, /已有本活动的服务记录/);
    fail(await leader.post(url, { ...body, volunteerId: absent.volunteerId }), 422, /没有签到记录/);
    fail(await street2.post(url, body), 403);
    fail(await street.post(url, body), 403);
    fail(await forgot.post(url, body), 403);
    expect(
      await count('select count(*)::int as n from service_backfills where activity_id = $1', [a.id]),
    ).toBe(0);

    const b = await leader.post(url, body);
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json()).toMatchObject({
      state: 'pending',
      minutes: 120,
      capped: true,
      kind: 'missing_checkout',
    });
    fail(await leader.post(url, body), 409, /待复核/);

    const list = await community.get(`/api/v1/backfills?state=pending&activityId=${a.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({ canDecide: true, volunteerName: '漏签退戊' });
    expect((await street2.get(`/api/v1/backfills?activityId=${a.id}`)).json().items).toHaveLength(0);
    fail(await forgot.get('/api/v1/backfills'), 403);

    const decide = (by: Agent, extra: Record<string, unknown> = {}) =>
      by.post(`/api/v1/backfills/${b.json().id}/decision`, { decision: 'approve', version: 1, ...extra });
    fail(await decide(leader), 403, /补录需由另一人复核/);
    fail(await decide(street2), 404);
    fail(await decide(community, { decision: 'reject' }), 400); // a rejection needs a reason
    fail(await decide(community, { version: 7 }), 409);
    expect(await count('select count(*)::int as n from service_records where activity_id = $1', [a.id])).toBe(
      1,
    );

    const ok = await decide(community);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'approved', recordId: expect.any(String) });
    fail(await decide(street, { version: 2 }), 409);
    const rec = await forgot.get(`/api/v1/me/service-records/${ok.json().recordId}`);
    expect(rec.statusCode, rec.body).toBe(200);
    expect(rec.json()).toMatchObject({
      minutes: 120,
      source: 'backfill',
      backfilled: true,
      sourceLabel: '补录',
      backfill: { state: 'approved', enteredByName: expect.any(String) },
    });
    const [t] = await env.database.query<{ backfill_minutes: number; checkin_minutes: number }>(
      'select backfill_minutes, checkin_minutes from volunteer_totals where volunteer_id = $1',
      [forgot.volunteerId],
    );
    expect(t).toMatchObject({ backfill_minutes: 120, checkin_minutes: 0 });
    // the attendance shows it
    const att = await leader.get(`/api/v1/activities/${a.id}/attendance`);
    expect(att.statusCode, att.body).toBe(200);
    const row = att.json().items.find((x: { volunteerId: string }) => x.volunteerId === forgot.volunteerId);
    expect(row).toMatchObject({ state: 'backfilled', record: { minutes: 120, source: 'backfill' } });
    expect(att.json().summary).toMatchObject({ approved: 3, checkedIn: 2, checkedOut: 1, records: 2 });
    fail(await street2.get(`/api/v1/activities/${a.id}/attendance`), 404);
    const xlsx = await leader.get(`/api/v1/activities/${a.id}/attendance/export`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('records: scoped list, filters, export, detail; volunteers read only their own', async () => {
    at(4 * HOUR + 3 * HOUR);
    const l = await community.get(`/api/v1/service-records?activityId=${a.id}`);
    expect(l.statusCode, l.body).toBe(200);
    expect(l.json()).toMatchObject({ total: 2, minutes: 180 });
    const q = await street.get(`/api/v1/service-records?q=${encodeURIComponent('漏签退')}&source=backfill`);
    expect(q.json().items.map((x: { volunteerName: string }) => x.volunteerName)).toEqual(['漏签退戊']);
    expect((await leader.get(`/api/v1/service-records?activityId=${a.id}`)).json().total).toBe(2);
    expect((await street2.get(`/api/v1/service-records?activityId=${a.id}`)).json().total).toBe(0);
    fail(await community.get('/api/v1/service-records?from=2026-13-01'), 400);
    const id = l.json().items[0].id;
    expect((await street.get(`/api/v1/service-records/${id}`)).statusCode).toBe(200);
    fail(await street2.get(`/api/v1/service-records/${id}`), 404);
    fail(await scanned.get(`/api/v1/service-records/${id}`), 403);
    const foreign = l
      .json()
      .items.find((x: { volunteerId: string }) => x.volunteerId !== scanned.volunteerId).id;
    fail(await scanned.get(`/api/v1/me/service-records/${foreign}`), 404);
    fail(await community.get('/api/v1/me/service-records'), 403);
    const x = await community.get(`/api/v1/service-records/export?activityId=${a.id}`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
  });

  it('a correction is an amendment the organization approves: a new revision supersedes, with history', async () => {
    const mine = (await scanned.get('/api/v1/me/service-records')).json().items[0];
    expect(mine.minutes).toBe(60);
    const url = `/api/v1/me/service-records/${mine.id}/amendments`;
    fail(await scanned.post(url, { reason: '', proposed: { minutes: 90 } }), 400);
    fail(await scanned.post(url, { reason: '实际服务到11点', proposed: {} }), 400);
    fail(await other.post(url, { reason: '不是我的', proposed: { minutes: 90 } }), 404);
    fail(await community.post(url, { reason: '员工', proposed: { minutes: 90 } }), 403);
    const m = await scanned.post(url, { reason: '实际服务到结束，签退早了', proposed: { minutes: 90 } });
    expect(m.statusCode, m.body).toBe(201);
    fail(await scanned.post(url, { reason: '再来一次', proposed: { minutes: 95 } }), 409);

    // withdraw and ask again
    expect((await scanned.post(`/api/v1/me/amendments/${m.json().id}/withdraw`)).json().state).toBe(
      'withdrawn',
    );
    fail(await scanned.post(`/api/v1/me/amendments/${m.json().id}/withdraw`), 409);
    const m2 = await scanned.post(url, {
      reason: '实际服务到结束，签退早了',
      proposed: { minutes: 500, content: '送餐并陪同用餐' },
    });
    expect(m2.statusCode, m2.body).toBe(201);

    const list = await community.get('/api/v1/amendments?state=pending');
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(m2.json().id);
    expect((await street2.get('/api/v1/amendments?state=pending')).json().items).toHaveLength(0);
    const decide = (by: Agent, extra: Record<string, unknown> = {}) =>
      by.post(`/api/v1/amendments/${m2.json().id}/decision`, { decision: 'approve', version: 1, ...extra });
    fail(await decide(street2), 404);
    fail(await decide(community, { version: 3 }), 409);
    const pointsBefore = (await scanned.get('/api/v1/me/volunteer')).json().points;
    const ok = await decide(community);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'approved', newRecordId: expect.any(String) });

    const detail = await scanned.get(`/api/v1/me/service-records/${ok.json().newRecordId}`);
    expect(detail.json()).toMatchObject({
      minutes: 120,
      revision: 1,
      supersedesId: mine.id,
      content: '送餐并陪同用餐',
    });
    expect(
      detail.json().revisions.map((r: { status: string; minutes: number }) => [r.status, r.minutes]),
    ).toEqual([
      ['superseded', 60],
      ['valid', 120],
    ]);
    // the own record page lists only the valid revision, and its total follows the correction
    const page = (await scanned.get('/api/v1/me/service-records')).json();
    expect(page).toMatchObject({ total: 1, minutes: 120, hours: 2 });
    expect(page.items.map((r: { id: string }) => r.id)).toEqual([ok.json().newRecordId]);
    const [orgYear] = await env.database.query<{ minutes: number; records: number }>(
      'select sum(minutes)::int as minutes, sum(records)::int as records from volunteer_org_year where volunteer_id = $1',
      [scanned.volunteerId],
    );
    expect(orgYear).toEqual({ minutes: 120, records: 1 });
    expect(
      detail
        .json()
        .amendments.map((x: { state: string }) => x.state)
        .sort(),
    ).toEqual(['approved', 'withdrawn']);
    // an amendment on the superseded record is refused
    fail(await scanned.post(url, { reason: '旧版本', proposed: { minutes: 30 } }), 409);
    // totals and monthly moved by the difference only
    const [t] = await env.database.query<{ minutes: number; records: number; checkin_minutes: number }>(
      'select minutes, records, checkin_minutes from volunteer_totals where volunteer_id = $1',
      [scanned.volunteerId],
    );
    expect(t).toMatchObject({ minutes: 120, records: 1, checkin_minutes: 120 });
    const [monthly] = await env.database.query<{ minutes: number; records: number }>(
      `select sum(minutes)::int as minutes, sum(records)::int as records from service_monthly where category = 'elderly'`,
    );
    expect(monthly).toMatchObject({ minutes: 240, records: 2 });
    expect(
      await count(
        `select count(*)::int as n from volunteer_credit_events where volunteer_id = $1 and kind = 'service' and voided_at is null`,
        [scanned.volunteerId],
      ),
    ).toBe(1);
    const pointsAfter = (await scanned.get('/api/v1/me/volunteer')).json().points;
    expect(pointsAfter).toBeGreaterThan(pointsBefore);
    // staff see the history too
    const staff = await community.get(`/api/v1/service-records/${mine.id}`);
    expect(staff.json().revisions).toHaveLength(2);
  });

  it('reminds of the 10-working-day deadline and marks no-shows once', async () => {
    const d = await leader.get('/api/v1/service/deadlines');
    expect(d.statusCode, d.body).toBe(200);
    const item = d.json().items.find((x: { activityId: string }) => x.activityId === a.id);
    expect(item).toMatchObject({ withoutRecord: 1, pendingBackfills: 0, overdue: false });
    expect(item.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(item.message).toMatch(/工作日|最后期限/);
    expect(
      (await street2.get('/api/v1/service/deadlines'))
        .json()
        .items.some((x: { activityId: string }) => x.activityId === a.id),
    ).toBe(false);
    expect((await absent.get('/api/v1/service/deadlines')).json().count).toBe(0);

    const url = `/api/v1/activities/${a.id}/no-shows`;
    fail(await leader.post(url, { volunteerIds: [scanned.volunteerId] }), 422, /已签到|服务记录/);
    fail(await leader.post(url, { volunteerIds: [other.volunteerId] }), 422);
    fail(await leader.post(url, { volunteerIds: [] }), 400);
    fail(await street2.post(url, { volunteerIds: [absent.volunteerId] }), 403);
    const r = await leader.post(url, { volunteerIds: [absent.volunteerId] });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ marked: 1, already: 0 });
    expect((await leader.post(url, { volunteerIds: [absent.volunteerId] })).json()).toMatchObject({
      marked: 0,
      already: 1,
    });
    expect(
      await count(
        `select count(*)::int as n from volunteer_credit_events where volunteer_id = $1 and kind = 'no_show'`,
        [absent.volunteerId],
      ),
    ).toBe(1);
    // complete now: no longer on the list
    const after = await leader.get('/api/v1/service/deadlines');
    expect(after.json().items.some((x: { activityId: string }) => x.activityId === a.id)).toBe(false);
    // overdue once 10 working days have passed
    const late = await activity(2 * HOUR, 3 * HOUR, { title: '逾期提醒活动' });
    const v = await env.volunteer({ regionCode: home, realName: '逾期壬' });
    await approve(late, v.volunteerId);
    at(20 * 24 * HOUR);
    const lead2 = await env.login('leader');
    const overdue = (await lead2.get('/api/v1/service/deadlines'))
      .json()
      .items.find((x: { activityId: string }) => x.activityId === late.id);
    expect(overdue).toMatchObject({ overdue: true, workingDaysLeft: 0 });
    expect(overdue.message).toMatch(/逾期/);
    // no-shows before the end are refused
    const future = await activity(2 * HOUR, 3 * HOUR, { title: '未结束活动' });
    at(2 * HOUR);
    fail(
      await leader.post(`/api/v1/activities/${future.id}/no-shows`, { volunteerIds: [v.volunteerId] }),
      422,
    );
  });
});
