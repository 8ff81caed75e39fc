import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  addYears,
  daysBetween,
  isIsoDate,
  isRealDate,
  todayInShanghai,
  yearInShanghai,
} from './time';

describe('todayInShanghai', () => {
  it('uses UTC+8', () => {
    expect(todayInShanghai(new Date('2026-01-01T15:59:59Z'))).toBe('2026-01-01');
    expect(todayInShanghai(new Date('2026-01-01T16:00:00Z'))).toBe('2026-01-02');
    expect(todayInShanghai(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });
  it('gives the year in Shanghai', () => {
    expect(yearInShanghai(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(yearInShanghai(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
  });
});

describe('dates', () => {
  it('checks real dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('2024-04-31')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
    expect(isRealDate(2024, 0, 1)).toBe(false);
  });
  it('adds days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(() => addDays('2025-02-30', 1)).toThrow();
  });
});

describe('month and year arithmetic', () => {
  it('adds months, clamping to the end of a shorter month', () => {
    expect(addMonths('2026-04-01', 6)).toBe('2026-10-01');
    expect(addMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2026-01-31', -2)).toBe('2025-11-30');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(() => addMonths('2026-02-30', 1)).toThrow();
  });
  it('adds years; 29 February lands on 28 February', () => {
    expect(addYears('2026-04-01', 2)).toBe('2028-04-01');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
  });
  it('counts days between dates', () => {
    expect(daysBetween('2026-03-01', '2026-03-21')).toBe(20);
    expect(daysBetween('2026-03-21', '2026-03-01')).toBe(-20);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
  });
});
