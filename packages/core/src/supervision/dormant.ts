import { addDays, addMonths, isIsoDate } from '../time';

/**
 * Dormant ("zombie") organizations (长期未活动的“僵尸型”组织) and leader accountability.
 *
 * An organization with no recorded activity and no annual report for a configurable period
 * (default 12 months, counted from the latest activity, report or the day it was filed or
 * registered) is due a warning (警示). If nothing changes within the warning period (default 60
 * days after the warning day) an exit proposal to the street office is due; the exit itself goes
 * through the exit workflow and nothing is deleted. Any activity or report on or after the
 * warning day clears the warning.
 *
 * Periods of months run to the same day of the target month; when that month has no such day
 * (31st, 29 February) the period ends with the month and the next one begins on the 1st – never
 * a day short. Facts dated after `today` are ignored, so a past date gives the state as it was.
 */

export interface DormantConfig {
  /** months without activity or annual report before a warning is due */
  inactiveMonths: number;
  /** days after the warning day within which a sign of life clears it */
  warningDays: number;
}

export const defaultDormantConfig: Readonly<DormantConfig> = { inactiveMonths: 12, warningDays: 60 };

/** Chinese problems of a configuration (empty when valid). */
export function validateDormantConfig(c: DormantConfig): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!Number.isInteger(c.inactiveMonths) || c.inactiveMonths < 1 || c.inactiveMonths > 60)
    out.push({ path: 'inactiveMonths', message: '无活动期限为 1–60 个月的整数' });
  if (!Number.isInteger(c.warningDays) || c.warningDays < 1 || c.warningDays > 365)
    out.push({ path: 'warningDays', message: '警示期限为 1–365 天的整数' });
  return out;
}

/** The first day after `months` full months starting on `from` (2024-01-31 + 1 → 2024-03-01). */
function fullMonthsFrom(from: string, months: number): string {
  const a = addMonths(from, months);
  return a.slice(8) < from.slice(8) ? addDays(a, 1) : a;
}

export type DormantStatus = 'active' | 'dormant' | 'warned' | 'exit_proposal_due' | 'proposed';

export const dormantStatusLabels: Readonly<Record<DormantStatus, string>> = {
  active: '正常',
  dormant: '长期未活动，待警示',
  warned: '已警示',
  exit_proposal_due: '待提出退出建议',
  proposed: '已提出退出建议',
};

export interface DormantFacts {
  /** the day it was filed or registered */
  liveSince: string;
  /** day of the latest recorded activity */
  lastActivityOn: string | null;
  /** day the latest annual report was submitted */
  lastAnnualReportOn: string | null;
  /** day of the latest warning */
  warnedOn: string | null;
  /** day the exit proposal went to the street */
  proposedOn: string | null;
}

export type SignOfLife = 'activity' | 'annual_report' | 'live_since';

const signLabels: Readonly<Record<SignOfLife, string>> = {
  activity: '活动记录',
  annual_report: '年度报告',
  live_since: '备案或登记',
};

export interface DormantAssessment {
  status: DormantStatus;
  label: string;
  message: string;
  /** the latest sign of life up to today and what it was */
  lastSignOn: string;
  lastSign: SignOfLife;
  /** the day a warning is (or will be) due if nothing else is recorded */
  dormantFrom: string;
  /** the warning in force (null when none, or cleared by a later sign of life) */
  warnedOn: string | null;
  /** last day of the warning period */
  warningEndsOn: string | null;
  /** the day an exit proposal falls due */
  exitProposalDueOn: string | null;
  proposedOn: string | null;
}

/** Where an organization stands on `today` in the dormant-organization procedure. */
export function dormantStatus(
  facts: DormantFacts,
  today: string,
  config: DormantConfig = defaultDormantConfig,
): DormantAssessment {
  if (!isIsoDate(today) || !isIsoDate(facts.liveSince))
    throw new Error(`invalid date: ${today} / ${facts.liveSince}`);
  const upTo = (d: string | null) => (d !== null && d <= today ? d : null);
  let lastSignOn = facts.liveSince;
  let lastSign: SignOfLife = 'live_since';
  for (const [kind, d] of [
    ['activity', upTo(facts.lastActivityOn)],
    ['annual_report', upTo(facts.lastAnnualReportOn)],
  ] as const)
    if (d !== null && d > lastSignOn) {
      lastSignOn = d;
      lastSign = kind;
    }
  const m = config.inactiveMonths;
  const dormantFrom = fullMonthsFrom(lastSignOn, m);
  const warned = upTo(facts.warnedOn);
  const proposedOn = upTo(facts.proposedOn);
  const base = { lastSignOn, lastSign, dormantFrom, proposedOn };
  const result = (
    status: DormantStatus,
    message: string,
    warning: { warnedOn: string; warningEndsOn: string; exitProposalDueOn: string } | null = null,
  ): DormantAssessment => ({
    status,
    label: dormantStatusLabels[status],
    message,
    ...base,
    warnedOn: warning?.warnedOn ?? null,
    warningEndsOn: warning?.warningEndsOn ?? null,
    exitProposalDueOn: warning?.exitProposalDueOn ?? null,
  });

  // a warning stands while nothing has been recorded since (a sign on the warning day clears it)
  const standing = warned !== null && lastSignOn < warned ? warned : null;
  const warning =
    standing === null
      ? null
      : {
          warnedOn: standing,
          warningEndsOn: addDays(standing, config.warningDays),
          exitProposalDueOn: addDays(standing, config.warningDays + 1),
        };

  if (proposedOn !== null)
    return result(
      'proposed',
      lastSignOn > proposedOn
        ? `已于${proposedOn}向街道提出退出建议；此后于${lastSignOn}有新的${signLabels[lastSign]}，请街道核实`
        : `已于${proposedOn}向街道提出退出建议`,
      warning,
    );
  if (warning !== null) {
    if (today >= warning.exitProposalDueOn)
      return result(
        'exit_proposal_due',
        `${warning.warnedOn}发出警示后${config.warningDays}天内仍无活动记录且未报送年度报告，应向街道提出退出建议`,
        warning,
      );
    return result(
      'warned',
      `已于${warning.warnedOn}发出警示；至${warning.warningEndsOn}仍无活动记录且未报送年度报告的，将向街道提出退出建议`,
      warning,
    );
  }

  const cleared = warned !== null ? `警示后已有新的${signLabels[lastSign]}（${lastSignOn}），警示解除；` : '';
  if (today >= dormantFrom)
    return result(
      'dormant',
      `${cleared}${
        lastSign === 'live_since'
          ? `自${lastSignOn}备案或登记以来`
          : `自最近一次${signLabels[lastSign]}（${lastSignOn}）以来`
      }已连续${m}个月无活动记录且未报送年度报告，应发出警示`,
    );
  return result(
    'active',
    `${cleared}${
      lastSign === 'live_since'
        ? `${lastSignOn}备案或登记，未满${m}个月，暂不判定为长期未活动`
        : `最近一次${signLabels[lastSign]}为${lastSignOn}`
    }；${dormantFrom}前仍无活动记录和年度报告的，将发出警示`,
  );
}

// ── leader accountability (负责人问责) ──

export const accountabilityKinds = ['interview', 'warning', 'replacement_order', 'ban'] as const;
export type AccountabilityKind = (typeof accountabilityKinds)[number];

export const accountabilityKindLabels: Readonly<Record<AccountabilityKind, string>> = {
  interview: '约谈',
  warning: '警告',
  replacement_order: '责令更换',
  ban: '禁止担任负责人',
};

export interface AccountabilityRecord {
  id: string;
  kind: AccountabilityKind;
  /** HMAC of the person's ID number (the de-duplication key; the number itself is stored encrypted) */
  personHmac: string;
  organizationId: string;
  decidedOn: string;
  reason: string;
  /** bans only: the period in whole years */
  banYears?: number | null;
  /** the decision was withdrawn on review and never counted */
  voided?: boolean;
}

export const MAX_BAN_YEARS = 10;

/** Chinese problems of a record (empty when valid). */
export function validateAccountabilityRecord(
  r: Pick<AccountabilityRecord, 'kind' | 'decidedOn' | 'reason' | 'banYears'>,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (!accountabilityKinds.includes(r.kind)) out.push({ path: 'kind', message: '请选择问责方式' });
  if (!isIsoDate(r.decidedOn)) out.push({ path: 'decidedOn', message: '请填写有效的决定日期' });
  if (!r.reason.trim()) out.push({ path: 'reason', message: '请填写问责事由' });
  const years = r.banYears ?? null;
  if (r.kind === 'ban') {
    if (years === null || !Number.isInteger(years) || years < 1 || years > MAX_BAN_YEARS)
      out.push({ path: 'banYears', message: `禁止担任负责人的期限为 1–${MAX_BAN_YEARS} 年的整数` });
  } else if (years !== null) out.push({ path: 'banYears', message: '只有“禁止担任负责人”需要填写期限' });
  return out;
}

/** Last day of a ban: the day before the anniversary of the decision. */
export function banEndsOn(record: Pick<AccountabilityRecord, 'decidedOn' | 'banYears'>): string {
  const years = record.banYears ?? 0;
  if (!Number.isInteger(years) || years < 1) throw new Error(`invalid ban years: ${record.banYears}`);
  return addDays(fullMonthsFrom(record.decidedOn, years * 12), -1);
}

/**
 * The ban in force on `date` against the person (the one ending last when several overlap), with
 * the Chinese refusal shown when the person is named as a leader; null when none.
 */
export function activeLeaderBan(
  records: readonly AccountabilityRecord[],
  personHmac: string,
  date: string,
): { record: AccountabilityRecord; until: string; message: string } | null {
  if (!isIsoDate(date)) throw new Error(`invalid date: ${date}`);
  let best: { record: AccountabilityRecord; until: string } | null = null;
  for (const r of records) {
    if (r.kind !== 'ban' || r.voided || r.personHmac !== personHmac || r.decidedOn > date) continue;
    const until = banEndsOn(r);
    if (until >= date && (best === null || until > best.until)) best = { record: r, until };
  }
  if (best === null) return null;
  return {
    ...best,
    message: `该人员自${best.record.decidedOn}起被禁止担任社会组织负责人，期限至${best.until}（事由：${best.record.reason.trim()}）`,
  };
}

/** Is the person banned from serving as a leader on `date`? */
export function leaderBanActive(
  records: readonly AccountabilityRecord[],
  personHmac: string,
  date: string,
): boolean {
  return activeLeaderBan(records, personHmac, date) !== null;
}

/** The person's accountability history, earliest first, with Chinese lines for the leader record. */
export function accountabilityHistory(
  records: readonly AccountabilityRecord[],
  personHmac: string,
): { record: AccountabilityRecord; line: string }[] {
  return records
    .filter((r) => r.personHmac === personHmac && !r.voided)
    .sort((a, b) => a.decidedOn.localeCompare(b.decidedOn) || a.id.localeCompare(b.id))
    .map((record) => ({
      record,
      line:
        record.kind === 'ban'
          ? `${record.decidedOn} ${accountabilityKindLabels.ban}${record.banYears}年（至${banEndsOn(record)}）：${record.reason.trim()}`
          : `${record.decidedOn} ${accountabilityKindLabels[record.kind]}：${record.reason.trim()}`,
    }));
}
