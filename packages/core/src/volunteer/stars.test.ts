import { describe, expect, it } from 'vitest';
import {
  defaultStarConfig,
  type StarConfig,
  starLabel,
  starLevel,
  starLevelForMinutes,
  validateStarConfig,
} from './stars';

describe('starLabel', () => {
  it('names the levels in Chinese', () => {
    expect([0, 1, 2, 3, 4, 5].map(starLabel)).toEqual(['未评星', '一星', '二星', '三星', '四星', '五星']);
    expect(starLabel(10)).toBe('十星');
    expect(starLabel(11)).toBe('11星');
    expect(() => starLabel(-1)).toThrow();
    expect(() => starLabel(1.5)).toThrow();
  });
});

describe('starLevel with the default ladder', () => {
  const at = (hours: number) => starLevel({ 2025: hours }, defaultStarConfig, 2025);

  it('is unstarred below 100 hours and says how far to go', () => {
    expect(at(0)).toEqual({
      level: 0,
      label: '未评星',
      hours: 0,
      minutes: 0,
      nextThreshold: 100,
      hoursToNext: 100,
      minutesToNext: 6000,
    });
    expect(at(99.5)).toMatchObject({ level: 0, hoursToNext: 0.5, minutesToNext: 30 });
  });

  it('reaches a level exactly at its threshold', () => {
    expect(at(100)).toMatchObject({ level: 1, label: '一星', nextThreshold: 300, hoursToNext: 200 });
    expect(at(299.99)).toMatchObject({ level: 1, minutesToNext: 1 });
    expect(at(300)).toMatchObject({ level: 2, label: '二星' });
    expect(at(600)).toMatchObject({ level: 3, label: '三星' });
    expect(at(1000)).toMatchObject({ level: 4, label: '四星', nextThreshold: 1500 });
  });

  it('stops at the top level', () => {
    expect(at(1500)).toMatchObject({
      level: 5,
      label: '五星',
      nextThreshold: null,
      hoursToNext: null,
      minutesToNext: null,
    });
    expect(at(9999)).toMatchObject({ level: 5 });
  });

  it('sums fractional hours without floating drift', () => {
    const hours: Record<number, number> = {};
    // 0.1 h a year for 1000 years would drift in floating point; minutes do not.
    for (let y = 1026; y < 2026; y++) hours[y] = 0.1;
    expect(starLevel(hours, defaultStarConfig, 2025)).toMatchObject({ level: 1, minutes: 6000, hours: 100 });
    expect(starLevel({ 2024: 99.9, 2025: 0.1 }, defaultStarConfig, 2025).level).toBe(1);
  });
});

describe('starLevel bases', () => {
  const hours = { 2023: 250, 2024: 200, 2025: 80, 2026: 5000 };

  it('lifetime counts every year up to the asked one, never later years', () => {
    expect(starLevel(hours, defaultStarConfig, 2025)).toMatchObject({ level: 2, hours: 530 });
    expect(starLevel(hours, defaultStarConfig, 2023)).toMatchObject({ level: 1, hours: 250 });
    expect(starLevel(hours, defaultStarConfig, 2022)).toMatchObject({ level: 0, hours: 0 });
  });

  it('year counts only that year', () => {
    const perYear: StarConfig = { ...defaultStarConfig, basis: 'year' };
    expect(starLevel(hours, perYear, 2025)).toMatchObject({ level: 0, hours: 80, hoursToNext: 20 });
    expect(starLevel(hours, perYear, 2023)).toMatchObject({ level: 1, hours: 250 });
    expect(starLevel(hours, perYear, 2030)).toMatchObject({ level: 0, hours: 0 });
  });

  it('uses local thresholds (Beijing 100/200/500/800/1000)', () => {
    const beijing: StarConfig = { thresholds: [100, 200, 500, 800, 1000], basis: 'lifetime' };
    expect(starLevel({ 2025: 1000 }, beijing, 2025).level).toBe(5);
    expect(starLevel({ 2025: 250 }, beijing, 2025)).toMatchObject({
      level: 2,
      nextThreshold: 500,
      hoursToNext: 250,
    });
  });

  it('rejects negative or non-numeric hours and bad years', () => {
    expect(() => starLevel({ 2025: -1 }, defaultStarConfig, 2025)).toThrow();
    expect(() => starLevel({ 2025: Number.NaN }, defaultStarConfig, 2025)).toThrow();
    expect(() => starLevel({}, defaultStarConfig, 2025.5)).toThrow();
    expect(() => starLevelForMinutes(1.5)).toThrow();
  });
});

describe('validateStarConfig', () => {
  it('accepts the default', () => {
    expect(validateStarConfig(defaultStarConfig)).toEqual([]);
  });

  it('explains bad ladders in Chinese', () => {
    expect(validateStarConfig({ thresholds: [], basis: 'lifetime' })).toEqual(['至少应设置一个星级门槛']);
    expect(validateStarConfig({ thresholds: [100, 100, -5], basis: 'lifetime' })).toEqual([
      '第2个星级门槛应高于上一级',
      '第3个星级门槛应为正数',
    ]);
    expect(validateStarConfig({ thresholds: [1], basis: 'month' as never })).toEqual([
      '星级计算口径应为累计或年度',
    ]);
    expect(() => starLevel({ 2025: 1 }, { thresholds: [5, 1], basis: 'year' }, 2025)).toThrow(
      '第2个星级门槛应高于上一级',
    );
  });
});
