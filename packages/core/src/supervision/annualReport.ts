import { addDays, daysBetween, isIsoDate } from '../time';
import type { Flow } from '../workflows/flow';

/**
 * Annual reports (年度工作报告): each live filed or registered organization reports on the
 * previous year within a window that depends on its tier (configuration; default registered by
 * 31 May, filed by 31 March, Asia/Shanghai dates). Reviewed by the street (filed) or the district
 * (registered): pass, basically pass, fail, or return for correction.
 */

export type ReportingTier = 'filed' | 'registered';

export const reportingTierLabels: Readonly<Record<ReportingTier, string>> = {
  filed: '备案类',
  registered: '登记类',
};

export interface ReportWindowRule {
  /** month-day the window opens in the year after the report year, 'MM-DD' */
  opens: string;
  /** month-day of the last day to submit, 'MM-DD' */
  deadline: string;
}

export interface AnnualReportConfig {
  windows: Readonly<Record<ReportingTier, ReportWindowRule>>;
  /** reminders this many days before the deadline (and on the day) */
  reminderDaysBefore: readonly number[];
  /** an unsent report shows as 即将截止 this many days before the deadline */
  dueSoonDays: number;
}

export const defaultAnnualReportConfig: Readonly<AnnualReportConfig> = {
  windows: {
    filed: { opens: '01-01', deadline: '03-31' },
    registered: { opens: '01-01', deadline: '05-31' },
  },
  reminderDaysBefore: [30, 7, 1],
  dueSoonDays: 7,
};

const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** Chinese problems of a configuration (empty when valid). */
export function validateAnnualReportConfig(c: AnnualReportConfig): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const tier of ['filed', 'registered'] as const) {
    const w = c.windows[tier];
    for (const k of ['opens', 'deadline'] as const) {
      // 2024 is a leap year: 02-29 is allowed and falls on 02-28 in common years
      if (!MONTH_DAY.test(w[k]) || !isIsoDate(`2024-${w[k]}`))
        out.push({ path: `windows.${tier}.${k}`, message: '日期格式为 月-日，例如 03-31' });
    }
    if (MONTH_DAY.test(w.opens) && MONTH_DAY.test(w.deadline) && w.opens > w.deadline)
      out.push({ path: `windows.${tier}.deadline`, message: '截止日期不能早于开始日期' });
  }
  c.reminderDaysBefore.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 0 || d > 180)
      out.push({ path: `reminderDaysBefore.${i}`, message: '提醒天数为 0–180 的整数' });
  });
  return out;
}

function onYear(year: number, monthDay: string): string {
  const d = `${year}-${monthDay}`;
  return isIsoDate(d) ? d : `${year}-02-28`;
}

export interface ReportWindow {
  reportYear: number;
  tier: ReportingTier;
  opensOn: string;
  deadline: string;
}

/** The window in which the report on `reportYear` is submitted. */
export function annualReportWindow(
  tier: ReportingTier,
  reportYear: number,
  config: AnnualReportConfig = defaultAnnualReportConfig,
): ReportWindow {
  const w = config.windows[tier];
  return {
    reportYear,
    tier,
    opensOn: onYear(reportYear + 1, w.opens),
    deadline: onYear(reportYear + 1, w.deadline),
  };
}

export interface ReportingOrganization {
  tier: 'group' | ReportingTier;
  /** the day it was filed or registered (became live at its tier) */
  liveSince: string | null;
  /** the day it exited, if it has */
  exitedOn: string | null;
}

/**
 * Must the organization report on `reportYear`? Filed and registered organizations that were live
 * on the last day of that year and had not exited when the window opened. Activity groups never.
 */
export function mustReport(
  org: ReportingOrganization,
  reportYear: number,
  config: AnnualReportConfig = defaultAnnualReportConfig,
): boolean {
  if (org.tier === 'group' || !org.liveSince) return false;
  const yearEnd = `${reportYear}-12-31`;
  if (org.liveSince > yearEnd) return false;
  const { opensOn } = annualReportWindow(org.tier, reportYear, config);
  return org.exitedOn === null || org.exitedOn > opensOn;
}

export type ReportDueStatus =
  | 'not_open'
  | 'open'
  | 'due_soon'
  | 'overdue'
  | 'submitted_on_time'
  | 'submitted_late';

export const reportDueStatusLabels: Readonly<Record<ReportDueStatus, string>> = {
  not_open: '未到报送期',
  open: '报送中',
  due_soon: '即将截止',
  overdue: '逾期未报',
  submitted_on_time: '按时报送',
  submitted_late: '逾期报送',
};

export interface ReportDue {
  status: ReportDueStatus;
  /** days from today to the deadline (negative once past) */
  daysLeft: number;
  message: string;
}

/** Where a report stands on `today` (first submission counts, a return for correction does not undo it). */
export function reportDueStatus(
  window: ReportWindow,
  firstSubmittedOn: string | null,
  today: string,
  config: AnnualReportConfig = defaultAnnualReportConfig,
): ReportDue {
  const daysLeft = daysBetween(today, window.deadline);
  const y = window.reportYear;
  if (firstSubmittedOn !== null) {
    const late = firstSubmittedOn > window.deadline;
    return {
      status: late ? 'submitted_late' : 'submitted_on_time',
      daysLeft,
      message: late
        ? `${y}年度报告于${firstSubmittedOn}逾期报送（截止${window.deadline}）`
        : `${y}年度报告已于${firstSubmittedOn}报送`,
    };
  }
  if (today < window.opensOn)
    return { status: 'not_open', daysLeft, message: `${y}年度报告将于${window.opensOn}开始报送` };
  if (today > window.deadline)
    return {
      status: 'overdue',
      daysLeft,
      message: `${y}年度报告应于${window.deadline}前报送，已逾期${-daysLeft}天`,
    };
  const soon = daysLeft <= config.dueSoonDays;
  return {
    status: soon ? 'due_soon' : 'open',
    daysLeft,
    message:
      daysLeft === 0
        ? `今天是${y}年度报告报送的最后一天`
        : `请于${window.deadline}前报送${y}年度报告，还剩${daysLeft}天`,
  };
}

/**
 * Which reminder (days before the deadline) falls due on `today` for an unsent report, or null.
 * A reminder job keys its notices by (organization, report year, days) so it sends each once.
 */
export function reminderDueOn(
  window: ReportWindow,
  firstSubmittedOn: string | null,
  today: string,
  config: AnnualReportConfig = defaultAnnualReportConfig,
): number | null {
  if (firstSubmittedOn !== null || today < window.opensOn || today > window.deadline) return null;
  const left = daysBetween(today, window.deadline);
  // the nearest reminder point reached: a job that missed its day still sends it the day after
  return [...config.reminderDaysBefore].sort((a, b) => a - b).find((d) => d >= left) ?? null;
}

/** True when the report is (or was) late: unsent after the deadline, or first sent after it. */
export function isOverdue(window: ReportWindow, firstSubmittedOn: string | null, today: string): boolean {
  return firstSubmittedOn === null ? today > window.deadline : firstSubmittedOn > window.deadline;
}

/** The first day an overdue report counts as overdue (and an automatic listing takes effect). */
export function overdueFrom(window: ReportWindow): string {
  return addDays(window.deadline, 1);
}

// ── review ──

export type AnnualReportResult = 'pass' | 'basic_pass' | 'fail';

export const annualReportResultLabels: Readonly<Record<AnnualReportResult, string>> = {
  pass: '合格',
  basic_pass: '基本合格',
  fail: '不合格',
};

export const annualReportStatusLabels = {
  draft: '草稿',
  submitted: '待审核',
  returned: '退回修改',
  pass: '合格',
  basic_pass: '基本合格',
  fail: '不合格',
} as const;
export type AnnualReportStatus = keyof typeof annualReportStatusLabels;

/**
 * Annual report review as a state table. The leader submits; the street (filed) or district
 * (registered) reviews – the server also checks the reviewer's role matches the tier
 * (`reviewerRoleFor`). A returned report is corrected and submitted again; results are final.
 */
export const annualReportFlow = {
  draft: {
    submit: { to: 'submitted', by: ['org_leader'], label: '提交' },
  },
  submitted: {
    pass: { to: 'pass', by: ['street_officer', 'district_officer'], label: '合格' },
    basic_pass: { to: 'basic_pass', by: ['street_officer', 'district_officer'], label: '基本合格' },
    fail: { to: 'fail', by: ['street_officer', 'district_officer'], needsReason: true, label: '不合格' },
    return: {
      to: 'returned',
      by: ['street_officer', 'district_officer'],
      needsReason: true,
      label: '退回修改',
    },
  },
  returned: {
    submit: { to: 'submitted', by: ['org_leader'], label: '重新提交' },
  },
  pass: {},
  basic_pass: {},
  fail: {},
} as const satisfies Flow;

/** Who reviews a tier's reports. */
export function reviewerRoleFor(tier: ReportingTier): 'street_officer' | 'district_officer' {
  return tier === 'filed' ? 'street_officer' : 'district_officer';
}
