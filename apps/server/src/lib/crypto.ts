import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  scrypt,
  timingSafeEqual,
} from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: object,
) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, 32, SCRYPT);
  return `scrypt$${SCRYPT.N}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, saltB64, keyB64] = stored.split('$');
  if (alg !== 'scrypt' || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scryptAsync(password, Buffer.from(saltB64, 'base64'), expected.length, {
    ...SCRYPT,
    N: Number(n),
  });
  return timingSafeEqual(key, expected);
}

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Field encryption for personal data (AES-256-GCM) with an HMAC blind index. */
export type Pii = {
  encrypt(plain: string): string;
  decrypt(enc: string): string;
  blindIndex(plain: string): string;
  /** HMAC-SHA256 (hex) under a key derived from the secret for one purpose (e.g. check-in codes). */
  keyedHmac(purpose: string): (message: string) => string;
};

/** A purpose-bound HMAC key derived from the deployment secret (never the PII keys themselves). */
export function deriveHmacKey(secret: string, purpose: string): Buffer {
  return createHash('sha256').update(`hmac:${purpose}:${secret}`).digest();
}

export function createPii(secret: string): Pii {
  const encKey = createHash('sha256').update(`enc:${secret}`).digest();
  const macKey = createHash('sha256').update(`mac:${secret}`).digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return `v1.${iv.toString('base64url')}.${body.toString('base64url')}.${c.getAuthTag().toString('base64url')}`;
    },
    decrypt(enc) {
      const [v, iv, body, tag] = enc.split('.');
      if (v !== 'v1') throw new Error('unknown PII envelope');
      const d = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
    },
    blindIndex(plain) {
      return createHmac('sha256', macKey).update(plain.trim().toUpperCase()).digest('hex');
    },
    keyedHmac(purpose) {
      const key = deriveHmacKey(secret, purpose);
      return (message) => createHmac('sha256', key).update(message).digest('hex');
    },
  };
}

/** LINLI_SECRET, or one generated into the data directory on first start. */
export function resolveSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'secret.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const s = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, s, { mode: 0o600 });
  return s;
}
