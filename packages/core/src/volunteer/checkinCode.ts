import type { CheckinKind } from './labels';

/**
 * Rotating check-in codes. The organizer's screen shows a QR token and a 6-digit code that
 * change every `periodSeconds`; steps are counted from `windowStart` (the activity's check-in
 * window), so a code only exists for one activity, one direction (in/out) and one step.
 *
 * The signature is the caller's HMAC (e.g. HMAC-SHA256 with a server secret), passed in as a
 * function so this module stays free of I/O and platform crypto. For `sixDigitCode` the HMAC
 * must return a hex digest of at least 20 bytes (SHA-1 or longer).
 *
 * Replay prevention is the server's job: a verified token returns a `nonce`; the server keeps
 * (volunteer, nonce) unique, so one token checks a volunteer in once.
 */

export type Hmac = (message: string) => string;

export interface CheckinClaim {
  activityId: string;
  kind: CheckinKind;
  /** Origin of the step count (the activity's check-in window start). */
  windowStart: Date;
}

const TOKEN_CONTEXT = 'linli.checkin.v1';
const CODE_CONTEXT = 'linli.checkin-code.v1';

// ---- base64url over UTF-8, without platform APIs ----

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function utf8(s: string): number[] {
  const bytes: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return bytes;
}

function fromUtf8(bytes: number[]): string {
  // decodeURIComponent rejects malformed UTF-8, which is what we want.
  return decodeURIComponent(bytes.map((b) => `%${b.toString(16).padStart(2, '0')}`).join(''));
}

export function base64urlEncode(s: string): string {
  const b = utf8(s);
  let out = '';
  for (let i = 0; i < b.length; i += 3) {
    const n = (b[i] << 16) | ((b[i + 1] ?? 0) << 8) | (b[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    if (i + 1 < b.length) out += ALPHABET[(n >> 6) & 63];
    if (i + 2 < b.length) out += ALPHABET[n & 63];
  }
  return out;
}

/** Decodes base64url (no padding) to a string; throws on bad input. */
export function base64urlDecode(s: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) throw new Error('invalid base64url');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const ch of s) {
    buffer = (buffer << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return fromUtf8(bytes);
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** The step of `now` counted from `windowStart`; negative before the window. */
export function checkinStep(now: Date, windowStart: Date, periodSeconds: number): number {
  if (!Number.isInteger(periodSeconds) || periodSeconds <= 0)
    throw new Error(`invalid period: ${periodSeconds}`);
  return Math.floor((now.getTime() - windowStart.getTime()) / (periodSeconds * 1000));
}

interface Payload {
  v: 1;
  a: string;
  k: CheckinKind;
  w: number;
  s: number;
  p: number;
}

/** A signed token for the QR code: base64url(JSON) + '.' + signature. */
export function makeCheckinToken(claim: CheckinClaim, hmac: Hmac, now: Date, periodSeconds: number): string {
  if (!claim.activityId) throw new Error('activityId must not be empty');
  if (claim.kind !== 'in' && claim.kind !== 'out') throw new Error(`invalid kind: ${claim.kind}`);
  const payload: Payload = {
    v: 1,
    a: claim.activityId,
    k: claim.kind,
    w: claim.windowStart.getTime(),
    s: checkinStep(now, claim.windowStart, periodSeconds),
    p: periodSeconds,
  };
  const body = base64urlEncode(JSON.stringify(payload));
  return `${body}.${hmac(`${TOKEN_CONTEXT}.${body}`)}`;
}

export type CheckinTokenStatus =
  | 'ok'
  | 'malformed'
  | 'bad_signature'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_activity'
  | 'wrong_kind';

export const checkinTokenMessages: Readonly<Record<Exclude<CheckinTokenStatus, 'ok'>, string>> = {
  malformed: '二维码无法识别，请重新扫描',
  bad_signature: '二维码无效，请扫描组织方现场出示的二维码',
  expired: '二维码已过期，请扫描最新的二维码',
  not_yet_valid: '二维码尚未生效，请核对手机时间后重试',
  wrong_activity: '该二维码不属于本活动',
  wrong_kind: '请扫描对应的签到或签退二维码',
};

export type CheckinTokenResult =
  | { status: 'ok'; activityId: string; kind: CheckinKind; step: number; nonce: string }
  | { status: Exclude<CheckinTokenStatus, 'ok'>; message: string };

export interface VerifyOptions {
  periodSeconds: number;
  /** How many earlier steps still count (a code shown just before it rotated). */
  graceSteps: number;
  /** The activity the volunteer is checking in to; omit to accept any activity. */
  activityId?: string;
  kind?: CheckinKind;
}

function failure(status: Exclude<CheckinTokenStatus, 'ok'>): CheckinTokenResult {
  return { status, message: checkinTokenMessages[status] };
}

function parsePayload(body: string): Payload | null {
  try {
    const p = JSON.parse(base64urlDecode(body)) as Partial<Payload>;
    if (
      p.v !== 1 ||
      typeof p.a !== 'string' ||
      p.a === '' ||
      (p.k !== 'in' && p.k !== 'out') ||
      !Number.isSafeInteger(p.w) ||
      !Number.isSafeInteger(p.s) ||
      !Number.isSafeInteger(p.p) ||
      (p.p as number) <= 0
    ) {
      return null;
    }
    return p as Payload;
  } catch {
    return null;
  }
}

/** Checks a scanned token: signature first, then activity, direction and freshness. */
export function verifyCheckinToken(
  token: string,
  hmac: Hmac,
  now: Date,
  options: VerifyOptions,
): CheckinTokenResult {
  if (typeof token !== 'string' || token.length > 2048) return failure('malformed');
  const dot = token.indexOf('.');
  if (dot <= 0 || dot === token.length - 1) return failure('malformed');
  const body = token.slice(0, dot);
  const signature = token.slice(dot + 1);
  if (!/^[A-Za-z0-9_-]+$/.test(body)) return failure('malformed');
  if (!constantTimeEqual(signature, hmac(`${TOKEN_CONTEXT}.${body}`))) return failure('bad_signature');
  const p = parsePayload(body);
  if (!p) return failure('malformed');
  if (options.activityId !== undefined && p.a !== options.activityId) return failure('wrong_activity');
  if (options.kind !== undefined && p.k !== options.kind) return failure('wrong_kind');
  if (p.p !== options.periodSeconds) return failure('expired');
  const current = checkinStep(now, new Date(p.w), options.periodSeconds);
  if (p.s > current) return failure('not_yet_valid');
  if (p.s < current - Math.max(0, options.graceSteps)) return failure('expired');
  return { status: 'ok', activityId: p.a, kind: p.k, step: p.s, nonce: `${p.a}:${p.k}:${p.s}` };
}

/**
 * RFC 4226 dynamic truncation of a hex HMAC digest to `digits` decimal digits: the low nibble
 * of the last byte picks 4 bytes, whose top bit is dropped.
 */
export function dynamicTruncate(hexDigest: string, digits = 6): string {
  if (!/^(?:[0-9a-fA-F]{2}){20,}$/.test(hexDigest))
    throw new Error('HMAC digest must be hex of at least 20 bytes');
  const byte = (i: number) => Number.parseInt(hexDigest.slice(2 * i, 2 * i + 2), 16);
  const offset = byte(hexDigest.length / 2 - 1) & 0x0f;
  const bin =
    ((byte(offset) & 0x7f) << 24) | (byte(offset + 1) << 16) | (byte(offset + 2) << 8) | byte(offset + 3);
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/** The 6-digit code for typing in when a scan fails (TOTP-like, bound to activity, kind and step). */
export function sixDigitCode(secretHmac: Hmac, activityId: string, kind: CheckinKind, step: number): string {
  if (!Number.isSafeInteger(step)) throw new Error(`invalid step: ${step}`);
  return dynamicTruncate(secretHmac(`${CODE_CONTEXT}.${JSON.stringify([activityId, kind, step])}`));
}

export type SixDigitResult =
  | { status: 'ok'; step: number; nonce: string }
  | { status: 'malformed' | 'expired'; message: string };

/**
 * Checks a typed code for the current step or up to `graceSteps` earlier ones. A wrong code and
 * an old code look the same to the volunteer, so both report 'expired' unless malformed.
 */
export function verifySixDigitCode(
  code: string,
  secretHmac: Hmac,
  claim: CheckinClaim,
  now: Date,
  options: { periodSeconds: number; graceSteps: number },
): SixDigitResult {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return { status: 'malformed', message: '请输入6位数字签到码' };
  const current = checkinStep(now, claim.windowStart, options.periodSeconds);
  for (let s = current; s >= current - Math.max(0, options.graceSteps); s--) {
    if (constantTimeEqual(typed, sixDigitCode(secretHmac, claim.activityId, claim.kind, s))) {
      return { status: 'ok', step: s, nonce: `${claim.activityId}:${claim.kind}:${s}` };
    }
  }
  return { status: 'expired', message: '签到码错误或已过期，请输入现场显示的最新签到码' };
}
