import { describe, expect, it } from 'vitest';
import { availableEvents, transition } from '../workflows/flow';
import {
  annualReportFlow,
  annualReportWindow,
  defaultAnnualReportConfig,
  isOverdue,
  mustReport,
  overdueFrom,
  reminderDueOn,
  reportDueStatus,
  reviewerRoleFor,
  validateAnnualReportConfig,
} from './annualReport';

describe('annual report windows', () => {
  it('filed organizations report by 31 March, registered by 31 May of the next year', () => {
    expect(annualReportWindow('filed', 2025)).toEqual({
      reportYear: 2025,
      tier: 'filed',
      opensOn: '2026-01-01',
      deadline: '2026-03-31',
    });
    expect(annualReportWindow('registered', 2025).deadline).toBe('2026-05-31');
  });

  it('a 29 February deadline falls on 28 February in a common year', () => {
    const config = {
      ...defaultAnnualReportConfig,
      windows: { ...defaultAnnualReportConfig.windows, filed: { opens: '01-01', deadline: '02-29' } },
    };
    expect(annualReportWindow('filed', 2026, config).deadline).toBe('2027-02-28');
    expect(annualReportWindow('filed', 2027, config).deadline).toBe('2028-02-29');
  });

  it('validates the configuration with Chinese messages', () => {
    expect(validateAnnualReportConfig(defaultAnnualReportConfig)).toEqual([]);
    const bad = validateAnnualReportConfig({
      windows: {
        filed: { opens: '04-01', deadline: '03-31' },
        registered: { opens: '13-01', deadline: '02-30' },
      },
      reminderDaysBefore: [7, -1, 2.5],
      dueSoonDays: 7,
    });
    expect(bad.map((p) => p.path)).toEqual([
      'windows.filed.deadline',
      'windows.registered.opens',
      'windows.registered.deadline',
      'reminderDaysBefore.1',
      'reminderDaysBefore.2',
    ]);
    expect(bad[0].message).toBe('截止日期不能早于开始日期');
  });
});

describe('who must report', () => {
  const org = (
    tier: 'group' | 'filed' | 'registered',
    liveSince: string | null,
    exitedOn: string | null = null,
  ) => ({
    tier,
    liveSince,
    exitedOn,
  });
  it('live filed and registered organizations at the end of the year; never activity groups', () => {
    expect(mustReport(org('filed', '2025-06-01'), 2025)).toBe(true);
    expect(mustReport(org('registered', '2025-12-31'), 2025)).toBe(true);
    expect(mustReport(org('filed', '2026-01-01'), 2025)).toBe(false);
    expect(mustReport(org('group', '2020-01-01'), 2025)).toBe(false);
    expect(mustReport(org('filed', null), 2025)).toBe(false);
  });
  it('an organization that exited before the window opened does not report', () => {
    expect(mustReport(org('filed', '2020-01-01', '2025-11-30'), 2025)).toBe(false);
    expect(mustReport(org('filed', '2020-01-01', '2026-01-01'), 2025)).toBe(false);
    expect(mustReport(org('filed', '2020-01-01', '2026-02-01'), 2025)).toBe(true);
  });
});

describe('due status and reminders', () => {
  const w = annualReportWindow('filed', 2025);
  it('not open, open, due soon, last day, overdue', () => {
    expect(reportDueStatus(w, null, '2025-12-31').status).toBe('not_open');
    expect(reportDueStatus(w, null, '2026-01-01')).toMatchObject({ status: 'open', daysLeft: 89 });
    expect(reportDueStatus(w, null, '2026-03-24')).toMatchObject({ status: 'due_soon', daysLeft: 7 });
    expect(reportDueStatus(w, null, '2026-03-31').message).toBe('今天是2025年度报告报送的最后一天');
    const late = reportDueStatus(w, null, '2026-04-10');
    expect(late).toMatchObject({ status: 'overdue', daysLeft: -10 });
    expect(late.message).toBe('2025年度报告应于2026-03-31前报送，已逾期10天');
  });
  it('the first submission decides on-time or late', () => {
    expect(reportDueStatus(w, '2026-03-31', '2026-06-01').status).toBe('submitted_on_time');
    expect(reportDueStatus(w, '2026-04-01', '2026-06-01').status).toBe('submitted_late');
    expect(isOverdue(w, null, '2026-03-31')).toBe(false);
    expect(isOverdue(w, null, '2026-04-01')).toBe(true);
    expect(isOverdue(w, '2026-03-30', '2026-09-01')).toBe(false);
    expect(isOverdue(w, '2026-04-02', '2026-09-01')).toBe(true);
    expect(overdueFrom(w)).toBe('2026-04-01');
  });
  it('reminders fall due 30, 7 and 1 days before; a missed day is caught up; none once sent', () => {
    expect(reminderDueOn(w, null, '2026-02-28')).toBeNull(); // 31 days left
    expect(reminderDueOn(w, null, '2026-03-01')).toBe(30);
    expect(reminderDueOn(w, null, '2026-03-02')).toBe(30);
    expect(reminderDueOn(w, null, '2026-03-24')).toBe(7);
    expect(reminderDueOn(w, null, '2026-03-30')).toBe(1);
    expect(reminderDueOn(w, null, '2026-03-31')).toBe(1);
    expect(reminderDueOn(w, null, '2026-04-01')).toBeNull();
    expect(reminderDueOn(w, '2026-03-01', '2026-03-24')).toBeNull();
  });
});

describe('review flow', () => {
  it('the leader submits, the reviewer decides or returns with a reason, a returned report is resubmitted', () => {
    const leader = { roles: ['org_leader'] as const };
    const street = { roles: ['street_officer'] as const };
    const district = { roles: ['district_officer'] as const };
    expect(transition(annualReportFlow, 'draft', 'submit', leader)).toMatchObject({ to: 'submitted' });
    expect(transition(annualReportFlow, 'draft', 'submit', street)).toMatchObject({
      error: { code: 'role_not_allowed' },
    });
    expect(transition(annualReportFlow, 'submitted', 'pass', street)).toMatchObject({ to: 'pass' });
    expect(transition(annualReportFlow, 'submitted', 'return', district, ' ')).toMatchObject({
      error: { code: 'reason_required', message: '请填写退回修改原因' },
    });
    expect(transition(annualReportFlow, 'submitted', 'return', district, '财务数据缺失')).toMatchObject({
      to: 'returned',
    });
    expect(transition(annualReportFlow, 'returned', 'submit', leader)).toMatchObject({ to: 'submitted' });
    expect(transition(annualReportFlow, 'pass', 'fail', district)).toMatchObject({
      error: { code: 'event_not_allowed' },
    });
    expect(availableEvents(annualReportFlow, 'fail', ['admin'])).toEqual([]);
  });
  it('the street reviews filed organizations, the district registered ones', () => {
    expect(reviewerRoleFor('filed')).toBe('street_officer');
    expect(reviewerRoleFor('registered')).toBe('district_officer');
  });
});
