import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, isRealDate, todayInShanghai, yearInShanghai } from './time';

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
