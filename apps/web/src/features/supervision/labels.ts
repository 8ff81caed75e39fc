import {
  annualReportStatusLabels,
  type ReportDueStatus,
  reportDueStatusLabels,
  reportingTierLabels,
} from '@linli/core/supervision/annualReport';
import { type CreditListCause, causeRules, leaveReasonLabels } from '@linli/core/supervision/creditList';
import { todayInShanghai } from '@linli/core/time';
import { ApiError } from '../../lib/api';

const has = (m: object, k: string) => Object.hasOwn(m, k);

/** Today and the year whose reports are being sent now (Asia/Shanghai). */
export const todayIso = () => todayInShanghai(new Date());
export const lastYear = () => Number(todayIso().slice(0, 4)) - 1;

/** The console page of one organization's report on a year. */
export const reportPath = (orgId: string, year: number | string) => `/annual-reports/${orgId}/${year}`;

/** The list's state filter (the server's `state` values). */
export const reportStateOptions = [
  { value: 'not_submitted', label: '未报送' },
  { value: 'overdue', label: '逾期未报' },
  { value: 'late', label: '逾期报送' },
  { value: 'pending_review', label: '待审核' },
  { value: 'returned', label: '退回修改' },
  { value: 'pass', label: '合格' },
  { value: 'basic_pass', label: '基本合格' },
  { value: 'fail', label: '不合格' },
];

export const tierOptions = Object.entries(reportingTierLabels).map(([value, label]) => ({ value, label }));
export const tierLabel = (t: string) => (has(reportingTierLabels, t) ? reportingTierLabels[t as 'filed'] : t);

export const dueLabel = (s: string) =>
  has(reportDueStatusLabels, s) ? reportDueStatusLabels[s as ReportDueStatus] : s;
export const dueColor: Record<string, string> = {
  not_open: 'default',
  open: 'blue',
  due_soon: 'orange',
  overdue: 'red',
  submitted_on_time: 'green',
  submitted_late: 'volcano',
};

const reviewLabels: Record<string, string> = { none: '未填报', ...annualReportStatusLabels };
export const reviewLabel = (s: string, server?: string) =>
  has(reviewLabels, s) ? reviewLabels[s] : (server ?? s);
export const reviewColor: Record<string, string> = {
  none: 'default',
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  pass: 'success',
  basic_pass: 'cyan',
  fail: 'error',
};

/** What each history event is called on the timeline. */
export const historyEventLabels: Record<string, string> = {
  submit: '提交',
  pass: '审核：合格',
  basic_pass: '审核：基本合格',
  fail: '审核：不合格',
  return: '退回修改',
};

export const creditStateColor: Record<string, string> = { none: 'green', abnormal: 'orange', serious: 'red' };

export const causeLabel = (c: string) => (has(causeRules, c) ? causeRules[c as CreditListCause].label : c);
export const causeOptions = (list?: 'abnormal' | 'serious', officerOnly = false) =>
  (Object.entries(causeRules) as [CreditListCause, (typeof causeRules)[CreditListCause]][])
    .filter(([, r]) => (!list || r.list === list) && (!officerOnly || r.entry === 'officer'))
    .map(([value, r]) => ({ value, label: r.label, list: r.list }));

export const removalReasonLabels: Record<'rectified' | 'removed_on_application', string> = {
  rectified: leaveReasonLabels.rectified,
  removed_on_application: leaveReasonLabels.removed_on_application,
};

/** The server's message without the field path it appends to validation errors (`…（content.summary）`). */
export function cleanMessage(err: unknown): string {
  if (err instanceof ApiError) {
    return err.code === 'validation' ? err.message.replace(/（[\w.]+）$/, '') : err.message;
  }
  return err instanceof Error ? err.message : '操作失败';
}
