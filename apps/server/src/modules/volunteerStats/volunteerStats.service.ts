import {
  displayHours,
  formatShare,
  levelPrefixLength,
  orgPerResidentCheck,
  perTenThousand,
  prefixRange,
  type RegionLevel,
  regionLevel,
  resolveVolunteerTargets,
  type ServiceCategory,
  serviceCategoryLabels,
  starLabel,
  type TargetCheck,
  todayInShanghai,
  type VolunteerTargets,
  volunteerRatioCheck,
} from '@linli/core';
import type { Database } from '../../db/client';
import type { Actor } from '../../lib/authz/actor';
import { can } from '../../lib/authz/scope';
import type { Clock } from '../../lib/clock';
import { notFound } from '../../lib/errors';
import { createDashboardRepo } from '../dashboard/dashboard.repo';
import { homeRegionOf } from '../dashboard/dashboard.service';
import { loadVolunteerConfig } from '../volunteerConfig/volunteerConfig';

/** Settings key of the volunteer development targets ({ volunteerRatio, orgPerResident }). */
export const VOLUNTEER_TARGETS_KEY = 'volunteerTargets';

/**
 * Which organizations count as "volunteer organizations" (志愿服务组织) for the 0.05 % target:
 * organizations that have not exited and either run an active volunteer team (志愿服务队) or
 * have published a service activity (published or finished). Counted where the organization
 * is registered (its community).
 */
export const VOLUNTEER_ORG_SQL = `o.status <> 'exited' and (
  exists (select 1 from volunteer_teams t where t.organization_id = o.id and t.status = 'active')
  or exists (select 1 from service_activities a where a.organization_id = o.id and a.status in ('published', 'finished')))`;

const hours = (minutes: number) => displayHours(Math.round(minutes), 0.1, 'nearest');

export type RegionRef = { code: string; name: string; level: number };

export type ChildRow = RegionRef & {
  volunteers: number;
  population: number | null;
  volunteerRatio: number | null;
  volunteerRatioText: string;
  volunteerMeets: boolean | null;
  volunteerBelowTarget: boolean;
  volunteerGap: number | null;
  volunteerOrganizations: number;
  orgRatio: number | null;
  orgRatioText: string;
  orgMeets: boolean | null;
  orgBelowTarget: boolean;
  orgGap: number | null;
  minutesThisYear: number;
  hoursThisYear: number;
  recordsThisYear: number;
};

export type VolunteerStats = {
  region: RegionRef & { path: RegionRef[] };
  asOf: string;
  year: number;
  targets: VolunteerTargets & { volunteerRatioText: string; orgPerResidentText: string };
  totals: {
    volunteers: number;
    population: number | null;
    volunteerRatio: TargetCheck & { text: string };
    volunteerOrganizations: number;
    orgPerResident: TargetCheck & { text: string };
    orgsPer10k: number | null;
    minutesThisYear: number;
    hoursThisYear: number;
    recordsThisYear: number;
  };
  children: ChildRow[];
  childrenBelowTarget: { volunteers: number; organizations: number };
  months: { month: string; minutes: number; hours: number; records: number }[];
  categories: { category: string; label: string; minutes: number; hours: number; records: number }[];
  stars: {
    basis: 'lifetime' | 'year';
    thresholds: number[];
    levels: { level: number; label: string; count: number }[];
  };
  topTeams: {
    id: string;
    name: string;
    organizationName: string;
    regionCode: string;
    members: number;
    minutes: number;
    hours: number;
  }[];
};

/** The 12 months ending with `month` ('YYYY-MM'), oldest first. */
export function lastMonths(month: string, n = 12): string[] {
  let y = Number(month.slice(0, 4));
  let m = Number(month.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.unshift(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}

export function createVolunteerStatsService(deps: { database: Database; clock: Clock }) {
  const { database, clock } = deps;
  const regions = createDashboardRepo(database);
  const q = database.query.bind(database) as Database['query'];

  async function targets(): Promise<VolunteerTargets> {
    const [r] = await q<{ value: unknown }>('select value from settings where key = $1', [
      VOLUNTEER_TARGETS_KEY,
    ]);
    return resolveVolunteerTargets(r?.value);
  }

  /** The region asked for (or the caller's home region); outside the caller's scope reads as absent. */
  async function resolveCode(actor: Actor, regionCode?: string): Promise<string> {
    let code = regionCode ?? homeRegionOf(actor);
    if (!code && actor.grants.some((g) => g.role === 'admin')) code = await regions.topRegion();
    if (!code || !can(actor, 'dashboard.read', { regionCode: code })) throw notFound('行政区划');
    return code;
  }

  async function overview(actor: Actor, regionCode?: string): Promise<VolunteerStats> {
    const code = await resolveCode(actor, regionCode);
    const path = await regions.path(code);
    const node = path.at(-1);
    if (!node || node.code !== code) throw notFound('行政区划');
    const level = regionLevel(code) as RegionLevel;
    const [lo, hi] = prefixRange(code);
    // children are grouped by the code prefix of the next level (a community groups by itself)
    const childLevel = (level < 5 ? level + 1 : 5) as RegionLevel;
    const k = levelPrefixLength[childLevel];
    const now = clock.now();
    const today = todayInShanghai(now);
    const year = Number(today.slice(0, 4));
    const months = lastMonths(today.slice(0, 7));
    const config = await loadVolunteerConfig(database);
    const t = await targets();
    const thresholds = config.stars.thresholds.map((h) => Math.round(h * 60));

    const [children, population, volunteers, orgs, yearly, monthly, categories, stars, teams] =
      await Promise.all([
        level < 5
          ? q<RegionRef & { population: number | null }>(
              'select code, name, level, population from regions where parent_code = $1 order by code',
              [code],
            )
          : Promise.resolve([]),
        // resident population: a region's own figure, else the sum over its communities
        q<{ k: string; pop: number | null; known: number }>(
          `select substr(code, 1, $3) as k, sum(population)::float8 as pop, count(population)::int as known
           from regions where code between $1 and $2 and level = 5 group by 1`,
          [lo, hi, k],
        ),
        q<{ k: string; n: number }>(
          `select substr(region_code, 1, $3) as k, count(*)::int as n from volunteers
          where region_code between $1 and $2 and status = 'active' group by 1`,
          [lo, hi, k],
        ),
        q<{ k: string; n: number }>(
          `select substr(o.region_code, 1, $3) as k, count(*)::int as n from organizations o
          where o.region_code between $1 and $2 and ${VOLUNTEER_ORG_SQL} group by 1`,
          [lo, hi, k],
        ),
        q<{ k: string; minutes: number; records: number }>(
          `select substr(region_code, 1, $3) as k, sum(minutes)::float8 as minutes, sum(records)::float8 as records
           from service_monthly where region_code between $1 and $2 and month between $4 and $5 group by 1`,
          [lo, hi, k, `${year}-01`, `${year}-12`],
        ),
        q<{ month: string; minutes: number; records: number }>(
          `select month::text as month, sum(minutes)::float8 as minutes, sum(records)::float8 as records
           from service_monthly where region_code between $1 and $2 and month between $3 and $4 group by 1`,
          [lo, hi, months[0], months[months.length - 1]],
        ),
        q<{ category: string; minutes: number; records: number }>(
          `select category, sum(minutes)::float8 as minutes, sum(records)::float8 as records
           from service_monthly where region_code between $1 and $2 and month between $3 and $4
          group by 1 order by 2 desc, 1`,
          [lo, hi, `${year}-01`, `${year}-12`],
        ),
        // star levels bucketed in SQL: width_bucket(minutes, thresholds) is the number of thresholds reached
        config.stars.basis === 'year'
          ? q<{ level: number; n: number }>(
              `select width_bucket(s.m, $3::int[]) as level, count(*)::int as n from (
               select r.volunteer_id, sum(r.minutes) as m from service_records r
                 join volunteers v on v.id = r.volunteer_id
                where v.region_code between $1 and $2 and v.status = 'active' and r.status = 'valid'
                  and r.service_date between $4 and $5
                group by r.volunteer_id) s group by 1`,
              [lo, hi, thresholds, `${year}-01-01`, `${year}-12-31`],
            )
          : q<{ level: number; n: number }>(
              `select width_bucket(t.minutes, $3::int[]) as level, count(*)::int as n
               from volunteer_totals t join volunteers v on v.id = t.volunteer_id
              where v.region_code between $1 and $2 and v.status = 'active' group by 1`,
              [lo, hi, thresholds],
            ),
        // a team's hours: valid records at the team's organization by its approved members, this year
        // (volunteer_org_year is kept with every record change, so no record is scanned here)
        q<{
          id: string;
          name: string;
          organizationName: string;
          regionCode: string;
          members: number;
          minutes: number;
        }>(
          `select t.id, t.name, o.name as "organizationName", t.region_code as "regionCode",
                count(distinct m.volunteer_id)::int as members, coalesce(sum(y.minutes), 0)::float8 as minutes
           from volunteer_teams t
           join organizations o on o.id = t.organization_id
           join team_memberships m on m.team_id = t.id and m.state = 'approved'
           left join volunteer_org_year y on y.organization_id = t.organization_id and y.year = $3
                and y.volunteer_id = m.volunteer_id
          where t.region_code between $1 and $2 and t.status = 'active'
          group by t.id, t.name, o.name, t.region_code
          order by minutes desc, members desc, t.name limit 10`,
          [lo, hi, year],
        ),
      ]);

    const map = <T extends { k: string }>(rows: T[]) => new Map(rows.map((r) => [r.k, r]));
    const popBy = map(population);
    const volBy = map(volunteers);
    const orgBy = map(orgs);
    const yearBy = map(yearly);
    const sum = <T>(rows: T[], f: (r: T) => number) => rows.reduce((s, r) => s + f(r), 0);

    const populationOf = (own: number | null, rows: { pop: number | null; known: number }[]) => {
      if (own != null && own > 0) return own;
      const known = sum(rows, (r) => r.known);
      return known > 0 ? sum(rows, (r) => r.pop ?? 0) : null;
    };

    const childRows: ChildRow[] = children.map((c) => {
      const key = c.code.slice(0, k);
      const pop = populationOf(c.population, popBy.has(key) ? [popBy.get(key)!] : []);
      const vols = volBy.get(key)?.n ?? 0;
      const orgN = orgBy.get(key)?.n ?? 0;
      const v = volunteerRatioCheck(vols, pop, t);
      const o = orgPerResidentCheck(orgN, pop, t);
      const minutes = yearBy.get(key)?.minutes ?? 0;
      return {
        code: c.code,
        name: c.name,
        level: c.level,
        volunteers: vols,
        population: pop,
        volunteerRatio: v.ratio,
        volunteerRatioText: formatShare(v.ratio),
        volunteerMeets: v.meets,
        volunteerBelowTarget: v.belowTarget,
        volunteerGap: v.gap,
        volunteerOrganizations: orgN,
        orgRatio: o.ratio,
        orgRatioText: formatShare(o.ratio),
        orgMeets: o.meets,
        orgBelowTarget: o.belowTarget,
        orgGap: o.gap,
        minutesThisYear: minutes,
        hoursThisYear: hours(minutes),
        recordsThisYear: yearBy.get(key)?.records ?? 0,
      };
    });

    const [own] = await q<{ population: number | null }>('select population from regions where code = $1', [
      code,
    ]);
    const totalPop = populationOf(own?.population ?? null, population);
    const totalVols = sum(volunteers, (r) => r.n);
    const totalOrgs = sum(orgs, (r) => r.n);
    const vCheck = volunteerRatioCheck(totalVols, totalPop, t);
    const oCheck = orgPerResidentCheck(totalOrgs, totalPop, t);
    const minutesThisYear = sum(yearly, (r) => r.minutes);

    const monthBy = new Map(monthly.map((m) => [m.month, m]));
    const starCounts = new Map(stars.map((s) => [Number(s.level), s.n]));
    const counted = sum(stars, (s) => s.n);
    // active volunteers without any hours have no totals row: level 0
    starCounts.set(0, (starCounts.get(0) ?? 0) + Math.max(0, totalVols - counted));

    return {
      region: {
        code: node.code,
        name: node.name,
        level: node.level,
        path: path.map(({ code: c, name, level: l }) => ({ code: c, name, level: l })),
      },
      asOf: today,
      year,
      targets: {
        ...t,
        volunteerRatioText: formatShare(t.volunteerRatio),
        orgPerResidentText: formatShare(t.orgPerResident),
      },
      totals: {
        volunteers: totalVols,
        population: totalPop,
        volunteerRatio: { ...vCheck, text: formatShare(vCheck.ratio) },
        volunteerOrganizations: totalOrgs,
        orgPerResident: { ...oCheck, text: formatShare(oCheck.ratio) },
        orgsPer10k: perTenThousand(totalOrgs, totalPop),
        minutesThisYear,
        hoursThisYear: hours(minutesThisYear),
        recordsThisYear: sum(yearly, (r) => r.records),
      },
      children: childRows,
      childrenBelowTarget: {
        volunteers: childRows.filter((c) => c.volunteerBelowTarget).length,
        organizations: childRows.filter((c) => c.orgBelowTarget).length,
      },
      months: months.map((m) => {
        const r = monthBy.get(m);
        return {
          month: m,
          minutes: r?.minutes ?? 0,
          hours: hours(r?.minutes ?? 0),
          records: r?.records ?? 0,
        };
      }),
      categories: categories.map((c) => ({
        category: c.category,
        label: serviceCategoryLabels[c.category as ServiceCategory] ?? c.category,
        minutes: c.minutes,
        hours: hours(c.minutes),
        records: c.records,
      })),
      stars: {
        basis: config.stars.basis,
        thresholds: [...config.stars.thresholds],
        levels: Array.from({ length: thresholds.length + 1 }, (_, level) => ({
          level,
          label: starLabel(level),
          count: starCounts.get(level) ?? 0,
        })),
      },
      topTeams: teams.map((tm) => ({ ...tm, hours: hours(tm.minutes) })),
    };
  }

  return { overview, resolveCode, targets };
}
export type VolunteerStatsService = ReturnType<typeof createVolunteerStatsService>;
