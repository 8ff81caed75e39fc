import { isRealDate, todayInShanghai } from '../time';

/**
 * Resident identity number (公民身份号码), GB 11643-1999:
 * 6-digit address code + birth date YYYYMMDD + 3-digit sequence (odd male, even female) + check.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';
/** Oldest birth year accepted; nobody born earlier holds a GB 11643 number. */
const MIN_BIRTH_YEAR = 1880;

export type Sex = 'male' | 'female';

export type IdNumberResult =
  | { ok: true; normalized: string; birthDate: string; sex: Sex }
  | { ok: false; message: string };

export interface IdNumberOptions {
  /** "Today" as YYYY-MM-DD for the not-in-the-future check; defaults to today in Asia/Shanghai. */
  today?: string;
}

/** The check character for the first 17 digits. */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`ID number body must be 17 digits: ${first17}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Appends the check character (for demo data and tests). */
export function makeIdNumber(first17: string): string {
  return first17 + idNumberCheckChar(first17);
}

/**
 * Validates an 18-character resident ID number. Surrounding spaces are trimmed and a
 * lower-case final `x` is accepted; `normalized` has it upper-cased.
 */
export function validateIdNumber(id: string, options: IdNumberOptions = {}): IdNumberResult {
  const normalized = id.trim().toUpperCase();
  if (normalized.length !== 18) return { ok: false, message: '身份证号码应为18位' };
  if (!/^\d{17}[\dX]$/.test(normalized)) {
    return { ok: false, message: '身份证号码格式不正确，前17位应为数字，最后一位为数字或X' };
  }
  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  if (year < MIN_BIRTH_YEAR || !isRealDate(year, month, day)) {
    return { ok: false, message: '身份证号码中的出生日期无效' };
  }
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  const today = options.today ?? todayInShanghai(new Date());
  if (birthDate > today) return { ok: false, message: '身份证号码中的出生日期不能晚于今天' };
  if (idNumberCheckChar(normalized.slice(0, 17)) !== normalized[17]) {
    return { ok: false, message: '身份证号码校验位错误，请核对' };
  }
  const sex: Sex = Number(normalized[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, normalized, birthDate, sex };
}

export function isIdNumber(id: string, options?: IdNumberOptions): boolean {
  return validateIdNumber(id, options).ok;
}

/**
 * Age in full years (周岁) on `onDate`; both dates are YYYY-MM-DD. Someone born on
 * 29 February turns a year older on 1 March in common years.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) < birthDate.slice(5) ? years - 1 : years;
}
