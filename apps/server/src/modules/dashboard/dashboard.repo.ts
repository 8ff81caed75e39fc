import { prefixRange } from '@linli/core';
import type { Database } from '../../db/client';

export type DashboardRegion = {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  areaType: string | null;
};

/** Organizations of one region code, collapsed over every attribute the coverage rules read. */
export type OrgAggregate = {
  regionCode: string;
  scheme: string;
  category: string;
  tier: string;
  status: string;
  isHub: boolean;
  n: number;
};

const regionCols = `code, name, level, parent_code as "parentCode", area_type as "areaType"`;

/**
 * Raw SQL for the dashboard: a handful of set-based queries whatever the size of the region
 * (the whole subtree of regions, and organizations grouped by region code and attributes).
 */
export function createDashboardRepo(database: Database) {
  return {
    /** The node and its ancestors, top first (empty when the code is unknown). */
    path: (code: string) =>
      database.query<DashboardRegion>(
        `with recursive up as (
           select ${regionCols}, 0 as depth from regions where code = $1
           union all
           select r.code, r.name, r.level, r.parent_code, r.area_type, up.depth + 1
             from regions r join up on r.code = up."parentCode")
         select code, name, level, "parentCode", "areaType" from up order by depth desc`,
        [code],
      ),

    /** Every region below the node (not the node itself), ordered by code. */
    subtree(code: string, level: number) {
      const [lo, hi] = prefixRange(code);
      return database.query<DashboardRegion>(
        `select ${regionCols} from regions where code between $1 and $2 and level > $3 order by code`,
        [lo, hi, level],
      );
    },

    /** Organizations in the node's subtree (every status), grouped; one row per distinct combination. */
    orgAggregates(code: string) {
      const [lo, hi] = prefixRange(code);
      return database.query<OrgAggregate>(
        `select region_code as "regionCode", category_scheme as scheme, category, tier, status,
                is_hub as "isHub", count(*)::int as n
           from organizations
          where region_code between $1 and $2
          group by region_code, category_scheme, category, tier, status, is_hub`,
        [lo, hi],
      );
    },

    /** Category names of the given schemes (for organizations filed under a scheme no longer active). */
    categoryNames(schemes: string[]) {
      if (!schemes.length) return Promise.resolve([]);
      return database.query<{ scheme: string; code: string; name: string }>(
        'select scheme_code as scheme, code, name from categories where scheme_code = any($1)',
        [schemes],
      );
    },

    /** The top node of the loaded tree (where an administrator starts). */
    async topRegion(): Promise<string | null> {
      const [r] = await database.query<{ code: string }>(
        'select code from regions order by level, code limit 1',
      );
      return r?.code ?? null;
    },
  };
}
export type DashboardRepo = ReturnType<typeof createDashboardRepo>;
