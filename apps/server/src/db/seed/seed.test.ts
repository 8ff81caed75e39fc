import { filingFlow, isIdNumber, isUscc } from '@linli/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAudit, verifyAuditChain } from '../../lib/audit';
import { createPii, verifyPassword } from '../../lib/crypto';
import { type Database, openDatabase } from '../client';
import { seedDemo } from './demo';
import { loadRegions, parseCsvLine, resolveRegionSelector } from './regions';
import { DEMO_RESIDENT_ID } from './volunteers';

const clock = { now: () => new Date('2026-05-20T02:00:00Z') };
const pii = createPii('test-secret-for-the-demo-seed-0123456789');
const ID_PATTERN = /\d{17}[\dX]/;

describe('parseCsvLine', () => {
  it('splits quoted and plain fields', () => {
    expect(parseCsvLine('440305001001,"南头城社区居委会",440305001,44')).toEqual([
      '440305001001',
      '南头城社区居委会',
      '440305001',
      '44',
    ]);
    expect(parseCsvLine('1,"a ""b"", c",2')).toEqual(['1', 'a "b", c', '2']);
  });
});

describe('resolveRegionSelector', () => {
  it('accepts codes of every length and qualified names', async () => {
    expect(await resolveRegionSelector('440305')).toEqual({ prefix: '440305', level: 3 });
    expect(await resolveRegionSelector('440305001000')).toEqual({ prefix: '440305001', level: 4 });
    expect(await resolveRegionSelector('440300000000')).toEqual({ prefix: '4403', level: 2 });
    expect(await resolveRegionSelector('深圳市')).toEqual({ prefix: '4403', level: 2 });
    expect(await resolveRegionSelector('深圳市南山区')).toEqual({ prefix: '440305', level: 3 });
    expect(await resolveRegionSelector('南头街道')).toEqual({ prefix: '440305001', level: 4 });
  });
  it('lists the candidates of an ambiguous name', async () => {
    await expect(resolveRegionSelector('南山区')).rejects.toThrow(/230404000000.*440305000000/);
  });
  it('rejects unknown names and malformed codes', async () => {
    await expect(resolveRegionSelector('不存在的区')).rejects.toThrow(/未找到/);
    await expect(resolveRegionSelector('44030')).rejects.toThrow(/代码/);
  });
});

describe('loadRegions and seedDemo', () => {
  let database: Database;
  let accounts: { username: string; role: string; scope: string }[];
  let seedMs = 0;

  beforeAll(async () => {
    database = await openDatabase({ memory: true });
    await database.migrate();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('loads 南山区 with its real streets and communities', async () => {
    const { count } = await loadRegions(database, '440305');
    const levels = await database.query<{ level: number; n: number; typed: number }>(
      'select level, count(*)::int as n, count(area_type)::int as typed from regions group by level order by level',
    );
    expect(levels.map((l) => [l.level, l.n])).toEqual([
      [1, 1],
      [2, 1],
      [3, 1],
      [4, 9],
      [5, 108],
    ]);
    expect(count).toBe(120);
    const communities = levels.find((l) => l.level === 5)!;
    expect(communities.n).toBeGreaterThan(50);
    expect(communities.typed).toBe(communities.n);
    const named = await database.query<{ code: string; name: string; level: number; parent_code: string }>(
      `select code, name, level, parent_code from regions where code in ('440305001000', '440305007000', '440305001001', '440300000000') order by code`,
    );
    expect(named).toEqual([
      { code: '440300000000', name: '深圳市', level: 2, parent_code: '440000000000' },
      { code: '440305001000', name: '南头街道', level: 4, parent_code: '440305000000' },
      { code: '440305001001', name: '南头城社区居委会', level: 5, parent_code: '440305001000' },
      { code: '440305007000', name: '粤海街道', level: 4, parent_code: '440305000000' },
    ]);
  });

  it('resolves an ambiguous name to the region already loaded, and is idempotent', async () => {
    const before = await database.query<{ n: number }>('select count(*)::int as n from regions');
    expect(await loadRegions(database, '南山区')).toEqual({ count: 120 });
    const after = await database.query<{ n: number }>('select count(*)::int as n from regions');
    expect(after[0].n).toBe(before[0].n);
    await expect(loadRegions(database, '不存在区')).rejects.toThrow(/未找到行政区划/);
  });

  it('seeds the demo', async () => {
    const t = Date.now();
    ({ accounts } = await seedDemo({
      database,
      pii,
      audit: createAudit({ clock }),
      clock,
      password: 'demo-password-1',
    }));
    seedMs = Date.now() - t;
    // a guard against pathological slowness (e.g. a per-row round trip), not a benchmark
    expect(seedMs).toBeLessThan(45_000);
    expect(accounts.map((a) => [a.username, a.role])).toEqual([
      ['admin', 'admin'],
      ['city', 'city_officer'],
      ['district', 'district_officer'],
      ['street', 'street_officer'],
      ['community', 'community_staff'],
      ['leader', 'org_leader'],
      ['street2', 'street_officer'],
      [DEMO_RESIDENT_ID, '志愿者（H5 /m/login 身份证号登录）'],
    ]);
    await expect(
      seedDemo({ database, pii, audit: createAudit({ clock }), clock, password: 'demo-password-1' }),
    ).rejects.toThrow(/not empty/);
  });

  it('gives every account its grant and the password', async () => {
    const rows = await database.query<{
      username: string;
      password_hash: string;
      role: string;
      region_code: string | null;
      organization_id: string | null;
    }>(
      'select u.username, u.password_hash, g.role, g.region_code, g.organization_id from users u join grants g on g.user_id = u.id order by u.username',
    );
    const by = Object.fromEntries(rows.map((r) => [r.username, r]));
    expect(by.city.region_code).toBe('440300000000');
    expect(by.district.region_code).toBe('440305000000');
    expect(by.street.region_code).toBe('440305001000');
    expect(by.street2.region_code).toBe('440305002000');
    expect(by.community.region_code).toBe('440305001001');
    expect(await verifyPassword('demo-password-1', by.admin.password_hash)).toBe(true);
    const [org] = await database.query<{ tier: string; status: string; region_code: string }>(
      'select tier, status, region_code from organizations where id = $1',
      [by.leader.organization_id],
    );
    expect(org).toEqual({ tier: 'filed', status: 'active', region_code: '440305001001' });
  });

  it('spreads ~300 organizations over every street, tier and category', async () => {
    const [totals] = await database.query<{ n: number; streets: number; communities: number }>(
      'select count(*)::int as n, count(distinct street_code)::int as streets, count(distinct region_code)::int as communities from organizations',
    );
    expect(totals.n).toBeGreaterThanOrEqual(280);
    expect(totals.n).toBeLessThanOrEqual(320);
    expect(totals.streets).toBe(9);
    expect(totals.communities).toBeGreaterThan(80);
    const tiers = await database.query<{ tier: string; n: number }>(
      'select tier, count(*)::int as n from organizations group by tier',
    );
    const share = (t: string) => (tiers.find((x) => x.tier === t)?.n ?? 0) / totals.n;
    expect(share('group')).toBeGreaterThan(0.45);
    expect(share('filed')).toBeGreaterThan(0.25);
    expect(share('registered')).toBeGreaterThan(0.05);
    const cats = await database.query<{ category: string }>(
      'select distinct category from organizations order by 1',
    );
    expect(cats.map((c) => c.category)).toEqual(['gongyi', 'shenghuo', 'shiwu', 'wenti']);
    const statuses = await database.query<{ status: string }>(
      'select distinct status from organizations order by 1',
    );
    expect(statuses.map((s) => s.status)).toEqual(['active', 'dormant', 'exited', 'exiting']);
    const [hubs] = await database.query<{ streets: number }>(
      'select count(distinct street_code)::int as streets from organizations where is_hub',
    );
    expect(hubs.streets).toBeGreaterThanOrEqual(5);
    expect(hubs.streets).toBeLessThan(9);
  });

  it('keeps live names unique per street and the members consistent', async () => {
    const dupes = await database.query(
      `select street_code, name from organizations where status <> 'exited' group by 1, 2 having count(*) > 1`,
    );
    expect(dupes).toEqual([]);
    const wrong = await database.query(
      `select o.id from organizations o
         left join organization_members m on m.organization_id = o.id and m.left_on is null
        group by o.id, o.member_count having count(m.id) <> o.member_count or o.member_count < 3 or o.member_count > 25`,
    );
    expect(wrong).toEqual([]);
    const revisions = await database.query<{ n: number }>(
      `select count(*)::int as n from organizations o join organization_revisions r on r.organization_id = o.id and r.version = 1 and r.cause = 'created'`,
    );
    const [orgs] = await database.query<{ n: number }>('select count(*)::int as n from organizations');
    expect(revisions[0].n).toBe(orgs.n);
  });

  it('stores personal data only encrypted', async () => {
    const orgs = await database.query<Record<string, string | null>>('select * from organizations');
    for (const o of orgs) {
      expect(o.leader_id_enc).not.toMatch(ID_PATTERN);
      const id = pii.decrypt(o.leader_id_enc!);
      expect(isIdNumber(id, { today: '2026-05-20' })).toBe(true);
      expect(id.slice(0, 4)).toBe('4403');
      expect(o.leader_id_hmac).toBe(pii.blindIndex(id));
      expect(o.leader_id_masked).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
      expect(pii.decrypt(o.leader_phone_enc!)).toMatch(/^1[3-9]\d{9}$/);
      for (const [k, v] of Object.entries(o)) {
        if (k.endsWith('_enc') || k.endsWith('_hmac') || typeof v !== 'string') continue;
        expect(v, k).not.toMatch(ID_PATTERN);
        expect(v, k).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
      }
    }
    const [plainPhones] = await database.query<{ n: number }>(
      `select count(*)::int as n from organization_members where phone_masked !~ '^1\\d\\d\\*{4}\\d{4}$'`,
    );
    expect(plainPhones.n).toBe(0);
    const snapshots = await database.query<{ s: string }>(
      'select snapshot::text as s from organization_revisions',
    );
    for (const { s } of snapshots) {
      expect(s).not.toMatch(/Enc"|Hmac"/);
      expect(s).not.toMatch(ID_PATTERN);
    }
    const forms = await database.query<{ f: Record<string, unknown> }>(
      `select form as f from applications where kind = 'filing'`,
    );
    for (const { f } of forms) {
      expect(isIdNumber(pii.decrypt(f.leaderIdEnc as string), { today: '2026-05-20' })).toBe(true);
      const { leaderIdEnc: _a, leaderPhoneEnc: _b, ...rest } = f;
      expect(JSON.stringify(rest)).not.toMatch(ID_PATTERN);
    }
  });

  it('gives filed organizations numbers, certificates and matching counters; registered ones a USCC', async () => {
    const filed = await database.query<{
      filing_number: string | null;
      filed_on: string | null;
      cert: string | null;
    }>(
      `select o.filing_number, o.filed_on::text, c.number as cert from organizations o
         left join certificates c on c.organization_id = o.id where o.tier = 'filed'`,
    );
    for (const f of filed) {
      expect(f.filing_number).toMatch(/^备440305\d{3}-20\d\d-\d{4}$/);
      expect(f.cert).toBe(f.filing_number);
      expect(f.filed_on).not.toBeNull();
    }
    const counters = await database.query<{ ok: boolean }>(
      `select c.last_seq = max(substr(o.filing_number, 17)::int) as ok
         from filing_counters c join organizations o
           on o.street_code = c.street_code and substr(o.filing_number, 12, 4)::int = c.year
        group by c.street_code, c.year, c.last_seq`,
    );
    expect(counters.length).toBeGreaterThan(5);
    expect(counters.every((c) => c.ok)).toBe(true);
    const registered = await database.query<{ uscc: string; registered_on: string | null }>(
      `select uscc, registered_on::text from organizations where tier = 'registered'`,
    );
    for (const r of registered) {
      expect(isUscc(r.uscc)).toBe(true);
      expect(r.uscc.slice(0, 8)).toMatch(/^5[12]440305$/);
      expect(r.registered_on).not.toBeNull();
    }
    const [p] = await database.query<{ particulars: Record<string, unknown> }>(
      'select particulars from certificates limit 1',
    );
    expect(Object.keys(p.particulars).sort()).toEqual(
      [
        'businessScope',
        'category',
        'categoryName',
        'communityName',
        'filedOn',
        'leaderNameMasked',
        'name',
        'streetName',
        'tier',
        'venue',
      ].sort(),
    );
    expect(p.particulars.leaderNameMasked).toMatch(/^.\*+$/);
  });

  it('has applications in every state of the filing flow, with inbox work for the demo accounts', async () => {
    const states = await database.query<{ state: string; n: number }>(
      `select state, count(*)::int as n from applications where kind = 'filing' group by state`,
    );
    expect(states.map((s) => s.state).sort()).toEqual(Object.keys(filingFlow).sort());
    const [linked] = await database.query<{ bad: number }>(
      `select count(*)::int as bad from applications a left join certificates c on c.application_id = a.id
        where a.kind = 'filing' and a.state = 'filed' and (a.organization_id is null or c.number is null)`,
    );
    expect(linked.bad).toBe(0);
    const [returned] = await database.query<{ n: number }>(
      `select count(*)::int as n from applications a join application_steps s on s.application_id = a.id
        where a.state = 'returned' and s.to_state = 'returned' and s.reason is not null`,
    );
    expect(returned.n).toBeGreaterThan(0);
    const inbox = await database.query<{ state: string; n: number }>(
      `select state, count(*)::int as n from applications
        where (state = 'community_review' and region_code = '440305001001')
           or (state = 'street_review' and region_code like '440305001%') group by state`,
    );
    expect(inbox.find((i) => i.state === 'community_review')?.n).toBeGreaterThanOrEqual(2);
    expect(inbox.find((i) => i.state === 'street_review')?.n).toBeGreaterThanOrEqual(2);
    const kinds = await database.query<{ kind: string }>('select distinct kind from applications order by 1');
    expect(kinds.map((k) => k.kind)).toEqual(['change', 'filing', 'registration']);
    const [versions] = await database.query<{ bad: number }>(
      `select count(*)::int as bad from applications a
        where a.version <> 1 + (select count(*) from application_steps s where s.application_id = a.id)`,
    );
    expect(versions.bad).toBe(0);
  });

  it('keeps the demo community below its target and audits the seed', async () => {
    const [demo] = await database.query<{ n: number }>(
      `select count(*)::int as n from organizations where region_code = '440305001001' and status <> 'exited'`,
    );
    expect(demo.n).toBeGreaterThanOrEqual(8);
    expect(demo.n).toBeLessThan(15);
    const settings = await database.query<{ key: string; value: unknown }>(
      'select key, value from settings order by key',
    );
    expect(settings).toEqual([
      { key: 'category_scheme', value: 'shenzhen' },
      { key: 'coverage_targets', value: { urban: 15, rural: 5, hubStreetRatio: 0.85 } },
    ]);
    const cats = await database.query<{ n: number }>(
      `select count(*)::int as n from categories where scheme_code = 'shenzhen'`,
    );
    expect(cats[0].n).toBe(4);
    const entries = await database.query<{ action: string; entity_type: string; entity_id: string }>(
      'select action, entity_type, entity_id from audit_log',
    );
    expect(entries).toEqual([{ action: 'seed.demo', entity_type: 'system', entity_id: 'demo' }]);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
    const [groups] = await database.query<{ bad: number }>(
      `select count(*)::int as bad from organizations o where o.tier = 'group'
          and not exists (select 1 from ledger_activities l where l.organization_id = o.id)`,
    );
    expect(groups.bad).toBe(0);
  });
  it('seeds volunteers, a year of service records and the derived totals consistently', async () => {
    const [c] = await database.query<{
      v: number;
      local: number;
      r: number;
      b: number;
      acts: number;
      upcoming: number;
    }>(
      `select (select count(*)::int from volunteers) as v,
              (select count(*)::int from volunteers where region_code = '440305001001') as local,
              (select count(*)::int from service_records) as r,
              (select count(*)::int from service_records where source = 'backfill') as b,
              (select count(*)::int from service_activities) as acts,
              (select count(*)::int from service_activities where starts_at > $1) as upcoming`,
      [clock.now()],
    );
    expect(c.v).toBeGreaterThan(300);
    expect(c.local).toBeGreaterThanOrEqual(80);
    expect(c.r).toBeGreaterThan(100);
    expect(c.b).toBeGreaterThan(0);
    expect(c.upcoming).toBeGreaterThan(0);
    // totals, monthly statistics and balances agree with the rows they summarize
    const [bad] = await database.query<{
      totals: number;
      monthly: number;
      balances: number;
      ledger: number;
      orgYears: number;
    }>(
      `select
         (select count(*)::int from volunteer_totals t where t.minutes <> (select sum(minutes) from service_records r where r.volunteer_id = t.volunteer_id and r.status = 'valid')
            or t.minutes <> t.checkin_minutes + t.backfill_minutes) as totals,
         (select count(*)::int from (select region_code, sum(minutes) m from service_monthly group by 1) s
            where s.m <> (select sum(minutes) from service_records r where r.region_code = s.region_code)) as monthly,
         (select count(*)::int from point_balances b where b.balance <> (select sum(points) from point_entries e where e.volunteer_id = b.volunteer_id) or b.balance < 0) as balances,
         (select count(*)::int from point_entries e where e.idem_key is null or e.points <= 0) as ledger,
         (select count(*)::int from (select organization_id, volunteer_id, sum(minutes) m from volunteer_org_year group by 1, 2) y
            where y.m <> (select sum(minutes) from service_records r where r.organization_id = y.organization_id
                            and r.volunteer_id = y.volunteer_id and r.status = 'valid')) as "orgYears"`,
    );
    expect(bad).toEqual({ totals: 0, monthly: 0, balances: 0, ledger: 0, orgYears: 0 });
    // personal data encrypted, the resident account signs in with the demo password
    const vols = await database.query<{ id_number_enc: string; phone_enc: string; id_number_masked: string }>(
      'select id_number_enc, phone_enc, id_number_masked from volunteers',
    );
    for (const v of vols) {
      expect(v.id_number_enc).not.toMatch(ID_PATTERN);
      expect(v.phone_enc).not.toMatch(/1\d{10}/);
      expect(v.id_number_masked).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    }
    const [resident] = await database.query<{
      password_hash: string;
      real_name: string;
      region_code: string;
    }>(
      `select u.password_hash, v.real_name, v.region_code from users u join volunteers v on v.id = u.volunteer_id
        where v.id_number_hmac = $1`,
      [pii.blindIndex(DEMO_RESIDENT_ID)],
    );
    expect(resident).toMatchObject({ real_name: '林晓华', region_code: '440305001001' });
    expect(await verifyPassword('demo-password-1', resident.password_hash)).toBe(true);
    const [pop] = await database.query<{ missing: number; district: number }>(
      `select (select count(*)::int from regions where level = 5 and population is null) as missing,
              (select population from regions where code = '440305000000') as district`,
    );
    expect(pop.missing).toBe(0);
    expect(pop.district).toBeGreaterThan(100_000);
  });
});
