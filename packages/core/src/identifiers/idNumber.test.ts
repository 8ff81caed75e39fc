import { describe, expect, it } from 'vitest';
import { ageOn, idNumberCheckChar, isIdNumber, makeIdNumber, validateIdNumber } from './idNumber';

const today = '2026-06-01';

describe('validateIdNumber', () => {
  it('accepts the reference number', () => {
    expect(validateIdNumber('11010519491231002X', { today })).toEqual({
      ok: true,
      normalized: '11010519491231002X',
      birthDate: '1949-12-31',
      sex: 'female',
    });
  });

  it('accepts a lower-case x and surrounding spaces and normalizes them', () => {
    const r = validateIdNumber(' 11010519491231002x ', { today });
    expect(r.ok && r.normalized).toBe('11010519491231002X');
  });

  it('reads the sex from the sequence', () => {
    const male = makeIdNumber('44030519900101001');
    const r = validateIdNumber(male, { today });
    expect(r.ok && r.sex).toBe('male');
  });

  it('defaults today to the current date', () => {
    expect(isIdNumber('11010519491231002X')).toBe(true);
  });

  it('rejects a wrong length', () => {
    expect(validateIdNumber('110105194912310', { today })).toEqual({
      ok: false,
      message: '身份证号码应为18位',
    });
  });

  it('rejects bad characters', () => {
    const r = validateIdNumber('1101051949123100AX', { today });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('格式不正确');
  });

  it('rejects impossible birth dates', () => {
    for (const body of ['11010519490230001', '11010519491301001', '11010519490100001', '11010518000101001']) {
      const r = validateIdNumber(makeIdNumber(body), { today });
      expect(r).toEqual({ ok: false, message: '身份证号码中的出生日期无效' });
    }
    expect(validateIdNumber(makeIdNumber('11010520000229001'), { today }).ok).toBe(true);
    expect(validateIdNumber(makeIdNumber('11010519000229001'), { today }).ok).toBe(false);
  });

  it('rejects birth dates in the future', () => {
    expect(validateIdNumber(makeIdNumber('11010520260601001'), { today }).ok).toBe(true);
    expect(validateIdNumber(makeIdNumber('11010520260602001'), { today })).toEqual({
      ok: false,
      message: '身份证号码中的出生日期不能晚于今天',
    });
  });

  it('rejects a wrong check character', () => {
    const r = validateIdNumber('110105194912310021', { today });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('校验位');
  });
});

describe('makeIdNumber', () => {
  it('appends the check character', () => {
    expect(makeIdNumber('11010519491231002')).toBe('11010519491231002X');
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(() => makeIdNumber('1101051949123100')).toThrow();
  });
});

describe('ageOn', () => {
  it('counts full years', () => {
    expect(ageOn('1949-12-31', '2026-12-30')).toBe(76);
    expect(ageOn('1949-12-31', '2026-12-31')).toBe(77);
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
    expect(ageOn('2026-06-01', '2026-06-01')).toBe(0);
  });
});
