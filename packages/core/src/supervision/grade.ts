import { addDays, addMonths, addYears, isIsoDate } from '../time';
import type { CreditListKind } from './creditList';

/**
 * Grade assessment of registered social organizations (等级评估; 《社会组织评估管理办法》, 民政部令
 * 第39号, 2011): 1000 points, grades 5A–1A with local cut-offs, valid five years, decided by the
 * assessment committee and posted for objection. Organizations on a credit list are excluded,
 * and a downgrade or revocation bars a new application for two or three years.
 *
 * Periods of whole years run from a day to the same day of the target year; a period that starts
 * on 29 February ends with 28 February, so the next period begins on 1 March – a period is never
 * a day short (`fullYearsFrom`).
 */

export const GRADE_TOTAL_POINTS = 1000;

export const gradeLevels = ['5A', '4A', '3A', '2A', '1A'] as const;
export type GradeLevel = (typeof gradeLevels)[number];

export const gradeLabels: Readonly<Record<GradeLevel, string>> = {
  '5A': '5A级（AAAAA）',
  '4A': '4A级（AAAA）',
  '3A': '3A级（AAA）',
  '2A': '2A级（AA）',
  '1A': '1A级（A）',
};

export const NO_GRADE_LABEL = '不予评级';

/** 5A = 5 … 1A = 1. */
export function gradeRank(g: GradeLevel): number {
  return 5 - gradeLevels.indexOf(g);
}

/** The lowest score of each grade (*local*). */
export type GradeCutoffs = Readonly<Record<GradeLevel, number>>;

export const defaultGradeCutoffs: GradeCutoffs = { '5A': 950, '4A': 900, '3A': 850, '2A': 800, '1A': 700 };

export interface GradeProblem {
  path: string;
  message: string;
}

/** Chinese problems of the cut-offs (empty when valid): each within 0–1000, 5A highest, strictly descending. */
export function validateGradeCutoffs(c: GradeCutoffs): GradeProblem[] {
  const out: GradeProblem[] = [];
  gradeLevels.forEach((g, i) => {
    const v = c[g];
    if (!Number.isFinite(v) || v <= 0 || v > GRADE_TOTAL_POINTS)
      out.push({ path: g, message: `${g}分数线应大于 0 且不超过 ${GRADE_TOTAL_POINTS} 分` });
    else if (i > 0 && Number.isFinite(c[gradeLevels[i - 1]]) && !(v < c[gradeLevels[i - 1]]))
      out.push({ path: g, message: `${g}分数线应低于${gradeLevels[i - 1]}分数线` });
  });
  return out;
}

/** The grade a score earns: the highest grade whose cut-off it reaches, or none (不予评级). */
export function gradeFor(
  score: number,
  cutoffs: GradeCutoffs = defaultGradeCutoffs,
): { grade: GradeLevel | null; label: string } {
  if (!Number.isFinite(score) || score < 0 || score > GRADE_TOTAL_POINTS)
    throw new Error(`grade score out of range: ${score}`);
  const grade = gradeLevels.find((g) => score >= cutoffs[g]) ?? null;
  return { grade, label: grade ? gradeLabels[grade] : NO_GRADE_LABEL };
}

// ── configuration ──

export interface GradeConfig {
  /** years a grade is valid */
  validYears: number;
  /** full years of registration before the first application */
  minRegisteredYears: number;
  /** years after a downgrade before a new application */
  downgradeWaitYears: number;
  /** years after a revocation before a new application */
  revocationWaitYears: number;
  /** a holder may apply again this many months before its grade expires (0: once it has expired) */
  reapplyMonthsBeforeExpiry: number;
}

export const defaultGradeConfig: Readonly<GradeConfig> = {
  validYears: 5,
  minRegisteredYears: 2,
  downgradeWaitYears: 2,
  revocationWaitYears: 3,
  reapplyMonthsBeforeExpiry: 0,
};

/** Chinese problems of a configuration (empty when valid). */
export function validateGradeConfig(c: GradeConfig): GradeProblem[] {
  const out: GradeProblem[] = [];
  const years = ['validYears', 'minRegisteredYears', 'downgradeWaitYears', 'revocationWaitYears'] as const;
  for (const k of years)
    if (!Number.isInteger(c[k]) || c[k] < (k === 'validYears' ? 1 : 0) || c[k] > 10)
      out.push({ path: k, message: k === 'validYears' ? '有效期为 1–10 年的整数' : '年限为 0–10 年的整数' });
  if (
    !Number.isInteger(c.reapplyMonthsBeforeExpiry) ||
    c.reapplyMonthsBeforeExpiry < 0 ||
    c.reapplyMonthsBeforeExpiry > 12
  )
    out.push({ path: 'reapplyMonthsBeforeExpiry', message: '提前申请月数为 0–12 的整数' });
  return out;
}

/** The first day after `years` full years starting on `from` (2024-02-29 + 1 → 2025-03-01). */
export function fullYearsFrom(from: string, years: number): string {
  const a = addYears(from, years);
  return from.slice(5) === '02-29' && a.slice(5) === '02-28' ? addDays(a, 1) : a;
}

/** Last day of validity: the day before the anniversary (2025-03-15 → 2030-03-14). */
export function gradeValidUntil(awardedOn: string, config: GradeConfig = defaultGradeConfig): string {
  return addDays(fullYearsFrom(awardedOn, config.validYears), -1);
}

// ── grade records ──

/** A grade an organization holds or held. Downgrading closes it and opens a lower one. */
export interface GradeRecord {
  grade: GradeLevel;
  /** the day it took effect */
  awardedOn: string;
  /** last day of validity (a downgraded grade keeps the original term) */
  validUntil: string;
  origin: 'assessment' | 'downgrade';
  /** assessment score out of 1000 */
  score?: number | null;
  downgraded: { on: string; to: GradeLevel; reason: string } | null;
  revoked: { on: string; reason: string } | null;
}

export type GradeStatus = 'valid' | 'expired' | 'revoked' | 'downgraded';

export const gradeStatusLabels: Readonly<Record<GradeStatus, string>> = {
  valid: '有效',
  expired: '已过有效期',
  revoked: '已撤销',
  downgraded: '已降级',
};

/** A grade awarded by an assessment. */
export function awardGrade(
  input: { grade: GradeLevel; awardedOn: string; score?: number | null },
  config: GradeConfig = defaultGradeConfig,
): GradeRecord {
  if (!isIsoDate(input.awardedOn)) throw new Error(`invalid date: ${input.awardedOn}`);
  return {
    grade: input.grade,
    awardedOn: input.awardedOn,
    validUntil: gradeValidUntil(input.awardedOn, config),
    origin: 'assessment',
    score: input.score ?? null,
    downgraded: null,
    revoked: null,
  };
}

/** Where a grade stands on `date` (on or after the day it took effect). */
export function gradeStatusOn(grade: GradeRecord, date: string): GradeStatus {
  if (!isIsoDate(date)) throw new Error(`invalid date: ${date}`);
  if (date < grade.awardedOn) throw new Error(`grade not yet in effect on ${date}`);
  if (grade.revoked && grade.revoked.on <= date) return 'revoked';
  if (grade.downgraded && grade.downgraded.on <= date) return 'downgraded';
  if (date > grade.validUntil) return 'expired';
  return 'valid';
}

/** The grade valid on `date` among an organization's records, or null. */
export function currentGrade(records: readonly GradeRecord[], date: string): GradeRecord | null {
  return records.find((r) => r.awardedOn <= date && gradeStatusOn(r, date) === 'valid') ?? null;
}

export type GradeChange<T> = ({ ok: true } & T) | { ok: false; message: string };

function changeProblem(
  grade: GradeRecord,
  on: string,
  reason: string,
  what: '降级' | '撤销等级',
): string | null {
  if (!isIsoDate(on)) return '请填写有效的日期';
  if (!reason.trim()) return `请填写${what}原因`;
  if (on < grade.awardedOn) return `${what}日期不能早于等级生效日期${grade.awardedOn}`;
  const status = gradeStatusOn(grade, on);
  if (status === 'revoked') return '该等级已被撤销';
  if (status === 'downgraded') return '该等级已被降级';
  if (status === 'expired') return `该等级已于${grade.validUntil}到期`;
  return null;
}

/**
 * Downgrades a valid grade on `on`: the record is closed as downgraded and a lower grade takes
 * effect the same day for the rest of the original term. A reason is required.
 */
export function downgradeGrade(
  grade: GradeRecord,
  change: { on: string; to: GradeLevel; reason: string },
): GradeChange<{ previous: GradeRecord; current: GradeRecord }> {
  const problem = changeProblem(grade, change.on, change.reason, '降级');
  if (problem) return { ok: false, message: problem };
  if (gradeRank(change.to) >= gradeRank(grade.grade))
    return { ok: false, message: `降级后的等级须低于当前等级（当前为${grade.grade}）` };
  const reason = change.reason.trim();
  return {
    ok: true,
    previous: { ...grade, downgraded: { on: change.on, to: change.to, reason } },
    current: {
      grade: change.to,
      awardedOn: change.on,
      validUntil: grade.validUntil,
      origin: 'downgrade',
      score: null,
      downgraded: null,
      revoked: null,
    },
  };
}

/** Revokes a valid grade on `on`; the organization holds no grade from that day. A reason is required. */
export function revokeGrade(
  grade: GradeRecord,
  change: { on: string; reason: string },
): GradeChange<{ record: GradeRecord }> {
  const problem = changeProblem(grade, change.on, change.reason, '撤销等级');
  if (problem) return { ok: false, message: problem };
  return { ok: true, record: { ...grade, revoked: { on: change.on, reason: change.reason.trim() } } };
}

/** 3A and above get priority in government purchase of services while the grade is valid. */
export function priorityForPurchases(grade: GradeRecord | null, date: string): boolean {
  return (
    grade !== null &&
    grade.awardedOn <= date &&
    gradeRank(grade.grade) >= 3 &&
    gradeStatusOn(grade, date) === 'valid'
  );
}

// ── eligibility ──

export interface ApplicantAnnualReport {
  year: number;
  /** review result; 'pending' while under review, 'missing' when not submitted */
  result: 'pass' | 'basic_pass' | 'fail' | 'pending' | 'missing';
  /** first submitted after the deadline */
  late: boolean;
}

export interface GradeApplicant {
  tier: 'group' | 'filed' | 'registered';
  registeredOn: string | null;
  /** its credit list state on the application day, as `listStateOn(...).state` */
  creditList: 'none' | CreditListKind;
  /** the latest report due by the application day; null when none was submitted */
  lastAnnualReport: ApplicantAnnualReport | null;
  /** the report of the year before, when known: two basic passes in a row also bar */
  previousAnnualReport?: ApplicantAnnualReport | null;
  /** days administrative penalties were decided */
  penaltyDates: readonly string[];
  /** a penalty has not been fully executed yet */
  penaltyUnexecuted?: boolean;
  /** under investigation by a government department or a judicial authority */
  underInvestigation: boolean;
  /** every grade it holds or held */
  grades: readonly GradeRecord[];
}

export interface GradeEligibility {
  eligible: boolean;
  reasons: string[];
  /** when only waiting periods bar the application: the first day it may apply */
  eligibleFrom?: string;
}

const year = (d: string) => Number(d.slice(0, 4));
const latest = (dates: readonly string[]) =>
  dates.reduce<string | null>((a, b) => (a === null || b > a ? b : a), null);

/**
 * May the organization apply for grade assessment on `today` (the application day)? Registered
 * organizations only, registered at least two full years, not on a credit list, the last annual
 * report passed (not missing, failed, or late and not yet passed), not penalized in the previous
 * calendar year, not under investigation, and past the waiting periods after a downgrade (2 years)
 * or a revocation (3 years); a holder of a valid grade applies again when it expires.
 */
export function gradeEligibility(
  org: GradeApplicant,
  today: string,
  config: GradeConfig = defaultGradeConfig,
): GradeEligibility {
  if (!isIsoDate(today)) throw new Error(`invalid date: ${today}`);
  const reasons: string[] = [];
  /** reasons that pass with time, with the first day they no longer bar */
  const waits: string[] = [];
  let fixed = false;
  const bar = (reason: string) => {
    reasons.push(reason);
    fixed = true;
  };
  const wait = (reason: string, from: string) => {
    reasons.push(reason);
    waits.push(from);
  };

  if (org.tier !== 'registered' || org.registeredOn === null)
    bar('只有经登记管理机关登记的社会组织可以申请等级评估');
  else {
    const from = fullYearsFrom(org.registeredOn, config.minRegisteredYears);
    if (today < from)
      wait(
        `登记满${config.minRegisteredYears}年后方可申请等级评估（登记于${org.registeredOn}，${from}起可申请）`,
        from,
      );
  }

  if (org.creditList === 'abnormal') bar('被列入活动异常名录，不予评估');
  if (org.creditList === 'serious') bar('被列入严重违法失信名单，不予评估');

  const r = org.lastAnnualReport;
  if (r === null || r.result === 'missing') bar(r ? `未报送${r.year}年度工作报告` : '未报送上一年度工作报告');
  else if (r.result === 'fail') bar(`${r.year}年度工作报告审核不合格`);
  else if (r.late && r.result === 'pending') bar(`${r.year}年度工作报告逾期报送，尚未审核通过`);
  else if (r.result === 'basic_pass' && org.previousAnnualReport?.result === 'basic_pass')
    bar(`${org.previousAnnualReport.year}、${r.year}年度工作报告连续两年基本合格`);

  const penaltyYears = new Set(org.penaltyDates.filter((d) => d <= today).map(year));
  if (penaltyYears.has(year(today) - 1))
    wait(
      `上一年度（${year(today) - 1}年）受到行政处罚，${year(today) + 1}-01-01起可申请`,
      `${year(today) + 1}-01-01`,
    );
  if (org.penaltyUnexecuted) bar('行政处罚尚未执行完毕');
  if (org.underInvestigation) bar('正在被有关政府部门或者司法机关立案调查');

  const downgradedOn = latest(
    org.grades.flatMap((g) => (g.downgraded && g.downgraded.on <= today ? [g.downgraded.on] : [])),
  );
  if (downgradedOn) {
    const from = fullYearsFrom(downgradedOn, config.downgradeWaitYears);
    if (today < from)
      wait(
        `等级于${downgradedOn}被降级，${config.downgradeWaitYears}年内不得重新申请（${from}起可申请）`,
        from,
      );
  }
  const revokedOn = latest(
    org.grades.flatMap((g) => (g.revoked && g.revoked.on <= today ? [g.revoked.on] : [])),
  );
  if (revokedOn) {
    const from = fullYearsFrom(revokedOn, config.revocationWaitYears);
    if (today < from)
      wait(
        `等级于${revokedOn}被撤销，${config.revocationWaitYears}年内不得重新申请（${from}起可申请）`,
        from,
      );
  }
  const held = currentGrade(org.grades, today);
  if (held) {
    const from = addMonths(addDays(held.validUntil, 1), -config.reapplyMonthsBeforeExpiry);
    if (today < from) wait(`现有${held.grade}等级有效期至${held.validUntil}，${from}起可重新申请`, from);
  }

  if (!reasons.length) return { eligible: true, reasons };
  if (fixed) return { eligible: false, reasons };
  // the first day every waiting period is over and no known penalty year bars it
  let from = [today, ...waits].sort().at(-1) ?? today;
  while (penaltyYears.has(year(from) - 1)) from = `${year(from) + 1}-01-01`;
  return { eligible: false, reasons, eligibleFrom: from };
}

// ── committee ──

export interface CommitteeVote {
  /** members of the assessment committee */
  members: number;
  present: number;
  inFavour: number;
}

/**
 * A committee decision stands when at least two thirds of the members are present and more than
 * half of those present vote in favour.
 */
export function committeeDecision(vote: CommitteeVote): {
  valid: boolean;
  quorum: boolean;
  adopted: boolean;
  messages: string[];
} {
  const { members, present, inFavour } = vote;
  if (
    ![members, present, inFavour].every(Number.isInteger) ||
    members < 1 ||
    present < 0 ||
    present > members ||
    inFavour < 0 ||
    inFavour > present
  )
    return {
      valid: false,
      quorum: false,
      adopted: false,
      messages: ['表决人数有误：出席人数不能超过委员总数，赞成票数不能超过出席人数'],
    };
  const quorum = present * 3 >= members * 2;
  const adopted = inFavour * 2 > present;
  const messages: string[] = [];
  if (!quorum)
    messages.push(
      `出席委员${present}人，不足委员总数${members}人的三分之二（至少${Math.ceil((members * 2) / 3)}人），表决无效`,
    );
  if (!adopted)
    messages.push(
      `赞成${inFavour}票，未超过出席委员${present}人的半数（至少${Math.floor(present / 2) + 1}票），未获通过`,
    );
  return { valid: quorum && adopted, quorum, adopted, messages };
}
