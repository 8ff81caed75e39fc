/**
 * Volunteer development targets per region (Wenzhou practice, *local* configuration):
 * registered volunteers ≥ 13 % of the resident population and volunteer organizations
 * ≥ 0.05 % of residents (5 per 10,000). Pure arithmetic: counts and populations come in,
 * ratios, below-target flags, gaps and display text come out.
 *
 * A region whose resident population is unknown (null or 0) has no ratio: it is neither
 * above nor below target (`meets: null`) – the dashboard says "人口未知" instead of guessing.
 */

export interface VolunteerTargets {
  /** registered volunteers / resident population, e.g. 0.13 */
  volunteerRatio: number;
  /** volunteer organizations / resident population, e.g. 0.0005 */
  orgPerResident: number;
}

export const defaultVolunteerTargets: Readonly<VolunteerTargets> = {
  volunteerRatio: 0.13,
  orgPerResident: 0.0005,
};

/** Chinese problems with a target configuration; empty when usable. */
export function validateVolunteerTargets(t: Partial<VolunteerTargets>): string[] {
  const problems: string[] = [];
  const check = (v: unknown, label: string) => {
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 1)
      problems.push(`${label}应为大于 0 且不超过 100% 的比例`);
  };
  check(t.volunteerRatio, '注册志愿者占常住人口比例目标');
  check(t.orgPerResident, '志愿服务组织占常住人口比例目标');
  return problems;
}

/**
 * Stored (possibly partial or malformed) settings merged over the defaults; a value that is
 * not a usable ratio falls back to its default instead of breaking the dashboard.
 */
export function resolveVolunteerTargets(stored: unknown): VolunteerTargets {
  const out: VolunteerTargets = { ...defaultVolunteerTargets };
  if (!stored || typeof stored !== 'object') return out;
  const s = stored as Record<string, unknown>;
  for (const key of ['volunteerRatio', 'orgPerResident'] as const) {
    const v = s[key];
    if (validateVolunteerTargets({ [key]: v }).length === 0 && typeof v === 'number') out[key] = v;
  }
  return out;
}

/** count / population, or null when the population is unknown or zero. */
export function ratioOf(count: number, population: number | null | undefined): number | null {
  if (!Number.isFinite(count) || count < 0) throw new Error(`count must be a non-negative number: ${count}`);
  if (population == null || !Number.isFinite(population) || population <= 0) return null;
  return count / population;
}

/**
 * The smallest whole count that reaches `target` of `population` (e.g. 13 % of 10,001 → 1,301).
 * Computed on scaled integers where possible so that 0.13 × 10,000 is exactly 1,300.
 */
export function requiredCount(population: number, target: number): number {
  if (!Number.isFinite(population) || population < 0)
    throw new Error(`population must be a non-negative number: ${population}`);
  if (!Number.isFinite(target) || target < 0)
    throw new Error(`target must be a non-negative number: ${target}`);
  // targets are given with at most a few decimals: scale to an integer numerator
  const SCALE = 1_000_000;
  const scaled = Math.round(target * SCALE);
  if (Number.isInteger(population) && Math.abs(scaled - target * SCALE) < 1e-6)
    return Math.floor((population * scaled + SCALE - 1) / SCALE);
  return Math.max(0, Math.ceil(population * target - 1e-9));
}

export interface TargetCheck {
  count: number;
  population: number | null;
  /** count / population, null when the population is unknown */
  ratio: number | null;
  target: number;
  /** null when the population is unknown */
  meets: boolean | null;
  /** true only when the population is known and the count falls short */
  belowTarget: boolean;
  /** the whole count the target asks for (null when the population is unknown) */
  required: number | null;
  /** how many more are needed (0 when met; null when the population is unknown) */
  gap: number | null;
}

/** Count against a share-of-population target. */
export function checkTarget(
  count: number,
  population: number | null | undefined,
  target: number,
): TargetCheck {
  const ratio = ratioOf(count, population);
  if (ratio === null) {
    return {
      count,
      population: population ?? null,
      ratio: null,
      target,
      meets: null,
      belowTarget: false,
      required: null,
      gap: null,
    };
  }
  const required = requiredCount(population as number, target);
  const meets = count >= required;
  return {
    count,
    population: population as number,
    ratio,
    target,
    meets,
    belowTarget: !meets,
    required,
    gap: meets ? 0 : required - count,
  };
}

/** Registered volunteers against the volunteer-ratio target. */
export function volunteerRatioCheck(
  volunteers: number,
  population: number | null | undefined,
  targets: VolunteerTargets = defaultVolunteerTargets,
): TargetCheck {
  return checkTarget(volunteers, population, targets.volunteerRatio);
}

/** Volunteer organizations against the organizations-per-resident target. */
export function orgPerResidentCheck(
  organizations: number,
  population: number | null | undefined,
  targets: VolunteerTargets = defaultVolunteerTargets,
): TargetCheck {
  return checkTarget(organizations, population, targets.orgPerResident);
}

/**
 * A share as a percentage: `0.13` → `13.0%`, `0.0005` → `0.05%`, `0.000047` → `0.0047%`, null → `—`.
 * Without `digits`, shares of 1 % and more get one decimal; smaller ones get two significant digits
 * (2–4 decimals, trailing zeros beyond two dropped) so that tiny organization ratios do not read 0.00%.
 * Rounded half up on scaled integers, so 0.125 → `12.5%` without floating-point noise.
 */
export function formatShare(ratio: number | null | undefined, digits?: number): string {
  if (ratio == null || !Number.isFinite(ratio)) return '—';
  const pct = ratio * 100;
  const abs = Math.abs(pct);
  const d =
    digits ?? (abs >= 1 ? 1 : abs === 0 ? 2 : Math.min(4, Math.max(2, 1 - Math.floor(Math.log10(abs)))));
  const factor = 10 ** d;
  const rounded = Math.round(Number((pct * factor).toPrecision(12))) / factor;
  let text = rounded.toFixed(d);
  if (digits === undefined && abs < 1) text = text.replace(/(\.\d\d\d*?)0+$/, '$1');
  return `${text}%`;
}

/** Organizations per 10,000 residents (万人拥有量), one decimal; null when unknown. */
export function perTenThousand(count: number, population: number | null | undefined): number | null {
  const r = ratioOf(count, population);
  if (r === null) return null;
  return Math.round(Number((r * 100_000).toPrecision(12))) / 10;
}
