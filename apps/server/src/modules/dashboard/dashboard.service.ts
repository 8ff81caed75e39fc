import {
  type AreaType,
  type CoverageCommunity,
  type CoverageOrg,
  type CoverageScheme,
  computeCoverage,
  type OrgStatus,
  regionLevel,
  rolePermissions,
  summarizeChildren,
  summarizeRegion,
  type Tier,
} from '@linli/core';
import type { Database } from '../../db/client';
import type { Actor } from '../../lib/authz/actor';
import { can } from '../../lib/authz/scope';
import { notFound } from '../../lib/errors';
import { createSettingsRepo, type SettingsRepo } from '../settings/categories.repo';
import { createDashboardRepo, type DashboardRegion } from './dashboard.repo';

export type RegionRef = { code: string; name: string; level: number };

export type CoverageChildRow = RegionRef & {
  organizations: number;
  communities: number;
  communitiesMeeting: number;
  ratio: number;
  /** streets with a live hub organization (a street child: 0 or 1) */
  hubStreets?: number;
  /** streets in the child (children above street level only) */
  streets?: number;
};

export type CoverageCommunityRow = {
  code: string;
  name: string;
  streetCode: string;
  streetName: string;
  areaType: AreaType | null;
  count: number;
  target: number;
  meetsTarget: boolean;
  gap: number;
  /** names of required categories without a live organization */
  missingRequired: string[];
  hasDistinctive: boolean;
  /** null when the scheme does not apply 5+X */
  meetsFivePlusX: boolean | null;
  lacks: string[];
};

/** Everything the dashboard knows about one region (all communities, unpaginated). */
export type CoverageReport = {
  region: RegionRef & { parentCode: string | null; areaType: string | null; path: RegionRef[] };
  targets: { urban: number; rural: number; hubStreetRatio: number };
  scheme: { code: string; name: string; fivePlusX: boolean };
  /** categories shown in totals and exports: the active scheme's, then any other in use */
  categories: { code: string; name: string }[];
  totals: {
    /** live organizations (exited ones never count) */
    organizations: number;
    byTier: Record<Tier, number>;
    byCategory: { code: string; name: string; count: number }[];
    /** every status, exited included */
    byStatus: Record<OrgStatus, number>;
    communities: number;
    communitiesMeeting: number;
    ratio: number;
    /** communities meeting 5+X; null when the scheme does not apply it */
    communitiesFivePlusX: number | null;
  };
  children: CoverageChildRow[];
  communities: (CoverageCommunityRow & { byCategory: Record<string, number> })[];
  belowTarget: number;
  hub: { streetsWithHub: number; streets: number; ratio: number; target: number; meets: boolean };
};

export type CoverageQuery = { regionCode?: string; page: number; pageSize: number };

const areaTypeOf = (v: string | null): AreaType | null => (v === 'urban' || v === 'rural' ? v : null);
const ref = (r: DashboardRegion): RegionRef => ({ code: r.code, name: r.name, level: r.level });

/** The broadest region the actor may read the dashboard of (null: none, or an administrator). */
export function homeRegionOf(actor: Actor): string | null {
  const grants = actor.grants
    .filter(
      (g) =>
        g.regionCode &&
        g.role !== 'org_leader' &&
        (rolePermissions[g.role] as readonly string[]).includes('dashboard.read'),
    )
    .sort(
      (a, b) =>
        regionLevel(a.regionCode!) - regionLevel(b.regionCode!) || (a.regionCode! < b.regionCode! ? -1 : 1),
    );
  return grants[0]?.regionCode ?? null;
}

export function createDashboardService(deps: { database: Database; settings?: SettingsRepo }) {
  const repo = createDashboardRepo(deps.database);
  const settings = deps.settings ?? createSettingsRepo(deps.database);

  async function resolveCode(actor: Actor, regionCode?: string): Promise<string> {
    let code = regionCode ?? homeRegionOf(actor);
    if (!code && actor.grants.some((g) => g.role === 'admin')) code = await repo.topRegion();
    // outside the caller's scope reads exactly like a region that does not exist
    if (!code || !can(actor, 'dashboard.read', { regionCode: code })) throw notFound('行政区划');
    return code;
  }

  /** Coverage of a region in the caller's scope, from a fixed handful of queries. */
  async function report(actor: Actor, regionCode?: string): Promise<CoverageReport> {
    const code = await resolveCode(actor, regionCode);
    const level = regionLevel(code);
    const [path, subtree, aggregates, active, targets] = await Promise.all([
      repo.path(code),
      repo.subtree(code, level),
      repo.orgAggregates(code),
      settings.activeScheme(),
      settings.targets(),
    ]);
    const node = path.at(-1);
    if (!node || node.code !== code) throw notFound('行政区划');

    // names for categories of schemes that are no longer active
    const otherSchemes = [...new Set(aggregates.map((a) => a.scheme))].filter((s) => s !== active.code);
    const names = new Map<string, string>();
    for (const c of await repo.categoryNames(otherSchemes)) if (!names.has(c.code)) names.set(c.code, c.name);
    for (const c of active.categories) names.set(c.code, c.name);

    // the subtree, the node and its ancestors (a community's street sits above a community-level node)
    const byCode = new Map([...path, ...subtree].map((r) => [r.code, r]));
    const nameOf = (c: string) => byCode.get(c)?.name ?? c;

    const communities: CoverageCommunity[] = [];
    const streetCodes: string[] = [];
    for (const r of level === 5 ? [node] : subtree) {
      if (r.level === 5)
        communities.push({
          code: r.code,
          name: r.name,
          areaType: areaTypeOf(r.areaType),
          streetCode: r.code.slice(0, 9),
        });
      else if (r.level === 4) streetCodes.push(r.code.slice(0, 9));
    }
    if (level === 4) streetCodes.push(code.slice(0, 9));

    // the aggregate rows go to the rules as they are: each stands for `count` organizations
    const orgs: CoverageOrg[] = aggregates.map((a) => ({
      regionCode: a.regionCode,
      category: a.category,
      tier: a.tier as Tier,
      status: a.status as OrgStatus,
      isHub: a.isHub,
      count: a.n,
    }));
    const scheme: CoverageScheme = {
      code: active.code,
      fivePlusX: active.fivePlusX,
      categories: active.categories.filter((c) => c.active),
    };
    const t = { urban: targets.urban, rural: targets.rural, hubStreetRatio: targets.hubStreetRatio };
    const input = { communities, orgs, scheme, targets: t, streetCodes };

    const summary = summarizeRegion(input);
    const coverage = computeCoverage(input);
    const childSummaries = new Map(
      level < 5 ? summarizeChildren(input, code).map((c) => [c.code, c.summary]) : [],
    );

    const activeCodes = new Set(active.categories.map((c) => c.code));
    const categories = [
      ...active.categories
        .filter((c) => c.active || summary.orgs.byCategory[c.code] > 0)
        .map((c) => ({ code: c.code, name: c.name })),
      ...Object.keys(summary.orgs.byCategory)
        .filter((c) => !activeCodes.has(c))
        .sort()
        .map((c) => ({ code: c, name: names.get(c) ?? c })),
    ];

    const children: CoverageChildRow[] = subtree
      .filter((r) => r.parentCode === code)
      .map((r) => {
        const s = childSummaries.get(r.code);
        const row: CoverageChildRow = {
          ...ref(r),
          organizations: s?.orgs.live ?? 0,
          communities: s?.communities.total ?? 0,
          communitiesMeeting: s?.communities.meetingTarget ?? 0,
          ratio: s?.communities.ratio ?? 0,
        };
        if (r.level === 4) row.hubStreets = s?.streets.withHub ?? 0;
        else if (r.level < 4) {
          row.hubStreets = s?.streets.withHub ?? 0;
          row.streets = s?.streets.total ?? 0;
        }
        return row;
      });

    const communityRows = coverage.map((c) => {
      const street = byCode.get(`${c.streetCode}000`);
      return {
        code: c.code,
        name: c.name,
        streetCode: c.streetCode,
        streetName: street?.name ?? nameOf(`${c.streetCode}000`),
        areaType: c.areaType,
        count: c.count,
        target: c.target,
        meetsTarget: c.meetsTarget,
        gap: c.gap,
        missingRequired: c.missingRequired.map((m) => m.name),
        hasDistinctive: c.hasDistinctive,
        meetsFivePlusX: c.meetsFivePlusX,
        lacks: c.lacks,
        byCategory: c.byCategory,
      };
    });

    return {
      region: { ...ref(node), parentCode: node.parentCode, areaType: node.areaType, path: path.map(ref) },
      targets: t,
      scheme: { code: active.code, name: active.name, fivePlusX: active.fivePlusX },
      categories,
      totals: {
        organizations: summary.orgs.live,
        byTier: summary.orgs.byTier,
        byCategory: categories.map((c) => ({ ...c, count: summary.orgs.byCategory[c.code] ?? 0 })),
        byStatus: summary.orgs.byStatus,
        communities: summary.communities.total,
        communitiesMeeting: summary.communities.meetingTarget,
        ratio: summary.communities.ratio,
        communitiesFivePlusX: summary.communities.meetingFivePlusX,
      },
      children,
      communities: communityRows,
      belowTarget: summary.communities.total - summary.communities.meetingTarget,
      hub: {
        streetsWithHub: summary.streets.withHub,
        streets: summary.streets.total,
        ratio: summary.streets.ratio,
        target: summary.streets.target,
        meets: summary.streets.meetsTarget,
      },
    };
  }

  return {
    report,
    /** The dashboard response: the report with one page of communities (all of them when they fit). */
    async coverage(actor: Actor, q: CoverageQuery) {
      const { categories: _c, communities, ...r } = await report(actor, q.regionCode);
      const from = (q.page - 1) * q.pageSize;
      return {
        ...r,
        communities: communities.slice(from, from + q.pageSize).map(({ byCategory: _b, ...c }) => c),
        communitiesTotal: communities.length,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  };
}
export type DashboardService = ReturnType<typeof createDashboardService>;
