import { describe, expect, it } from 'vitest';
import { formatFilingNumber, parseFilingNumber } from './filingNumber';

describe('filing numbers', () => {
  it('formats', () => {
    expect(formatFilingNumber({ streetCode: '440305001', year: 2026, seq: 7 })).toBe('备440305001-2026-0007');
    expect(formatFilingNumber({ streetCode: '440305001', year: 2026, seq: 12345 })).toBe(
      '备440305001-2026-12345',
    );
  });
  it('refuses bad parts', () => {
    expect(() => formatFilingNumber({ streetCode: '4403050', year: 2026, seq: 1 })).toThrow();
    expect(() => formatFilingNumber({ streetCode: '440305001', year: 26, seq: 1 })).toThrow();
    expect(() => formatFilingNumber({ streetCode: '440305001', year: 2026, seq: 0 })).toThrow();
    expect(() => formatFilingNumber({ streetCode: '440305001', year: 2026, seq: 1.5 })).toThrow();
  });
  it('parses', () => {
    expect(parseFilingNumber('备440305001-2026-0007')).toEqual({
      streetCode: '440305001',
      year: 2026,
      seq: 7,
    });
    expect(parseFilingNumber(' 备440305001-2026-12345 ')).toEqual({
      streetCode: '440305001',
      year: 2026,
      seq: 12345,
    });
    for (const bad of [
      '440305001-2026-0007',
      '备440305001-2026-007',
      '备44030500-2026-0007',
      '备440305001-2026-0000',
      '',
    ]) {
      expect(parseFilingNumber(bad)).toBeNull();
    }
  });
  it('round-trips', () => {
    for (const seq of [1, 9, 10, 999, 1000, 9999, 10000]) {
      const parts = { streetCode: '320585100', year: 2025, seq };
      expect(parseFilingNumber(formatFilingNumber(parts))).toEqual(parts);
    }
  });
});
