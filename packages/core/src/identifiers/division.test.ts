import { describe, expect, it } from 'vitest';
import {
  ancestorCodes,
  areaTypeFromVillageSegment,
  classifyCommunity,
  committeeAreaType,
  isDivisionCode,
  isWithin,
  padCode,
  parentCode,
  prefixRange,
  regionLevel,
  scopePrefix,
  townType,
  urbanRuralFromCode,
} from './division';

describe('levels and prefixes', () => {
  const cases: [string, number, string][] = [
    ['440000000000', 1, '44'],
    ['440300000000', 2, '4403'],
    ['440305000000', 3, '440305'],
    ['440305001000', 4, '440305001'],
    ['440305001003', 5, '440305001003'],
    ['441900003000', 4, '441900003'], // Dongguan: no county level
    ['441900003501', 5, '441900003501'],
  ];
  it.each(cases)('%s is level %i with prefix %s', (code, level, prefix) => {
    expect(regionLevel(code)).toBe(level);
    expect(scopePrefix(code)).toBe(prefix);
  });

  it('accepts shorter prefixes', () => {
    expect(regionLevel('440305001')).toBe(4);
    expect(scopePrefix('4403')).toBe('4403');
    expect(padCode('440305001')).toBe('440305001000');
    expect(() => padCode('44a')).toThrow();
    expect(() => padCode('')).toThrow();
    expect(() => regionLevel('000000000000')).toThrow();
  });

  it('cuts at a given level', () => {
    expect(scopePrefix('440305001003', 3)).toBe('440305');
  });

  it('gives prefix ranges', () => {
    expect(prefixRange('440305001')).toEqual(['440305001000', '440305001999']);
    expect(prefixRange('440305001000')).toEqual(['440305001000', '440305001999']);
    expect(prefixRange('440000000000')).toEqual(['440000000000', '449999999999']);
    expect(prefixRange('440305001003')).toEqual(['440305001003', '440305001003']);
    expect(prefixRange('440305001003', 3)).toEqual(['440305000000', '440305999999']);
  });
});

describe('tree', () => {
  it('finds parents', () => {
    expect(parentCode('440305001003')).toBe('440305001000');
    expect(parentCode('440305001000')).toBe('440305000000');
    expect(parentCode('440305000000')).toBe('440300000000');
    expect(parentCode('440300000000')).toBe('440000000000');
    expect(parentCode('440000000000')).toBeNull();
    expect(parentCode('441900003000')).toBe('441900000000');
  });
  it('lists ancestors', () => {
    expect(ancestorCodes('440305001003')).toEqual([
      '440000000000',
      '440300000000',
      '440305000000',
      '440305001000',
    ]);
    expect(ancestorCodes('441900003501')).toEqual(['440000000000', '441900000000', '441900003000']);
    expect(ancestorCodes('440000000000')).toEqual([]);
  });
  it('tests containment', () => {
    expect(isWithin('440305001003', '440305001000')).toBe(true);
    expect(isWithin('440305001003', '440305001')).toBe(true);
    expect(isWithin('440305001003', '440000000000')).toBe(true);
    expect(isWithin('440305001003', '440305001003')).toBe(true);
    expect(isWithin('440305002003', '440305001000')).toBe(false);
    expect(isWithin('440306001003', '440305000000')).toBe(false);
    expect(isWithin('440305000000', '440305001000')).toBe(false);
  });
  it('validates codes', () => {
    expect(isDivisionCode('440305001003')).toBe(true);
    expect(isDivisionCode('440000000000')).toBe(true);
    expect(isDivisionCode('441900003000')).toBe(true);
    expect(isDivisionCode('44030500100')).toBe(false);
    expect(isDivisionCode('44030500100a')).toBe(false);
    expect(isDivisionCode('000305001003')).toBe(false);
    expect(isDivisionCode('440005001003')).toBe(false);
    expect(isDivisionCode('440305000003')).toBe(false);
  });
});

describe('classification', () => {
  it('types towns', () => {
    expect(townType('440305001000')).toBe('street');
    expect(townType('440305099000')).toBe('street');
    expect(townType('320585100000')).toBe('town');
    expect(townType('320585199')).toBe('town');
    expect(townType('530102200000')).toBe('township');
    expect(townType('530102399000')).toBe('township');
    expect(townType('530102400000')).toBe('other');
    expect(townType('440305000000')).toBe('other');
  });
  it('types committees by name', () => {
    expect(committeeAreaType('桃源社区居委会')).toBe('urban');
    expect(committeeAreaType('桃源社区居民委员会')).toBe('urban');
    expect(committeeAreaType('桃源居委会')).toBe('urban');
    expect(committeeAreaType('桃源社区')).toBe('urban');
    expect(committeeAreaType('沙溪村委会')).toBe('rural');
    expect(committeeAreaType('沙溪村民委员会')).toBe('rural');
    expect(committeeAreaType('沙溪村')).toBe('rural');
    expect(committeeAreaType('某某农场生活区')).toBeNull();
  });
  it('types by urban-rural code', () => {
    for (const c of ['111', '112', '121', '122', '123']) expect(urbanRuralFromCode(c)).toBe('urban');
    for (const c of ['210', '220']) expect(urbanRuralFromCode(c)).toBe('rural');
    expect(urbanRuralFromCode('999')).toBeNull();
    expect(urbanRuralFromCode(null)).toBeNull();
  });
  it('falls back through code, name and segment', () => {
    expect(areaTypeFromVillageSegment('440305001003')).toBe('urban');
    expect(areaTypeFromVillageSegment('440305001203')).toBe('rural');
    expect(areaTypeFromVillageSegment('440305001400')).toBeNull();
    expect(classifyCommunity({ code: '440305001003', name: '沙溪村委会', urbanRuralCode: '111' })).toBe(
      'urban',
    );
    expect(classifyCommunity({ code: '440305001003', name: '沙溪村委会' })).toBe('rural');
    expect(classifyCommunity({ code: '440305001203', name: '某生活区' })).toBe('rural');
  });
});
