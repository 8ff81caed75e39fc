/** Filing certificate numbers (备案证书编号): `备<street code>-<year>-<sequence>`, e.g. `备440305001-2026-0007`. */

export interface FilingNumberParts {
  /** 9-digit street (town) code */
  streetCode: string;
  year: number;
  /** per street and year, from 1; at least 4 digits when formatted */
  seq: number;
}

const FILING_NUMBER = /^备(\d{9})-(\d{4})-(\d{4,})$/;

export function formatFilingNumber({ streetCode, year, seq }: FilingNumberParts): string {
  if (!/^\d{9}$/.test(streetCode)) throw new Error(`street code must be 9 digits: ${streetCode}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`invalid year: ${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new Error(`invalid sequence: ${seq}`);
  return `备${streetCode}-${year}-${String(seq).padStart(4, '0')}`;
}

/** Parts of a filing number, or null when `s` is not one. Surrounding spaces are ignored. */
export function parseFilingNumber(s: string): FilingNumberParts | null {
  const m = FILING_NUMBER.exec(s.trim());
  if (!m) return null;
  const seq = Number(m[3]);
  if (seq < 1) return null;
  return { streetCode: m[1], year: Number(m[2]), seq };
}
