import { todayInShanghai } from '../time';

/**
 * Volunteer credit (志愿服务信用): a score from a base, moved by positive events (service
 * hours, training, commendations) and negative ones (no-show after approval, leaving early,
 * misconduct confirmed by the organizer, a false record), clamped to [min, max] and banded into
 * levels. Rules, caps and bands are configuration. Every change carries a Chinese sentence
 * saying why. Events voided on appeal count for nothing.
 */

export const creditEventKinds = [
  'service',
  'training',
  'commendation',
  'no_show',
  'left_early',
  'misconduct',
  'false_record',
] as const;
export type CreditEventKind = (typeof creditEventKinds)[number];
export const creditEventLabels: Readonly<Record<CreditEventKind, string>> = {
  service: '志愿服务',
  training: '参加培训',
  commendation: '获得表彰',
  no_show: '录用后未到场',
  left_early: '中途早退',
  misconduct: '经组织方确认的不当行为',
  false_record: '虚假服务记录',
};

export interface CreditEvent {
  id: string;
  kind: CreditEventKind;
  at: Date;
  /** For 'service': minutes served. */
  minutes?: number;
  /** Activity, course or award title, used in the reason sentence. */
  title?: string;
  /** Voided after an upheld appeal: ignored everywhere. */
  voided?: boolean;
}

export interface CreditRule {
  /** Points per event (negative for penalties); for 'service', points per `perMinutes` served. */
  points: number;
  /** For 'service': the amount of service that earns `points` (e.g. 600 = every 10 hours). */
  perMinutes?: number;
  /** Largest total change by this kind per calendar year (absolute value); none when absent. */
  yearCap?: number;
}

export interface CreditBand {
  /** Lowest score of the band. */
  min: number;
  level: string;
  label: string;
}

export interface RestrictionRule {
  kind: CreditEventKind;
  /** This many events … */
  count: number;
  /** … within this many days … */
  withinDays: number;
  /** … block sign-ups for this many days from the last of them. */
  blockDays: number;
}

export interface CreditConfig {
  base: number;
  min: number;
  max: number;
  rules: Readonly<Record<CreditEventKind, CreditRule>>;
  /** Highest first. */
  bands: readonly CreditBand[];
  restrictions: readonly RestrictionRule[];
}

export const defaultCreditConfig: Readonly<CreditConfig> = {
  base: 80,
  min: 0,
  max: 100,
  rules: {
    service: { points: 1, perMinutes: 600, yearCap: 10 },
    training: { points: 2, yearCap: 6 },
    commendation: { points: 5, yearCap: 10 },
    no_show: { points: -5 },
    left_early: { points: -2 },
    misconduct: { points: -10 },
    false_record: { points: -20 },
  },
  bands: [
    { min: 90, level: 'excellent', label: '优秀' },
    { min: 75, level: 'good', label: '良好' },
    { min: 60, level: 'fair', label: '一般' },
    { min: Number.NEGATIVE_INFINITY, level: 'poor', label: '较差' },
  ],
  restrictions: [
    { kind: 'no_show', count: 3, withinDays: 90, blockDays: 30 },
    { kind: 'false_record', count: 1, withinDays: 1, blockDays: 180 },
  ],
};

export interface CreditChange {
  eventId: string;
  at: Date;
  delta: number;
  scoreAfter: number;
  reason: string;
}

export interface CreditScore {
  score: number;
  level: string;
  label: string;
  changes: CreditChange[];
}

const DAY = 86_400_000;

function liveEvents(events: readonly CreditEvent[], asOf: Date): CreditEvent[] {
  return events
    .filter((e) => !e.voided && e.at.getTime() <= asOf.getTime())
    .map((e, i) => ({ e, i }))
    .sort((x, y) => x.e.at.getTime() - y.e.at.getTime() || x.i - y.i)
    .map(({ e }) => e);
}

function bandOf(score: number, config: CreditConfig): CreditBand {
  return config.bands.find((b) => score >= b.min) ?? config.bands[config.bands.length - 1];
}

function signed(n: number): string {
  return n > 0 ? `加${n}分` : `扣${-n}分`;
}

function describe(e: CreditEvent): string {
  const title = e.title ? `“${e.title}”` : '';
  const day = todayInShanghai(e.at);
  switch (e.kind) {
    case 'service':
      return `${day}${title}志愿服务`;
    case 'training':
      return `${day}参加培训${title}`;
    case 'commendation':
      return `${day}获得表彰${title}`;
    default:
      return `${day}${title ? `在${title}中` : ''}${creditEventLabels[e.kind]}`;
  }
}

/**
 * The credit score on `asOf` with every change and its reason. Service events add
 * `points` each time the year's served minutes cross another multiple of `perMinutes`.
 */
export function creditScore(
  events: readonly CreditEvent[],
  config: CreditConfig = defaultCreditConfig,
  asOf: Date,
): CreditScore {
  let score = Math.min(config.max, Math.max(config.min, config.base));
  const changes: CreditChange[] = [];
  const usedByYear = new Map<string, number>(); // `${kind}:${year}` → |points| used
  const minutesByYear = new Map<number, number>();

  for (const e of liveEvents(events, asOf)) {
    const rule = config.rules[e.kind];
    if (!rule) throw new Error(`no credit rule for ${e.kind}`);
    const year = Number(todayInShanghai(e.at).slice(0, 4));
    let raw: number;
    let what = describe(e);
    if (e.kind === 'service') {
      const minutes = e.minutes ?? 0;
      if (!Number.isInteger(minutes) || minutes < 0) throw new Error(`invalid minutes on ${e.id}`);
      const per = rule.perMinutes ?? 60;
      const before = minutesByYear.get(year) ?? 0;
      const after = before + minutes;
      minutesByYear.set(year, after);
      raw = (Math.floor(after / per) - Math.floor(before / per)) * rule.points;
      if (raw === 0) continue; // not yet another full unit: nothing changes
      what = `${what}，${year}年累计服务满${Math.floor(after / per) * (per / 60)}小时`;
    } else {
      raw = rule.points;
    }
    let delta = raw;
    let note = '';
    if (rule.yearCap !== undefined) {
      const key = `${e.kind}:${year}`;
      const used = usedByYear.get(key) ?? 0;
      const room = Math.max(0, rule.yearCap - used);
      if (Math.abs(delta) > room) {
        delta = Math.sign(delta) * room;
        note = `（${creditEventLabels[e.kind]}每年最多${raw > 0 ? '加' : '扣'}${rule.yearCap}分，已达上限）`;
      }
      usedByYear.set(key, used + Math.abs(delta));
    }
    const next = Math.min(config.max, Math.max(config.min, score + delta));
    if (next !== score + delta)
      note += next > score + delta ? `（信用分最低为${config.min}分）` : `（信用分最高为${config.max}分）`;
    delta = next - score;
    score = next;
    const verb = delta === 0 ? '不加减分' : signed(delta);
    changes.push({ eventId: e.id, at: e.at, delta, scoreAfter: score, reason: `${what}，${verb}${note}` });
  }
  const band = bandOf(score, config);
  return { score, level: band.level, label: band.label, changes };
}

export type Restriction =
  | { blocked: false }
  | {
      blocked: true;
      /** First moment sign-ups are allowed again. */
      until: Date;
      /** Events that triggered the block. */
      eventIds: string[];
      reason: string;
    };

/**
 * Whether sign-ups are blocked on `asOf`. A rule fires when `count` events of its kind fall
 * within `withinDays` (measured from the first to the last); the block runs `blockDays` from
 * the last one. Events that fired a block do not count again towards the next one. When several
 * blocks are running, the one that ends last is reported.
 */
export function restrictionOf(
  events: readonly CreditEvent[],
  config: CreditConfig = defaultCreditConfig,
  asOf: Date,
): Restriction {
  const live = liveEvents(events, asOf);
  let best: Restriction = { blocked: false };
  for (const rule of config.restrictions) {
    if (rule.count < 1) throw new Error('restriction count must be at least 1');
    let pending: CreditEvent[] = [];
    for (const e of live) {
      if (e.kind !== rule.kind) continue;
      pending = [...pending, e].filter((p) => e.at.getTime() - p.at.getTime() < rule.withinDays * DAY);
      if (pending.length < rule.count) continue;
      const until = new Date(e.at.getTime() + rule.blockDays * DAY);
      const triggered = pending;
      pending = [];
      if (until.getTime() <= asOf.getTime()) continue;
      if (best.blocked && best.until.getTime() >= until.getTime()) continue;
      const untilDay = todayInShanghai(until);
      const what =
        rule.count === 1
          ? `因${creditEventLabels[rule.kind]}`
          : `${rule.withinDays}天内${rule.count}次${creditEventLabels[rule.kind]}`;
      best = {
        blocked: true,
        until,
        eventIds: triggered.map((t) => t.id),
        reason: `${what}，${untilDay}前不能报名志愿服务活动；如有异议可提出申诉`,
      };
    }
  }
  return best;
}

/** Chinese problems with a credit configuration; empty when it is usable. */
export function validateCreditConfig(config: CreditConfig): string[] {
  const problems: string[] = [];
  if (!(config.min <= config.base && config.base <= config.max))
    problems.push('信用分初始值应在最低分和最高分之间');
  for (const kind of creditEventKinds) {
    const rule = config.rules[kind];
    if (!rule || !Number.isInteger(rule.points)) problems.push(`${creditEventLabels[kind]}的分值应为整数`);
    else if (rule.yearCap !== undefined && (!Number.isInteger(rule.yearCap) || rule.yearCap < 0)) {
      problems.push(`${creditEventLabels[kind]}的年度上限应为非负整数`);
    }
  }
  const per = config.rules.service?.perMinutes;
  if (per !== undefined && (!Number.isInteger(per) || per <= 0 || per % 60 !== 0)) {
    problems.push('服务时长计分单位应为整小时');
  }
  if (config.bands.length === 0) problems.push('至少应设置一个信用等级');
  for (let i = 1; i < config.bands.length; i++) {
    if (config.bands[i].min >= config.bands[i - 1].min) problems.push('信用等级应按分数从高到低排列');
  }
  for (const r of config.restrictions) {
    if (!(r.count >= 1 && r.withinDays > 0 && r.blockDays > 0))
      problems.push('限制报名规则的次数、天数应为正数');
  }
  return problems;
}
