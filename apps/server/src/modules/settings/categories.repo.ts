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
  };
}
export type SettingsRepo = ReturnType<typeof createSettingsRepo>;
