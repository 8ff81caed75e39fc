import { describe, expect, it } from 'vitest';
import {
  checkTarget,
  defaultVolunteerTargets,
  formatShare,
  orgPerResidentCheck,
  perTenThousand,
  ratioOf,
  requiredCount,
  resolveVolunteerTargets,
  validateVolunteerTargets,
  volunteerRatioCheck,
} from './targets';

describe('volunteer targets', () => {
  it('defaults to 13 % volunteers and 0.05 % organizations', () => {
    expect(defaultVolunteerTargets).toEqual({ volunteerRatio: 0.13, orgPerResident: 0.0005 });
  });

  it('ratio is null without a known population', () => {
    expect(ratioOf(10, null)).toBeNull();
    expect(ratioOf(10, 0)).toBeNull();
    expect(ratioOf(10, undefined)).toBeNull();
    expect(ratioOf(13, 100)).toBe(0.13);
    expect(() => ratioOf(-1, 100)).toThrow();
  });

  it('required count rounds up without floating-point drift', () => {
    expect(requiredCount(10_000, 0.13)).toBe(1300);
    expect(requiredCount(10_001, 0.13)).toBe(1301);
    expect(requiredCount(100, 0.07)).toBe(7); // 0.07 * 100 = 7.000000000000001 in floats
    expect(requiredCount(20_000, 0.0005)).toBe(10);
    expect(requiredCount(20_001, 0.0005)).toBe(11);
    expect(requiredCount(0, 0.13)).toBe(0);
    expect(() => requiredCount(-1, 0.1)).toThrow();
  });

  it('volunteer ratio: met exactly at the target, below by one', () => {
    const met = volunteerRatioCheck(1300, 10_000);
    expect(met).toMatchObject({ meets: true, belowTarget: false, gap: 0, required: 1300, ratio: 0.13 });
    const below = volunteerRatioCheck(1299, 10_000);
    expect(below).toMatchObject({ meets: false, belowTarget: true, gap: 1, required: 1300 });
  });

  it('organizations per resident with a configured target', () => {
    expect(orgPerResidentCheck(5, 10_000).meets).toBe(true);
    expect(orgPerResidentCheck(4, 10_000)).toMatchObject({ meets: false, gap: 1 });
    const strict = orgPerResidentCheck(5, 10_000, { volunteerRatio: 0.13, orgPerResident: 0.001 });
    expect(strict).toMatchObject({ meets: false, required: 10, gap: 5 });
  });

  it('unknown population is neither met nor below', () => {
    expect(checkTarget(50, null, 0.13)).toEqual({
      count: 50,
      population: null,
      ratio: null,
      target: 0.13,
      meets: null,
      belowTarget: false,
      required: null,
      gap: null,
    });
  });

  it('formats shares as percentages', () => {
    expect(formatShare(0.13)).toBe('13.0%');
    expect(formatShare(0.125)).toBe('12.5%');
    expect(formatShare(0.0005)).toBe('0.05%');
    expect(formatShare(0.00049)).toBe('0.049%');
    expect(formatShare(0.000047)).toBe('0.0047%');
    expect(formatShare(0.0071)).toBe('0.71%');
    expect(formatShare(0)).toBe('0.00%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatShare(0.1234, 2)).toBe('12.34%');
    expect(formatShare(null)).toBe('—');
    expect(formatShare(Number.NaN)).toBe('—');
  });

  it('organizations per 10,000 residents', () => {
    expect(perTenThousand(5, 10_000)).toBe(5);
    expect(perTenThousand(7, 23_456)).toBe(3);
    expect(perTenThousand(1, null)).toBeNull();
  });

  it('validates and resolves stored targets', () => {
    expect(validateVolunteerTargets({ volunteerRatio: 0.13, orgPerResident: 0.0005 })).toEqual([]);
    expect(validateVolunteerTargets({ volunteerRatio: 0 })).toHaveLength(1);
    expect(validateVolunteerTargets({ volunteerRatio: 1.5, orgPerResident: -1 })).toHaveLength(2);
    expect(resolveVolunteerTargets(null)).toEqual(defaultVolunteerTargets);
    expect(resolveVolunteerTargets({ volunteerRatio: 0.2 })).toEqual({
      volunteerRatio: 0.2,
      orgPerResident: 0.0005,
    });
    expect(resolveVolunteerTargets({ volunteerRatio: 'x', orgPerResident: 0.001 })).toEqual({
      volunteerRatio: 0.13,
      orgPerResident: 0.001,
    });
  });
});
