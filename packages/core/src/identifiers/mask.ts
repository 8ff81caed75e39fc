import { validatePhone } from './phone';

/**
 * Display masks for personal information (PIPL): `110105********002X`, `138****5678`,
 * `0755-****5678`, `张**`.
 */

/** Keeps the first 6 and last 4 characters: `110105********002X`. */
export function maskIdNumber(id: string): string {
  const s = id.trim().toUpperCase();
  if (s.length <= 10) return '*'.repeat(s.length);
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}

/**
 * Mobiles keep the first 3 and last 4 digits (`138****5678`); landlines keep the area
 * code and the last 4 digits (`0755-****5678`). Anything else keeps only its last 4.
 */
export function maskPhone(phone: string): string {
  const r = validatePhone(phone);
  if (r.ok && r.kind === 'mobile') return `${r.normalized.slice(0, 3)}****${r.normalized.slice(-4)}`;
  if (r.ok) {
    const [area, local] = r.normalized.split('-');
    return `${area}-${'*'.repeat(local.length - 4)}${local.slice(-4)}`;
  }
  const s = phone.trim();
  if (s.length <= 4) return '*'.repeat(s.length);
  return `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
}

/** Keeps the first character: `张三丰` → `张**`, `张三` → `张*`. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}
