import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, type TestEnv, type VolunteerAgent } from '../../test/harness';
import { lastMonths } from './volunteerStats.service';

let env: TestEnv;
let community: Agent;
let street: Agent;
let street2: Agent;
let district: Agent;
let leader: Agent;
let admin: Agent;
let C1: string;
let C1b: string;
let S1: string;
let D: string;
let leaderOrgId: string;
let orgB: string;
const vols: string[] = [];
let real: VolunteerAgent;

const q = <T = Record<string, unknown>>(sql: string, params?: unknown[]) =>
  env.database.query<T>(sql, params);
// biome-ignore lint/suspicious/noExplicitAny: the JSON of the API under test
type Overview = Record<string, any>;

let seq = 0;
async function volunteerRow(regionCode: string, status = 'active') {
  const k = ++seq;
  const [v] = await q<{ id: string }>(
    `insert into volunteers (volunteer_number, real_name, id_number_enc, id_number_hmac, id_number_masked, birth_date,
       sex, phone_enc, phone_masked, region_code, created_via, status)
     values ($1, '统计志愿者', 'x', $2, '440305********0000', '1990-01-01', 'male', 'x', '139****0000', $3, 'staff', $4)
     returning id`,
    [`VST-${k}`, `st-${k}-${randomUUID()}`, regionCode, status],
  );
  return v.id;
}

async function cloneOrg(regionCode: string, status = 'active') {
  const [o] = await q<{ id: string }>(
    `insert into organizations select (jsonb_populate_record(null::organizations, to_jsonb(t) || $2::jsonb)).* from organizations t
      where t.id = $1 returning id`,
    [
      leaderOrgId,
      JSON.stringify({
        id: randomUUID(),
        name: `统计测试组织${++seq}`,
        region_code: regionCode,
        street_code: regionCode.slice(0, 9),
        status,
        filing_number: null,
        uscc: null,
        is_hub: false,
      }),
    ],
  );
  return o.id;
}

async function record(
  volunteerId: string,
  org: string,
  regionCode: string,
  date: string,
  minutes: number,
  source = 'checkin',
) {
  await q(
    `insert into service_records (volunteer_id, organization_id, region_code, category, title, content, place, started_at,
       ended_at, service_date, minutes, source, organizer_name, recorder_name)
     values ($1, $2, $3, 'elderly', '统计测试活动', '陪伴老人', '社区活动室', $4, $5, $6, $7, $8, '统计测试组织', '记录员甲')`,
    [
      volunteerId,
      org,
      regionCode,
      `${date}T01:00:00Z`,
      new Date(new Date(`${date}T01:00:00Z`).getTime() + minutes * 60_000).toISOString(),
      date,
      minutes,
      source,
    ],
  );
  // the per-organization year rollup, as recordService keeps it
  await q(
    `insert into volunteer_org_year (organization_id, volunteer_id, year, minutes, records) values ($1, $2, $3, $4, 1)
     on conflict (organization_id, year, volunteer_id)
     do update set minutes = volunteer_org_year.minutes + excluded.minutes, records = volunteer_org_year.records + 1`,
    [org, volunteerId, Number(date.slice(0, 4)), minutes],
  );
}

const overview = async (agent: Agent, code?: string): Promise<Overview> => {
  const res = await agent.get(`/api/v1/volunteer-stats/overview${code ? `?regionCode=${code}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const child = (o: Overview, code: string) => o.children.find((c: { code: string }) => c.code === code);

let before: Overview;

beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set(new Date('2026-11-23T04:00:00Z'));
  [community, street, street2, district, leader, admin] = await Promise.all(
    ['community', 'street', 'street2', 'district', 'leader', 'admin'].map((u) => env.login(u)),
  );
  const me = async (a: Agent) => (await a.get('/api/v1/auth/me')).json();
  C1 = (await me(community)).homeRegion.code;
  S1 = (await me(street)).homeRegion.code;
  D = (await me(district)).homeRegion.code;
  leaderOrgId = (await me(leader)).grants[0].organizationId;
  [{ code: C1b }] = await q<{ code: string }>(
    'select code from regions where parent_code = $1 and code <> $2 order by code limit 1',
    [S1, C1],
  );
  before = await overview(street, S1);

  // volunteers: three active, one inactive (not counted) in C1b
  for (let i = 0; i < 3; i++) vols.push(await volunteerRow(C1b));
  const inactive = await volunteerRow(C1b, 'inactive');
  real = await env.volunteer({ regionCode: C1b, realName: '赵国庆' });
  vols.push(real.volunteerId);

  // stars: lifetime minutes 0 h, 100 h (一星), 1600 h (五星); the inactive volunteer does not count
  await q(
    `insert into volunteer_totals (volunteer_id, minutes, records) values ($1, 0, 0), ($2, 6000, 10), ($3, 96000, 100), ($4, 6000, 5)`,
    [vols[0], vols[1], vols[2], inactive],
  );

  // volunteer organizations: one with a team, one with a published activity; a draft-only and an exited one do not count
  orgB = await cloneOrg(C1b);
  const orgWithActivity = await cloneOrg(C1b);
  const draftOnly = await cloneOrg(C1b);
  const exited = await cloneOrg(C1b, 'exited');
  const [team] = await q<{ id: string }>(
    `insert into volunteer_teams (organization_id, name, region_code) values ($1, '统计测试服务队', $2) returning id`,
    [orgB, C1b],
  );
  await q(
    `insert into volunteer_teams (organization_id, name, region_code) values ($1, '已退出组织的队', $2)`,
    [exited, C1b],
  );
  for (const [org, status] of [
    [orgWithActivity, 'published'],
    [draftOnly, 'draft'],
  ])
    await q(
      `insert into service_activities (organization_id, region_code, title, content, category, place, starts_at, ends_at,
         wanted, signup_opens_at, signup_closes_at, status)
       values ($1, $2, '统计活动', '内容', 'elderly', '社区', now(), now() + interval '2 hours', 5, now() - interval '1 day', now(), $3)`,
      [org, C1b, status],
    );
  // team members: two approved, one only requested
  await q(
    `insert into team_memberships (team_id, volunteer_id, state) values ($1, $2, 'approved'), ($1, $3, 'approved'), ($1, $4, 'requested')`,
    [team.id, vols[0], vols[1], vols[2]],
  );
  // records: count for the team only at its organization, by approved members, this year
  await record(vols[0], orgB, C1b, '2026-03-05', 60_000);
  await record(vols[1], orgB, C1b, '2026-11-01', 40_000, 'backfill');
  await record(vols[1], orgB, C1b, '2025-06-01', 999_000); // last year
  await record(vols[2], orgB, C1b, '2026-04-01', 500_000); // not an approved member
  await record(vols[0], leaderOrgId, C1b, '2026-04-02', 700_000); // another organization
  await record(real.volunteerId, orgB, C1b, '2026-05-05', 150);

  // monthly statistics (kept by the records module; written directly here)
  await q(
    `insert into service_monthly (region_code, month, category, organization_id, minutes, records) values
       ($1, '2026-03', 'elderly', $2, 600, 3), ($1, '2026-11', 'environment', $2, 90, 1),
       ($1, '2025-12', 'elderly', $2, 120, 1), ($1, '2025-10', 'elderly', $2, 6000, 9)`,
    [C1b, orgB],
  );

  // resident population: C1b 400 people; C1 unknown → the street sums what is known
  await q('update regions set population = null where code between $1 and $2', [
    `${S1.slice(0, 9)}000`,
    `${S1.slice(0, 9)}999`,
  ]);
  await q('update regions set population = 400 where code = $1', [C1b]);
}, 180_000);
afterAll(async () => env?.close());

describe('volunteer statistics overview', () => {
  it('counts active volunteers and volunteer organizations against the population and targets', async () => {
    const o = await overview(street, S1);
    expect(o.region.code).toBe(S1);
    expect(o.targets).toMatchObject({
      volunteerRatio: 0.13,
      orgPerResident: 0.0005,
      volunteerRatioText: '13.0%',
      orgPerResidentText: '0.05%',
    });
    const [{ n: vC1b }] = await q<{ n: number }>(
      `select count(*)::int as n from volunteers where region_code = $1 and status = 'active'`,
      [C1b],
    );
    const c = child(o, C1b);
    expect(c.volunteers).toBe(vC1b);
    expect(c.volunteers).toBe((child(before, C1b)?.volunteers ?? 0) + 4);
    expect(c.population).toBe(400);
    expect(c.volunteerRatio).toBeCloseTo(vC1b / 400, 10);
    // 13 % of 400 = 52
    expect(c.volunteerMeets).toBe(vC1b >= 52);
    expect(c.volunteerGap).toBe(Math.max(0, 52 - vC1b));
    expect(c.volunteerOrganizations).toBe((child(before, C1b)?.volunteerOrganizations ?? 0) + 2);
    // 0.05 % of 400 → 1 organization
    expect(c.orgMeets).toBe(true);
    // C1 has no population figure: neither met nor below
    const c1 = child(o, C1);
    expect(c1).toMatchObject({
      population: null,
      volunteerMeets: null,
      volunteerBelowTarget: false,
      volunteerRatioText: '—',
    });
    expect(o.totals.population).toBe(400);
    expect(o.totals.volunteers).toBe(before.totals.volunteers + 4);
    expect(o.totals.volunteers).toBe(
      o.children.reduce((s: number, x: { volunteers: number }) => s + x.volunteers, 0),
    );
    expect(o.childrenBelowTarget.volunteers).toBe(c.volunteerBelowTarget ? 1 : 0);
  });

  it('hours by month (last 12), by category and by child region this year come from the monthly table', async () => {
    const o = await overview(street, S1);
    expect(o.months.map((m: { month: string }) => m.month)).toEqual(lastMonths('2026-11'));
    const delta = (month: string) =>
      o.months.find((m: { month: string }) => m.month === month).minutes -
      before.months.find((m: { month: string }) => m.month === month).minutes;
    expect(delta('2026-03')).toBe(600);
    expect(delta('2026-11')).toBe(90);
    expect(delta('2025-12')).toBe(120);
    expect(o.months.some((m: { month: string }) => m.month === '2025-10')).toBe(false);
    const cat = (x: Overview, k: string) =>
      x.categories.find((c: { category: string }) => c.category === k)?.minutes ?? 0;
    expect(cat(o, 'elderly') - cat(before, 'elderly')).toBe(600);
    expect(cat(o, 'environment') - cat(before, 'environment')).toBe(90);
    expect(o.categories.find((c: { category: string }) => c.category === 'environment').label).toBe(
      '环境保护',
    );
    expect(child(o, C1b).minutesThisYear - (child(before, C1b)?.minutesThisYear ?? 0)).toBe(690);
    expect(o.totals.minutesThisYear - before.totals.minutesThisYear).toBe(690);
  });

  it('star distribution is bucketed in SQL from lifetime totals; volunteers without hours are 未评星', async () => {
    const o = await overview(street, S1);
    const lvl = (x: Overview, l: number) =>
      x.stars.levels.find((s: { level: number }) => s.level === l).count;
    expect(o.stars.levels.map((s: { label: string }) => s.label)).toEqual([
      '未评星',
      '一星',
      '二星',
      '三星',
      '四星',
      '五星',
    ]);
    expect(lvl(o, 0) - lvl(before, 0)).toBe(2); // 0 minutes, and the resident without a totals row
    expect(lvl(o, 1) - lvl(before, 1)).toBe(1);
    expect(lvl(o, 5) - lvl(before, 5)).toBe(1);
    expect(o.stars.levels.reduce((s: number, x: { count: number }) => s + x.count, 0)).toBe(
      o.totals.volunteers,
    );
  });

  it('top teams: hours at the team’s organization by approved members, this year', async () => {
    const o = await overview(street, S1);
    const t = o.topTeams.find((x: { name: string }) => x.name === '统计测试服务队');
    expect(t).toMatchObject({ members: 2, minutes: 100_000 });
    expect(o.topTeams[0].name).toBe('统计测试服务队');
    expect(o.topTeams.length).toBeLessThanOrEqual(10);
  });

  it('drills down district → street → community; reads the configured targets', async () => {
    const d = await overview(district, D);
    expect(child(d, S1).volunteers).toBe((await overview(street, S1)).totals.volunteers);
    const leaf = await overview(street, C1b);
    expect(leaf.children).toEqual([]);
    expect(leaf.totals.population).toBe(400);
    expect((await overview(street)).region.code).toBe(S1); // home region by default
    await q(
      `insert into settings (key, value) values ('volunteerTargets', $1::jsonb)
         on conflict (key) do update set value = excluded.value`,
      [JSON.stringify({ volunteerRatio: 0.001, orgPerResident: 0.5 })],
    );
    const o = await overview(street, S1);
    expect(o.targets.volunteerRatio).toBe(0.001);
    expect(child(o, C1b)).toMatchObject({ volunteerMeets: true, orgMeets: false, orgBelowTarget: true });
    await q(`delete from settings where key = 'volunteerTargets'`);
  });

  it('denies outside the scope and without dashboard.read', async () => {
    expect((await street2.get(`/api/v1/volunteer-stats/overview?regionCode=${S1}`)).statusCode).toBe(404);
    expect((await community.get(`/api/v1/volunteer-stats/overview?regionCode=${S1}`)).statusCode).toBe(404);
    expect((await leader.get('/api/v1/volunteer-stats/overview')).statusCode).toBe(403);
    expect((await env.anonymous.get('/api/v1/volunteer-stats/overview')).statusCode).toBe(401);
    const bad = await street.get('/api/v1/volunteer-stats/overview?regionCode=12');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await street2.get(`/api/v1/volunteer-stats/export?regionCode=${S1}`)).statusCode).toBe(404);
  });

  it('exports the dashboard as six sheets', async () => {
    const res = await street.get(`/api/v1/volunteer-stats/export?regionCode=${S1}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '概览',
      '下级区域',
      '月度时长',
      '类别',
      '星级',
      '团队',
    ]);
    const rows = wb.getWorksheet('下级区域')!.getSheetValues() as unknown[][];
    const row = rows.find((r) => Array.isArray(r) && r[2] === C1b)!;
    expect(row[3]).toBe(400);
    expect(wb.getWorksheet('团队')!.getRow(2).getCell(2).value).toBe('统计测试服务队');
  });
});

describe('national-system records export', () => {
  const url = (o: Record<string, string>) =>
    `/api/v1/service-records/national-export?${new URLSearchParams(o)}`;
  const read = async (buf: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return rows;
  };
  const revealAudits = async () =>
    (
      await q<{ n: number }>(
        `select count(*)::int as n from audit_log where action = 'service_records.national_export_revealed'`,
      )
    )[0].n;

  it('writes the national columns, masked ID numbers, 签到/补录, Shanghai times', async () => {
    const res = await street.get(url({ from: '2026-01-01', to: '2026-12-31', regionCode: C1b }));
    expect(res.statusCode, res.body).toBe(200);
    const rows = await read(res.rawPayload);
    expect(rows[0]).toEqual([
      '志愿者姓名',
      '证件类型',
      '证件号码',
      '志愿者编号',
      '活动名称',
      '服务内容',
      '服务类别',
      '服务开始时间',
      '服务结束时间',
      '服务时长（小时）',
      '服务地点',
      '记录单位',
      '记录人',
      '记录时间',
      '时长来源',
    ]);
    const [{ n }] = await q<{ n: number }>(
      `select count(*)::int as n from service_records where region_code = $1 and status = 'valid' and service_date between '2026-01-01' and '2026-12-31'`,
      [C1b],
    );
    expect(rows.length - 1).toBe(n);
    const mine = rows.find((r) => r[0] === '赵国庆')!;
    expect(mine[1]).toBe('居民身份证');
    expect(mine[2]).not.toBe(real.idNumber);
    expect(String(mine[2])).toContain('*');
    expect(mine[3]).toBe(real.volunteerNumber);
    expect(mine[6]).toBe('助老');
    expect(mine[7]).toBe('2026-05-05 09:00'); // 01:00 UTC
    expect(mine[9]).toBe(2.5);
    expect(mine[14]).toBe('签到');
    expect(rows.some((r) => r[14] === '补录')).toBe(true);
    // nothing from last year
    expect(rows.some((r) => r[9] === 999_000 / 60)).toBe(false);
  });

  it('reveals full ID numbers only with pii.reveal, audited', async () => {
    const audits = await revealAudits();
    const denied = await community.get(url({ from: '2026-01-01', to: '2026-12-31', reveal: 'true' }));
    expect(denied.statusCode).toBe(403);
    expect(await revealAudits()).toBe(audits);
    const res = await street.get(
      url({ from: '2026-01-01', to: '2026-12-31', regionCode: C1b, reveal: 'true' }),
    );
    expect(res.statusCode).toBe(200);
    const rows = await read(res.rawPayload);
    expect(rows.find((r) => r[0] === '赵国庆')![2]).toBe(real.idNumber);
    expect(await revealAudits()).toBe(audits + 1);
  });

  it('scopes the rows: 404 outside, a leader gets their organization’s records, bad periods are refused', async () => {
    expect(
      (await street2.get(url({ from: '2026-01-01', to: '2026-12-31', regionCode: C1b }))).statusCode,
    ).toBe(404);
    const reversed = await street.get(url({ from: '2026-12-31', to: '2026-01-01' }));
    expect(reversed.statusCode).toBe(422);
    const bad = await street.get(url({ from: '2026-02-30', to: '2026-12-31' }));
    expect(bad.statusCode).toBe(400);
    const res = await leader.get(url({ from: '2026-01-01', to: '2026-12-31' }));
    expect(res.statusCode).toBe(200);
    const rows = await read(res.rawPayload);
    const [{ n }] = await q<{ n: number }>(
      `select count(*)::int as n from service_records where organization_id = $1 and status = 'valid' and service_date between '2026-01-01' and '2026-12-31'`,
      [leaderOrgId],
    );
    expect(rows.length - 1).toBe(n);
    expect(n).toBeGreaterThan(0);
    expect((await leader.get(url({ from: '2026-01-01', to: '2026-12-31', reveal: 'true' }))).statusCode).toBe(
      403,
    );
    const all = await admin.get(url({ from: '2026-01-01', to: '2026-12-31' }));
    expect(all.statusCode).toBe(200);
  });
});
