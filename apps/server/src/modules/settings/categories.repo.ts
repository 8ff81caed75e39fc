import { defaultTargets } from '@linli/core';
import type { Database } from '../../db/client';

export type CategoryRow = {
  code: string;
  name: string;
  required: boolean;
  distinctive: boolean;
  sort: number;
  active: boolean;
};
export type ActiveScheme = { code: string; name: string; fivePlusX: boolean; categories: CategoryRow[] };
export type CoverageTargets = { urban: number; rural: number; hubStreetRatio: number };
export type SchemeWithCategories = {
  code: string;
  name: string;
  fivePlusX: boolean;
  version: number;
  active: boolean;
  categories: CategoryRow[];
};

export function createSettingsRepo(database: Database) {
  async function setting<T>(key: string): Promise<{ value: T; version: number } | null> {
    const [r] = await database.query<{ value: T; version: number }>(
      'select value, version from settings where key = $1',
      [key],
    );
    return r ?? null;
  }
  return {
    setting,
    async activeScheme(): Promise<ActiveScheme> {
      const code = (await setting<string>('category_scheme'))?.value ?? 'shenzhen';
      const [s] = await database.query<{ code: string; name: string; fivePlusX: boolean }>(
        'select code, name, five_plus_x as "fivePlusX" from category_schemes where code = $1',
        [code],
      );
      const categories = await database.query<CategoryRow>(
        'select code, name, required, distinctive, sort, active from categories where scheme_code = $1 order by sort, code',
        [code],
      );
      return { code, name: s?.name ?? code, fivePlusX: s?.fivePlusX ?? false, categories };
    },
    async targets(): Promise<CoverageTargets & { version: number }> {
      const s = await setting<CoverageTargets>('coverage_targets');
      return { ...defaultTargets, ...(s?.value ?? {}), version: s?.version ?? 0 };
    },

    /** Every scheme with its categories, the active one marked. */
    async listSchemes(): Promise<SchemeWithCategories[]> {
      const active = (await setting<string>('category_scheme'))?.value ?? 'shenzhen';
      const schemes = await database.query<{
        code: string;
        name: string;
        fivePlusX: boolean;
        version: number;
      }>('select code, name, five_plus_x as "fivePlusX", version from category_schemes order by code');
      const cats = await database.query<CategoryRow & { schemeCode: string }>(
        'select scheme_code as "schemeCode", code, name, required, distinctive, sort, active from categories order by sort, code',
      );
      return schemes.map((s) => ({
        ...s,
        active: s.code === active,
        categories: cats.filter((c) => c.schemeCode === s.code).map(({ schemeCode: _s, ...c }) => c),
      }));
    },

    /** One scheme (optionally locked for update inside a transaction). */
    async scheme(code: string, lock = false): Promise<SchemeWithCategories | null> {
      const [s] = await database.query<{ code: string; name: string; fivePlusX: boolean; version: number }>(
        `select code, name, five_plus_x as "fivePlusX", version from category_schemes where code = $1${lock ? ' for update' : ''}`,
        [code],
      );
      if (!s) return null;
      const active = (await setting<string>('category_scheme'))?.value ?? 'shenzhen';
      const categories = await database.query<CategoryRow>(
        'select code, name, required, distinctive, sort, active from categories where scheme_code = $1 order by sort, code',
        [code],
      );
      return { ...s, active: s.code === active, categories };
    },

    /** Category codes of a scheme that organizations (or application forms, while the scheme is active) use. */
    async categoriesInUse(schemeCode: string, codes: string[]): Promise<string[]> {
      if (!codes.length) return [];
      const rows = await database.query<{ code: string }>(
        `select distinct category as code from organizations where category_scheme = $1 and category = any($2::text[])
         union
         select distinct form->>'category' from applications
          where form->>'category' = any($2::text[])
            and $1 = coalesce((select value #>> '{}' from settings where key = 'category_scheme'), 'shenzhen')`,
        [schemeCode, codes],
      );
      return rows.map((r) => r.code);
    },

    /** Replaces a scheme's name, rule and categories; null when the version is stale. Removes only `remove`. */
    async saveScheme(
      code: string,
      version: number,
      v: { name: string; fivePlusX: boolean; categories: CategoryRow[]; remove: string[] },
    ): Promise<boolean> {
      const updated = await database.query<{ code: string }>(
        `update category_schemes set name = $3, five_plus_x = $4, version = version + 1
          where code = $1 and version = $2 returning code`,
        [code, version, v.name, v.fivePlusX],
      );
      if (!updated.length) return false;
      if (v.remove.length)
        await database.query('delete from categories where scheme_code = $1 and code = any($2::text[])', [
          code,
          v.remove,
        ]);
      for (const c of v.categories) {
        await database.query(
          `insert into categories (scheme_code, code, name, required, distinctive, sort, active)
             values ($1, $2, $3, $4, $5, $6, $7)
           on conflict (scheme_code, code) do update set name = excluded.name, required = excluded.required,
             distinctive = excluded.distinctive, sort = excluded.sort, active = excluded.active`,
          [code, c.code, c.name, c.required, c.distinctive, c.sort, c.active],
        );
      }
      return true;
    },

    /**
     * Writes a setting when its version still is `version` (0: not stored yet); returns the new
     * version, or null when someone else changed it first.
     */
    async putSetting(key: string, value: unknown, version: number, now: Date): Promise<number | null> {
      const json = JSON.stringify(value);
      const rows =
        version === 0
          ? await database.query<{ version: number }>(
              `insert into settings (key, value, version, updated_at) values ($1, $2::jsonb, 1, $3)
               on conflict (key) do nothing returning version`,
              [key, json, now],
            )
          : await database.query<{ version: number }>(
              `update settings set value = $2::jsonb, version = version + 1, updated_at = $3
                where key = $1 and version = $4 returning version`,
              [key, json, now, version],
            );
      return rows[0]?.version ?? null;
    },
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
