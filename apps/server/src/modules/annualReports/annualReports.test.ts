import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFirstSheet } from '../../lib/documents/excel';
import { type Agent, createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
let leader: Agent;
let community: Agent;
let street: Agent;
let street2: Agent;
let district: Agent;
let orgId: string;
const YEAR = 2026;
const url = (year = YEAR) => `/api/v1/organizations/${orgId}/annual-reports/${year}`;

const full = {
  summary: '本年度组织开展邻里互助探访活动，服务独居老人和困难家庭，成员稳定，制度健全。',
  activitiesHeld: 14,
  participants: 320,
  projects: [{ name: '独居老人上门探访', beneficiaries: 120, spentFen: 860_000 }],
  members: { count: 18, joined: 3, left: 1 },
  leaderChanged: false,
  leaderChangeNote: '',
  income: [
    { source: 'government_purchase', amountFen: 1_000_000 },
    { source: 'donation', amountFen: 200_000 },
  ],
  spending: [{ purpose: 'projects', amountFen: 860_000 }],
  partyBuilding: '成立党的工作小组，开展主题党日 4 次。',
  volunteerWork: '全部服务时长已在平台记录。',
  training: [{ course: '社区社会组织能力建设培训', hours: 6 }],
  disclosure: '在社区公告栏公示年度收支。',
};

/** Moves the clock (sessions are dated by it, so everyone signs in again). */
async function moveTo(iso: string) {
  env.clock.set(new Date(iso));
  [leader, community, street, street2, district] = await Promise.all(
    ['leader', 'community', 'street', 'street2', 'district'].map((u) => env.login(u)),
  );
}

beforeAll(async () => {
  env = await createTestEnv();
  // the report window on 2026 is open: 1 February 2027, Asia/Shanghai
  await moveTo('2027-02-01T02:00:00Z');
  orgId = (await leader.get('/api/v1/auth/me')).json().grants[0].organizationId;
});
afterAll(async () => env?.close());

describe('annual reports', () => {
  it('a new report is pre-filled from what the platform knows; the due status says how long is left', async () => {
    const r = await leader.get(url());
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json();
    expect(v).toMatchObject({
      exists: false,
      id: null,
      mustReport: true,
      tier: 'filed',
      status: 'draft',
      version: 0,
      window: { opensOn: '2027-01-01', deadline: '2027-03-31' },
      due: { status: 'open', daysLeft: 58 },
    });
    expect(v.content.members.count).toBe(18);
    expect(v.due.message).toBe('请于2027-03-31前报送2026年度报告，还剩58天');
  });

  it('draft → submit → return with a reason → correct → resubmit → pass by the street; history keeps each version', async () => {
    // an incomplete draft saves, but cannot be submitted
    const draft = await leader.put(url(), { content: { summary: '太短' }, version: 0 });
    expect(draft.statusCode, draft.body).toBe(200);
    const d = draft.json();
    expect(d).toMatchObject({ exists: true, status: 'draft', version: 1, canEdit: true });
    const early = await leader.post(`/api/v1/annual-reports/${d.id}/events`, { event: 'submit', version: 1 });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.fields).toMatchObject({
      summary: '年度工作总结不少于 20 字',
      'members.count': '请填写年末成员数',
    });
    expect((await leader.get(url())).json().status).toBe('draft');

    // a stale version is refused
    expect((await leader.put(url(), { content: full, version: 0 })).statusCode).toBe(409);
    const saved = await leader.put(url(), { content: full, version: 1 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().version).toBe(2);
    expect(saved.json().advice).toEqual([]);
    const sub = await leader.post(`/api/v1/annual-reports/${d.id}/events`, { event: 'submit', version: 2 });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ status: 'submitted', firstSubmittedOn: '2027-02-01', canEdit: false });
    expect(sub.json().due.status).toBe('submitted_on_time');

    // a submitted report is not edited any more
    expect((await leader.put(url(), { content: full, version: 3 })).statusCode).toBe(422);

    // who reviews: the street for a filed organization; not the district, not community staff, not street2
    const pass = (a: Agent, event = 'pass', version = 3, reason?: string) =>
      a.post(`/api/v1/annual-reports/${d.id}/events`, { event, version, ...(reason ? { reason } : {}) });
    const byDistrict = await pass(district);
    expect(byDistrict.statusCode).toBe(403);
    expect(byDistrict.json().error.message).toBe('备案类组织的年度报告由街道审核');
    expect((await pass(community)).statusCode).toBe(403);
    expect((await pass(street2)).statusCode).toBe(404);
    expect((await pass(leader)).statusCode).toBe(403);

    const noReason = await pass(street, 'return');
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.fields.reason).toBe('请填写退回修改原因');
    const ret = await pass(street, 'return', 3, '请补充收支明细中的会费收入');
    expect(ret.statusCode, ret.body).toBe(200);
    expect(ret.json()).toMatchObject({
      status: 'returned',
      reviewReason: '请补充收支明细中的会费收入',
      canEdit: false,
    });
    expect((await leader.get(url())).json()).toMatchObject({ status: 'returned', canEdit: true });

    await moveTo('2027-04-10T02:00:00Z');
    const corrected = { ...full, income: [...full.income, { source: 'dues', amountFen: 36_000 }] };
    const fix = await leader.put(url(), { content: corrected, version: 4 });
    expect(fix.statusCode, fix.body).toBe(200);
    const again = await leader.post(`/api/v1/annual-reports/${d.id}/events`, { event: 'submit', version: 5 });
    expect(again.statusCode, again.body).toBe(200);
    // the first submission decides: on time, although the correction came after the deadline
    expect(again.json()).toMatchObject({
      firstSubmittedOn: '2027-02-01',
      due: { status: 'submitted_on_time' },
    });
    const ok = await pass(street, 'pass', 6);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'pass', statusLabel: '合格', actions: [] });
    expect((await pass(street, 'fail', 7, '重复审核')).statusCode).toBe(422);

    const h = await community.get(`/api/v1/annual-reports/${d.id}/history`);
    expect(h.statusCode).toBe(200);
    const items = h.json().items as { event: string; toStatus: string; content: { income: unknown[] } }[];
    expect(items.map((x) => `${x.event}:${x.toStatus}`)).toEqual([
      'submit:submitted',
      'return:returned',
      'submit:submitted',
      'pass:pass',
    ]);
    expect(items[0].content.income).toHaveLength(2);
    expect(items[2].content.income).toHaveLength(3);
    expect((await street2.get(`/api/v1/annual-reports/${d.id}/history`)).statusCode).toBe(404);

    const audit = await env.database.query<{ action: string }>(
      "select action from audit_log where entity_type = 'annual_report' and entity_id = $1 order by seq",
      [d.id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'annual_report.create',
      'annual_report.update',
      'annual_report.submit',
      'annual_report.return',
      'annual_report.update',
      'annual_report.submit',
      'annual_report.pass',
    ]);
  });

  it('the overdue list: organizations in scope that must report and have not, after the deadline', async () => {
    await moveTo('2027-04-10T02:00:00Z');
    const all = await street.get(`/api/v1/annual-reports?year=${YEAR}&pageSize=100`);
    expect(all.statusCode, all.body).toBe(200);
    const items = all.json().items as {
      organization: { id: string; tier: string };
      status: string;
      due: { status: string };
    }[];
    expect(items.length).toBe(all.json().total);
    const mine = items.find((i) => i.organization.id === orgId);
    expect(mine).toMatchObject({ status: 'pass' });
    for (const i of items) expect(['filed', 'registered']).toContain(i.organization.tier);

    const overdue = await street.get(`/api/v1/annual-reports?year=${YEAR}&state=overdue&pageSize=100`);
    const o = overdue.json().items as {
      organization: { id: string };
      due: { status: string; message: string };
    }[];
    expect(o.length).toBeGreaterThan(0);
    expect(o.map((x) => x.organization.id)).not.toContain(orgId);
    for (const x of o) expect(x.due.status).toBe('overdue');
    expect(o.length).toBe(items.filter((i) => i.due.status === 'overdue').length);

    // another street sees none of this street's organizations; the leader only their own
    const other = (await street2.get(`/api/v1/annual-reports?year=${YEAR}&pageSize=100`)).json();
    const ids = new Set(items.map((i) => i.organization.id));
    for (const i of other.items as { organization: { id: string } }[])
      expect(ids.has(i.organization.id)).toBe(false);
    const own = (await leader.get(`/api/v1/annual-reports?year=${YEAR}`)).json();
    expect(own.items.map((i: { organization: { id: string } }) => i.organization.id)).toEqual([orgId]);

    // the overdue list as Excel: the same rows, Chinese labels
    const x = await street.get(`/api/v1/annual-reports/export?year=${YEAR}&state=overdue`);
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readFirstSheet(x.rawPayload);
    expect(sheet.headers).toEqual([
      '组织名称',
      '类型',
      '所属街道',
      '所属社区',
      '截止日期',
      '报送状态',
      '审核结果',
      '首次报送日期',
      '说明',
    ]);
    expect(sheet.rows).toHaveLength(o.length);
    for (const r of sheet.rows) {
      expect(r.values.报送状态).toBe('逾期未报');
      expect(r.values.审核结果).toBe('未填报');
      expect(r.values.所属街道).toMatch(/街道|镇/);
    }
    expect((await env.anonymous.get(`/api/v1/annual-reports/export?year=${YEAR}`)).statusCode).toBe(401);

    // before the deadline nothing is overdue
    await moveTo('2027-03-31T10:00:00Z');
    expect((await street.get(`/api/v1/annual-reports?year=${YEAR}&state=overdue`)).json().total).toBe(0);
  });

  it('bad input gets a clear 4xx and changes nothing', async () => {
    const before = await env.database.query<{ n: number }>('select count(*)::int as n from annual_reports');
    const y = await street.get('/api/v1/annual-reports?year=abc');
    expect(y.statusCode).toBe(400);
    expect(y.json().error.fields.year).toBe('年度应为数字');
    expect(
      (await street.get(`/api/v1/annual-reports?year=${YEAR}&state=lost`)).json().error.fields.state,
    ).toBe('报送状态无效');
    const neg = await leader.put(url(2025), {
      content: { ...full, income: [{ source: 'donation', amountFen: -5 }] },
      version: 0,
    });
    expect(neg.statusCode).toBe(400);
    expect(Object.values(neg.json().error.fields)).toContain('收入金额不能为负');
    const unfinished = await leader.put(url(2027), { content: full, version: 0 });
    expect(unfinished.statusCode).toBe(422);
    expect(unfinished.json().error.message).toBe('2027年度尚未结束，不能填报');
    expect((await community.put(url(2025), { content: full, version: 0 })).statusCode).toBe(403);
    expect((await street2.get(url())).statusCode).toBe(404);
    expect((await env.anonymous.get(url())).statusCode).toBe(401);
    const after = await env.database.query<{ n: number }>('select count(*)::int as n from annual_reports');
    expect(after[0].n).toBe(before[0].n);
  });
});
