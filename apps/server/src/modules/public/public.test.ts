import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('public pages', () => {
  it('lists filed and registered organizations only, with the leader masked and no personal data', async () => {
    const r = await env.anonymous.get('/api/v1/public/organizations?pageSize=200');
    expect(r.statusCode).toBe(200);
    const { items, total } = r.json();
    expect(total).toBeGreaterThan(0);
    for (const o of items) {
      expect(['filed', 'registered']).toContain(o.tier);
      expect(o.leaderNameMasked).toMatch(/\*/);
      expect(o).not.toHaveProperty('leaderName');
      expect(o).not.toHaveProperty('leaderPhoneMasked');
    }
    const filters = (await env.anonymous.get('/api/v1/public/filters')).json();
    const street = filters.streets[0].code as string;
    const byStreet = (await env.anonymous.get(`/api/v1/public/organizations?streetCode=${street}`)).json();
    expect(
      byStreet.items.every((o: { streetName: string }) => o.streetName === filters.streets[0].name),
    ).toBe(true);
  });

  it('gives residents the streets of a district and the communities of a street, and nothing else', async () => {
    const streets = (await env.anonymous.get('/api/v1/public/regions/440305000000/children')).json().items;
    expect(streets.length).toBeGreaterThan(5);
    expect(streets.every((s: { level: number }) => s.level === 4)).toBe(true);
    const communities = (await env.anonymous.get(`/api/v1/public/regions/${streets[0].code}/children`)).json()
      .items;
    expect(communities.length).toBeGreaterThan(0);
    expect(communities[0]).toMatchObject({ level: 5, areaType: expect.stringMatching(/urban|rural/) });
    expect((await env.anonymous.get('/api/v1/public/regions/440000000000/children')).statusCode).toBe(404);
    expect(
      (await env.anonymous.get(`/api/v1/public/regions/${communities[0].code}/children`)).statusCode,
    ).toBe(404);
  });
});

describe('supervision results on the public pages', () => {
  it('discloses decided annual-report results and the credit lists an organization is on today', async () => {
    const list = (await env.anonymous.get('/api/v1/public/organizations?pageSize=200')).json().items as {
      id: string;
      creditList: string | null;
    }[];
    const [a, b] = list;
    await env.database.query(
      `insert into credit_listings (organization_id, region_code, list, cause, idem_key, entry, basis, reason, entered_on, left_on, leave_reason)
       select id, region_code, 'abnormal', 'annual_report_overdue', 'public-test:1', 'derived', '《社会组织信用信息管理办法》（民政部令第60号）', '未按照规定时限报送年度工作报告', current_date - 10, null::date, null::text from organizations where id = $1
       union all
       select id, region_code, 'abnormal', 'annual_report_overdue', 'public-test:2', 'derived', '《社会组织信用信息管理办法》（民政部令第60号）', '未按照规定时限报送年度工作报告', current_date - 300, current_date - 100, 'rectified' from organizations where id = $2`,
      [a.id, b.id],
    );
    await env.database.query(
      `insert into annual_reports (organization_id, report_year, tier, region_code, status, content, deadline, first_submitted_on, reviewed_at)
       select id, 2019, tier, region_code, 'basic_pass', '{}'::jsonb, '2020-03-31'::date, '2020-03-01'::date, '2020-04-10T03:00:00Z'::timestamptz from organizations where id = $1
       union all
       select id, 2018, tier, region_code, 'submitted', '{}'::jsonb, '2019-03-31'::date, '2019-03-01'::date, null::timestamptz from organizations where id = $1`,
      [a.id],
    );
    const again = (await env.anonymous.get('/api/v1/public/organizations?pageSize=200')).json().items as {
      id: string;
      creditList: string | null;
      creditListLabel: string | null;
    }[];
    expect(again.find((o) => o.id === a.id)).toMatchObject({
      creditList: 'abnormal',
      creditListLabel: '活动异常名录',
    });
    expect(again.find((o) => o.id === b.id)).toMatchObject({ creditList: null, creditListLabel: null });

    const d = (await env.anonymous.get(`/api/v1/public/organizations/${a.id}`)).json();
    expect(d.creditListings).toEqual([
      expect.objectContaining({ listLabel: '活动异常名录', causeLabel: '未按照规定时限报送年度工作报告' }),
    ]);
    // only decided results; a report still under review is not disclosed
    expect(d.annualReports.filter((r: { year: number }) => r.year < 2020)).toEqual([
      { year: 2019, status: 'basic_pass', resultLabel: '基本合格', reviewedOn: '2020-04-10' },
    ]);
    const other = (await env.anonymous.get(`/api/v1/public/organizations/${b.id}`)).json();
    expect(other.creditListings).toEqual([]);
    expect(JSON.stringify(d)).not.toMatch(/idem_key|public-test/);
  });
});
