import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The CJK font used in generated PDFs. It comes from an npm package so that a machine
 * without system fonts still renders Chinese:
 * `@openfonts/noto-sans-sc_chinese-simplified` ships Noto Sans SC (SIL OFL 1.1, package MIT)
 * cut to Google Fonts' "chinese-simplified" subset (7,333 common hanzi, Latin, digits and
 * CJK punctuation) as single, complete WOFF files. pdfkit (fontkit) reads WOFF and embeds
 * only the glyphs a document uses, so a certificate stays a few dozen kilobytes.
 */
const FONT_PACKAGE = '@openfonts/noto-sans-sc_chinese-simplified';

const require = createRequire(import.meta.url);
const cache = new Map<string, string>();

function resolveFont(weight: 400 | 700): string {
  const key = String(weight);
  const hit = cache.get(key);
  if (hit) return hit;
  const file = `${FONT_PACKAGE}/files/noto-sans-sc-chinese-simplified-${weight}.woff`;
  let path: string;
  try {
    path = require.resolve(file);
  } catch {
    throw new Error(
      `CJK font not found: install ${FONT_PACKAGE} (npm install -w apps/server ${FONT_PACKAGE})`,
    );
  }
  if (!existsSync(path)) throw new Error(`CJK font file missing: ${path}`);
  cache.set(key, path);
  return path;
}

/** Absolute path of the regular-weight Simplified Chinese font (Noto Sans SC Regular, WOFF). */
export function cjkFontPath(): string {
  return resolveFont(400);
}

/** Absolute path of the bold Simplified Chinese font (Noto Sans SC Bold, WOFF). */
export function cjkBoldFontPath(): string {
  return resolveFont(700);
}

const bytes = new Map<string, Buffer>();
/** The font file's bytes, read once per process (pdfkit registers fonts from buffers). */
export function fontBytes(path: string): Buffer {
  let buf = bytes.get(path);
  if (!buf) {
    buf = readFileSync(path);
    bytes.set(path, buf);
  }
  return buf;
}
