import type { Database } from '../../db/client';

export type RegionRow = {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  areaType: string | null;
};

const cols = `code, name, level, parent_code as "parentCode", area_type as "areaType"`;

export function createRegionRepo(database: Database) {
  return {
    async get(code: string): Promise<RegionRow | null> {
      const [r] = await database.query<RegionRow>(`select ${cols} from regions where code = $1`, [code]);
      return r ?? null;
    },
    children: (code: string) =>
      database.query<RegionRow>(`select ${cols} from regions where parent_code = $1 order by code`, [code]),
    /** The node and its ancestors, top first. */
    async path(code: string): Promise<RegionRow[]> {
      return database.query<RegionRow>(
        `with recursive up as (
           select ${cols}, 0 as depth from regions where code = $1
           union all
           select r.code, r.name, r.level, r.parent_code, r.area_type, up.depth + 1 from regions r join up on r.code = up."parentCode")
         select code, name, level, "parentCode", "areaType" from up order by depth desc`,
        [code],
      );
    },
    async names(codes: string[]): Promise<Map<string, string>> {
      if (!codes.length) return new Map();
      const rows = await database.query<{ code: string; name: string }>(
        'select code, name from regions where code = any($1)',
        [[...new Set(codes)]],
      );
      return new Map(rows.map((r) => [r.code, r.name]));
    },
  };
}
export type RegionRepo = ReturnType<typeof createRegionRepo>;
