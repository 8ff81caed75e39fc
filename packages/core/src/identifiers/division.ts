/**
 * 12-digit statistical division codes: province(2) + city(2) + county(2) +
 * town/street(3) + village/community(3).
 *
 * A code's level is that of its last non-zero segment. Some cities have no county
 * level (东莞 4419, 中山 4420, 嘉峪关 6202, 儋州 4604): their streets look like
 * `441900003000` – county segment `00`, town segment non-zero – and are level 4 with
 * the city as parent. Functions accept a full 12-digit code or a shorter digit prefix,
 * which is padded with zeros first.
 */

export type RegionLevel = 1 | 2 | 3 | 4 | 5;
export type AreaType = 'urban' | 'rural';
export type TownType = 'street' | 'town' | 'township' | 'other';

/** Length of the scope prefix at each level. */
export const levelPrefixLength: Readonly<Record<RegionLevel, number>> = { 1: 2, 2: 4, 3: 6, 4: 9, 5: 12 };

export const regionLevelLabels: Readonly<Record<RegionLevel, string>> = {
  1: '省',
  2: '市',
  3: '区县',
  4: '街道乡镇',
  5: '社区村',
};

const SEGMENTS: readonly [RegionLevel, number, number][] = [
  [1, 0, 2],
  [2, 2, 4],
  [3, 4, 6],
  [4, 6, 9],
  [5, 9, 12],
];

/** True for a well-formed 12-digit division code (not checked against real data). */
export function isDivisionCode(s: string): boolean {
  if (!/^\d{12}$/.test(s)) return false;
  if (s.slice(0, 2) === '00') return false;
  // a province has nothing below it; a town segment 000 cannot carry a village
  if (s.slice(2, 4) === '00' && s.slice(4) !== '00000000') return false;
  if (s.slice(6, 9) === '000' && s.slice(9) !== '000') return false;
  return true;
}

/** Pads a digit prefix with zeros to 12 digits; throws on anything else. */
export function padCode(prefix: string): string {
  if (!/^\d{1,12}$/.test(prefix)) throw new Error(`invalid division code or prefix: ${prefix}`);
  return prefix.padEnd(12, '0');
}

/** 1 province, 2 city, 3 county/district, 4 town/street, 5 village/community. */
export function regionLevel(code: string): RegionLevel {
  const c = padCode(code);
  for (let i = SEGMENTS.length - 1; i >= 0; i--) {
    const [level, from, to] = SEGMENTS[i];
    if (/[1-9]/.test(c.slice(from, to))) return level;
  }
  throw new Error(`division code has no non-zero segment: ${code}`);
}

/** The code cut at its level (or at `level`): street `440305001`, community 12 digits. */
export function scopePrefix(code: string, level: RegionLevel = regionLevel(code)): string {
  return padCode(code).slice(0, levelPrefixLength[level]);
}

/**
 * Inclusive range of 12-digit codes in the subtree, for a `between` filter on an indexed
 * column: street `440305001` → ['440305001000', '440305001999'].
 */
export function prefixRange(code: string, level?: RegionLevel): [lo: string, hi: string] {
  const prefix = scopePrefix(code, level);
  return [prefix.padEnd(12, '0'), prefix.padEnd(12, '9')];
}

/** The parent node's 12-digit code; null for a province. Skips an empty county level. */
export function parentCode(code: string): string | null {
  const level = regionLevel(code);
  if (level === 1) return null;
  return padCode(scopePrefix(code, (level - 1) as RegionLevel));
}

/** Ancestors from the province down to the parent (12-digit codes). */
export function ancestorCodes(code: string): string[] {
  const out: string[] = [];
  for (let p = parentCode(code); p !== null; p = parentCode(p)) out.unshift(p);
  return out;
}

/** True when `code` is `ancestorCode` itself or lies in its subtree. */
export function isWithin(code: string, ancestorCode: string): boolean {
  return padCode(code).startsWith(scopePrefix(ancestorCode));
}

/** Town segment (digits 7–9): 001–099 street, 100–199 town, 200–399 township. */
export function townType(code: string): TownType {
  const seg = Number(padCode(code).slice(6, 9));
  if (seg >= 1 && seg <= 99) return 'street';
  if (seg >= 100 && seg <= 199) return 'town';
  if (seg >= 200 && seg <= 399) return 'township';
  return 'other';
}

const URBAN_SUFFIXES = ['社区居委会', '居民委员会', '居委会', '社区'];
const RURAL_SUFFIXES = ['村民委员会', '村委会', '村'];

/**
 * Urban or rural from a committee's name: …居委会 / …居民委员会 / …社区 → urban,
 * …村委会 / …村民委员会 / …村 → rural, otherwise null.
 */
export function committeeAreaType(name: string): AreaType | null {
  const n = name.trim();
  if (URBAN_SUFFIXES.some((s) => n.endsWith(s))) return 'urban';
  if (RURAL_SUFFIXES.some((s) => n.endsWith(s))) return 'rural';
  return null;
}

/** Statistics bureau urban–rural code: 111, 112, 121, 122, 123 urban; 210, 220 rural. */
export function urbanRuralFromCode(code3: string | null | undefined): AreaType | null {
  if (!code3) return null;
  const c = code3.trim();
  if (['111', '112', '121', '122', '123'].includes(c)) return 'urban';
  if (['210', '220'].includes(c)) return 'rural';
  return null;
}

/**
 * Heuristic from the village segment: 001–199 usually residents' committees (urban),
 * 200–399 usually villagers' committees (rural). Use only when nothing better is known.
 */
export function areaTypeFromVillageSegment(code: string): AreaType | null {
  const seg = Number(padCode(code).slice(9, 12));
  if (seg >= 1 && seg <= 199) return 'urban';
  if (seg >= 200 && seg <= 399) return 'rural';
  return null;
}

/**
 * Best classification of a community: the statistics bureau's urban–rural code when
 * known, else the committee's name, else the village-segment heuristic.
 */
export function classifyCommunity(c: {
  code: string;
  name: string;
  urbanRuralCode?: string | null;
}): AreaType | null {
  return (
    urbanRuralFromCode(c.urbanRuralCode) ?? committeeAreaType(c.name) ?? areaTypeFromVillageSegment(c.code)
  );
}
