import { describe, expect, it } from 'vitest';
import { isUscc, makeUscc, normalizeUscc, orgCodeCheckChar, usccCheckChar, validateUscc } from './uscc';

describe('validateUscc', () => {
  it('accepts the reference code with both checks', () => {
    expect(validateUscc('91110000600037341L')).toEqual({ ok: true, normalized: '91110000600037341L' });
    expect(orgCodeCheckChar('60003734')).toBe('1');
    expect(usccCheckChar('91110000600037341')).toBe('L');
    expect(isUscc('91110000600037341L')).toBe(true);
  });

  it('normalizes case, spaces and hyphens', () => {
    expect(normalizeUscc(' 91110000-60003734 1l ')).toBe('91110000600037341L');
    expect(validateUscc('91110000600037341l')).toEqual({ ok: true, normalized: '91110000600037341L' });
  });

  it('rejects wrong length', () => {
    expect(validateUscc('9111000060003734')).toEqual({ ok: false, message: '统一社会信用代码应为18位' });
    expect(validateUscc('')).toEqual({ ok: false, message: '统一社会信用代码应为18位' });
  });

  it('rejects characters outside the charset', () => {
    for (const bad of ['I', 'O', 'S', 'V', 'Z', '*']) {
      const code = `91110000600037341${bad}`;
      expect(validateUscc(code)).toEqual({ ok: false, message: '统一社会信用代码含有非法字符' });
    }
  });

  it('rejects a non-numeric division part', () => {
    const r = validateUscc(makeUscc('91A100006000373'.padEnd(16, '0')));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('行政区划');
  });

  it('rejects a wrong check character', () => {
    expect(validateUscc('91110000600037341M')).toEqual({ ok: false, message: '统一社会信用代码校验位错误' });
  });

  it('rejects a wrong organization-code check, unless disabled', () => {
    const code = makeUscc('91110000600037342'); // position 17 should be 1
    expect(validateUscc(code)).toEqual({ ok: false, message: '统一社会信用代码中的组织机构代码校验位错误' });
    expect(validateUscc(code, { orgCodeCheck: false }).ok).toBe(true);
  });

  it('maps organization-code check 10 to X and 11 to 0', () => {
    // find bodies that produce X and 0 and check the mapping
    const bodies = Array.from({ length: 200 }, (_, i) => String(10000000 + i));
    const checks = new Set(bodies.map(orgCodeCheckChar));
    expect(checks.has('X')).toBe(true);
    expect(checks.has('0')).toBe(true);
    for (const ch of checks) expect('0123456789X').toContain(ch);
    // 00000000 → Σ = 0 → 11 − 0 = 11 → '0'
    expect(orgCodeCheckChar('00000000')).toBe('0');
    // letters count A=10…Z=35: 'A0000000' → 30 → 30 mod 11 = 8 → 3
    expect(orgCodeCheckChar('A0000000')).toBe('3');
  });
});

describe('makeUscc', () => {
  it('appends the check character to 17 characters', () => {
    expect(makeUscc('91110000600037341')).toBe('91110000600037341L');
  });
  it('builds both check characters from 16', () => {
    expect(makeUscc('9111000060003734')).toBe('91110000600037341L');
    const code = makeUscc('5144030507654321');
    expect(code).toHaveLength(18);
    expect(isUscc(code)).toBe(true);
  });
  it('throws on an invalid prefix', () => {
    expect(() => makeUscc('9111000060003734I')).toThrow();
    expect(() => makeUscc('911')).toThrow();
  });
  it('round-trips many generated codes', () => {
    for (let i = 0; i < 500; i++) {
      const body = String(i * 7919).padStart(8, '0');
      expect(isUscc(makeUscc(`52440305${body}`))).toBe(true);
    }
  });
});
