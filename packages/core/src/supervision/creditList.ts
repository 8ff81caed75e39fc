import { addDays, addMonths, addYears, daysBetween, isIsoDate } from '../time';
import { addWorkingDays, emptyWorkCalendar, type WorkCalendar } from '../volunteer/deadlines';

/**
 * Credit lists of social organizations (《社会组织信用信息管理办法》, 民政部令第60号, 2018):
 * the abnormal-activity list (活动异常名录) and the serious-violation list (严重违法失信名单).
 *
 * A listing is one cause that put an organization on a list, with the dates it entered and left
 * (`leftOn` is the first day it is no longer listed). An organization is on a list on a date
 * when any of its non-voided listings of that list covers the date. Listings derived from facts
 * (overdue annual reports, failed contacts, missed rectification deadlines, penalties, two years
 * on the abnormal list) come from `deriveListingCommands`, a pure simulation over the time line,
 * so a scheduled job that applies its commands with their idempotency keys gives the same result
 * whether it runs daily, late, or twice at once. Officers list by hand for the other causes.
 */

export type CreditListKind = 'abnormal' | 'serious';

export const creditListLabels: Readonly<Record<CreditListKind, string>> = {
  abnormal: '活动异常名录',
  serious: '严重违法失信名单',
};

export const creditListCauses = [
  'annual_report_overdue',
  'annual_report_failed',
  'no_party_organization',
  'rectification_overdue',
  'warning',
  'small_fine',
  'unreachable',
  'abnormal_two_years',
  'fraudulent_change',
  'suspension',
  'large_fine',
  'repeat_penalties',
  'dishonest_debtor',
  'registration_revoked',
] as const;
export type CreditListCause = (typeof creditListCauses)[number];

/** How a cause is entered: derived by the rules job from recorded facts, or listed by an officer. */
export type CauseEntry = 'derived' | 'officer';

export interface CauseRule {
  list: CreditListKind;
  label: string;
  /** the legal basis cited on the listing decision and the public page */
  basis: string;
  entry: CauseEntry;
  /** the organization must rectify (or fulfil an obligation) before it may leave the list */
  needsRectification: boolean;
}

const ORDER_60 = '《社会组织信用信息管理办法》（民政部令第60号）';

export const causeRules: Readonly<Record<CreditListCause, CauseRule>> = {
  annual_report_overdue: {
    list: 'abnormal',
    label: '未按照规定时限报送年度工作报告',
    basis: `${ORDER_60}：未按照规定时限和要求向登记管理机关报送年度工作报告的，列入活动异常名录`,
    entry: 'derived',
    needsRectification: true,
  },
  annual_report_failed: {
    list: 'abnormal',
    label: '年度工作报告不符合要求（年报审核不合格）',
    basis: `${ORDER_60}：未按照规定时限和要求向登记管理机关报送年度工作报告的，列入活动异常名录`,
    entry: 'derived',
    needsRectification: true,
  },
  no_party_organization: {
    list: 'abnormal',
    label: '未按照有关规定设立党组织',
    basis: `${ORDER_60}：未按照有关规定设立党组织的，列入活动异常名录`,
    entry: 'officer',
    needsRectification: true,
  },
  rectification_overdue: {
    list: 'abnormal',
    label: '未按期完成整改',
    basis: `${ORDER_60}：在抽查和其他监督检查中发现问题，发放整改文书要求限期整改，未按期完成整改的，列入活动异常名录`,
    entry: 'derived',
    needsRectification: true,
  },
  warning: {
    list: 'abnormal',
    label: '受到警告处罚',
    basis: `${ORDER_60}：受到警告或者不满5万元罚款处罚的，列入活动异常名录`,
    entry: 'derived',
    needsRectification: false,
  },
  small_fine: {
    list: 'abnormal',
    label: '受到不满5万元罚款处罚',
    basis: `${ORDER_60}：受到警告或者不满5万元罚款处罚的，列入活动异常名录`,
    entry: 'derived',
    needsRectification: false,
  },
  unreachable: {
    list: 'abnormal',
    label: '通过登记的住所无法取得联系',
    basis: `${ORDER_60}：通过登记的住所无法与社会组织取得联系的，列入活动异常名录`,
    entry: 'derived',
    needsRectification: true,
  },
  abnormal_two_years: {
    list: 'serious',
    label: '被列入活动异常名录满2年',
    basis: `${ORDER_60}：被列入活动异常名录满2年的，列入严重违法失信名单`,
    entry: 'derived',
    needsRectification: true,
  },
  fraudulent_change: {
    list: 'serious',
    label: '弄虚作假办理变更登记，被撤销变更登记',
    basis: `${ORDER_60}：弄虚作假办理变更登记，被撤销变更登记的，列入严重违法失信名单`,
    entry: 'officer',
    needsRectification: true,
  },
  suspension: {
    list: 'serious',
    label: '受到限期停止活动行政处罚',
    basis: `${ORDER_60}：受到限期停止活动行政处罚的，列入严重违法失信名单`,
    entry: 'officer',
    needsRectification: true,
  },
  large_fine: {
    list: 'serious',
    label: '受到5万元以上罚款处罚',
    basis: `${ORDER_60}：受到5万元以上罚款处罚的，列入严重违法失信名单`,
    entry: 'derived',
    needsRectification: true,
  },
  repeat_penalties: {
    list: 'serious',
    label: '三年内两次以上受到警告或者不满5万元罚款处罚',
    basis: `${ORDER_60}：三年内两次以上受到警告或者不满5万元罚款处罚的，列入严重违法失信名单`,
    entry: 'derived',
    needsRectification: true,
  },
  dishonest_debtor: {
    list: 'serious',
    label: '被司法机关纳入失信被执行人名单',
    basis: `${ORDER_60}：被司法机关纳入“失信被执行人”名单的，列入严重违法失信名单`,
    entry: 'officer',
    needsRectification: true,
  },
  registration_revoked: {
    list: 'serious',
    label: '被吊销登记证书或撤销登记',
    basis: `${ORDER_60}：被登记管理机关作出吊销登记证书、撤销成立登记决定的，列入严重违法失信名单`,
    entry: 'officer',
    needsRectification: true,
  },
};

export const leaveReasons = [
  'rectified',
  'expired',
  'moved_serious',
  'removed_on_application',
  'objection_upheld',
] as const;
export type LeaveReason = (typeof leaveReasons)[number];

export const leaveReasonLabels: Readonly<Record<LeaveReason, string>> = {
  rectified: '完成整改，经核实移出',
  expired: '列入满6个月且无需整改，自动移出',
  moved_serious: '列入活动异常名录满2年，移入严重违法失信名单',
  removed_on_application: '列入满2年且期间未再发生失信情形，经申请移出',
  objection_upheld: '异议成立，予以更正',
};

/** Thresholds of the list rules; filed (备案) organizations may use their own. */
export interface CreditListConfig {
  /** months after entry when a listing that needed no rectification leaves by itself */
  autoLeaveMonths: number;
  /** full years on the abnormal list that move an organization to the serious list */
  abnormalToSeriousYears: number;
  /** fines of at least this many fen list as serious; smaller ones as abnormal */
  largeFineFen: number;
  /** this many warnings or small fines … */
  repeatPenaltyCount: number;
  /** … within this many years list as serious */
  repeatPenaltyYears: number;
  /** years after entry (and after the last new listing event) before removal may be applied for */
  seriousRemovalYears: number;
  /** working days within which an officer removes a listing after verifying the rectification */
  rectificationRemovalWorkingDays: number;
  /** two failed contacts at the registered address at least this many days apart make it unreachable */
  unreachableMinDaysApart: number;
}

export const defaultCreditListConfig: Readonly<CreditListConfig> = {
  autoLeaveMonths: 6,
  abnormalToSeriousYears: 2,
  largeFineFen: 5_000_000,
  repeatPenaltyCount: 2,
  repeatPenaltyYears: 3,
  seriousRemovalYears: 2,
  rectificationRemovalWorkingDays: 5,
  unreachableMinDaysApart: 20,
};

/** One listing as stored. */
export interface Listing {
  id: string;
  list: CreditListKind;
  cause: CreditListCause;
  enteredOn: string;
  /** first day no longer listed; null while listed */
  leftOn: string | null;
  leaveReason: LeaveReason | null;
  /** idempotency key of a derived listing (`annual_report_overdue:2025`); null for officer listings */
  key: string | null;
  /** an upheld objection: the listing was an error and never counted */
  voided?: boolean;
}

/** True when the listing puts the organization on its list on `date`. */
export function listingActiveOn(l: Listing, date: string): boolean {
  return !l.voided && l.enteredOn <= date && (l.leftOn === null || l.leftOn > date);
}

export interface ListState {
  abnormal: boolean;
  serious: boolean;
  /** the listings in force on the date, earliest first */
  listings: Listing[];
  /** what the public page shows: the more serious list wins */
  state: 'none' | CreditListKind;
}

/** The list state of an organization as of a past (or the present) date. */
export function listStateOn(listings: readonly Listing[], date: string): ListState {
  if (!isIsoDate(date)) throw new Error(`invalid date: ${date}`);
  const active = listings
    .filter((l) => listingActiveOn(l, date))
    .sort((a, b) => a.enteredOn.localeCompare(b.enteredOn) || a.id.localeCompare(b.id));
  const abnormal = active.some((l) => l.list === 'abnormal');
  const serious = active.some((l) => l.list === 'serious');
  return { abnormal, serious, listings: active, state: serious ? 'serious' : abnormal ? 'abnormal' : 'none' };
}

// ── facts the rules derive listings from ──

export interface AnnualReportFact {
  year: number;
  /** last day to report */
  deadline: string;
  /** day of the first submission; null when never submitted */
  submittedOn: string | null;
  /** day the review found it failed (不合格), if it did */
  failedOn?: string | null;
}

export interface ContactAttempt {
  on: string;
  reached: boolean;
}

export interface RectificationFact {
  id: string;
  deadline: string;
  completedOn: string | null;
}

export interface PenaltyFact {
  id: string;
  kind: 'warning' | 'fine';
  /** fines only, in fen */
  amountFen?: number;
  decidedOn: string;
}

export interface CreditFacts {
  annualReports?: readonly AnnualReportFact[];
  contacts?: readonly ContactAttempt[];
  rectifications?: readonly RectificationFact[];
  penalties?: readonly PenaltyFact[];
}

/** What the rules job should write: a new listing, or a listing leaving. */
export type ListingCommand =
  | {
      kind: 'enter';
      key: string;
      list: CreditListKind;
      cause: CreditListCause;
      enteredOn: string;
      /** the fact behind it, for the evidence line (`年报 2025`, penalty id, …) */
      source: string;
    }
  | { kind: 'leave'; listingId: string; leftOn: string; reason: 'expired' | 'moved_serious' };

type Candidate = Extract<ListingCommand, { kind: 'enter' }>;

/** Listings the recorded facts call for, each with its date and idempotency key. */
export function factListings(
  facts: CreditFacts,
  config: CreditListConfig = defaultCreditListConfig,
): Candidate[] {
  const out: Candidate[] = [];
  const enter = (key: string, cause: CreditListCause, enteredOn: string, source: string) =>
    out.push({ kind: 'enter', key, list: causeRules[cause].list, cause, enteredOn, source });

  for (const r of facts.annualReports ?? []) {
    if (r.submittedOn === null || r.submittedOn > r.deadline)
      enter(
        `annual_report_overdue:${r.year}`,
        'annual_report_overdue',
        addDays(r.deadline, 1),
        `${r.year}年度报告`,
      );
    if (r.failedOn)
      enter(`annual_report_failed:${r.year}`, 'annual_report_failed', r.failedOn, `${r.year}年度报告`);
  }

  // two failed contacts at least N days apart, with no successful contact in between
  let firstFailure: string | null = null;
  for (const c of [...(facts.contacts ?? [])].sort((a, b) => a.on.localeCompare(b.on))) {
    if (c.reached) firstFailure = null;
    else if (firstFailure === null) firstFailure = c.on;
    else if (daysBetween(firstFailure, c.on) >= config.unreachableMinDaysApart) {
      enter(`unreachable:${c.on}`, 'unreachable', c.on, `${firstFailure}、${c.on}两次无法联系`);
      firstFailure = null;
    }
  }

  for (const r of facts.rectifications ?? []) {
    if (r.completedOn === null || r.completedOn > r.deadline)
      enter(
        `rectification_overdue:${r.id}`,
        'rectification_overdue',
        addDays(r.deadline, 1),
        `整改任务 ${r.id}`,
      );
  }

  const penalties = [...(facts.penalties ?? [])].sort(
    (a, b) => a.decidedOn.localeCompare(b.decidedOn) || a.id.localeCompare(b.id),
  );
  const small: PenaltyFact[] = [];
  for (const p of penalties) {
    if (p.kind === 'fine' && (p.amountFen ?? 0) >= config.largeFineFen) {
      enter(`penalty:${p.id}`, 'large_fine', p.decidedOn, `行政处罚 ${p.id}`);
      continue;
    }
    enter(
      `penalty:${p.id}`,
      p.kind === 'warning' ? 'warning' : 'small_fine',
      p.decidedOn,
      `行政处罚 ${p.id}`,
    );
    const windowStart = addYears(p.decidedOn, -config.repeatPenaltyYears);
    const recent = small.filter((q) => q.decidedOn > windowStart);
    if (recent.length + 1 >= config.repeatPenaltyCount)
      enter(
        `repeat_penalties:${p.id}`,
        'repeat_penalties',
        p.decidedOn,
        `三年内第${recent.length + 1}次处罚 ${p.id}`,
      );
    small.push(p);
  }
  return out;
}

/**
 * The start of the unbroken run of abnormal listing that covers `date` (touching listings join),
 * or null when the organization is not on the abnormal list that day. Listings already moved to
 * the serious list are left out (their run ended with the move).
 */
export function abnormalRunStart(listings: readonly Listing[], date: string): string | null {
  const spans = listings
    .filter(
      (l) => l.list === 'abnormal' && !l.voided && l.leaveReason !== 'moved_serious' && l.enteredOn <= date,
    )
    .map((l) => ({ from: l.enteredOn, to: l.leftOn }))
    .sort((a, b) => a.from.localeCompare(b.from));
  // the current run: its start and exclusive end (null while it is open-ended)
  let run: { start: string; end: string | null } | undefined;
  for (const s of spans) {
    if (run === undefined || (run.end !== null && s.from > run.end)) run = { start: s.from, end: s.to };
    else if (run.end !== null && (s.to === null || s.to > run.end)) run.end = s.to;
  }
  if (run === undefined) return null;
  return run.end === null || run.end > date ? run.start : null;
}

/**
 * Walks the time line up to `today` and returns what the rules job must write so that the stored
 * listings match the rules: derived entries not yet present (by key), automatic removals six
 * months after a listing that needed no rectification, and the move to the serious list after
 * two full years on the abnormal list. Applying the commands and calling again returns [].
 * Leaving commands name listings by id; entries created in the same call are named `new:<key>`.
 */
export function deriveListingCommands(
  existing: readonly Listing[],
  facts: CreditFacts,
  today: string,
  config: CreditListConfig = defaultCreditListConfig,
): ListingCommand[] {
  if (!isIsoDate(today)) throw new Error(`invalid date: ${today}`);
  const listings: Listing[] = existing.map((l) => ({ ...l }));
  const keys = new Set(listings.map((l) => l.key).filter((k): k is string => k !== null));
  const pending = factListings(facts, config)
    .filter((c) => !keys.has(c.key) && c.enteredOn <= today)
    .sort((a, b) => a.enteredOn.localeCompare(b.enteredOn) || a.key.localeCompare(b.key));
  const commands: ListingCommand[] = [];

  const leave = (l: Listing, leftOn: string, reason: 'expired' | 'moved_serious') => {
    l.leftOn = leftOn;
    l.leaveReason = reason;
    commands.push({ kind: 'leave', listingId: l.id, leftOn, reason });
  };
  const enter = (c: Candidate) => {
    keys.add(c.key);
    listings.push({
      id: `new:${c.key}`,
      list: c.list,
      cause: c.cause,
      enteredOn: c.enteredOn,
      leftOn: null,
      leaveReason: null,
      key: c.key,
    });
    commands.push(c);
  };

  // the next day on which something happens, until nothing is left up to today
  for (let guard = 0; guard < 10_000; guard++) {
    const expiries = listings
      .filter(
        (l) =>
          !l.voided && l.leftOn === null && l.list === 'abnormal' && !causeRules[l.cause].needsRectification,
      )
      .map((l) => ({ l, on: addMonths(l.enteredOn, config.autoLeaveMonths) }));
    const moves = listings
      .filter((l) => !l.voided && l.list === 'abnormal')
      .map((l) => l.enteredOn)
      .filter((from, i, all) => all.indexOf(from) === i)
      .map((from) => ({ from, on: addYears(from, config.abnormalToSeriousYears) }))
      .filter(
        (m) =>
          !keys.has(`abnormal_two_years:${m.from}`) &&
          m.on <= today &&
          abnormalRunStart(listings, addDays(m.on, -1)) === m.from,
      );
    const dates = [
      ...pending.filter((c) => !keys.has(c.key)).map((c) => c.enteredOn),
      ...expiries.map((e) => e.on).filter((d) => d <= today),
      ...moves.map((m) => m.on),
    ];
    if (!dates.length) return commands;
    const day = dates.reduce((a, b) => (a < b ? a : b));

    // 1. new causes of the day
    for (const c of pending) if (c.enteredOn === day && !keys.has(c.key)) enter(c);
    // 2. two full years on the abnormal list: every abnormal listing in force moves across
    for (const m of moves.filter((x) => x.on === day)) {
      for (const l of listings)
        if (l.list === 'abnormal' && listingActiveOn(l, addDays(day, -1)) && l.leftOn === null)
          leave(l, day, 'moved_serious');
      enter({
        kind: 'enter',
        key: `abnormal_two_years:${m.from}`,
        list: 'serious',
        cause: 'abnormal_two_years',
        enteredOn: day,
        source: `自${m.from}起连续列入活动异常名录`,
      });
    }
    // 3. six months with nothing to rectify
    for (const e of expiries) if (e.on === day && e.l.leftOn === null) leave(e.l, day, 'expired');
  }
  throw new Error('credit list rules did not settle');
}

// ── removals on request ──

/** Last day by which an officer must remove a listing after verifying the rectification on `verifiedOn`. */
export function rectificationRemovalDue(
  verifiedOn: string,
  calendar: WorkCalendar = emptyWorkCalendar,
  config: CreditListConfig = defaultCreditListConfig,
): string {
  return addWorkingDays(verifiedOn, config.rectificationRemovalWorkingDays, calendar);
}

export type RemovalCheck = { allowed: true } | { allowed: false; reason: string; earliestOn?: string };

/** May this abnormal listing be removed because the organization rectified? */
export function canRemoveRectified(
  l: Listing,
  date: string,
  config: CreditListConfig = defaultCreditListConfig,
): RemovalCheck {
  if (l.list !== 'abnormal')
    return { allowed: false, reason: '严重违法失信名单不适用整改移出，须满2年后申请移出' };
  if (!listingActiveOn(l, date)) return { allowed: false, reason: '该列入记录已不在名录中' };
  if (!causeRules[l.cause].needsRectification)
    return {
      allowed: false,
      reason: '该情形无需整改，列入满6个月后自动移出',
      earliestOn: addMonths(l.enteredOn, config.autoLeaveMonths),
    };
  return { allowed: true };
}

/**
 * May this serious listing be removed on application on `date`: two full years after it entered
 * and after the latest listing event of the organization since then (a new event restarts the clock).
 */
export function canRemoveSerious(
  l: Listing,
  all: readonly Listing[],
  date: string,
  config: CreditListConfig = defaultCreditListConfig,
): RemovalCheck {
  if (l.list !== 'serious') return { allowed: false, reason: '只有严重违法失信名单适用申请移出' };
  if (!listingActiveOn(l, date)) return { allowed: false, reason: '该列入记录已不在名单中' };
  const since = all
    .filter((o) => !o.voided && o.id !== l.id && o.enteredOn >= l.enteredOn && o.enteredOn <= date)
    .map((o) => o.enteredOn)
    .reduce((a, b) => (a > b ? a : b), l.enteredOn);
  const earliestOn = addYears(since, config.seriousRemovalYears);
  if (date < earliestOn)
    return {
      allowed: false,
      earliestOn,
      reason:
        since === l.enteredOn
          ? `列入未满${config.seriousRemovalYears}年，${earliestOn}起可申请移出`
          : `${since}再次发生失信情形，重新计算，${earliestOn}起可申请移出`,
    };
  return { allowed: true };
}
