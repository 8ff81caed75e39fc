import { describe, expect, it } from 'vitest';
import {
  type AccountabilityRecord,
  accountabilityHistory,
  accountabilityKindLabels,
  accountabilityKinds,
  activeLeaderBan,
  banEndsOn,
  type DormantFacts,
  defaultDormantConfig,
  dormantStatus,
  leaderBanActive,
  validateAccountabilityRecord,
  validateDormantConfig,
} from './dormant';

const facts = (f: Partial<DormantFacts>): DormantFacts => ({
  liveSince: '2020-05-01',
  lastActivityOn: null,
  lastAnnualReportOn: null,
  warnedOn: null,
  proposedOn: null,
  ...f,
});

describe('configuration', () => {
  it('validates with Chinese messages', () => {
    expect(validateDormantConfig(defaultDormantConfig)).toEqual([]);
    expect(validateDormantConfig({ inactiveMonths: 0, warningDays: 30.5 })).toEqual([
      { path: 'inactiveMonths', message: '无活动期限为 1–60 个月的整数' },
      { path: 'warningDays', message: '警示期限为 1–365 天的整数' },
    ]);
  });
});

describe('dormant status', () => {
  it('12 months without activity or report: due for a warning on the anniversary, not the day before', () => {
    const f = facts({ lastActivityOn: '2024-03-15', lastAnnualReportOn: '2023-05-20' });
    const before = dormantStatus(f, '2025-03-14');
    expect(before).toMatchObject({
      status: 'active',
      label: '正常',
      lastSignOn: '2024-03-15',
      lastSign: 'activity',
      dormantFrom: '2025-03-15',
    });
    expect(before.message).toBe(
      '最近一次活动记录为2024-03-15；2025-03-15前仍无活动记录和年度报告的，将发出警示',
    );
    const due = dormantStatus(f, '2025-03-15');
    expect(due.status).toBe('dormant');
    expect(due.label).toBe('长期未活动，待警示');
    expect(due.message).toBe(
      '自最近一次活动记录（2024-03-15）以来已连续12个月无活动记录且未报送年度报告，应发出警示',
    );
  });

  it('the later of activity and annual report counts', () => {
    const f = facts({ lastActivityOn: '2023-11-01', lastAnnualReportOn: '2024-05-31' });
    expect(dormantStatus(f, '2025-05-30')).toMatchObject({ status: 'active', lastSign: 'annual_report' });
    expect(dormantStatus(f, '2025-05-31').status).toBe('dormant');
  });

  it('a last sign on 29 February: twelve full months end on 28 February, due on 1 March', () => {
    const f = facts({ lastActivityOn: '2024-02-29' });
    expect(dormantStatus(f, '2025-02-28')).toMatchObject({ status: 'active', dormantFrom: '2025-03-01' });
    expect(dormantStatus(f, '2025-03-01').status).toBe('dormant');
    // a month-end start with a short period: 31 August + 6 months has no 31 February
    const six = { inactiveMonths: 6, warningDays: 60 };
    expect(dormantStatus(facts({ lastActivityOn: '2025-08-31' }), '2026-02-28', six).dormantFrom).toBe(
      '2026-03-01',
    );
  });

  it('a new organization is not dormant before 12 months since it went live', () => {
    const f = facts({ liveSince: '2025-01-10' });
    const s = dormantStatus(f, '2026-01-09');
    expect(s).toMatchObject({ status: 'active', lastSign: 'live_since', dormantFrom: '2026-01-10' });
    expect(s.message).toBe(
      '2025-01-10备案或登记，未满12个月，暂不判定为长期未活动；2026-01-10前仍无活动记录和年度报告的，将发出警示',
    );
    expect(dormantStatus(f, '2026-01-10').message).toBe(
      '自2025-01-10备案或登记以来已连续12个月无活动记录且未报送年度报告，应发出警示',
    );
    // an activity recorded before the filing does not shorten the grace period
    expect(dormantStatus({ ...f, lastActivityOn: '2024-06-01' }, '2026-01-09').status).toBe('active');
  });

  it('warned; 60 days after the warning day without a sign → exit proposal due (leap February)', () => {
    const f = facts({ lastActivityOn: '2022-11-20', warnedOn: '2024-01-01' });
    const w = dormantStatus(f, '2024-03-01');
    expect(w).toMatchObject({
      status: 'warned',
      warnedOn: '2024-01-01',
      warningEndsOn: '2024-03-01',
      exitProposalDueOn: '2024-03-02',
    });
    expect(w.message).toBe(
      '已于2024-01-01发出警示；至2024-03-01仍无活动记录且未报送年度报告的，将向街道提出退出建议',
    );
    const due = dormantStatus(f, '2024-03-02');
    expect(due.status).toBe('exit_proposal_due');
    expect(due.message).toBe('2024-01-01发出警示后60天内仍无活动记录且未报送年度报告，应向街道提出退出建议');
    // the same warning in a common year: 60 days run to 2 March
    expect(dormantStatus({ ...f, warnedOn: '2025-01-01' }, '2025-03-02').status).toBe('warned');
    expect(dormantStatus({ ...f, warnedOn: '2025-01-01' }, '2025-03-03').status).toBe('exit_proposal_due');
  });

  it('any activity or report on or after the warning day clears it', () => {
    const f = facts({ lastActivityOn: '2023-01-05', warnedOn: '2024-02-01' });
    const cleared = dormantStatus({ ...f, lastAnnualReportOn: '2024-02-01' }, '2024-04-15');
    expect(cleared).toMatchObject({
      status: 'active',
      warnedOn: null,
      warningEndsOn: null,
      dormantFrom: '2025-02-01',
    });
    expect(cleared.message).toBe(
      '警示后已有新的年度报告（2024-02-01），警示解除；最近一次年度报告为2024-02-01；2025-02-01前仍无活动记录和年度报告的，将发出警示',
    );
    // the same activity seen on a day before it happened: the warning still stood then
    expect(dormantStatus({ ...f, lastActivityOn: '2024-03-20' }, '2024-03-19').status).toBe('warned');
    expect(dormantStatus({ ...f, lastActivityOn: '2024-03-20' }, '2024-03-20').status).toBe('active');
    // cleared long ago and silent again: a new warning is due
    const again = dormantStatus({ ...f, lastActivityOn: '2024-03-20' }, '2025-03-20');
    expect(again.status).toBe('dormant');
    expect(again.message.startsWith('警示后已有新的活动记录（2024-03-20），警示解除；')).toBe(true);
  });

  it('proposed to the street; a later sign of life is pointed out for the street to check', () => {
    const f = facts({ lastActivityOn: '2023-01-05', warnedOn: '2024-02-01', proposedOn: '2024-04-10' });
    expect(dormantStatus(f, '2024-04-09').status).toBe('exit_proposal_due');
    expect(dormantStatus(f, '2024-04-10')).toMatchObject({
      status: 'proposed',
      label: '已提出退出建议',
      proposedOn: '2024-04-10',
      message: '已于2024-04-10向街道提出退出建议',
    });
    expect(dormantStatus({ ...f, lastActivityOn: '2024-05-01' }, '2024-05-02').message).toBe(
      '已于2024-04-10向街道提出退出建议；此后于2024-05-01有新的活动记录，请街道核实',
    );
  });

  it('a configured period: 6 months and 30 days', () => {
    const c = { inactiveMonths: 6, warningDays: 30 };
    const f = facts({ lastActivityOn: '2025-01-31' });
    // 31 January + 6 months = 31 July
    expect(dormantStatus(f, '2025-07-30', c).status).toBe('active');
    expect(dormantStatus(f, '2025-07-31', c).status).toBe('dormant');
    const w = dormantStatus({ ...f, warnedOn: '2025-08-01' }, '2025-08-31', c);
    expect(w).toMatchObject({
      status: 'warned',
      warningEndsOn: '2025-08-31',
      exitProposalDueOn: '2025-09-01',
    });
  });
});

describe('leader accountability', () => {
  const rec = (r: Partial<AccountabilityRecord>): AccountabilityRecord => ({
    id: 'r1',
    kind: 'ban',
    personHmac: 'h1',
    organizationId: 'o1',
    decidedOn: '2024-02-29',
    reason: '挪用活动经费',
    banYears: 3,
    ...r,
  });

  it('four kinds with Chinese labels', () => {
    expect(accountabilityKinds.map((k) => accountabilityKindLabels[k])).toEqual([
      '约谈',
      '警告',
      '责令更换',
      '禁止担任负责人',
    ]);
  });

  it('validates records: a reason always, a period of whole years for bans only', () => {
    expect(validateAccountabilityRecord(rec({}))).toEqual([]);
    expect(validateAccountabilityRecord(rec({ reason: ' ', banYears: 0 }))).toEqual([
      { path: 'reason', message: '请填写问责事由' },
      { path: 'banYears', message: '禁止担任负责人的期限为 1–10 年的整数' },
    ]);
    expect(validateAccountabilityRecord(rec({ kind: 'interview', banYears: 2 }))).toEqual([
      { path: 'banYears', message: '只有“禁止担任负责人”需要填写期限' },
    ]);
    expect(
      validateAccountabilityRecord(rec({ kind: 'warning', banYears: null, decidedOn: '2025-02-29' })),
    ).toEqual([{ path: 'decidedOn', message: '请填写有效的决定日期' }]);
  });

  it('a ban runs to the day before the anniversary; from 29 February three years end on 28 February', () => {
    expect(banEndsOn({ decidedOn: '2024-02-29', banYears: 3 })).toBe('2027-02-28');
    expect(banEndsOn({ decidedOn: '2024-02-29', banYears: 4 })).toBe('2028-02-28');
    expect(banEndsOn({ decidedOn: '2025-06-10', banYears: 1 })).toBe('2026-06-09');
    const records = [rec({})];
    expect(leaderBanActive(records, 'h1', '2024-02-28')).toBe(false);
    expect(leaderBanActive(records, 'h1', '2024-02-29')).toBe(true);
    expect(leaderBanActive(records, 'h1', '2027-02-28')).toBe(true);
    expect(leaderBanActive(records, 'h1', '2027-03-01')).toBe(false);
    expect(leaderBanActive(records, 'h2', '2025-01-01')).toBe(false);
  });

  it('the longest overlapping ban wins; voided bans and other kinds never bar', () => {
    const records = [
      rec({}),
      rec({ id: 'r2', decidedOn: '2025-01-15', banYears: 5, reason: '弄虚作假' }),
      rec({ id: 'r3', kind: 'replacement_order', banYears: null, decidedOn: '2023-01-01' }),
      rec({ id: 'r4', personHmac: 'h3', voided: true }),
    ];
    expect(activeLeaderBan(records, 'h1', '2025-06-01')).toEqual({
      record: records[1],
      until: '2030-01-14',
      message: '该人员自2025-01-15起被禁止担任社会组织负责人，期限至2030-01-14（事由：弄虚作假）',
    });
    expect(leaderBanActive(records, 'h3', '2025-06-01')).toBe(false);
    expect(accountabilityHistory(records, 'h1').map((h) => h.line)).toEqual([
      '2023-01-01 责令更换：挪用活动经费',
      '2024-02-29 禁止担任负责人3年（至2027-02-28）：挪用活动经费',
      '2025-01-15 禁止担任负责人5年（至2030-01-14）：弄虚作假',
    ]);
  });
});
