import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, type TestEnv, type VolunteerAgent } from '../../test/harness';
import { loadVolunteerConfig } from '../volunteerConfig/volunteerConfig';
import { creditStatus, recordCreditEvent, voidCreditEventsFor } from './credit.events';

let env: TestEnv;
let community: Agent;
let leader: Agent;
let street: Agent;
let street2: Agent;
let city: Agent;
let orgId: string;
let base: Date;
beforeAll(async () => {
  env = await createTestEnv();
  base = new Date();
  env.clock.set(base);
  [community, leader, street, street2, city] = await Promise.all(
    ['community', 'leader', 'street', 'street2', 'city'].map((u) => env.login(u)),
  );
  orgId = (await leader.get('/api/v1/auth/me')).json().grants[0].organizationId;
});
afterAll(async () => env?.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(base.getTime() + ms).toISOString();
const published = async () => {
  const c = await leader.post(`/api/v1/organizations/${orgId}/activities`, {
    title: '敬老院陪伴服务',
    content: '陪伴老人聊天、读报。',
    category: 'elderly',
    place: '街道敬老院',
    startsAt: iso(3 * DAY),
    endsAt: iso(3 * DAY + 2 * HOUR),
    wanted: 10,
    coefficient: 1,
  });
  expect(c.statusCode, c.body).toBe(201);
  const p = await leader.post(`/api/v1/activities/${c.json().id}/publish`, { version: c.json().version });
  expect(p.statusCode, p.body).toBe(200);
  return p.json() as { id: string };
};
const rows = async (table: string) =>
  (await env.database.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n;
const noShow = (v: { volunteerId: string }, daysAgo: number, title = '社区义诊') =>
  community.post(`/api/v1/volunteers/${v.volunteerId}/credit-events`, {
    kind: 'no_show',
    title,
    occurredAt: iso(-daysAgo * DAY),
  });

describe('credit score and reasons', () => {
  it('training and awards add points with reasons; negative events subtract', async () => {
    const vol = await env.volunteer();
    const t = await community.post(`/api/v1/volunteers/${vol.volunteerId}/trainings`, {
      course: '应急救护培训',
      content: '心肺复苏、止血包扎',
      minutes: 180,
      organizer: '区红十字会',
      heldOn: '2026-03-01',
    });
    expect(t.statusCode, t.body).toBe(201);
    const a = await community.post(`/api/v1/volunteers/${vol.volunteerId}/awards`, {
      title: '优秀志愿者',
      awardedBy: '南山区民政局',
      awardedOn: '2026-05-20',
    });
    expect(a.statusCode, a.body).toBe(201);
    const m = await community.post(`/api/v1/volunteers/${vol.volunteerId}/credit-events`, {
      kind: 'misconduct',
      title: '活动中与居民争吵',
      occurredAt: iso(-DAY),
      note: '经组织方核实',
    });
    expect(m.statusCode, m.body).toBe(201);
    expect(m.json().change.reason).toContain('经组织方确认的不当行为，扣10分');

    const c = await community.get(`/api/v1/volunteers/${vol.volunteerId}/credit`);
    expect(c.statusCode, c.body).toBe(200);
    const body = c.json();
    expect(body.score).toBe(80 + 2 + 5 - 10);
    expect(body).toMatchObject({ level: 'good', label: '良好', restricted: null });
    const reasons = body.changes.map((x: { reason: string }) => x.reason);
    expect(reasons).toEqual([
      expect.stringContaining('活动中与居民争吵'),
      '2026-05-20获得表彰“优秀志愿者”，加5分',
      '2026-03-01参加培训“应急救护培训”，加2分',
    ]);
    for (const ch of body.changes) expect(ch.reason).toMatch(/[加扣]\d+分|不加减分/);
    expect(body.events).toHaveLength(3);
    expect(body.allowedActions).toContain('restrict');

    // the volunteer reads the same, plus their own training and awards
    const mine = (await vol.get('/api/v1/me/credit')).json();
    expect(mine.score).toBe(77);
    expect((await vol.get('/api/v1/me/trainings')).json().items[0]).toMatchObject({ course: '应急救护培训' });
    expect((await vol.get('/api/v1/me/awards')).json().items[0]).toMatchObject({ title: '优秀志愿者' });
    expect((await street.get(`/api/v1/volunteers/${vol.volunteerId}/trainings`)).json().items).toHaveLength(
      1,
    );
    const audit = await env.database.query<{ action: string }>(
      'select action from audit_log where entity_id in ($1, $2, $3) order by seq',
      [t.json().id, a.json().id, m.json().event.id],
    );
    expect(audit.map((x) => x.action)).toEqual([
      'volunteer.training_recorded',
      'volunteer.award_recorded',
      'credit.event_recorded',
    ]);
  });

  it('recordCreditEvent is idempotent per source, also concurrently; voiding removes the points', async () => {
    const vol = await env.volunteer();
    const [award] = await env.database.query<{ id: string }>(
      `insert into volunteer_awards (volunteer_id, title, awarded_by, awarded_on, recorded_by_name)
       values ($1, '助人为乐', '社区居委会', '2026-02-01', '测试') returning id`,
      [vol.volunteerId],
    );
    const input = {
      volunteerId: vol.volunteerId,
      kind: 'commendation' as const,
      occurredAt: new Date('2026-02-01T00:00:00+08:00'),
      title: '助人为乐',
      sourceType: 'award',
      sourceId: award.id,
      recordedBy: null,
      recordedByName: '测试',
    };
    const db = env.database.db;
    const results = await Promise.all([
      db.transaction((tx) => recordCreditEvent(tx, input)),
      db.transaction((tx) => recordCreditEvent(tx, input)),
      db.transaction((tx) => recordCreditEvent(tx, input)),
    ]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const [{ n }] = await env.database.query<{ n: number }>(
      'select count(*)::int as n from volunteer_credit_events where volunteer_id = $1',
      [vol.volunteerId],
    );
    expect(n).toBe(1);
    const config = (await loadVolunteerConfig(env.database)).credit;
    expect((await creditStatus(db, vol.volunteerId, config, base)).score).toBe(85);
    const voided = await db.transaction((tx) =>
      voidCreditEventsFor(tx, { sourceType: 'award', sourceId: award.id, reason: '表彰撤销' }),
    );
    expect(voided).toBe(1);
    expect((await creditStatus(db, vol.volunteerId, config, base)).score).toBe(80);
  });
});

describe('restrictions and appeals', () => {
  it('3 no-shows in 90 days block sign-ups; an upheld appeal lifts it and sign-up works again', async () => {
    const vol = await env.volunteer();
    const a = await published();
    for (const d of [60, 30, 2]) expect((await noShow(vol, d, `第${d}天前的活动`)).statusCode).toBe(201);
    const credit = (await vol.get('/api/v1/me/credit')).json();
    expect(credit.score).toBe(65);
    expect(credit.restricted).toMatchObject({ source: 'rule', sourceLabel: '规则自动限制' });
    expect(credit.restricted.reason).toContain('90天内3次录用后未到场');

    const n = await rows('activity_signups');
    const refused = await vol.post('/api/v1/me/signups', { activityId: a.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('credit_restricted');
    expect(refused.json().error.message).toMatch(/限制报名至 \d{4}-\d{2}-\d{2}：.*90天内3次/);
    // the staff path too
    const staff = await community.post(`/api/v1/activities/${a.id}/signups`, {
      volunteerId: vol.volunteerId,
    });
    expect(staff.statusCode).toBe(422);
    expect(staff.json().error.code).toBe('credit_restricted');
    expect(await rows('activity_signups')).toBe(n);

    // the rule restriction shows in the staff list
    const list = (await community.get('/api/v1/credit/restrictions?state=active')).json();
    expect(list.items.find((x: { volunteerId: string }) => x.volunteerId === vol.volunteerId)).toMatchObject({
      source: 'rule',
      sourceLabel: '规则自动限制',
      id: null,
    });

    // appeal the latest no-show
    const last = credit.events.find((e: { title: string }) => e.title === '第2天前的活动');
    const ap = await vol.post('/api/v1/me/credit/appeals', {
      eventId: last.id,
      reason: '当天已请假，组织方已同意',
    });
    expect(ap.statusCode, ap.body).toBe(201);
    expect(
      (await vol.post('/api/v1/me/credit/appeals', { eventId: last.id, reason: '再次申诉同一事项' }))
        .statusCode,
    ).toBe(409);
    const pending = (await community.get('/api/v1/credit/appeals?state=pending')).json();
    const item = pending.items.find((x: { id: string }) => x.id === ap.json().id);
    expect(item).toMatchObject({ realName: '陈志愿', event: { id: last.id } });
    // street2 cannot see or decide it
    expect(
      (
        await street2.post(`/api/v1/credit/appeals/${item.id}/decision`, {
          decision: 'uphold',
          reason: '核实属实',
          version: item.version,
        })
      ).statusCode,
    ).toBe(404);
    const d = await community.post(`/api/v1/credit/appeals/${item.id}/decision`, {
      decision: 'uphold',
      reason: '已核实请假记录',
      version: item.version,
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ state: 'upheld', score: 70, restricted: null });
    expect(
      (
        await community.post(`/api/v1/credit/appeals/${item.id}/decision`, {
          decision: 'dismiss',
          reason: '重复处理',
          version: d.json().version,
        })
      ).statusCode,
    ).toBe(409);

    const after = (await vol.get('/api/v1/me/credit')).json();
    expect(after.events.find((e: { id: string }) => e.id === last.id)).toMatchObject({
      voided: true,
      voidReason: '申诉成立：已核实请假记录',
    });
    expect(after.appeals[0]).toMatchObject({ state: 'upheld', stateLabel: '申诉成立' });
    const ok = await vol.post('/api/v1/me/signups', { activityId: a.id });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('a staff restriction blocks until its date; lifting (or an upheld appeal) restores sign-ups', async () => {
    const vol = await env.volunteer();
    const a = await published();
    const r = await street.post(`/api/v1/volunteers/${vol.volunteerId}/restrictions`, {
      reason: '多次无故缺席服务',
      untilDate: '2099-06-30',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ source: 'staff', state: 'active', untilDate: '2099-06-30' });
    const refused = await vol.post('/api/v1/me/signups', { activityId: a.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.message).toBe('该志愿者因信用原因被限制报名至 2099-06-30：多次无故缺席服务');

    // the volunteer appeals; dismissed first, then a second appeal is upheld
    const ap1 = await vol.post('/api/v1/me/credit/appeals', {
      restrictionId: r.json().id,
      reason: '我没有缺席过',
    });
    expect(ap1.statusCode, ap1.body).toBe(201);
    const dis = await community.post(`/api/v1/credit/appeals/${ap1.json().id}/decision`, {
      decision: 'dismiss',
      reason: '签到记录显示缺席',
      version: 1,
    });
    expect(dis.statusCode, dis.body).toBe(200);
    expect(dis.json().restricted).toMatchObject({ source: 'staff' });
    const ap2 = await vol.post('/api/v1/me/credit/appeals', {
      restrictionId: r.json().id,
      reason: '补充病假证明，请复核',
    });
    expect(ap2.statusCode, ap2.body).toBe(201);
    const up = await street.post(`/api/v1/credit/appeals/${ap2.json().id}/decision`, {
      decision: 'uphold',
      reason: '病假证明属实',
      version: 1,
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json().restricted).toBeNull();
    const lifted = (await community.get('/api/v1/credit/restrictions?state=lifted')).json();
    expect(lifted.items.find((x: { id: string }) => x.id === r.json().id)).toMatchObject({
      state: 'lifted',
      liftReason: '申诉成立：病假证明属实',
    });
    expect((await vol.post('/api/v1/me/signups', { activityId: a.id })).statusCode).toBe(201);

    // staff lift with a version
    const r2 = await community.post(`/api/v1/volunteers/${vol.volunteerId}/restrictions`, {
      reason: '服务中违反纪律',
      untilDate: '2099-01-31',
    });
    expect(
      (
        await community.post(`/api/v1/credit/restrictions/${r2.json().id}/lift`, {
          reason: '已整改',
          version: 9,
        })
      ).statusCode,
    ).toBe(409);
    const l = await community.post(`/api/v1/credit/restrictions/${r2.json().id}/lift`, {
      reason: '已整改',
      version: r2.json().version,
    });
    expect(l.statusCode, l.body).toBe(200);
    expect(l.json()).toMatchObject({ state: 'lifted', liftReason: '已整改' });
    expect(
      (
        await community.post(`/api/v1/credit/restrictions/${r2.json().id}/lift`, {
          reason: '再次解除',
          version: l.json().version,
        })
      ).statusCode,
    ).toBe(409);
  });

  it('the organizer confirms misconduct for a volunteer of its activity; one per activity and kind', async () => {
    const vol = await env.volunteer();
    const a = await published();
    // not signed up yet: the leader cannot see the volunteer
    const body = { kind: 'misconduct', title: '服务中擅自离岗', occurredAt: iso(-HOUR), activityId: a.id };
    expect((await leader.post(`/api/v1/volunteers/${vol.volunteerId}/credit-events`, body)).statusCode).toBe(
      404,
    );
    expect((await vol.post('/api/v1/me/signups', { activityId: a.id })).statusCode).toBe(201);
    const r = await leader.post(`/api/v1/volunteers/${vol.volunteerId}/credit-events`, body);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ event: { kind: 'misconduct', sourceType: 'signup' }, score: 70 });
    expect((await leader.post(`/api/v1/volunteers/${vol.volunteerId}/credit-events`, body)).statusCode).toBe(
      409,
    );
    // without the activity, the leader (no credit.manage) is refused
    const { activityId: _, ...plain } = body;
    expect((await leader.post(`/api/v1/volunteers/${vol.volunteerId}/credit-events`, plain)).statusCode).toBe(
      404,
    );
  });
});

describe('denials and bad input', () => {
  let vol: VolunteerAgent;
  let other: VolunteerAgent;
  let eventId: string;
  beforeAll(async () => {
    vol = await env.volunteer();
    other = await env.volunteer();
    const e = await noShow(vol, 5);
    expect(e.statusCode, e.body).toBe(201);
    eventId = e.json().event.id;
  });

  it('another street: 404; staff without credit.manage: 403; another volunteer’s items: 404', async () => {
    const id = vol.volunteerId;
    const before = [
      await rows('volunteer_credit_events'),
      await rows('volunteer_restrictions'),
      await rows('volunteer_credit_appeals'),
    ];
    expect((await street2.get(`/api/v1/volunteers/${id}/credit`)).statusCode).toBe(404);
    expect(
      (
        await street2.post(`/api/v1/volunteers/${id}/restrictions`, {
          reason: '越权限制',
          untilDate: '2099-01-01',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await street2.post(`/api/v1/volunteers/${id}/credit-events`, {
          kind: 'no_show',
          title: '越权登记',
          occurredAt: iso(-HOUR),
        })
      ).statusCode,
    ).toBe(404);
    // city officers read volunteers but do not manage credit
    expect((await city.get(`/api/v1/volunteers/${id}/credit`)).statusCode).toBe(200);
    expect(
      (
        await city.post(`/api/v1/volunteers/${id}/credit-events`, {
          kind: 'no_show',
          title: '无权登记',
          occurredAt: iso(-HOUR),
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await city.post(`/api/v1/volunteers/${id}/restrictions`, {
          reason: '无权限制',
          untilDate: '2099-01-01',
        })
      ).statusCode,
    ).toBe(403);
    expect((await leader.get('/api/v1/credit/appeals')).statusCode).toBe(403);
    expect((await leader.get('/api/v1/credit/restrictions')).statusCode).toBe(403);
    // another volunteer's event
    expect(
      (await other.post('/api/v1/me/credit/appeals', { eventId, reason: '替别人申诉一下' })).statusCode,
    ).toBe(404);
    // staff accounts have no "me"
    expect((await community.get('/api/v1/me/credit')).statusCode).toBe(403);
    expect([
      await rows('volunteer_credit_events'),
      await rows('volunteer_restrictions'),
      await rows('volunteer_credit_appeals'),
    ]).toEqual(before);
    // street2 does not list the volunteer's rule restriction nor appeals
    expect(JSON.stringify((await street2.get('/api/v1/credit/restrictions')).json())).not.toContain(id);
  });

  it('bad input: 4xx with Chinese field messages, nothing written', async () => {
    const id = vol.volunteerId;
    const before = [
      await rows('volunteer_credit_events'),
      await rows('volunteer_restrictions'),
      await rows('volunteer_credit_appeals'),
      await rows('volunteer_trainings'),
      await rows('volunteer_awards'),
    ];
    const badDate = await community.post(`/api/v1/volunteers/${id}/restrictions`, {
      reason: '原因',
      untilDate: '2026-02-30',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.fields.untilDate).toBe('日期无效');
    const past = await community.post(`/api/v1/volunteers/${id}/restrictions`, {
      reason: '原因',
      untilDate: '2020-01-01',
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.fields.untilDate).toBe('限制截止日期不能早于今天');
    const kind = await community.post(`/api/v1/volunteers/${id}/credit-events`, {
      kind: 'service',
      title: '加分',
      occurredAt: iso(-HOUR),
    });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.fields.kind).toBe('请选择事项类型');
    const future = await community.post(`/api/v1/volunteers/${id}/credit-events`, {
      kind: 'no_show',
      title: '将来的事',
      occurredAt: iso(DAY),
    });
    expect(future.statusCode).toBe(422);
    const both = await vol.post('/api/v1/me/credit/appeals', {
      reason: '两个都选了',
      eventId,
      restrictionId: eventId,
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error.fields.eventId).toContain('请选择');
    const short = await vol.post('/api/v1/me/credit/appeals', { eventId, reason: '冤' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields.reason).toBe('申诉理由至少 5 个字');
    const training = await community.post(`/api/v1/volunteers/${id}/trainings`, {
      course: '急救',
      minutes: 0,
      organizer: '红十字会',
      heldOn: '2026-01-01',
    });
    expect(training.statusCode).toBe(400);
    expect(training.json().error.fields.minutes).toBe('培训时长至少 1 分钟');
    const award = await community.post(`/api/v1/volunteers/${id}/awards`, {
      title: '未来之星',
      awardedBy: '居委会',
      awardedOn: '2099-01-01',
    });
    expect(award.statusCode).toBe(422);
    expect(award.json().error.fields.awardedOn).toBe('表彰日期不能晚于今天');
    const decision = await community.post(`/api/v1/credit/appeals/${eventId}/decision`, {
      decision: 'maybe',
      reason: '嗯嗯',
      version: 1,
    });
    expect(decision.statusCode).toBe(400);
    expect(
      (await community.post('/api/v1/credit/restrictions/not-a-uuid/lift', { reason: '解除', version: 1 }))
        .statusCode,
    ).toBe(400);
    expect([
      await rows('volunteer_credit_events'),
      await rows('volunteer_restrictions'),
      await rows('volunteer_credit_appeals'),
      await rows('volunteer_trainings'),
      await rows('volunteer_awards'),
    ]).toEqual(before);
  });
});

describe('training roster import (Excel)', () => {
  const upload = async (agent: Agent, rows: unknown[][], dryRun: boolean) => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('培训名册');
    ws.addRow(['志愿者编号', '姓名', '课程名称', '培训内容', '时长（分钟）', '主办单位', '培训日期']);
    for (const r of rows) ws.addRow(r);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const boundary = '----training-import';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="t.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return agent.request({
      method: 'POST',
      url: `/api/v1/trainings/import?dryRun=${dryRun}`,
      payload,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  };

  it('checks every row (scope, name, date, duplicates), writes all or nothing, each with a credit event', async () => {
    expect((await community.get('/api/v1/trainings/import/template')).statusCode).toBe(200);
    const a = await env.volunteer({ realName: '周培训' });
    const b = await env.volunteer({ realName: '吴培训' });
    const [s2] = await env.database.query<{ code: string }>(
      `select code from regions where level = 5 and code like $1 order by code limit 1`,
      [`${(await street2.get('/api/v1/auth/me')).json().homeRegion.code.slice(0, 9)}%`],
    );
    const far = await env.volunteer({ regionCode: s2.code, realName: '郑外街' });
    const good = [
      [a.volunteerNumber, '周培训', '垃圾分类指导员培训', '分类标准', 120, '街道城管科', '2026-04-01'],
      [b.volunteerNumber, '吴培训', '垃圾分类指导员培训', '', 120, '街道城管科', '2026-04-01'],
    ];
    const before = await rows('volunteer_trainings');
    const bad = await upload(
      community,
      [
        ...good,
        [b.volunteerNumber, '吴培训', '垃圾分类指导员培训', '', 120, '街道城管科', '2026-04-01'],
        [a.volunteerNumber, '张冠李戴', '消防培训', '', 60, '消防站', '2026-04-02'],
        [far.volunteerNumber, '郑外街', '消防培训', '', 60, '消防站', '2026-04-02'],
        [a.volunteerNumber, '周培训', '消防培训', '', 0, '消防站', '2026-04-02'],
      ],
      true,
    );
    expect(bad.statusCode, bad.body).toBe(200);
    expect(bad.json()).toMatchObject({ total: 6, valid: 2, committed: false });
    expect(bad.json().errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [4, '课程名称'],
      [5, '姓名'],
      [6, '志愿者编号'],
      [7, '时长（分钟）'],
    ]);
    expect((await upload(community, [...good, good[1]], false)).statusCode).toBe(422);
    expect(await rows('volunteer_trainings')).toBe(before);

    const ok = await upload(community, good, false);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ committed: true, created: 2 });
    expect(await rows('volunteer_trainings')).toBe(before + 2);
    const credit = (await a.get('/api/v1/me/credit')).json();
    expect(credit.changes[0].reason).toBe('2026-04-01参加培训“垃圾分类指导员培训”，加2分');
  });
});
