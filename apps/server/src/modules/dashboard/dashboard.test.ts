import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkbook, readSheet } from '../../lib/documents/excel';
import { type Agent, createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

type Community = {
  code: string;
  name: string;
  streetCode: string;
  streetName: string;
  count: number;
  target: number;
  meetsTarget: boolean;
  gap: number;
  lacks: string[];
};

const DISTRICT = '440305000000';

async function home(agent: Agent): Promise<{ code: string; level: number }> {
  return (await agent.get('/api/v1/auth/me')).json().homeRegion;
}

async function coverage(agent: Agent, regionCode?: string, extra = '') {
  const q = regionCode ? `?regionCode=${regionCode}${extra}` : extra ? `?${extra.slice(1)}` : '';
  return agent.get(`/api/v1/dashboard/coverage${q}`);
}

describe('coverage dashboard over HTTP', () => {
  it('shows the district every street of 南山区 as a child, with totals that leave exited organizations out', async () => {
    const district = await env.login('district');
    const res = await coverage(district);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.region).toMatchObject({ code: DISTRICT, name: '南山区', level: 3 });
    expect(d.region.path.map((p: { code: string }) => p.code)).toEqual([
      '440000000000',
      '440300000000',
      DISTRICT,
    ]);

    const streets = (await district.get(`/api/v1/regions/${DISTRICT}/children`)).json().items;
    expect(streets.length).toBeGreaterThan(1);
    expect(d.children.map((c: { code: string }) => c.code)).toEqual(
      streets.map((s: { code: string }) => s.code),
    );
    for (const c of d.children) {
      expect(c.level).toBe(4);
      expect(c.hubStreets === 0 || c.hubStreets === 1).toBe(true);
      expect(c.communitiesMeeting).toBeLessThanOrEqual(c.communities);
    }

    const [{ live, exited }] = await env.database.query<{ live: number; exited: number }>(
      `select count(*) filter (where status <> 'exited')::int as live, count(*) filter (where status = 'exited')::int as exited
         from organizations where region_code like '440305%'`,
    );
    expect(exited).toBeGreaterThan(0);
    expect(d.totals.organizations).toBe(live);
    expect(d.totals.byStatus.exited).toBe(exited);
    expect(d.totals.byTier.group + d.totals.byTier.filed + d.totals.byTier.registered).toBe(live);
    expect(
      d.children.reduce((n: number, c: { organizations: number }) => n + c.organizations, 0),
    ).toBeLessThanOrEqual(live);
    expect(d.totals.byCategory.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['公益慈善', '生活服务', '社区事务', '文体活动']),
    );
    expect(d.scheme).toMatchObject({ code: 'shenzhen', fivePlusX: false });
    expect(d.targets).toEqual({ urban: 15, rural: 5, hubStreetRatio: 0.85 });

    // every community of the district, small enough to come in one page
    const [{ n }] = await env.database.query<{ n: number }>(
      `select count(*)::int as n from regions where level = 5 and code like '440305%'`,
    );
    expect(d.communitiesTotal).toBe(n);
    expect(d.communities).toHaveLength(n);
    expect(d.belowTarget).toBe(d.communities.filter((c: Community) => !c.meetsTarget).length);
    expect(d.hub.streets).toBe(streets.length);
    expect(d.hub.ratio).toBeCloseTo(d.hub.streetsWithHub / d.hub.streets);
    expect(d.hub.meets).toBe(d.hub.ratio >= 0.85);

    const page2 = (await coverage(district, DISTRICT, '&page=2&pageSize=5')).json();
    expect(page2.communities.map((c: Community) => c.code)).toEqual(
      d.communities.slice(5, 10).map((c: Community) => c.code),
    );
    expect(page2.communitiesTotal).toBe(n);
  });

  it("gives the street officer their street's communities and nothing outside it", async () => {
    const street = await env.login('street');
    const street2 = await env.login('street2');
    const own = await home(street);
    const other = await home(street2);

    const res = await coverage(street);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.region.code).toBe(own.code);
    expect(d.region.level).toBe(4);
    const communities = (await street.get(`/api/v1/regions/${own.code}/children`)).json().items;
    expect(d.communities.map((c: Community) => c.code)).toEqual(
      communities.map((c: { code: string }) => c.code),
    );
    expect(d.children.map((c: { code: string }) => c.code)).toEqual(
      d.communities.map((c: Community) => c.code),
    );
    expect(d.communities.every((c: Community) => c.streetCode === own.code.slice(0, 9))).toBe(true);
    expect(d.hub.streets).toBe(1);

    for (const code of [other.code, DISTRICT, '440305999000', '110101000000']) {
      const r = await coverage(street, code);
      expect(r.statusCode, code).toBe(404);
      expect(r.json().error.code).toBe('not_found');
    }
    expect((await street.get(`/api/v1/dashboard/coverage/export?regionCode=${other.code}`)).statusCode).toBe(
      404,
    );
    expect((await coverage(street, '12345')).statusCode).toBe(400);
  });

  it('refuses the organization leader and anonymous callers; starts the administrator at the top', async () => {
    const leader = await env.login('leader');
    expect((await coverage(leader)).statusCode).toBe(403);
    expect((await leader.get('/api/v1/dashboard/coverage/export')).statusCode).toBe(403);
    expect((await env.anonymous.get('/api/v1/dashboard/coverage')).statusCode).toBe(401);

    const admin = await env.login('admin');
    const a = (await coverage(admin)).json();
    expect(a.region.code).toBe('440000000000');
    expect(a.children.map((c: { code: string }) => c.code)).toContain('440300000000');
    const shenzhen = a.children.find((c: { code: string }) => c.code === '440300000000');
    expect(shenzhen.streets).toBeGreaterThan(1);
    expect(shenzhen.hubStreets).toBeLessThanOrEqual(shenzhen.streets);

    const city = await env.login('city');
    const c = (await coverage(city)).json();
    expect(c.region.code).toBe('440300000000');
    expect(c.children.map((x: { code: string }) => x.code)).toContain(DISTRICT);
  });

  it('shows the demo community below target, and the gap closes by one when a new activity group is added', async () => {
    const community = await env.login('community');
    const own = await home(community);
    const res = await coverage(community);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.region).toMatchObject({ code: own.code, level: 5 });
    expect(d.children).toEqual([]);
    expect(d.communities).toHaveLength(1);
    const before: Community = d.communities[0];
    expect(before.code).toBe(own.code);
    expect(before.streetName).toBe(d.region.path.at(-2).name);
    expect(before.streetName).toMatch(/街道$/);
    expect(before.target).toBe(15);
    expect(before.meetsTarget).toBe(false);
    expect(before.gap).toBe(before.target - before.count);
    expect(before.gap).toBeGreaterThan(0);
    expect(before.lacks).toContain(`还差 ${before.gap} 个组织`);
    expect(d.belowTarget).toBe(1);

    // exited organizations do not count
    const [{ live }] = await env.database.query<{ live: number }>(
      `select count(*)::int as live from organizations where region_code = $1 and status <> 'exited'`,
      [own.code],
    );
    expect(before.count).toBe(live);
    expect(d.totals.organizations).toBe(live);
    expect(d.totals.byStatus.exited).toBeGreaterThan(0);

    const created = await community.post('/api/v1/organizations', {
      name: '看板测试书法兴趣小组',
      category: 'wenti',
      regionCode: own.code,
      businessScope: '组织居民练习书法，开展节日写春联活动',
      venue: '社区党群服务中心二楼活动室',
      leaderName: '刘明',
      leaderPhone: '13800138000',
    });
    expect(created.statusCode, created.body).toBe(201);

    const after: Community = (await coverage(community)).json().communities[0];
    expect(after.count).toBe(before.count + 1);
    expect(after.gap).toBe(before.gap - 1);
    expect(after.lacks).toContain(`还差 ${after.gap} 个组织`);

    // the street and district see the same community row
    const street = await env.login('street');
    const fromStreet = (await coverage(street))
      .json()
      .communities.find((c: Community) => c.code === own.code);
    expect(fromStreet).toMatchObject({ count: after.count, gap: after.gap, lacks: after.lacks });
  });

  it('exports an Excel workbook with the overview, the children and every community with its lacks', async () => {
    const district = await env.login('district');
    const res = await district.get(`/api/v1/dashboard/coverage/export?regionCode=${DISTRICT}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(res.headers['content-disposition']).toContain('attachment');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');

    const wb = await loadWorkbook(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '下级区域', '社区达标情况']);
    const overview = readSheet(wb.getWorksheet('概览')!);
    expect(overview.headers).toEqual(['指标', '数值']);
    expect(overview.rows.find((r) => r.values.指标 === '区划代码')?.values.数值).toBe(DISTRICT);

    const d = (await coverage(district)).json();
    const children = readSheet(wb.getWorksheet('下级区域')!);
    expect(children.headers).toEqual(expect.arrayContaining(['名称', '区划代码', '组织数', '达标率']));
    expect(children.rows.map((r) => r.values.名称)).toEqual(d.children.map((c: { name: string }) => c.name));

    const communities = readSheet(wb.getWorksheet('社区达标情况')!);
    expect(communities.headers).toEqual(
      expect.arrayContaining(['所属街道', '社区名称', '区划代码', '组织数', '目标', '差距说明', '文体活动']),
    );
    expect(communities.rows).toHaveLength(d.communitiesTotal);
    const community = await env.login('community');
    const own = await home(community);
    const row = communities.rows.find((r) => r.values.区划代码 === own.code);
    const mine = d.communities.find((c: Community) => c.code === own.code);
    expect(row?.values).toMatchObject({
      社区名称: mine.name,
      所属街道: mine.streetName,
      组织数: String(mine.count),
      是否达标: '否',
      差距说明: mine.lacks.join('；'),
    });
  });
});

describe('yearly filing report', () => {
  it('gives the street its year of filings and refuses other streets', async () => {
    const env = await createTestEnv();
    try {
      const street = await env.login('street');
      const home = (await street.get('/api/v1/auth/me')).json().homeRegion.code as string;
      const r = await street.get(`/api/v1/reports/filings?regionCode=${home}&year=2026`);
      expect(r.statusCode, r.body).toBe(200);
      const wb = await loadWorkbook(r.rawPayload);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '2026年备案名录']);
      const summary = wb.worksheets[0].getRow(2).values as unknown[];
      expect(summary).toContain(home);
      const [{ n }] = await env.database.query<{ n: number }>(
        `select count(*)::int as n from organizations where street_code = $1 and filed_on between '2026-01-01' and '2026-12-31'`,
        [home.slice(0, 9)],
      );
      expect(wb.worksheets[1].rowCount - 1).toBe(n);
      const street2 = await env.login('street2');
      expect((await street2.get(`/api/v1/reports/filings?regionCode=${home}`)).statusCode).toBe(404);
    } finally {
      await env.close();
    }
  });
});
