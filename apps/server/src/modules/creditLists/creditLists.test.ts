import { todayInShanghai } from '@linli/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFirstSheet } from '../../lib/documents/excel';
import { type Agent, createTestEnv, type TestEnv } from '../../test/harness';
import { annualReportFacts, annualReportsFrom, runCreditRules } from './creditRules.job';

let env: TestEnv;
let leader: Agent;
let community: Agent;
let street: Agent;
let street2: Agent;
let orgId: string;
/** a second organization of the street, for the rectification story */
let otherId: string;

async function moveTo(day: string) {
  env.clock.set(new Date(`${day}T02:00:00Z`));
  [leader, community, street, street2] = await Promise.all(
    ['leader', 'community', 'street', 'street2'].map((u) => env.login(u)),
  );
}
const run = () => runCreditRules({ database: env.database, audit: env.audit, clock: env.clock });
const stateOn = async (id: string, asOf: string, a: Agent = street) => {
  const r = await a.get(`/api/v1/organizations/${id}/credit-listings?asOf=${asOf}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as {
    state: string;
    stateLabel: string;
    listings: {
      id: string;
      list: string;
      cause: string;
      leftOn: string | null;
      leaveReason: string | null;
      version: number;
      basis: string;
    }[];
  };
};
const report = (id: string, year: number, submittedOn: string, status = 'pass') =>
  env.database.query(
    `insert into annual_reports (organization_id, report_year, tier, region_code, status, content, deadline, first_submitted_on)
     select id, $2, 'filed', region_code, $4, '{}'::jsonb, $5, $3 from organizations where id = $1`,
    [id, year, submittedOn, status, `${year + 1}-03-31`],
  );

beforeAll(async () => {
  env = await createTestEnv();
  await moveTo('2024-01-10');
  orgId = (await leader.get('/api/v1/auth/me')).json().grants[0].organizationId;
  // only the two organizations of the story are filed (the rest of the demo would be listed too)
  const [other] = await env.database.query<{ id: string }>(
    `select id from organizations where tier = 'filed' and id <> $1 and street_code = (select street_code from organizations where id = $1)
      order by name limit 1`,
    [orgId],
  );
  otherId = other.id;
  await env.database.query(
    `update organizations set tier = 'group' where tier in ('filed', 'registered') and id not in ($1, $2)`,
    [orgId, otherId],
  );
  await env.database.query(
    `update organizations set filed_on = '2023-06-01', registered_on = null, exited_on = null, status = 'active'
      where id in ($1, $2)`,
    [orgId, otherId],
  );
  // the story writes its own reports
  await env.database.query(
    'delete from annual_report_history where report_id in (select id from annual_reports where organization_id in ($1, $2))',
    [orgId, otherId],
  );
  await env.database.query('delete from annual_reports where organization_id in ($1, $2)', [orgId, otherId]);
  // the second organization joins the story later (the first story runs years ahead)
  await env.database.query(`update organizations set tier = 'group' where id = $1`, [otherId]);
});
afterAll(async () => env?.close());

describe('credit lists over time', () => {
  it('a missed report lists the organization on the abnormal list; two years later it moves to the serious list; removal on application after two more', async () => {
    // the 2023 report is never sent; later reports are on time
    await report(orgId, 2024, '2025-03-01');
    await report(orgId, 2025, '2026-03-02');
    await report(orgId, 2026, '2027-03-01');
    await report(orgId, 2027, '2028-02-20');

    await moveTo('2024-03-31');
    expect((await run()).entered).toBe(0);
    await moveTo('2024-04-01');
    const first = await run();
    expect(first.entered).toBe(1);
    const s = await stateOn(orgId, '2024-04-01');
    expect(s).toMatchObject({ state: 'abnormal', stateLabel: '活动异常名录' });
    expect(s.listings).toHaveLength(1);
    expect(s.listings[0]).toMatchObject({ cause: 'annual_report_overdue', leftOn: null });
    expect(s.listings[0].basis).toContain('民政部令第60号');
    expect((await stateOn(orgId, '2024-03-31')).state).toBe('none');
    expect((await stateOn(otherId, '2024-04-01')).state).toBe('none');

    // a second run on the same day – and two at once – change nothing
    expect((await run()).entered).toBe(0);
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.entered + b.entered).toBe(0);

    // an overdue report needs rectification: it does not leave by itself after six months
    await moveTo('2024-10-02');
    await run();
    expect((await stateOn(orgId, '2024-10-02')).state).toBe('abnormal');

    // two full years: moved across on 2026-04-01 (the job ran late; the dates are the rule's)
    await moveTo('2026-04-05');
    const moved = await run();
    expect(moved).toMatchObject({ entered: 1, left: 1 });
    const after = await stateOn(orgId, '2026-04-05');
    expect(after.state).toBe('serious');
    const abnormal = after.listings.find((l) => l.list === 'abnormal')!;
    const serious = after.listings.find((l) => l.list === 'serious')!;
    expect(abnormal).toMatchObject({ leftOn: '2026-04-01', leaveReason: 'moved_serious' });
    expect(serious).toMatchObject({ cause: 'abnormal_two_years', leftOn: null });
    // as-of answers for each date of the story
    expect((await stateOn(orgId, '2026-03-31')).state).toBe('abnormal');
    expect((await stateOn(orgId, '2026-04-01')).state).toBe('serious');
    expect((await stateOn(orgId, '2025-01-01')).state).toBe('abnormal');
    expect((await stateOn(orgId, '2024-01-01')).state).toBe('none');
    // the console list flags it with the list it is on today (the database's real date)
    const orgs = (await street.get('/api/v1/organizations?pageSize=200')).json().items as {
      id: string;
      creditList: string | null;
    }[];
    const real = (await stateOn(orgId, todayInShanghai(new Date()))).state;
    expect(orgs.find((o) => o.id === orgId)?.creditList ?? 'none').toBe(real);
    const listed = await street.get('/api/v1/credit-listings?list=serious&asOf=2026-04-05');
    expect(listed.json().items.map((i: { organizationId: string }) => i.organizationId)).toContain(orgId);
    expect(
      (await street.get('/api/v1/credit-listings?list=serious&asOf=2026-03-31'))
        .json()
        .items.map((i: { organizationId: string }) => i.organizationId),
    ).not.toContain(orgId);

    // the list as Excel on that date
    const x = await street.get('/api/v1/credit-listings/export?list=serious&asOf=2026-04-05');
    expect(x.statusCode).toBe(200);
    const sheet = await readFirstSheet(x.rawPayload);
    expect(sheet.headers.slice(0, 5)).toEqual(['组织名称', '所属社区', '名录', '列入情形', '列入日期']);
    const row = sheet.rows.find((r) => r.values.列入日期 === '2026-04-01')?.values;
    expect(row).toMatchObject({ 名录: '严重违法失信名单', 列入方式: '系统按规则自动列入' });
    expect(x.headers['content-disposition']).toContain(encodeURIComponent('信用名录-2026-04-05'));

    // removal on application: refused before two years, allowed after
    await moveTo('2027-06-01');
    const early = await street.post(`/api/v1/credit-listings/${serious.id}/remove`, {
      reason: 'removed_on_application',
      leftOn: '2027-06-01',
      note: '组织申请移出严重违法失信名单',
      version: serious.version,
    });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toBe('列入未满2年，2028-04-01起可申请移出');
    await moveTo('2028-04-02');
    await run();
    expect(
      (
        await street2.post(`/api/v1/credit-listings/${serious.id}/remove`, {
          reason: 'removed_on_application',
          leftOn: '2028-04-02',
          note: '组织申请移出严重违法失信名单',
          version: serious.version,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await community.post(`/api/v1/credit-listings/${serious.id}/remove`, {
          reason: 'removed_on_application',
          leftOn: '2028-04-02',
          note: '组织申请移出严重违法失信名单',
          version: serious.version,
        })
      ).statusCode,
    ).toBe(403);
    const removed = await street.post(`/api/v1/credit-listings/${serious.id}/remove`, {
      reason: 'removed_on_application',
      leftOn: '2028-04-02',
      note: '列入满2年，期间未再发生失信情形，经核实同意移出',
      version: serious.version,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toMatchObject({
      leftOn: '2028-04-02',
      leaveReasonLabel: '列入满2年且期间未再发生失信情形，经申请移出',
    });
    expect((await stateOn(orgId, '2028-04-02')).state).toBe('none');
    expect((await stateOn(orgId, '2028-04-01')).state).toBe('serious');
    // the job does not put it back
    expect((await run()).entered).toBe(0);

    const audit = await env.database.query<{ action: string; actor_id: string | null }>(
      `select action, actor_id from audit_log where entity_type = 'credit_listing' and entity_id in ($1, $2) order by seq`,
      [abnormal.id, serious.id],
    );
    expect(audit.map((x) => x.action)).toEqual([
      'credit_listing.enter',
      'credit_listing.leave',
      'credit_listing.enter',
      'credit_listing.remove',
    ]);
    expect(audit[0].actor_id).toBeNull();
    expect(audit[3].actor_id).not.toBeNull();
  });

  it('the same with rectification inside six months: a late report, then the officer confirms it', async () => {
    // the other organization's 2024 report comes late: listed 2025-04-01, reported 2025-05-10
    await env.database.query(`update organizations set tier = 'filed' where id = $1`, [otherId]);
    await report(otherId, 2023, '2024-03-15');
    await moveTo('2025-04-01');
    await run();
    const listed = await stateOn(otherId, '2025-04-01');
    expect(listed.state).toBe('abnormal');
    const l = listed.listings[0];
    await report(otherId, 2024, '2025-05-10');
    await moveTo('2025-05-14');
    await run();
    expect((await stateOn(otherId, '2025-05-14')).state).toBe('abnormal');
    const tooEarly = await street.post(`/api/v1/credit-listings/${l.id}/remove`, {
      reason: 'rectified',
      leftOn: '2025-05-20',
      note: '已补报年度报告',
      version: l.version,
    });
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.json().error.fields.leftOn).toBe('移出日期不能晚于今天');
    const ok = await street.post(`/api/v1/credit-listings/${l.id}/remove`, {
      reason: 'rectified',
      leftOn: '2025-05-14',
      note: '已补报2024年度报告，经核实完成整改',
      version: l.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await stateOn(otherId, '2025-05-13')).state).toBe('abnormal');
    expect((await stateOn(otherId, '2025-05-14')).state).toBe('none');
    // a stale version is refused
    expect(
      (
        await street.post(`/api/v1/credit-listings/${l.id}/remove`, {
          reason: 'rectified',
          leftOn: '2025-05-14',
          note: '重复提交的核实',
          version: l.version,
        })
      ).statusCode,
    ).toBe(422);
    // six months on, nothing happens to it; the job never re-enters the same fact
    await moveTo('2025-11-20');
    expect((await run()).entered).toBe(0);
    expect((await stateOn(otherId, '2025-11-20')).state).toBe('none');
  });

  it('officers list decided causes; derived causes, bad input and other scopes are refused and change nothing', async () => {
    await moveTo('2025-12-01');
    const count = async () =>
      (await env.database.query<{ n: number }>('select count(*)::int as n from credit_listings'))[0].n;
    const before = await count();
    const enter = (a: Agent, body: Record<string, unknown>) =>
      a.post(`/api/v1/organizations/${otherId}/credit-listings`, body);
    const good = {
      cause: 'suspension',
      reason: '被责令停止活动（区民政局决定书）',
      enteredOn: '2025-11-28',
      evidence: { documentNo: '南民罚〔2025〕12号' },
    };
    expect((await enter(street, { ...good, cause: 'annual_report_overdue' })).json().error.fields.cause).toBe(
      '该情形由系统自动列入',
    );
    const bad = await enter(street, { ...good, enteredOn: '2025-02-30', reason: '' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['enteredOn', 'reason']);
    expect((await enter(street, { ...good, enteredOn: '2025-12-02' })).statusCode).toBe(422);
    expect((await enter(community, good)).statusCode).toBe(403);
    expect((await enter(street2, good)).statusCode).toBe(404);
    expect((await enter(leader, good)).statusCode).toBe(403);
    expect(await count()).toBe(before);

    const ok = await enter(street, good);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      list: 'serious',
      listLabel: '严重违法失信名单',
      entryLabel: '工作人员列入',
    });
    expect((await stateOn(otherId, '2025-11-28')).state).toBe('serious');
    expect((await stateOn(otherId, '2025-11-27')).state).toBe('none');
    // the leader sees their own organization's state, not another's
    expect((await stateOn(orgId, '2025-12-01', leader)).state).toBe('abnormal');
    expect((await leader.get(`/api/v1/organizations/${otherId}/credit-listings`)).statusCode).toBe(404);
    const q = await street.get('/api/v1/credit-listings?asOf=2025-13-01');
    expect(q.statusCode).toBe(400);
    expect(q.json().error.fields.asOf).toMatch(/日期/);
  });
});

describe('which report years count', () => {
  const org = {
    id: 'o',
    region_code: '440305001001',
    tier: 'filed',
    filed_on: '2018-05-01',
    registered_on: null,
    exited_on: null,
  };
  it('only years since the platform holds annual reports, once their deadline has passed', () => {
    const facts = annualReportFacts(org, [], '2026-12-03', 2024);
    expect(facts.map((f) => f.year)).toEqual([2024, 2025]);
    expect(facts[0]).toMatchObject({ deadline: '2025-03-31', submittedOn: null });
    expect(annualReportFacts(org, [], '2026-03-31', 2024).map((f) => f.year)).toEqual([2024]);
    expect(annualReportFacts(org, [], '2026-12-03', null)).toEqual([]);
    expect(annualReportFacts({ ...org, tier: 'group' }, [], '2026-12-03', 2020)).toEqual([]);
    expect(
      annualReportFacts({ ...org, exited_on: '2025-06-30' }, [], '2026-12-03', 2024).map((f) => f.year),
    ).toEqual([2024]);
  });
  it('the first year is configured, or the earliest year anyone reported', async () => {
    const earliest = (
      await env.database.query<{ y: number }>('select min(report_year)::int as y from annual_reports')
    )[0].y;
    expect(await annualReportsFrom(env.database)).toBe(earliest);
    await env.database.query(
      `insert into settings (key, value, version, updated_at) values ('supervision', '{"annualReportsFrom": 2025}'::jsonb, 1, now())`,
    );
    expect(await annualReportsFrom(env.database)).toBe(2025);
  });
});
