import type { CategoryScheme } from '../config/categorySchemes';
import {
  type AreaType,
  isWithin,
  padCode,
  type RegionLevel,
  regionLevel,
  scopePrefix,
} from '../identifiers/division';
import { type OrgStatus, orgStatuses, type Tier, tiers } from '../labels';

/**
 * Coverage of communities by organizations, against per-community targets
 * (urban ≥15, rural ≥5 by default), the 5+X category rule and the share of streets
 * with a hub organization (≥85% by default). Pure: the caller loads the rows.
 *
 * Conventions:
 * - An organization counts while it is live: active, dormant or exiting. Exited ones
 *   never count (see `countsTowardTarget`); they still appear in `byStatus` totals.
 * - A community whose area type is unknown (null) gets the urban target, the stricter
 *   one, so that missing data never makes a community look covered.
 * - A street "has a hub" when a live organization with `isHub` has its region code in
 *   that street (the street node itself or one of its communities).
 */

export interface CoverageTargets {
  /** organizations per urban community */
  urban: number;
  /** organizations per rural community */
  rural: number;
  /** share of streets that should have a live hub organization (0–1) */
  hubStreetRatio: number;
}

export const defaultTargets: Readonly<CoverageTargets> = { urban: 15, rural: 5, hubStreetRatio: 0.85 };

export interface CoverageCommunity {
  /** 12-digit community code */
  code: string;
  name: string;
  areaType: AreaType | null;
  /** 9-digit street code */
  streetCode: string;
}

export interface CoverageOrg {
  /** 12-digit code of the community (or node) the organization belongs to */
  regionCode: string;
  category: string;
  tier: Tier;
  isHub: boolean;
  status: OrgStatus;
  /** how many organizations this row stands for (grouped input); 1 when absent */
  count?: number;
}

export type CoverageScheme = Pick<CategoryScheme, 'code' | 'fivePlusX' | 'categories'>;

export interface CoverageInput {
  communities: readonly CoverageCommunity[];
  orgs: readonly CoverageOrg[];
  scheme: CoverageScheme;
  /** merged over `defaultTargets` */
  targets?: Partial<CoverageTargets>;
  /** streets (9-digit codes) to count even when none of their communities is listed */
  streetCodes?: readonly string[];
  /** tiers that count toward targets and categories; default all tiers */
  countTiers?: readonly Tier[];
}

export interface CommunityCoverage {
  code: string;
  name: string;
  areaType: AreaType | null;
  streetCode: string;
  /** live organizations of the counted tiers */
  count: number;
  target: number;
  meetsTarget: boolean;
  /** organizations still needed (0 when met) */
  gap: number;
  /** live organizations per category code */
  byCategory: Record<string, number>;
  /** required categories without a live organization */
  missingRequired: { code: string; name: string }[];
  hasDistinctive: boolean;
  /** null when the scheme does not apply 5+X */
  meetsFivePlusX: boolean | null;
  /** what is missing, in Chinese sentences */
  lacks: string[];
}

export interface CoverageSummary {
  /** 12-digit code of the summarized node; null for everything given */
  regionCode: string | null;
  communities: {
    total: number;
    meetingTarget: number;
    /** meetingTarget / total, 0 when there are none */
    ratio: number;
    urban: { total: number; meetingTarget: number };
    rural: { total: number; meetingTarget: number };
    /** communities with unknown area type (held to the urban target) */
    unknownAreaType: number;
    /** null when the scheme does not apply 5+X */
    meetingFivePlusX: number | null;
    fivePlusXRatio: number | null;
  };
  orgs: {
    /** all organizations given, exited included */
    total: number;
    /** live organizations */
    live: number;
    /** live, by tier */
    byTier: Record<Tier, number>;
    /** all, by status */
    byStatus: Record<OrgStatus, number>;
    /** live, by category code (every scheme category present, 0 when none) */
    byCategory: Record<string, number>;
    /** live hub organizations */
    hubs: number;
  };
  streets: {
    total: number;
    withHub: number;
    ratio: number;
    target: number;
    meetsTarget: boolean;
  };
}

export const liveStatuses: readonly OrgStatus[] = ['active', 'dormant', 'exiting'];

/** Whether an organization in this status counts toward coverage: active, dormant, exiting yes; exited no. */
export function countsTowardTarget(status: OrgStatus | string): boolean {
  return (liveStatuses as readonly string[]).includes(status);
}

/** The target of a community: rural gets the rural target, urban and unknown the urban one. */
export function targetFor(
  areaType: AreaType | null,
  targets: Pick<CoverageTargets, 'urban' | 'rural'>,
): number {
  return areaType === 'rural' ? targets.rural : targets.urban;
}

function resolveTargets(t?: Partial<CoverageTargets>): CoverageTargets {
  return { ...defaultTargets, ...t };
}

const weight = (o: CoverageOrg) => o.count ?? 1;

function counted(org: CoverageOrg, countTiers?: readonly Tier[]): boolean {
  return countsTowardTarget(org.status) && (!countTiers || countTiers.includes(org.tier));
}

function emptyCategoryCounts(scheme: CoverageScheme): Record<string, number> {
  return Object.fromEntries(scheme.categories.map((c) => [c.code, 0]));
}

/** Coverage of one community from its own organizations (those with its region code). */
export function communityCoverage(
  community: CoverageCommunity,
  orgs: readonly CoverageOrg[],
  scheme: CoverageScheme,
  targets: Pick<CoverageTargets, 'urban' | 'rural'> = defaultTargets,
  countTiers?: readonly Tier[],
): CommunityCoverage {
  const live = orgs.filter((o) => o.regionCode === community.code && counted(o, countTiers));
  const byCategory = emptyCategoryCounts(scheme);
  let count = 0;
  for (const o of live) {
    byCategory[o.category] = (byCategory[o.category] ?? 0) + weight(o);
    count += weight(o);
  }

  const target = targetFor(community.areaType, targets);
  const gap = Math.max(0, target - count);
  const missingRequired = scheme.categories
    .filter((c) => c.required && !byCategory[c.code])
    .map((c) => ({ code: c.code, name: c.name }));
  const hasDistinctive = scheme.categories.some((c) => c.distinctive && byCategory[c.code] > 0);
  const meetsFivePlusX = scheme.fivePlusX ? missingRequired.length === 0 && hasDistinctive : null;

  const lacks: string[] = [];
  if (gap > 0) lacks.push(`还差 ${gap} 个组织`);
  for (const c of missingRequired) lacks.push(`缺少 ${c.name}`);
  if (scheme.fivePlusX && !hasDistinctive) lacks.push('缺少特色类组织');

  return {
    code: community.code,
    name: community.name,
    areaType: community.areaType,
    streetCode: community.streetCode,
    count,
    target,
    meetsTarget: count >= target,
    gap,
    byCategory,
    missingRequired,
    hasDistinctive,
    meetsFivePlusX,
    lacks,
  };
}

/** Coverage of every community in the input, in input order. */
export function computeCoverage(input: CoverageInput): CommunityCoverage[] {
  const targets = resolveTargets(input.targets);
  const byRegion = new Map<string, CoverageOrg[]>();
  for (const o of input.orgs) {
    const list = byRegion.get(o.regionCode);
    if (list) list.push(o);
    else byRegion.set(o.regionCode, [o]);
  }
  return input.communities.map((c) =>
    communityCoverage(c, byRegion.get(c.code) ?? [], input.scheme, targets, input.countTiers),
  );
}

const streetKey = (code: string) => padCode(code).slice(0, 9);

const ratio = (n: number, total: number) => (total === 0 ? 0 : n / total);

/** Summary of everything in `input` (no filtering). */
function summarize(input: CoverageInput, regionCode: string | null): CoverageSummary {
  const targets = resolveTargets(input.targets);
  const coverage = computeCoverage(input);

  const urban = coverage.filter((c) => c.areaType !== 'rural');
  const rural = coverage.filter((c) => c.areaType === 'rural');
  const meeting = coverage.filter((c) => c.meetsTarget).length;
  const meetingFivePlusX = input.scheme.fivePlusX ? coverage.filter((c) => c.meetsFivePlusX).length : null;

  const byTier = Object.fromEntries(tiers.map((t) => [t, 0])) as Record<Tier, number>;
  const byStatus = Object.fromEntries(orgStatuses.map((s) => [s, 0])) as Record<OrgStatus, number>;
  const byCategory = emptyCategoryCounts(input.scheme);
  let total = 0;
  let live = 0;
  let hubs = 0;
  for (const o of input.orgs) {
    const w = weight(o);
    total += w;
    byStatus[o.status] = (byStatus[o.status] ?? 0) + w;
    if (!countsTowardTarget(o.status)) continue;
    live += w;
    byTier[o.tier] = (byTier[o.tier] ?? 0) + w;
    byCategory[o.category] = (byCategory[o.category] ?? 0) + w;
    if (o.isHub) hubs += w;
  }

  const streets = new Set<string>(
    [...input.communities.map((c) => c.streetCode), ...(input.streetCodes ?? [])].map(streetKey),
  );
  const hubPrefixes = new Set(
    input.orgs.filter((o) => o.isHub && countsTowardTarget(o.status)).map((o) => o.regionCode.slice(0, 9)),
  );
  const withHub = [...streets].filter((s) => hubPrefixes.has(s)).length;
  const streetRatio = ratio(withHub, streets.size);

  return {
    regionCode,
    communities: {
      total: coverage.length,
      meetingTarget: meeting,
      ratio: ratio(meeting, coverage.length),
      urban: { total: urban.length, meetingTarget: urban.filter((c) => c.meetsTarget).length },
      rural: { total: rural.length, meetingTarget: rural.filter((c) => c.meetsTarget).length },
      unknownAreaType: coverage.filter((c) => c.areaType === null).length,
      meetingFivePlusX,
      fivePlusXRatio: meetingFivePlusX === null ? null : ratio(meetingFivePlusX, coverage.length),
    },
    orgs: { total, live, byTier, byStatus, byCategory, hubs },
    streets: {
      total: streets.size,
      withHub,
      ratio: streetRatio,
      target: targets.hubStreetRatio,
      meetsTarget: streets.size > 0 && streetRatio >= targets.hubStreetRatio,
    },
  };
}

/**
 * Roll-up of a region (any level; a 12-digit code or a prefix such as a 9-digit street
 * code). Without `regionCode`, everything in the input is summarized.
 */
export function summarizeRegion(input: CoverageInput, regionCode?: string): CoverageSummary {
  if (regionCode === undefined) return summarize(input, null);
  const memo = new Map<string, boolean>();
  const within = (code: string) => {
    let v = memo.get(code);
    if (v === undefined) {
      v = isWithin(code, regionCode);
      memo.set(code, v);
    }
    return v;
  };
  return summarize(
    {
      ...input,
      communities: input.communities.filter((c) => within(c.code)),
      orgs: input.orgs.filter((o) => within(o.regionCode)),
      streetCodes: input.streetCodes?.filter(within),
    },
    padCode(regionCode),
  );
}

/** Roll-up of one street (9-digit or 12-digit code). */
export function summarizeStreet(input: CoverageInput, streetCode: string): CoverageSummary {
  return summarizeRegion(input, streetCode);
}

/**
 * The prefix of the child of a level-`parentLevel` node that contains `code`, skipping an
 * empty level (cities without counties); null when `code` is the parent node itself.
 */
function childPrefix(code: string, parentLevel: RegionLevel): string | null {
  const c = padCode(code);
  for (let level = parentLevel + 1; level <= 5; level++) {
    const prefix = scopePrefix(c, level as RegionLevel);
    if (/[1-9]/.test(prefix.slice(scopePrefix(c, (level - 1) as RegionLevel).length))) return prefix;
  }
  return null;
}

/**
 * One roll-up per child of `parentCode` (e.g. every street of a district), ordered by code.
 * Organizations registered on the parent node itself belong to no child.
 */
export function summarizeChildren(
  input: CoverageInput,
  parentCode: string,
): { code: string; summary: CoverageSummary }[] {
  const parentLevel = regionLevel(parentCode);
  const buckets = new Map<
    string,
    { communities: CoverageCommunity[]; orgs: CoverageOrg[]; streets: string[] }
  >();
  // many rows share a region code: work out each code's child once
  const keys = new Map<string, string | null>();
  const keyOf = (code: string) => {
    let k = keys.get(code);
    if (k === undefined) {
      k = isWithin(code, parentCode) ? childPrefix(code, parentLevel) : null;
      keys.set(code, k);
    }
    return k;
  };
  const bucket = (code: string) => {
    const key = keyOf(code);
    if (key === null) return undefined;
    let b = buckets.get(key);
    if (!b) {
      b = { communities: [], orgs: [], streets: [] };
      buckets.set(key, b);
    }
    return b;
  };
  for (const c of input.communities) bucket(c.code)?.communities.push(c);
  for (const o of input.orgs) bucket(o.regionCode)?.orgs.push(o);
  for (const s of input.streetCodes ?? []) bucket(s)?.streets.push(s);
  return [...buckets.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([prefix, b]) => ({
      code: padCode(prefix),
      summary: summarize(
        { ...input, communities: b.communities, orgs: b.orgs, streetCodes: b.streets },
        padCode(prefix),
      ),
    }));
}
