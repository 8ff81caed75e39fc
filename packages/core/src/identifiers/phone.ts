/**
 * Mainland China phone numbers: mobiles (11 digits, 1[3-9]…) and landlines with an
 * area code (0 + 2–3 digits, e.g. 010, 021, 0755) and a 7–8 digit local number,
 * optionally followed by an extension.
 */

export type PhoneKind = 'mobile' | 'landline';

export type PhoneResult = { ok: true; normalized: string; kind: PhoneKind } | { ok: false; message: string };

const MOBILE = /^1[3-9]\d{9}$/;
/** Area code, local number (not starting with 0), optional extension. */
const LANDLINE = /^(0\d{2,3})-([1-9]\d{6,7})(?:-(\d{1,6}))?$/;

/** Removes spaces, brackets and a leading +86/0086/86 country code from a mobile number. */
function stripMobile(input: string): string {
  const s = input.replace(/[\s()（）-]/g, '');
  const m = /^(?:\+86|0086|86)(1\d{10})$/.exec(s);
  return m ? m[1] : s;
}

export function validateMobile(input: string): PhoneResult {
  const s = stripMobile(input);
  if (!MOBILE.test(s)) return { ok: false, message: '手机号码应为以1开头的11位数字' };
  return { ok: true, normalized: s, kind: 'mobile' };
}

/** Area codes with 3 digits (incl. the 0): 010 and 020–029; all others have 4. */
function areaCodeLength(digits: string): number {
  return /^0(10|2\d)/.test(digits) ? 3 : 4;
}

/**
 * Validates a landline and normalizes it to `area-number[-ext]`, e.g. `0755-12345678`.
 * Accepts `0755-12345678`, `0755 12345678`, `(0755)12345678` and `075512345678`.
 */
export function validateLandline(input: string): PhoneResult {
  let s = input
    .trim()
    .replace(/^[(（](0\d{2,3})[)）]\s*/, '$1-')
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-');
  if (/^0\d+$/.test(s)) {
    const n = areaCodeLength(s);
    s = `${s.slice(0, n)}-${s.slice(n)}`;
  }
  const m = LANDLINE.exec(s);
  if (!m) return { ok: false, message: '固定电话格式不正确，应为区号加号码，如 0755-12345678' };
  const normalized = m[3] ? `${m[1]}-${m[2]}-${m[3]}` : `${m[1]}-${m[2]}`;
  return { ok: true, normalized, kind: 'landline' };
}

/** Accepts a mobile or a landline with area code. */
export function validatePhone(input: string): PhoneResult {
  const mobile = validateMobile(input);
  if (mobile.ok) return mobile;
  const landline = validateLandline(input);
  if (landline.ok) return landline;
  return { ok: false, message: '电话号码格式不正确，请填写11位手机号或带区号的固定电话（如 0755-12345678）' };
}

export function isMobile(input: string): boolean {
  return validateMobile(input).ok;
}

export function isPhone(input: string): boolean {
  return validatePhone(input).ok;
}
