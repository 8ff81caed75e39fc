/**
 * Star levels (星级志愿者) from cumulative service hours. The common ladder is
 * 100 / 300 / 600 / 1000 / 1500 hours for 一星 … 五星; thresholds and whether hours count over
 * the volunteer's lifetime or within one calendar year are deployment configuration.
 *
 * Hours are compared as whole minutes (hours × 60, rounded) so that sums such as 0.1 + 0.2
 * never drift across a threshold. Hours never expire; only the basis decides what is summed.
 */

export type StarBasis = 'lifetime' | 'year';

export interface StarConfig {
  /** Hours needed for level 1, 2, …; strictly increasing, positive. */
  thresholds: readonly number[];
  /** 'lifetime': all years up to and including the asked year; 'year': that year only. */
  basis: StarBasis;
}

export const defaultStarConfig: Readonly<StarConfig> = {
  thresholds: [100, 300, 600, 1000, 1500],
  basis: 'lifetime',
};

export interface StarStatus {
  /** 0 = not yet starred, 1 = 一星, … */
  level: number;
  /** '未评星', '一星', '二星', … */
  label: string;
  /** Hours that counted under the basis (whole minutes / 60). */
  hours: number;
  minutes: number;
  /** Hours for the next level, or null at the top level. */
  nextThreshold: number | null;
  /** Hours still to serve for the next level, or null at the top level. */
  hoursToNext: number | null;
  minutesToNext: number | null;
}

const NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** '一星' … '十星', '未评星' for level 0. */
export function starLabel(level: number): string {
  if (!Number.isInteger(level) || level < 0) throw new Error(`invalid star level: ${level}`);
  if (level === 0) return '未评星';
  return `${level <= 10 ? NUMERALS[level] : String(level)}星`;
}

/** Chinese problems with a star configuration; empty when it is usable. */
export function validateStarConfig(config: StarConfig): string[] {
  const problems: string[] = [];
  if (config.basis !== 'lifetime' && config.basis !== 'year') problems.push('星级计算口径应为累计或年度');
  if (config.thresholds.length === 0) problems.push('至少应设置一个星级门槛');
  config.thresholds.forEach((t, i) => {
    if (!Number.isFinite(t) || t <= 0) problems.push(`第${i + 1}个星级门槛应为正数`);
    else if (i > 0 && t <= config.thresholds[i - 1]) problems.push(`第${i + 1}个星级门槛应高于上一级`);
  });
  return problems;
}

function toMinutes(hours: number, what: string): number {
  if (!Number.isFinite(hours) || hours < 0)
    throw new Error(`${what} must be a non-negative number: ${hours}`);
  return Math.round(hours * 60);
}

/** Star status from whole minutes already summed under the basis. */
export function starLevelForMinutes(minutes: number, config: StarConfig = defaultStarConfig): StarStatus {
  const problems = validateStarConfig(config);
  if (problems.length > 0) throw new Error(problems.join('；'));
  if (!Number.isInteger(minutes) || minutes < 0)
    throw new Error(`minutes must be a non-negative integer: ${minutes}`);
  const limits = config.thresholds.map((t) => toMinutes(t, 'threshold'));
  let level = 0;
  while (level < limits.length && minutes >= limits[level]) level++;
  const top = level >= limits.length;
  return {
    level,
    label: starLabel(level),
    hours: minutes / 60,
    minutes,
    nextThreshold: top ? null : config.thresholds[level],
    hoursToNext: top ? null : (limits[level] - minutes) / 60,
    minutesToNext: top ? null : limits[level] - minutes,
  };
}

/**
 * Star status in `year` from hours served per calendar year. Years after `year` never count;
 * with basis 'year' only `year` itself counts.
 */
export function starLevel(
  hoursByYear: Readonly<Record<number, number>>,
  config: StarConfig = defaultStarConfig,
  year: number,
): StarStatus {
  if (!Number.isInteger(year)) throw new Error(`invalid year: ${year}`);
  let minutes = 0;
  for (const [key, hours] of Object.entries(hoursByYear)) {
    const y = Number(key);
    if (!Number.isInteger(y)) throw new Error(`invalid year: ${key}`);
    const m = toMinutes(hours, `hours of ${key}`);
    if (config.basis === 'year' ? y === year : y <= year) minutes += m;
  }
  return starLevelForMinutes(minutes, config);
}
