/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * 18 characters from `0-9ABCDEFGHJKLMNPQRTUWXY` (no I, O, S, V, Z):
 * 1 registering authority, 2 entity type, 3–8 division code, 9–17 organization code
 * (GB 11714, whose own check character is position 17), 18 check character.
 *
 * Both checks are applied. `91110000600037341L` passes both: the organization code
 * 60003734-1 has GB 11714 check '1' (Σ = 109, 109 mod 11 = 10, 11 − 10 = 1).
 */

export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 3^(i−1) mod 31 for positions 1–17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 11714 weights over the 8-character organization code body (USCC positions 9–16). */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

const USCC_PATTERN = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/;
const DIVISION_PART = /^\d{6}$/;

export type UsccResult = { ok: true; normalized: string } | { ok: false; message: string };

export interface UsccOptions {
  /** Also check the GB 11714 organization-code check character at position 17 (default true). */
  orgCodeCheck?: boolean;
}

/** Removes spaces and hyphens and upper-cases: what a user typing a code probably meant. */
export function normalizeUscc(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** The GB 32100 check character (position 18) for the first 17 characters. */
export function usccCheckChar(prefix17: string): string {
  if (prefix17.length !== 17 || !/^[0-9ABCDEFGHJKLMNPQRTUWXY]+$/.test(prefix17)) {
    throw new Error(`USCC prefix must be 17 characters from ${USCC_CHARSET}: ${prefix17}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(prefix17[i]) * USCC_WEIGHTS[i];
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/** Value of a character in a GB 11714 organization code: digits 0–9, letters A=10 … Z=35. */
function orgCodeValue(ch: string): number {
  return /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
}

/** The GB 11714 check character for an 8-character organization code body. */
export function orgCodeCheckChar(body8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(body8)) throw new Error(`organization code body must be 8 characters: ${body8}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgCodeValue(body8[i]) * ORG_CODE_WEIGHTS[i];
  const check = 11 - (sum % 11);
  if (check === 10) return 'X';
  if (check === 11) return '0';
  return String(check);
}

/**
 * Validates a unified social credit code. Spaces and hyphens are removed and letters
 * upper-cased first; the normalized code is returned.
 */
export function validateUscc(code: string, options: UsccOptions = {}): UsccResult {
  const normalized = normalizeUscc(code);
  if (normalized.length !== 18) return { ok: false, message: '统一社会信用代码应为18位' };
  if (!USCC_PATTERN.test(normalized)) return { ok: false, message: '统一社会信用代码含有非法字符' };
  if (!DIVISION_PART.test(normalized.slice(2, 8))) {
    return { ok: false, message: '统一社会信用代码第3至8位应为行政区划代码' };
  }
  if (options.orgCodeCheck !== false && orgCodeCheckChar(normalized.slice(8, 16)) !== normalized[16]) {
    return { ok: false, message: '统一社会信用代码中的组织机构代码校验位错误' };
  }
  if (usccCheckChar(normalized.slice(0, 17)) !== normalized[17]) {
    return { ok: false, message: '统一社会信用代码校验位错误' };
  }
  return { ok: true, normalized };
}

export function isUscc(code: string, options?: UsccOptions): boolean {
  return validateUscc(code, options).ok;
}

/**
 * Builds a valid code (for demo data and tests).
 * - 17 characters: appends the GB 32100 check character.
 * - 16 characters: first appends the GB 11714 check character (position 17), then the
 *   GB 32100 one, so the result also passes the organization-code check.
 */
export function makeUscc(prefix: string): string {
  const p = prefix.toUpperCase();
  if (p.length === 16) {
    const p17 = p + orgCodeCheckChar(p.slice(8, 16));
    return p17 + usccCheckChar(p17);
  }
  return p + usccCheckChar(p);
}
