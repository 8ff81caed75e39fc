import { describe, expect, it } from 'vitest';
import {
  awardGrade,
  committeeDecision,
  currentGrade,
  defaultGradeConfig,
  defaultGradeCutoffs,
  downgradeGrade,
  fullYearsFrom,
  type GradeApplicant,
  type GradeRecord,
  gradeEligibility,
  gradeFor,
  gradeStatusOn,
  gradeValidUntil,
  priorityForPurchases,
  revokeGrade,
  validateGradeConfig,
  validateGradeCutoffs,
} from './grade';

function ok<T>(r: ({ ok: true } & T) | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe('grades from scores', () => {
  it('default cut-offs 950 / 900 / 850 / 800 / 700, exactly on the line counts', () => {
    expect(gradeFor(1000)).toEqual({ grade: '5A', label: '5A级（AAAAA）' });
    expect(gradeFor(950).grade).toBe('5A');
    expect(gradeFor(949.5).grade).toBe('4A');
    expect(gradeFor(900).grade).toBe('4A');
    expect(gradeFor(850).grade).toBe('3A');
    expect(gradeFor(849).grade).toBe('2A');
    expect(gradeFor(800).grade).toBe('2A');
    expect(gradeFor(799).grade).toBe('1A');
    expect(gradeFor(700).grade).toBe('1A');
    expect(gradeFor(699.9)).toEqual({ grade: null, label: '不予评级' });
    expect(gradeFor(0).grade).toBeNull();
    expect(() => gradeFor(1001)).toThrow();
  });
  it('local cut-offs 900 / 800 / 700 / 600 / 500', () => {
    const local = { '5A': 900, '4A': 800, '3A': 700, '2A': 600, '1A': 500 } as const;
    expect(gradeFor(900, local).grade).toBe('5A');
    expect(gradeFor(650, local).grade).toBe('2A');
    expect(gradeFor(499, local).label).toBe('不予评级');
    expect(validateGradeCutoffs(local)).toEqual([]);
  });
  it('validates cut-offs with Chinese messages', () => {
    expect(validateGradeCutoffs(defaultGradeCutoffs)).toEqual([]);
    expect(validateGradeCutoffs({ '5A': 1200, '4A': 900, '3A': 900, '2A': 850, '1A': -1 })).toEqual([
      { path: '5A', message: '5A分数线应大于 0 且不超过 1000 分' },
      { path: '3A', message: '3A分数线应低于4A分数线' },
      { path: '1A', message: '1A分数线应大于 0 且不超过 1000 分' },
    ]);
  });
  it('validates the configuration', () => {
    expect(validateGradeConfig(defaultGradeConfig)).toEqual([]);
    expect(
      validateGradeConfig({
        ...defaultGradeConfig,
        validYears: 0,
        downgradeWaitYears: 1.5,
        reapplyMonthsBeforeExpiry: 13,
      }),
    ).toEqual([
      { path: 'validYears', message: '有效期为 1–10 年的整数' },
      { path: 'downgradeWaitYears', message: '年限为 0–10 年的整数' },
      { path: 'reapplyMonthsBeforeExpiry', message: '提前申请月数为 0–12 的整数' },
    ]);
  });
});

describe('validity', () => {
  it('five years: until the day before the fifth anniversary', () => {
    expect(gradeValidUntil('2025-03-15')).toBe('2030-03-14');
    expect(gradeValidUntil('2025-01-01')).toBe('2029-12-31');
    // 2028 is a leap year: the term ending the day before 1 March 2028 ends on 29 February
    expect(gradeValidUntil('2023-03-01')).toBe('2028-02-29');
    // awarded on 29 February: the anniversary in a common year is 1 March, so five full years
    expect(gradeValidUntil('2024-02-29')).toBe('2029-02-28');
    expect(fullYearsFrom('2024-02-29', 4)).toBe('2028-02-29');
    expect(fullYearsFrom('2024-02-29', 1)).toBe('2025-03-01');
    expect(fullYearsFrom('2023-03-01', 1)).toBe('2024-03-01');
  });
  it('valid through the last day, expired the day after', () => {
    const g = awardGrade({ grade: '4A', awardedOn: '2024-02-29', score: 912 });
    expect(g).toMatchObject({ validUntil: '2029-02-28', origin: 'assessment', score: 912 });
    expect(gradeStatusOn(g, '2024-02-29')).toBe('valid');
    expect(gradeStatusOn(g, '2029-02-28')).toBe('valid');
    expect(gradeStatusOn(g, '2029-03-01')).toBe('expired');
    expect(() => gradeStatusOn(g, '2024-02-28')).toThrow();
  });
});

describe('downgrade and revocation', () => {
  const g = awardGrade({ grade: '4A', awardedOn: '2025-03-15' });

  it('a downgrade needs a reason and a lower grade; the lower grade keeps the original term', () => {
    expect(downgradeGrade(g, { on: '2026-05-10', to: '2A', reason: '  ' })).toEqual({
      ok: false,
      message: '请填写降级原因',
    });
    expect(downgradeGrade(g, { on: '2026-05-10', to: '5A', reason: '财务不规范' })).toEqual({
      ok: false,
      message: '降级后的等级须低于当前等级（当前为4A）',
    });
    expect(downgradeGrade(g, { on: '2025-03-14', to: '2A', reason: '财务不规范' })).toEqual({
      ok: false,
      message: '降级日期不能早于等级生效日期2025-03-15',
    });
    expect(downgradeGrade(g, { on: '2030-03-15', to: '2A', reason: '财务不规范' })).toEqual({
      ok: false,
      message: '该等级已于2030-03-14到期',
    });
    const { previous, current } = ok(
      downgradeGrade(g, { on: '2026-05-10', to: '2A', reason: ' 财务不规范 ' }),
    );
    expect(previous.downgraded).toEqual({ on: '2026-05-10', to: '2A', reason: '财务不规范' });
    expect(current).toMatchObject({
      grade: '2A',
      awardedOn: '2026-05-10',
      validUntil: '2030-03-14',
      origin: 'downgrade',
    });
    expect(gradeStatusOn(previous, '2026-05-09')).toBe('valid');
    expect(gradeStatusOn(previous, '2026-05-10')).toBe('downgraded');
    expect(currentGrade([previous, current], '2026-05-09')?.grade).toBe('4A');
    expect(currentGrade([previous, current], '2026-05-10')?.grade).toBe('2A');
    expect(currentGrade([previous, current], '2030-03-15')).toBeNull();
    expect(downgradeGrade(previous, { on: '2026-06-01', to: '1A', reason: '再次降级' })).toEqual({
      ok: false,
      message: '该等级已被降级',
    });
  });

  it('a revocation needs a reason; the grade is revoked from that day', () => {
    expect(revokeGrade(g, { on: '2027-01-05', reason: '' })).toEqual({
      ok: false,
      message: '请填写撤销等级原因',
    });
    const { record } = ok(revokeGrade(g, { on: '2027-01-05', reason: '弄虚作假取得等级' }));
    expect(gradeStatusOn(record, '2027-01-04')).toBe('valid');
    expect(gradeStatusOn(record, '2027-01-05')).toBe('revoked');
    expect(revokeGrade(record, { on: '2027-02-01', reason: '重复' })).toEqual({
      ok: false,
      message: '该等级已被撤销',
    });
  });

  it('3A and above have purchase priority while valid', () => {
    expect(priorityForPurchases(g, '2025-03-14')).toBe(false);
    expect(priorityForPurchases(g, '2025-03-15')).toBe(true);
    expect(priorityForPurchases(g, '2030-03-14')).toBe(true);
    expect(priorityForPurchases(g, '2030-03-15')).toBe(false);
    expect(priorityForPurchases(awardGrade({ grade: '3A', awardedOn: '2025-01-01' }), '2026-01-01')).toBe(
      true,
    );
    expect(priorityForPurchases(awardGrade({ grade: '2A', awardedOn: '2025-01-01' }), '2026-01-01')).toBe(
      false,
    );
    const { previous, current } = ok(downgradeGrade(g, { on: '2026-05-10', to: '2A', reason: '财务不规范' }));
    expect(priorityForPurchases(previous, '2026-05-10')).toBe(false);
    expect(priorityForPurchases(current, '2026-05-10')).toBe(false);
    expect(priorityForPurchases(null, '2026-05-10')).toBe(false);
  });
});

describe('eligibility', () => {
  const clean: GradeApplicant = {
    tier: 'registered',
    registeredOn: '2022-02-28',
    creditList: 'none',
    lastAnnualReport: { year: 2024, result: 'pass', late: false },
    penaltyDates: [],
    underInvestigation: false,
    grades: [],
  };

  it('a clean registered organization of two full years may apply', () => {
    expect(gradeEligibility(clean, '2025-06-01')).toEqual({ eligible: true, reasons: [] });
  });

  it('two full years of registration, to the day; registered on 29 February waits until 1 March', () => {
    const org = { ...clean, registeredOn: '2023-06-10' };
    expect(gradeEligibility(org, '2025-06-09')).toEqual({
      eligible: false,
      reasons: ['登记满2年后方可申请等级评估（登记于2023-06-10，2025-06-10起可申请）'],
      eligibleFrom: '2025-06-10',
    });
    expect(gradeEligibility(org, '2025-06-10').eligible).toBe(true);
    const leap = { ...clean, registeredOn: '2024-02-29' };
    expect(gradeEligibility(leap, '2026-02-28').eligibleFrom).toBe('2026-03-01');
    expect(gradeEligibility(leap, '2026-03-01').eligible).toBe(true);
  });

  it('filed organizations and activity groups never; listed organizations are excluded', () => {
    expect(gradeEligibility({ ...clean, tier: 'filed' }, '2025-06-01')).toEqual({
      eligible: false,
      reasons: ['只有经登记管理机关登记的社会组织可以申请等级评估'],
    });
    expect(gradeEligibility({ ...clean, creditList: 'abnormal' }, '2025-06-01').reasons).toEqual([
      '被列入活动异常名录，不予评估',
    ]);
    expect(gradeEligibility({ ...clean, creditList: 'serious' }, '2025-06-01').reasons).toEqual([
      '被列入严重违法失信名单，不予评估',
    ]);
  });

  it('the last annual report must have passed: missing, failed, late and not passed bar; late but passed does not', () => {
    const at = (r: GradeApplicant['lastAnnualReport'], prev?: GradeApplicant['previousAnnualReport']) =>
      gradeEligibility({ ...clean, lastAnnualReport: r, previousAnnualReport: prev }, '2025-06-01');
    expect(at(null).reasons).toEqual(['未报送上一年度工作报告']);
    expect(at({ year: 2024, result: 'missing', late: true }).reasons).toEqual(['未报送2024年度工作报告']);
    expect(at({ year: 2024, result: 'fail', late: false }).reasons).toEqual(['2024年度工作报告审核不合格']);
    expect(at({ year: 2024, result: 'pending', late: true }).reasons).toEqual([
      '2024年度工作报告逾期报送，尚未审核通过',
    ]);
    expect(at({ year: 2024, result: 'pending', late: false }).eligible).toBe(true);
    expect(at({ year: 2024, result: 'pass', late: true }).eligible).toBe(true);
    expect(at({ year: 2024, result: 'basic_pass', late: false }).eligible).toBe(true);
    expect(
      at({ year: 2024, result: 'basic_pass', late: false }, { year: 2023, result: 'basic_pass', late: false })
        .reasons,
    ).toEqual(['2023、2024年度工作报告连续两年基本合格']);
    expect(at(null).eligibleFrom).toBeUndefined();
  });

  it('penalized in the previous calendar year: barred until 1 January of the year after', () => {
    const org = { ...clean, penaltyDates: ['2024-12-31'] };
    expect(gradeEligibility(org, '2024-12-31').eligible).toBe(true);
    expect(gradeEligibility(org, '2025-01-01')).toEqual({
      eligible: false,
      reasons: ['上一年度（2024年）受到行政处罚，2026-01-01起可申请'],
      eligibleFrom: '2026-01-01',
    });
    expect(gradeEligibility(org, '2025-12-31').eligible).toBe(false);
    expect(gradeEligibility(org, '2026-01-01').eligible).toBe(true);
    expect(gradeEligibility({ ...clean, penaltyUnexecuted: true }, '2025-06-01').reasons).toEqual([
      '行政处罚尚未执行完毕',
    ]);
  });

  it('under investigation bars, with no date to wait for', () => {
    expect(
      gradeEligibility({ ...clean, underInvestigation: true, registeredOn: '2024-01-01' }, '2025-06-01'),
    ).toEqual({
      eligible: false,
      reasons: [
        '登记满2年后方可申请等级评估（登记于2024-01-01，2026-01-01起可申请）',
        '正在被有关政府部门或者司法机关立案调查',
      ],
    });
  });

  it('no reapplication within 2 years of a downgrade, 3 years of a revocation', () => {
    const g = awardGrade({ grade: '4A', awardedOn: '2020-09-01' });
    const { previous, current } = ok(downgradeGrade(g, { on: '2024-02-29', to: '3A', reason: '年报不合格' }));
    // the 3A grade is valid until 2025-08-31; the downgrade bars until 2026-03-01
    const down = { ...clean, grades: [previous, current] };
    expect(gradeEligibility(down, '2025-06-01')).toEqual({
      eligible: false,
      reasons: [
        '等级于2024-02-29被降级，2年内不得重新申请（2026-03-01起可申请）',
        '现有3A等级有效期至2025-08-31，2025-09-01起可重新申请',
      ],
      eligibleFrom: '2026-03-01',
    });
    expect(gradeEligibility(down, '2026-02-28').eligibleFrom).toBe('2026-03-01');
    expect(gradeEligibility(down, '2026-03-01').eligible).toBe(true);

    const { record } = ok(
      revokeGrade(awardGrade({ grade: '3A', awardedOn: '2022-05-01' }), {
        on: '2023-05-20',
        reason: '弄虚作假',
      }),
    );
    const revoked = { ...clean, grades: [record] };
    expect(gradeEligibility(revoked, '2026-05-19')).toEqual({
      eligible: false,
      reasons: ['等级于2023-05-20被撤销，3年内不得重新申请（2026-05-20起可申请）'],
      eligibleFrom: '2026-05-20',
    });
    expect(gradeEligibility(revoked, '2026-05-20').eligible).toBe(true);
  });

  it('a waiting period that ends in a year barred by a known penalty moves to the next 1 January', () => {
    const org = { ...clean, registeredOn: '2024-03-01', penaltyDates: ['2025-04-01'] };
    // registration completes two years on 2026-03-01, but 2026 follows the penalty year 2025
    expect(gradeEligibility(org, '2025-06-01')).toEqual({
      eligible: false,
      reasons: ['登记满2年后方可申请等级评估（登记于2024-03-01，2026-03-01起可申请）'],
      eligibleFrom: '2027-01-01',
    });
  });

  it('a valid grade is held until it expires; some places let holders apply months before', () => {
    const held = {
      ...clean,
      grades: [awardGrade({ grade: '3A', awardedOn: '2021-07-01' })] as GradeRecord[],
    };
    expect(gradeEligibility(held, '2026-06-30')).toMatchObject({
      eligible: false,
      eligibleFrom: '2026-07-01',
    });
    expect(gradeEligibility(held, '2026-07-01').eligible).toBe(true);
    const early = { ...defaultGradeConfig, reapplyMonthsBeforeExpiry: 6 };
    expect(gradeEligibility(held, '2025-12-31', early).eligibleFrom).toBe('2026-01-01');
    expect(gradeEligibility(held, '2026-01-01', early).eligible).toBe(true);
  });
});

describe('committee decision', () => {
  it('two thirds present and more than half of those present in favour', () => {
    expect(committeeDecision({ members: 9, present: 6, inFavour: 4 })).toEqual({
      valid: true,
      quorum: true,
      adopted: true,
      messages: [],
    });
    expect(committeeDecision({ members: 10, present: 7, inFavour: 4 }).valid).toBe(true);
    expect(committeeDecision({ members: 10, present: 6, inFavour: 6 })).toEqual({
      valid: false,
      quorum: false,
      adopted: true,
      messages: ['出席委员6人，不足委员总数10人的三分之二（至少7人），表决无效'],
    });
    expect(committeeDecision({ members: 9, present: 6, inFavour: 3 })).toEqual({
      valid: false,
      quorum: true,
      adopted: false,
      messages: ['赞成3票，未超过出席委员6人的半数（至少4票），未获通过'],
    });
    expect(committeeDecision({ members: 9, present: 5, inFavour: 2 }).messages).toHaveLength(2);
    expect(committeeDecision({ members: 7, present: 8, inFavour: 1 }).messages).toEqual([
      '表决人数有误：出席人数不能超过委员总数，赞成票数不能超过出席人数',
    ]);
  });
});
