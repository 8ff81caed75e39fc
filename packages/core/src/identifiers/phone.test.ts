import { describe, expect, it } from 'vitest';
import { isMobile, isPhone, validateLandline, validateMobile, validatePhone } from './phone';

describe('validateMobile', () => {
  it('accepts mainland mobiles', () => {
    expect(validateMobile('13812345678')).toEqual({ ok: true, normalized: '13812345678', kind: 'mobile' });
    expect(validateMobile('199 1234 5678')).toEqual({ ok: true, normalized: '19912345678', kind: 'mobile' });
    expect(validateMobile('+86 138-1234-5678').ok).toBe(true);
    expect(isMobile('8613812345678')).toBe(true);
  });
  it('rejects others', () => {
    for (const bad of ['12812345678', '1381234567', '138123456789', '23812345678', 'abc', '']) {
      expect(validateMobile(bad)).toEqual({ ok: false, message: '手机号码应为以1开头的11位数字' });
    }
  });
});

describe('validateLandline', () => {
  it('accepts common forms and normalizes', () => {
    expect(validateLandline('0755-12345678')).toEqual({
      ok: true,
      normalized: '0755-12345678',
      kind: 'landline',
    });
    expect(validateLandline('075512345678')).toMatchObject({ ok: true, normalized: '0755-12345678' });
    expect(validateLandline('01012345678')).toMatchObject({ ok: true, normalized: '010-12345678' });
    expect(validateLandline('(021)87654321')).toMatchObject({ ok: true, normalized: '021-87654321' });
    expect(validateLandline('（0512）5333444')).toMatchObject({ ok: true, normalized: '0512-5333444' });
    expect(validateLandline('0755-88886666-123')).toMatchObject({
      ok: true,
      normalized: '0755-88886666-123',
    });
  });
  it('rejects missing area codes and bad local numbers', () => {
    expect(validateLandline('12345678').ok).toBe(false);
    expect(validateLandline('0755-01234567').ok).toBe(false);
    expect(validateLandline('0755-123456').ok).toBe(false);
  });
});

describe('validatePhone', () => {
  it('accepts both kinds', () => {
    expect(validatePhone('13812345678')).toMatchObject({ ok: true, kind: 'mobile' });
    expect(validatePhone('0755-12345678')).toMatchObject({ ok: true, kind: 'landline' });
    expect(isPhone('12345')).toBe(false);
    const r = validatePhone('12345');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('0755-12345678');
  });
});
