/**
 * Random spot checks (双随机一公开; 社会组织抽查暂行办法, 2017): a plan draws organizations from a
 * filtered pool at a ratio and two inspectors per check from the inspector pool, excluding anyone
 * with a declared conflict. The draw is a pure function of the pool, the parameters and a
 * recorded seed: anyone holding the same inputs replays it and gets the same selection.
 *
 * Determinism: both pools are put in canonical order (by id, code-unit order) before drawing, so
 * the order in which a database returns rows does not matter. The generator is sfc32 seeded by
 * cyrb128 of the seed text – small, well studied, and identical in every JavaScript engine.
 */

export type SpotCheckLevel = 'county' | 'city' | 'province';

export const spotCheckLevelLabels: Readonly<Record<SpotCheckLevel, string>> = {
  county: '县（区）级',
  city: '市级',
  province: '省级',
};

/** Minimum yearly draw ratios of the 2017 measures (at least 3 %, 4 %, 5 %). */
export const defaultSpotCheckRatios: Readonly<Record<SpotCheckLevel, number>> = {
  county: 0.03,
  city: 0.04,
  province: 0.05,
};

export const INSPECTORS_PER_CHECK = 2;

/** cyrb128: four 32-bit hashes of a string (seed material for sfc32). */
function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** A seeded generator of 32-bit unsigned integers (sfc32). */
export function seededRandom(seed: string): () => number {
  let [a, b, c, d] = cyrb128(seed);
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
  // discard the first outputs, as the generator's authors recommend
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** A uniform integer in [0, n) without modulo bias. */
function below(next: () => number, n: number): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  let x = next();
  while (x >= limit) x = next();
  return x % n;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `k` distinct items of `items` (canonical order first), in draw order: a partial Fisher–Yates. */
function drawFrom<T extends { id: string }>(items: readonly T[], k: number, next: () => number): T[] {
  const pool = [...items].sort(byId);
  const n = Math.min(k, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + below(next, pool.length - i);
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}

/** How many organizations a ratio draws from a pool: at least one from a non-empty pool. */
export function sampleSize(poolSize: number, ratio: number): number {
  if (poolSize <= 0) return 0;
  return Math.min(poolSize, Math.max(1, Math.ceil(poolSize * ratio - 1e-9)));
}

export interface DrawOrganization {
  id: string;
}

export interface DrawInspector {
  id: string;
  /** organizations the inspector declared a conflict of interest with */
  conflicts: readonly string[];
}

export interface SpotCheckDrawInput {
  seed: string;
  ratio: number;
  organizations: readonly DrawOrganization[];
  inspectors: readonly DrawInspector[];
  inspectorsPerCheck?: number;
}

export interface SpotCheckAssignment {
  organizationId: string;
  inspectorIds: string[];
}

export type SpotCheckDraw =
  | { ok: true; assignments: SpotCheckAssignment[]; poolSize: number; sampleSize: number }
  | { ok: false; message: string; organizationId?: string };

/** Chinese problems of the draw parameters (empty when valid). */
export function validateDrawInput(input: SpotCheckDrawInput): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!input.seed.trim()) out.push({ path: 'seed', message: '请填写随机种子' });
  if (!(input.ratio > 0 && input.ratio <= 1))
    out.push({ path: 'ratio', message: '抽查比例应大于 0 且不超过 100%' });
  if (new Set(input.organizations.map((o) => o.id)).size !== input.organizations.length)
    out.push({ path: 'organizations', message: '抽查对象名录中有重复的组织' });
  if (new Set(input.inspectors.map((i) => i.id)).size !== input.inspectors.length)
    out.push({ path: 'inspectors', message: '检查人员名录中有重复的人员' });
  return out;
}

/**
 * The draw. Organizations first (sample size from the ratio), then, organization by organization
 * in draw order, the inspectors from the pool without a conflict with it. Each inspector's load is
 * balanced: the generator picks among the eligible inspectors with the fewest checks so far. Fails
 * with a Chinese message when an organization cannot get enough conflict-free inspectors.
 */
export function drawSpotCheck(input: SpotCheckDrawInput): SpotCheckDraw {
  const problems = validateDrawInput(input);
  if (problems.length) return { ok: false, message: problems[0].message };
  const per = input.inspectorsPerCheck ?? INSPECTORS_PER_CHECK;
  const next = seededRandom(input.seed);
  const k = sampleSize(input.organizations.length, input.ratio);
  const chosen = drawFrom(input.organizations, k, next);
  const inspectors = [...input.inspectors].sort(byId);
  const load = new Map(inspectors.map((i) => [i.id, 0]));
  const assignments: SpotCheckAssignment[] = [];
  for (const org of chosen) {
    const eligible = inspectors.filter((i) => !i.conflicts.includes(org.id));
    if (eligible.length < per)
      return {
        ok: false,
        organizationId: org.id,
        message: `检查人员不足：与被抽中组织无利害关系的检查人员少于 ${per} 名，请补充检查人员名录`,
      };
    const picked: string[] = [];
    for (let n = 0; n < per; n++) {
      const rest = eligible.filter((i) => !picked.includes(i.id));
      const least = Math.min(...rest.map((i) => load.get(i.id) ?? 0));
      const tier = rest.filter((i) => (load.get(i.id) ?? 0) === least);
      const pick = tier[below(next, tier.length)];
      picked.push(pick.id);
      load.set(pick.id, least + 1);
    }
    assignments.push({ organizationId: org.id, inspectorIds: picked });
  }
  return { ok: true, assignments, poolSize: input.organizations.length, sampleSize: k };
}

/** A seed that staff can read out and type back: date, plan and 8 hex digits of entropy. */
export function makeSeed(planCode: string, date: string, entropy: number): string {
  return `${date}/${planCode}/${(entropy >>> 0).toString(16).padStart(8, '0')}`;
}

// ── results ──

export const spotCheckResults = ['compliant', 'rectify', 'violation'] as const;
export type SpotCheckResult = (typeof spotCheckResults)[number];

export const spotCheckResultLabels: Readonly<Record<SpotCheckResult, string>> = {
  compliant: '未发现问题',
  rectify: '发现问题，责令整改',
  violation: '发现违法违规行为，移交处理',
};

export const spotCheckStatusLabels = {
  drawn: '已抽取',
  inspecting: '检查中',
  recorded: '已录入结果',
  published: '已公示',
} as const;
