import {
  addDays,
  defaultEvaluationScheme,
  type EvaluationMetricValues,
  evaluationLevel,
  type ManualScores,
  scoreOrganization,
  strengthsAndWeaknesses,
  todayInShanghai,
} from '@linli/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../lib/crypto';
import { type Agent, createTestEnv, DEMO_PASSWORD, type TestEnv } from '../../test/harness';

let env: TestEnv;
let leader: Agent;
let leaderB: Agent;
let community: Agent;
let street: Agent;
let street2: Agent;
let district: Agent;
let city: Agent;
const ids: Record<string, string> = {};
let D: string;
let S1: string;
let orgA: string; // the demo leader's organization (community C1 of street S1)
let orgB: string; // another filed organization of street S1, outside C1
let orgC: string; // a filed organization of street S2
let listed: string; // on the abnormal list today
let group: string; // an activity group
let YEAR: number;
let t0: Date;
const DAY = 86_400_000;

/** Moves the clock `days` after the start (sessions are dated by it, so everyone signs in again). */
async function moveTo(days: number) {
  env.clock.set(new Date(t0.getTime() + days * DAY));
  [leader, leaderB, community, street, street2, district, city] = await Promise.all(
    ['leader', 'ev_leader_b', 'community', 'street', 'street2', 'district', 'city'].map((u) => env.login(u)),
  );
}
const today = () => todayInShanghai(env.clock.now());

const q = <T = Record<string, unknown>>(text: string, params?: unknown[]) =>
  env.database.query<T>(text, params);

const manual = defaultEvaluationScheme.dimensions.flatMap((d) =>
  d.indicators.filter((i) => i.source === 'manual').map((i) => [i.code, i.maxScore] as const),
);
/** A full score sheet: `f(maxScore)` for every manual indicator. */
const sheet = (f: (max: number) => number) => Object.fromEntries(manual.map(([c, m]) => [c, f(m)]));

async function auditCount() {
  const [r] = await q<{ n: number }>('select count(*)::int as n from audit_log');
  return r.n;
}

beforeAll(async () => {
  env = await createTestEnv();
  t0 = new Date();
  env.clock.set(t0);
  YEAR = Number(today().slice(0, 4)) - 1;
  const first = await Promise.all(
    ['leader', 'community', 'street', 'street2', 'district', 'city'].map((u) => env.login(u)),
  );
  const me = await Promise.all(first.map(async (a) => (await a.get('/api/v1/auth/me')).json()));
  for (const [i, u] of ['leader', 'community', 'street', 'street2', 'district', 'city'].entries())
    ids[u] = me[i].user.id;
  orgA = me[0].grants[0].organizationId;
  D = me[4].homeRegion.code;
  S1 = me[2].homeRegion.code;
  const S2 = me[3].homeRegion.code as string;
  const [{ region_code: C1 }] = await q<{ region_code: string }>(
    'select region_code from organizations where id = $1',
    [orgA],
  );
  const pick = async (where: string, params: unknown[]) =>
    (
      await q<{ id: string }>(
        `select id from organizations where ${where} and id <> $1 order by name limit 1`,
        [orgA, ...params],
      )
    )[0].id;
  const s1 = S1.slice(0, 9);
  orgB = await pick(
    "tier = 'filed' and status = 'active' and street_code = $2 and region_code <> $3 and filed_on is not null",
    [s1, C1],
  );
  listed = await pick(
    "tier in ('filed', 'registered') and status = 'active' and street_code = $2 and id <> $3",
    [s1, orgB],
  );
  group = await pick("tier = 'group' and status = 'active' and street_code = $2", [s1]);
  orgC = await pick("tier = 'filed' and status = 'active' and street_code = $2 and filed_on is not null", [
    S2.slice(0, 9),
  ]);
  // organizations in the round are not on a credit list today, except `listed`
  await q(
    `update credit_listings set left_on = $2::date, leave_reason = 'rectified' where organization_id in ($1, $3, $4) and left_on is null`,
    [orgA, addDays(today(), -400), orgB, orgC],
  );
  await q(
    `insert into credit_listings (organization_id, region_code, list, cause, idem_key, entry, basis, reason, entered_on)
     select id, region_code, 'abnormal', 'unreachable', 'test:ev', 'officer', '测试', '测试：无法取得联系', $2::date
       from organizations where id = $1`,
    [listed, addDays(today(), -30)],
  );
  // a leader for orgB
  const [u] = await q<{ id: string }>(
    `insert into users (username, display_name, password_hash) values ('ev_leader_b', '乙组织 负责人', $1) returning id`,
    [await hashPassword(DEMO_PASSWORD)],
  );
  const [{ region_code: bRegion }] = await q<{ region_code: string }>(
    'select region_code from organizations where id = $1',
    [orgB],
  );
  await q(
    `insert into grants (user_id, role, region_code, organization_id) values ($1, 'org_leader', $2, $3)`,
    [u.id, bRegion, orgB],
  );
  // something the metrics must find: a ledger activity of orgB in the evaluated year
  await q(
    `insert into ledger_activities (organization_id, held_on, title, participants) values ($1, $2::date, '评价测试活动', 20)`,
    [orgB, `${YEAR}-06-01`],
  );
  await moveTo(0);
}, 120_000);
afterAll(async () => env?.close());

type Target = {
  organizationId: string;
  organizationName: string;
  status: string;
  progress: { evaluators: number; complete: number; started: number };
  total: number | null;
  levelLabel: string | null;
  scoringOpen: boolean;
  appeal: { id: string; status: string; version: number } | null;
};
type Round = {
  id: string;
  code: string;
  status: string;
  statusLabel: string;
  version: number;
  publishedOn: string | null;
  postingEndsOn: string | null;
  me: { manager: boolean; evaluator: boolean };
  actions: { event: string }[];
  targets: Target[];
  excluded: { organizationId: string; reasons: string[] }[];
};

let round: Round;
const base = () => `/api/v1/evaluation-rounds/${round.id}`;
const scoreUrl = (org: string) => `${base()}/targets/${org}/scores`;
const event = async (a: Agent, ev: string, extra: Record<string, unknown> = {}) => {
  const r = await a.post(`${base()}/events`, { event: ev, version: round.version, ...extra });
  if (r.statusCode === 200) round = r.json();
  return r;
};
const sheets: Record<string, ManualScores> = {};

describe('an evaluation round', () => {
  it('the district creates a draft: listed organizations and groups are left out with reasons', async () => {
    const r = await district.post('/api/v1/evaluation-rounds', {
      title: `${YEAR}年度社区社会组织综合评价`,
      regionCode: D,
      year: YEAR,
      organizationIds: [orgA, orgB, orgC, listed, group],
      evaluatorIds: [ids.street, ids.street2],
    });
    expect(r.statusCode, r.body).toBe(201);
    round = r.json();
    expect(round).toMatchObject({ status: 'draft', statusLabel: '草稿', version: 1, me: { manager: true } });
    expect(round.code).toMatch(new RegExp(`^PJ${D.slice(0, 6)}-${YEAR}-\\d{3}$`));
    expect(round.targets.map((t) => t.organizationId).sort()).toEqual([orgA, orgB, orgC].sort());
    expect(round.targets.every((t) => t.status === 'pending')).toBe(true);
    const ex = Object.fromEntries(round.excluded.map((e) => [e.organizationId, e.reasons]));
    expect(ex[listed]).toEqual(['该组织被列入活动异常名录，不参加本轮综合评价']);
    expect(ex[group]).toEqual(['社区活动小组不参加综合评价，请先办理备案']);
    expect(round.actions.map((a) => a.event)).toEqual(['start']);
    const [a] = await q<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'evaluation_round.create' and entity_id = $1",
      [round.id],
    );
    expect(a.n).toBe(1);
  });

  it('who sees the round: organizers and evaluators everything, the others their own organizations', async () => {
    const s2 = (await street2.get(base())).json() as Round;
    expect(s2.me).toEqual({ manager: false, evaluator: true });
    expect(s2.targets).toHaveLength(3);
    expect(s2.actions).toEqual([]);
    const c = (await community.get(base())).json() as Round;
    expect(c.targets.map((t) => t.organizationId)).toEqual([orgA]);
    const l = await leader.get(base());
    expect(l.statusCode).toBe(200);
    expect((l.json() as Round).targets.map((t) => t.organizationId)).toEqual([orgA]);
    expect(l.json().evaluators).toEqual([]); // the organizations do not learn who evaluates them
    expect((s2 as unknown as { evaluators: unknown[] }).evaluators).toHaveLength(2);
    expect((await leader.get(`${base()}/targets/${orgB}`)).statusCode).toBe(404);
    expect((await city.get(base())).json().targets).toHaveLength(3);
    const list = (await leader.get('/api/v1/evaluation-rounds')).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(round.id);
    expect((await env.anonymous.get(base())).statusCode).toBe(401);
  });

  it('scores wait for scoring to open; the round steps need evaluation.manage and the current version', async () => {
    const early = await street.put(scoreUrl(orgA), { scores: { 'party.activities': 3 } });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toBe('本轮评价尚未开始评分');
    expect((await event(street, 'start')).statusCode).toBe(403);
    expect((await district.post(`${base()}/events`, { event: 'start', version: 9 })).statusCode).toBe(409);
    const bad = await event(district, 'publish');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.message).toBe('当前状态下不能进行此操作，请刷新后查看最新状态');
    expect((await street.get(base())).json().status).toBe('draft');
  });

  it('opening scoring computes each organization’s metrics from the platform’s records', async () => {
    const r = await event(district, 'start');
    expect(r.statusCode, r.body).toBe(200);
    expect(round).toMatchObject({ status: 'scoring', statusLabel: '评分中' });
    expect(round.targets.every((t) => t.status === 'scoring')).toBe(true);
    const t = (await district.get(`${base()}/targets/${orgB}`)).json();
    const m = Object.fromEntries(
      (t.metrics as { metric: string; value: unknown; source: string }[]).map((x) => [x.metric, x.value]),
    );
    const [o] = await q<{ member_count: number; party_status: string; acts: number; listings: number }>(
      `select member_count, party_status,
         (select count(*)::int from ledger_activities where organization_id = o.id and held_on between $2::date and $3::date)
         + (select count(*)::int from service_activities where organization_id = o.id and status in ('published', 'finished')
             and (starts_at at time zone 'Asia/Shanghai')::date between $2::date and $3::date) as acts
         from organizations o where id = $1`,
      [orgB, `${YEAR}-01-01`, `${YEAR}-12-31`],
    );
    expect(m.members_count).toBe(o.member_count);
    expect(m.party_organization).toBe(o.party_status !== 'none');
    expect(m.activities_held).toBe(o.acts);
    expect(m.activities_held).toBeGreaterThanOrEqual(1);
    expect(m.credit_clean).toBe(true);
    const [ar] = await q<{ on_time: boolean | null }>(
      `select first_submitted_on <= deadline as on_time from annual_reports where organization_id = $1 and report_year = $2`,
      [orgB, YEAR],
    );
    expect(m.annual_report_on_time).toBe(ar?.on_time === true);
    expect(t.scoringOpen).toBe(false); // the district organizes, it does not score
    expect((await street.get(`${base()}/targets/${orgB}`)).json().scoringOpen).toBe(true);
  });

  it('wrong scores are refused with Chinese messages per indicator, and change nothing', async () => {
    const before = await auditCount();
    const r = await street.put(scoreUrl(orgA), {
      scores: { 'party.activities': 5, 'structure.charter': 3.25, 'party.organization': 6, zz: 1 },
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.fields).toEqual({
      'scores.party.activities': '“党建活动与引领作用”的评分应在 0–4 分之间',
      'scores.structure.charter': '“章程与运作”的评分最多保留一位小数',
      'scores.party.organization': '“党组织覆盖”由系统根据记录自动计分，无需人工评分',
      'scores.zz': '评价方案中没有编码为“zz”的指标',
    });
    const neg = await street.put(scoreUrl(orgA), { scores: { 'party.activities': -1 } });
    expect(neg.json().error.fields).toEqual({
      'scores.party.activities': '“党建活动与引领作用”的评分应在 0–4 分之间',
    });
    const nan = await street.put(scoreUrl(orgA), { scores: { 'party.activities': '三' } });
    expect(nan.statusCode).toBe(400);
    expect(nan.json().error.fields['scores.party.activities']).toBe('分值应为数字');
    const empty = await street.put(scoreUrl(orgA), { scores: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields.scores).toBe('请至少填写一项评分');
    // not an evaluator: in scope → 403, the organizers included; an unknown organization → 404
    const byDistrict = await district.put(scoreUrl(orgA), { scores: { 'party.activities': 3 } });
    expect(byDistrict.statusCode).toBe(403);
    expect(byDistrict.json().error.message).toBe('只有本轮评审人员可以评分');
    expect((await community.put(scoreUrl(orgA), { scores: { 'party.activities': 3 } })).statusCode).toBe(403);
    expect((await leader.put(scoreUrl(orgA), { scores: { 'party.activities': 3 } })).statusCode).toBe(403);
    expect((await street.put(scoreUrl(listed), { scores: { 'party.activities': 3 } })).statusCode).toBe(404);
    expect(await auditCount()).toBe(before);
    const [n] = await q<{ n: number }>(
      'select count(*)::int as n from evaluation_scores where round_id = $1',
      [round.id],
    );
    expect(n.n).toBe(0);
  });

  it('both evaluators score; amending is audited with before and after; submit waits for every sheet', async () => {
    sheets[orgA] = { [ids.street]: sheet((m) => m - 0.5), [ids.street2]: sheet((m) => m - 1) };
    sheets[orgB] = { [ids.street]: sheet((m) => m / 2), [ids.street2]: sheet((m) => m / 2 - 0.5) };
    sheets[orgC] = { [ids.street]: sheet((m) => m), [ids.street2]: sheet((m) => m) };
    const agentOf: Record<string, Agent> = { [ids.street]: street, [ids.street2]: street2 };
    // a partial sheet first, then the whole one
    const part = await street.put(scoreUrl(orgA), { scores: { 'party.activities': 1 } });
    expect(part.statusCode, part.body).toBe(200);
    expect(part.json()).toMatchObject({ complete: false });
    expect(part.json().missing).toContain('structure.charter');
    const early = await event(district, 'submit');
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toMatch(/^还有 3 个组织的评分未完成/);
    for (const org of [orgA, orgB, orgC])
      for (const [e, s] of Object.entries(sheets[org])) {
        const r = await agentOf[e].put(scoreUrl(org), { scores: s });
        expect(r.statusCode, r.body).toBe(200);
        expect(r.json().complete).toBe(true);
      }
    const amend = await q<{
      before: { scores: Record<string, number> };
      after: { scores: Record<string, number> };
    }>(`select before, after from audit_log where action = 'evaluation_score.amend' order by seq`);
    expect(amend).toHaveLength(1);
    expect(amend[0].before.scores).toEqual({ 'party.activities': 1 });
    expect(amend[0].after.scores).toEqual(sheets[orgA][ids.street]);
    const d = (await district.get(base())).json() as Round;
    for (const t of d.targets) expect(t.progress).toEqual({ evaluators: 2, complete: 2, started: 2 });
    const mine = (await street.get(`${base()}/targets/${orgA}`)).json();
    expect(mine.myScores).toEqual(sheets[orgA][ids.street]);
    expect(mine.scores).toBeNull(); // evaluators see their own sheet only
    const all = (await district.get(`${base()}/targets/${orgA}`)).json();
    expect(all.scores.map((s: { evaluatorId: string }) => s.evaluatorId)).toEqual([ids.street, ids.street2]);
  });

  it('submit → return with a reason → submit → publish; totals are the core’s', async () => {
    expect((await event(district, 'submit')).statusCode).toBe(200);
    expect(round.status).toBe('reviewing');
    // the organization sees no result before publication
    const hidden = (await leader.get(base())).json() as Round;
    expect(hidden.targets[0].total).toBeNull();
    const noReason = await event(district, 'return');
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.fields.reason).toBe('请填写退回重评原因');
    expect((await event(district, 'return', { reason: '部分评分偏差较大，请复核' })).statusCode).toBe(200);
    expect(round).toMatchObject({ status: 'scoring' });
    expect((await event(district, 'submit')).statusCode).toBe(200);
    const pub = await event(district, 'publish');
    expect(pub.statusCode, pub.body).toBe(200);
    expect(round).toMatchObject({
      status: 'published',
      statusLabel: '公示中',
      publishedOn: today(),
      postingEndsOn: addDays(today(), 6),
    });
    for (const org of [orgA, orgB, orgC]) {
      const t = (await district.get(`${base()}/targets/${org}`)).json();
      const metrics = Object.fromEntries(
        (t.metrics as { metric: string; value: number | boolean }[]).map((x) => [x.metric, x.value]),
      ) as EvaluationMetricValues;
      const core = scoreOrganization(defaultEvaluationScheme, sheets[org], metrics, {
        evaluators: [ids.street, ids.street2],
      });
      expect(core.complete).toBe(true);
      expect(t.total).toBe(core.total);
      expect(t.result.dimensions).toEqual(core.dimensions);
      expect(t.levelLabel).toBe(evaluationLevel(core.total).label);
      const sw = strengthsAndWeaknesses(core);
      expect(t.strengths).toEqual(sw.strengths);
      expect(t.weaknesses).toEqual(sw.weaknesses);
    }
    const c = (await district.get(base())).json() as Round;
    const byOrg = Object.fromEntries(c.targets.map((t) => [t.organizationId, t]));
    expect(byOrg[orgC].total).toBeGreaterThan(byOrg[orgB].total!);
    expect((await leader.get(base())).json().targets[0].total).toBe(byOrg[orgA].total);
    const own = (await leader.get(`${base()}/targets/${orgA}`)).json();
    expect(own).toMatchObject({ total: byOrg[orgA].total, scores: null, myScores: null });
    expect(own.result.dimensions).toHaveLength(10);
    expect(own.result.missing).toBeUndefined();
    expect(own.appealCheck).toEqual({ allowed: true });
  });

  it('the public page shows the published result', async () => {
    const r = await env.anonymous.get(`/api/v1/public/organizations/${orgA}/evaluations`);
    expect(r.statusCode, r.body).toBe(200);
    const t = (await district.get(`${base()}/targets/${orgA}`)).json();
    expect(r.json().items).toHaveLength(1);
    expect(r.json().items[0]).toMatchObject({
      title: `${YEAR}年度社区社会组织综合评价`,
      year: YEAR,
      total: t.total,
      levelLabel: t.levelLabel,
      strengths: t.strengths.map((f: { message: string }) => f.message),
      weaknesses: t.weaknesses.map((f: { message: string }) => f.message),
      rescoring: false,
    });
    expect(r.json().items[0].dimensions).toHaveLength(10);
    expect(
      (await env.anonymous.get(`/api/v1/public/organizations/${listed}/evaluations`)).json().items,
    ).toEqual([]);
  });

  it('the leader appeals inside the posting period, once; not after it; others may not', async () => {
    await moveTo(6);
    const url = `${base()}/targets/${orgA}/appeals`;
    const reason = { reason: '本组织全年开展的活动均已在台账登记，活动次数统计偏少，请核实。' };
    expect((await community.post(url, reason)).statusCode).toBe(403);
    expect((await street2.post(url, reason)).statusCode).toBe(403);
    expect((await leaderB.post(url, reason)).statusCode).toBe(404);
    const short = await leader.post(url, { reason: '不服' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields.reason).toBe('请写明异议的事实和理由（不少于 10 字）');
    const ok = await leader.post(url, reason);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'submitted', statusLabel: '待处理' });
    const again = await leader.post(url, reason);
    expect(again.statusCode).toBe(422);
    expect(again.json().error.message).toBe('本轮评价已提出过异议，不能重复提出');
    expect((await leader.get(`${base()}/targets/${orgA}`)).json().appealCheck).toEqual({
      allowed: false,
      reason: '本轮评价已提出过异议，不能重复提出',
    });
    expect((await leaderB.get(`${base()}/targets/${orgB}`)).json().appealCheck).toEqual({ allowed: true });
    const early = await event(district, 'close');
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toBe(`公示期至${round.postingEndsOn}，期满后方可结束`);

    await moveTo(7);
    const late = await leaderB.post(`${base()}/targets/${orgB}/appeals`, reason);
    expect(late.statusCode).toBe(422);
    expect(late.json().error.message).toBe(`公示期已于${round.postingEndsOn}结束，不能再提出异议`);
    const pending = await event(district, 'close');
    expect(pending.statusCode).toBe(422);
    expect(pending.json().error.message).toBe('还有1件异议未处理完毕');
    const view = (await leader.get(`${base()}/targets/${orgA}`)).json();
    expect(view.appeals).toHaveLength(1);
    expect(view.appealCheck).toEqual({
      allowed: false,
      reason: `公示期已于${round.postingEndsOn}结束，不能再提出异议`,
    });
  });

  it('an upheld appeal reopens scoring for that organization only; the revised result is confirmed', async () => {
    const a = ((await district.get(base())).json() as Round).targets.find((t) => t.organizationId === orgA)!
      .appeal!;
    const url = `/api/v1/evaluation-appeals/${a.id}/decision`;
    expect(
      (await street.post(url, { decision: 'uphold', reason: '核实', version: a.version })).statusCode,
    ).toBe(403);
    const noReason = await district.post(url, { decision: 'uphold', version: a.version });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.fields.reason).toBe('请填写异议成立原因');
    expect((await district.post(url, { decision: 'rescore', version: a.version })).statusCode).toBe(422);
    const up = await district.post(url, {
      decision: 'uphold',
      reason: '经核实台账活动漏计，重新评分',
      version: a.version,
    });
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ status: 'upheld', statusLabel: '异议成立，重新评分中', version: 2 });

    const s = (await street.get(base())).json() as Round;
    const open = Object.fromEntries(s.targets.map((t) => [t.organizationId, t.scoringOpen]));
    expect(open).toEqual({ [orgA]: true, [orgB]: false, [orgC]: false });
    expect(s.targets.find((t) => t.organizationId === orgA)!.status).toBe('rescoring');
    const closed = await street.put(scoreUrl(orgB), { scores: sheets[orgB][ids.street] });
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error.message).toBe('当前不在评分阶段，不能修改评分');
    const oldTotal = (await district.get(`${base()}/targets/${orgA}`)).json().total;

    sheets[orgA] = { [ids.street]: sheet((m) => m), [ids.street2]: sheet((m) => m) };
    for (const [e, ag] of [
      [ids.street, street],
      [ids.street2, street2],
    ] as const)
      expect((await ag.put(scoreUrl(orgA), { scores: sheets[orgA][e] })).statusCode).toBe(200);
    // the published result stands until the revised one is confirmed
    const pub = (await env.anonymous.get(`/api/v1/public/organizations/${orgA}/evaluations`)).json().items[0];
    expect(pub).toMatchObject({ total: oldTotal, rescoring: true });

    const re = await district.post(url, { decision: 'rescore', version: 2 });
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json()).toMatchObject({ status: 'rescored', statusLabel: '已重新评分' });
    const t = (await district.get(`${base()}/targets/${orgA}`)).json();
    const metrics = Object.fromEntries(
      (t.metrics as { metric: string; value: number | boolean }[]).map((x) => [x.metric, x.value]),
    ) as EvaluationMetricValues;
    const core = scoreOrganization(defaultEvaluationScheme, sheets[orgA], metrics, {
      evaluators: [ids.street, ids.street2],
    });
    expect(t.total).toBe(core.total);
    expect(t.total).toBeGreaterThan(oldTotal);
    expect(t.status).toBe('scored');
    const after = (await env.anonymous.get(`/api/v1/public/organizations/${orgA}/evaluations`)).json()
      .items[0];
    expect(after).toMatchObject({ total: core.total, rescoring: false });
    expect((await street.put(scoreUrl(orgA), { scores: sheets[orgA][ids.street] })).statusCode).toBe(422);

    const close = await event(district, 'close');
    expect(close.statusCode, close.body).toBe(200);
    expect(round).toMatchObject({ status: 'closed', statusLabel: '已结束', actions: [] });
    const actions = await q<{ action: string }>(
      `select action from audit_log where entity_type = 'evaluation_round' and entity_id = $1 order by seq`,
      [round.id],
    );
    expect(actions.map((x) => x.action)).toEqual([
      'evaluation_round.create',
      'evaluation_round.start',
      'evaluation_round.submit',
      'evaluation_round.return',
      'evaluation_round.submit',
      'evaluation_round.publish',
      'evaluation_round.close',
    ]);
    const appealActions = await q<{ action: string }>(
      `select action from audit_log where entity_type = 'evaluation_appeal' order by seq`,
    );
    expect(appealActions.map((x) => x.action)).toEqual([
      'evaluation_appeal.submit',
      'evaluation_appeal.uphold',
      'evaluation_appeal.rescore',
    ]);
  });
});

describe('scope', () => {
  let streetRound: Round;
  it('a street round by default takes every live filed/registered organization of the street', async () => {
    await moveTo(8);
    const r = await district.post('/api/v1/evaluation-rounds', {
      title: `${YEAR}年度街道社区社会组织评价`,
      regionCode: S1,
      year: YEAR,
      evaluatorIds: [ids.street],
    });
    expect(r.statusCode, r.body).toBe(201);
    streetRound = r.json();
    const [{ n }] = await q<{ n: number }>(
      `select count(*)::int as n from organizations where street_code = $1 and tier in ('filed', 'registered') and status <> 'exited'`,
      [S1.slice(0, 9)],
    );
    expect(streetRound.targets.length + streetRound.excluded.length).toBe(n);
    expect(streetRound.excluded.map((e) => e.organizationId)).toContain(listed);
    expect(streetRound.targets.map((t) => t.organizationId)).toContain(orgA);
    expect(streetRound.targets.map((t) => t.organizationId)).not.toContain(group);
  });

  it('street2 cannot see another street’s round unless it is an evaluator; the leader sees its own organization', async () => {
    const url = `/api/v1/evaluation-rounds/${streetRound.id}`;
    expect((await street2.get(url)).statusCode).toBe(404);
    expect((await street2.get(`${url}/targets/${orgA}`)).statusCode).toBe(404);
    expect(
      (await street2.put(`${url}/targets/${orgA}/scores`, { scores: { 'party.activities': 1 } })).statusCode,
    ).toBe(404);
    const list = (await street2.get('/api/v1/evaluation-rounds?pageSize=100')).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(streetRound.id);
    expect(list.items.map((i: { id: string }) => i.id)).toContain(round.id); // an evaluator there
    expect((await street.get(url)).json().targets).toHaveLength(streetRound.targets.length);
    expect((await leader.get(url)).json().targets.map((t: Target) => t.organizationId)).toEqual([orgA]);
    expect((await leaderB.get(url)).json().targets.map((t: Target) => t.organizationId)).toEqual([orgB]);

    const withStreet2 = await district.post('/api/v1/evaluation-rounds', {
      title: '街道评价（交叉评审）',
      regionCode: S1,
      year: YEAR,
      organizationIds: [orgA, orgB],
      evaluatorIds: [ids.street2],
    });
    expect(withStreet2.statusCode, withStreet2.body).toBe(201);
    const seen = await street2.get(`/api/v1/evaluation-rounds/${withStreet2.json().id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ me: { evaluator: true, manager: false } });
    expect(seen.json().targets).toHaveLength(2);
    // filters
    const drafts = (await district.get(`/api/v1/evaluation-rounds?status=draft&year=${YEAR}`)).json();
    expect(drafts.total).toBe(2);
    expect((await district.get('/api/v1/evaluation-rounds?status=lost')).json().error.fields.status).toBe(
      '状态无效',
    );
  });
});

describe('bad input', () => {
  it('gets a clear 4xx and changes nothing', async () => {
    const before = await auditCount();
    const [{ n: rounds }] = await q<{ n: number }>('select count(*)::int as n from evaluation_rounds');
    const body = {
      title: '综合评价',
      regionCode: D,
      year: YEAR,
      organizationIds: [orgA],
      evaluatorIds: [ids.street],
    };
    const post = (b: Record<string, unknown>, a: Agent = district) =>
      a.post('/api/v1/evaluation-rounds', { ...body, ...b });
    const unknown = await post({ evaluatorIds: [ids.street, '00000000-0000-4000-8000-000000000001'] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.fields).toEqual({ 'evaluatorIds.1': '评审人员不存在或已停用' });
    await q(`update users set status = 'disabled' where id = $1`, [ids.city]);
    const disabled = await post({ evaluatorIds: [ids.city] });
    await q(`update users set status = 'active' where id = $1`, [ids.city]);
    expect(disabled.statusCode).toBe(422);
    expect(disabled.json().error.fields['evaluatorIds.0']).toBe('评审人员不存在或已停用');
    expect((await post({ evaluatorIds: [] })).json().error.fields.evaluatorIds).toBe(
      '请至少指定一名评审人员',
    );
    expect((await post({ evaluatorIds: [ids.street, ids.street] })).json().error.fields.evaluatorIds).toBe(
      '评审人员不能重复',
    );
    expect((await post({ title: '评' })).json().error.fields.title).toBe('请填写评价名称');
    const future = await post({ year: YEAR + 2 });
    expect(future.statusCode).toBe(422);
    expect(future.json().error.message).toBe('评价年度不能晚于今年');
    const outside = await post({ organizationIds: [orgA, '00000000-0000-4000-8000-000000000002'] });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().error.fields['organizationIds.1']).toBe('组织不存在或不在本轮评价区域内');
    const onlyListed = await post({ organizationIds: [listed] });
    expect(onlyListed.statusCode).toBe(422);
    expect(onlyListed.json().error.message).toBe('没有可参加本轮评价的组织');
    const otherDistrict = await post({ regionCode: '440306000000' });
    expect(otherDistrict.statusCode).toBe(403);
    expect((await post({}, street)).statusCode).toBe(403);
    const scheme = {
      ...defaultEvaluationScheme,
      dimensions: defaultEvaluationScheme.dimensions.map((d, i) => (i === 0 ? { ...d, weight: 12 } : d)),
    };
    const badScheme = await post({ scheme });
    expect(badScheme.statusCode).toBe(422);
    expect(badScheme.json().error.fields).toMatchObject({
      'scheme.dimensions.0.indicators': '“党建工作”的二级指标满分合计应为 12 分，当前为 10 分',
      'scheme.dimensions': '一级指标分值合计应为 100 分，当前为 102 分',
    });
    const cut = await post({ cutoffs: { excellent: 80, good: 85, qualified: 60 } });
    expect(cut.json().error.fields['cutoffs.good']).toBe('“良好”的分数线应低于“优秀”');
    const badId = await district.get('/api/v1/evaluation-rounds/not-a-uuid');
    expect(badId.statusCode).toBe(400);
    expect(
      (
        await district.post('/api/v1/evaluation-appeals/00000000-0000-4000-8000-000000000003/decision', {
          decision: 'reject',
          reason: '无',
          version: 1,
        })
      ).statusCode,
    ).toBe(404);
    expect(await auditCount()).toBe(before);
    const [{ n: after }] = await q<{ n: number }>('select count(*)::int as n from evaluation_rounds');
    expect(after).toBe(rounds);
  });

  it('a round with its own scheme and cut-offs scores with them', async () => {
    const scheme = {
      name: '简化方案',
      dimensions: [
        {
          code: 'a',
          name: '日常活动',
          weight: 60,
          indicators: [
            {
              code: 'a.count',
              name: '活动次数',
              maxScore: 30,
              source: 'computed',
              metric: 'activities_held',
              rule: { kind: 'linear', per: 1, cap: 30 },
            },
            { code: 'a.quality', name: '活动质量', maxScore: 30, source: 'manual' },
          ],
        },
        {
          code: 'b',
          name: '制度建设',
          weight: 40,
          indicators: [{ code: 'b.rules', name: '制度健全', maxScore: 40, source: 'manual' }],
        },
      ],
    };
    const r = await district.post('/api/v1/evaluation-rounds', {
      title: '简化方案评价',
      regionCode: D,
      year: YEAR,
      organizationIds: [orgB],
      evaluatorIds: [ids.street],
      scheme,
      cutoffs: { excellent: 85, good: 75, qualified: 50 },
      postingDays: 3,
    });
    expect(r.statusCode, r.body).toBe(201);
    round = r.json();
    await event(district, 'start');
    const s = await street.put(scoreUrl(orgB), { scores: { 'a.quality': 20, 'b.rules': 30 } });
    expect(s.statusCode, s.body).toBe(200);
    // indicators of the default scheme do not exist in this one
    expect(
      (await street.put(scoreUrl(orgB), { scores: { 'party.activities': 3 } })).json().error.fields[
        'scores.party.activities'
      ],
    ).toBe('评价方案中没有编码为“party.activities”的指标');
    await event(district, 'submit');
    expect((await event(district, 'publish')).statusCode).toBe(200);
    expect(round.postingEndsOn).toBe(addDays(today(), 2));
    const t = (await district.get(`${base()}/targets/${orgB}`)).json();
    const acts = (t.metrics as { metric: string; value: number }[]).find(
      (m) => m.metric === 'activities_held',
    )!;
    expect(t.metrics).toHaveLength(1);
    const total = Math.min(30, acts.value) + 20 + 30;
    expect(t.total).toBe(total);
    expect(t.levelLabel).toBe(evaluationLevel(total, { excellent: 85, good: 75, qualified: 50 }).label);
  });
});
