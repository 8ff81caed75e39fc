import { describe, expect, it } from 'vitest';
import {
  checkinKindLabels,
  checkinStateLabels,
  checkinStates,
  hourSourceLabels,
  hourSources,
  isCheckinKind,
  isCheckinState,
  isHourSource,
  isServiceCategory,
  isSignUpState,
  serviceCategories,
  serviceCategoryLabels,
  signUpStateLabels,
  signUpStates,
} from './labels';

describe('volunteer labels', () => {
  it('labels every code with distinct Chinese', () => {
    const pairs: [readonly string[], Readonly<Record<string, string>>][] = [
      [serviceCategories, serviceCategoryLabels],
      [signUpStates, signUpStateLabels],
      [checkinStates, checkinStateLabels],
      [hourSources, hourSourceLabels],
      [['in', 'out'], checkinKindLabels],
    ];
    for (const [codes, labels] of pairs) {
      expect(Object.keys(labels).sort()).toEqual([...codes].sort());
      const values = codes.map((c) => labels[c]);
      expect(new Set(values).size).toBe(values.length);
      for (const v of values) expect(v).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('has the service categories residents know', () => {
    expect(Object.values(serviceCategoryLabels)).toEqual([
      '助老',
      '助残',
      '关爱儿童',
      '社区治理',
      '环境保护',
      '文明实践',
      '应急救援',
      '文体服务',
      '其他',
    ]);
  });

  it('guards membership', () => {
    expect(isServiceCategory('elderly')).toBe(true);
    expect(isServiceCategory('助老')).toBe(false);
    expect(isServiceCategory(1)).toBe(false);
    expect(isSignUpState('approved')).toBe(true);
    expect(isSignUpState('toString')).toBe(false);
    expect(isCheckinState('no_show')).toBe(true);
    expect(isHourSource('backfilled')).toBe(true);
    expect(isCheckinKind('out')).toBe(true);
    expect(isCheckinKind('OUT')).toBe(false);
  });
});
