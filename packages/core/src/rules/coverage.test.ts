import { describe, expect, it } from 'vitest';
import { shenzhenScheme, taicangScheme } from '../config/categorySchemes';
import type { OrgStatus, Tier } from '../labels';
import {
  type CoverageCommunity,
  type CoverageInput,
  type CoverageOrg,
  communityCoverage,
  computeCoverage,
  countsTowardTarget,
  defaultTargets,
  summarizeChildren,
  summarizeRegion,
  summarizeStreet,
  targetFor,
} from './coverage';

const S1 = '440305001';
const S2 = '440305002';
const S3 = '440306001';
const urbanA: CoverageCommunity = { code: `${S1}001`, name: '桃源社区', areaType: 'urban', streetCode: S1 };
const ruralB: CoverageCommunity = { code: `${S1}201`, name: '沙溪村', areaType: 'rural', streetCode: S1 };
const unknownC: CoverageCommunity = { code: `${S2}001`, name: '某生活区', areaType: null, streetCode: S2 };
const otherD: CoverageCommunity = { code: `${S3}001`, name: '西丽社区', areaType: 'urban', streetCode: S3 };

function orgs(
  regionCode: string,
  n: number,
  category: string,
  extra: Partial<{ tier: Tier; status: OrgStatus; isHub: boolean }> = {},
): CoverageOrg[] {
  return Array.from({ length: n }, () => ({
    regionCode,
    category,
    tier: extra.tier ?? 'group',
    status: extra.status ?? 'active',
    isHub: extra.isHub ?? false,
  }));
}

describe('counting rules', () => {
  it('counts live statuses only', () => {
    expect(countsTowardTarget('active')).toBe(true);
    expect(countsTowardTarget('dormant')).toBe(true);
    expect(countsTowardTarget('exiting')).toBe(true);
    expect(countsTowardTarget('exited')).toBe(false);
    expect(countsTowardTarget('whatever')).toBe(false);
  });
  it('holds unknown area types to the urban target', () => {
    expect(defaultTargets).toEqual({ urban: 15, rural: 5, hubStreetRatio: 0.85 });
    expect(targetFor('urban', defaultTargets)).toBe(15);
    expect(targetFor('rural', defaultTargets)).toBe(5);
    expect(targetFor(null, defaultTargets)).toBe(15);
  });
});

describe('communityCoverage', () => {
  it('reports the gap of an urban community', () => {
    const list = [
      ...orgs(urbanA.code, 10, 'gongyi'),
      ...orgs(urbanA.code, 2, 'wenti', { status: 'dormant' }),
      ...orgs(urbanA.code, 5, 'wenti', { status: 'exited' }),
      ...orgs(ruralB.code, 3, 'wenti'),
    ];
    const c = communityCoverage(urbanA, list, shenzhenScheme);
    expect(c).toMatchObject({
      code: urbanA.code,
      count: 12,
      target: 15,
      meetsTarget: false,
      gap: 3,
      missingRequired: [],
      hasDistinctive: false,
      meetsFivePlusX: null,
      lacks: ['还差 3 个组织'],
    });
    expect(c.byCategory).toEqual({ gongyi: 10, shenghuo: 0, shiwu: 0, wenti: 2 });
  });

  it('meets the rural target at 5', () => {
    const c = communityCoverage(ruralB, orgs(ruralB.code, 5, 'gongyi'), shenzhenScheme);
    expect(c).toMatchObject({ target: 5, count: 5, meetsTarget: true, gap: 0, lacks: [] });
  });

  it('applies custom targets and tiers', () => {
    const list = [...orgs(urbanA.code, 4, 'gongyi', { tier: 'filed' }), ...orgs(urbanA.code, 6, 'gongyi')];
    expect(communityCoverage(urbanA, list, shenzhenScheme, { urban: 10, rural: 6 }).meetsTarget).toBe(true);
    const filedOnly = communityCoverage(urbanA, list, shenzhenScheme, { urban: 10, rural: 6 }, [
      'filed',
      'registered',
    ]);
    expect(filedOnly).toMatchObject({ count: 4, gap: 6 });
  });

  it('checks 5+X', () => {
    const list = [
      ...orgs(urbanA.code, 3, 'charity'),
      ...orgs(urbanA.code, 3, 'mutual_aid'),
      ...orgs(urbanA.code, 3, 'culture'),
      ...orgs(urbanA.code, 3, 'safety'),
      ...orgs(urbanA.code, 1, 'mediation', { status: 'exited' }),
    ];
    const c = communityCoverage(urbanA, list, taicangScheme);
    expect(c.missingRequired).toEqual([{ code: 'mediation', name: '纠纷调处类' }]);
    expect(c.hasDistinctive).toBe(false);
    expect(c.meetsFivePlusX).toBe(false);
    expect(c.lacks).toEqual(['还差 3 个组织', '缺少 纠纷调处类', '缺少特色类组织']);

    const full = [...list, ...orgs(urbanA.code, 1, 'mediation'), ...orgs(urbanA.code, 2, 'distinctive')];
    const d = communityCoverage(urbanA, full, taicangScheme);
    expect(d).toMatchObject({
      count: 15,
      meetsTarget: true,
      hasDistinctive: true,
      meetsFivePlusX: true,
      lacks: [],
    });
  });
});

describe('roll-ups', () => {
  const input: CoverageInput = {
    communities: [urbanA, ruralB, unknownC, otherD],
    orgs: [
      ...orgs(urbanA.code, 15, 'gongyi'),
      ...orgs(ruralB.code, 4, 'wenti', { tier: 'filed' }),
      ...orgs(ruralB.code, 1, 'shiwu', { tier: 'registered', status: 'exited' }),
      ...orgs(unknownC.code, 15, 'shenghuo', { status: 'dormant' }),
      ...orgs(`${S1}000`, 1, 'gongyi', { tier: 'registered', isHub: true }),
      ...orgs(`${S2}000`, 1, 'gongyi', { tier: 'registered', isHub: true, status: 'exited' }),
      ...orgs(otherD.code, 1, 'gongyi', { tier: 'filed', isHub: true }),
    ],
    scheme: shenzhenScheme,
    streetCodes: ['440305003', '440305001'],
  };

  it('computes coverage for every community', () => {
    const all = computeCoverage(input);
    expect(all.map((c) => [c.code, c.count, c.meetsTarget])).toEqual([
      [urbanA.code, 15, true],
      [ruralB.code, 4, false],
      [unknownC.code, 15, true],
      [otherD.code, 1, false],
    ]);
  });

  it('summarizes a district', () => {
    const s = summarizeRegion(input, '440305');
    expect(s.regionCode).toBe('440305000000');
    expect(s.communities).toEqual({
      total: 3,
      meetingTarget: 2,
      ratio: 2 / 3,
      urban: { total: 2, meetingTarget: 2 },
      rural: { total: 1, meetingTarget: 0 },
      unknownAreaType: 1,
      meetingFivePlusX: null,
      fivePlusXRatio: null,
    });
    expect(s.orgs).toEqual({
      total: 37,
      live: 35,
      byTier: { group: 30, filed: 4, registered: 1 },
      byStatus: { active: 20, dormant: 15, exiting: 0, exited: 2 },
      byCategory: { gongyi: 16, shenghuo: 15, shiwu: 0, wenti: 4 },
      hubs: 1,
    });
    // streets 001 (hub), 002 (exited hub), 003 (no communities listed, no hub)
    expect(s.streets).toEqual({ total: 3, withHub: 1, ratio: 1 / 3, target: 0.85, meetsTarget: false });
  });

  it('summarizes a street', () => {
    const s = summarizeStreet(input, S1);
    expect(s.regionCode).toBe('440305001000');
    expect(s.communities.total).toBe(2);
    expect(s.streets).toEqual({ total: 1, withHub: 1, ratio: 1, target: 0.85, meetsTarget: true });
    expect(s.orgs.live).toBe(20);
  });

  it('summarizes everything and honours custom hub targets', () => {
    const s = summarizeRegion({ ...input, targets: { hubStreetRatio: 0.5 } });
    expect(s.regionCode).toBeNull();
    expect(s.streets).toEqual({ total: 4, withHub: 2, ratio: 0.5, target: 0.5, meetsTarget: true });
    expect(s.communities.total).toBe(4);
  });

  it('returns zeros for an empty region', () => {
    const s = summarizeRegion(input, '450000');
    expect(s.communities.total).toBe(0);
    expect(s.communities.ratio).toBe(0);
    expect(s.streets).toEqual({ total: 0, withHub: 0, ratio: 0, target: 0.85, meetsTarget: false });
  });

  it('counts 5+X communities', () => {
    const s = summarizeRegion({ ...input, scheme: taicangScheme });
    expect(s.communities.meetingFivePlusX).toBe(0);
    expect(s.communities.fivePlusXRatio).toBe(0);
    expect(Object.keys(s.orgs.byCategory)).toContain('mediation');
  });

  it('summarizes the children of a node', () => {
    const byStreet = summarizeChildren(input, '440305');
    expect(byStreet.map((c) => c.code)).toEqual(['440305001000', '440305002000', '440305003000']);
    expect(byStreet.map((c) => c.summary.streets.withHub)).toEqual([1, 0, 0]);
    expect(byStreet[0].summary.communities.total).toBe(2);

    const byDistrict = summarizeChildren(input, '440300000000');
    expect(byDistrict.map((c) => c.code)).toEqual(['440305000000', '440306000000']);
    expect(byDistrict[1].summary.orgs.hubs).toBe(1);
  });

  it('skips an empty county level (Dongguan)', () => {
    const dg: CoverageCommunity = {
      code: '441900003001',
      name: '东城社区',
      areaType: 'urban',
      streetCode: '441900003',
    };
    const res = summarizeChildren(
      { communities: [dg], orgs: orgs(dg.code, 2, 'gongyi'), scheme: shenzhenScheme },
      '4419',
    );
    expect(res.map((c) => c.code)).toEqual(['441900003000']);
    expect(res[0].summary.orgs.live).toBe(2);
  });
});

describe('grouped input', () => {
  it('counts a row with count n exactly like n separate organizations', () => {
    const communities = [
      { code: '440305001001', name: '甲社区', areaType: 'urban' as const, streetCode: '440305001' },
      { code: '440305002001', name: '乙社区', areaType: 'rural' as const, streetCode: '440305002' },
    ];
    const grouped = [
      {
        regionCode: '440305001001',
        category: 'wenti',
        tier: 'group' as Tier,
        isHub: false,
        status: 'active' as OrgStatus,
        count: 7,
      },
      {
        regionCode: '440305001001',
        category: 'gongyi',
        tier: 'filed' as Tier,
        isHub: true,
        status: 'active' as OrgStatus,
        count: 2,
      },
      {
        regionCode: '440305002001',
        category: 'wenti',
        tier: 'filed' as Tier,
        isHub: false,
        status: 'exited' as OrgStatus,
        count: 3,
      },
      {
        regionCode: '440305002001',
        category: 'shiwu',
        tier: 'registered' as Tier,
        isHub: false,
        status: 'dormant' as OrgStatus,
        count: 5,
      },
    ];
    const expanded = grouped.flatMap(({ count, ...o }) => Array.from({ length: count }, () => ({ ...o })));
    const scheme = { code: shenzhenScheme.code, fivePlusX: false, categories: shenzhenScheme.categories };
    const a = { communities, orgs: grouped, scheme };
    const b = { communities, orgs: expanded, scheme };
    expect(computeCoverage(a)).toEqual(computeCoverage(b));
    expect(summarizeRegion(a, '440305000000')).toEqual(summarizeRegion(b, '440305000000'));
    expect(summarizeChildren(a, '440305000000')).toEqual(summarizeChildren(b, '440305000000'));
    expect(summarizeRegion(a).orgs).toMatchObject({ total: 17, live: 14, hubs: 2 });
  });
});
