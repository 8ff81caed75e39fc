/** Business dates are computed in China Standard Time (Asia/Shanghai). */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

const dateFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date (YYYY-MM-DD) of `now` in Asia/Shanghai. */
export function todayInShanghai(now: Date): string {
  const parts = dateFormatter.formatToParts(now);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The calendar year of `now` in Asia/Shanghai. */
export function yearInShanghai(now: Date): number {
  return Number(todayInShanghai(now).slice(0, 4));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** True when year/month/day (month 1–12) name a real Gregorian date. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Adds `days` (may be negative) to a YYYY-MM-DD date; pure calendar arithmetic, no time zone. */
export function addDays(date: string, days: number): string {
  if (!isIsoDate(date)) throw new Error(`invalid date: ${date}`);
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Adds calendar months to a YYYY-MM-DD date; a day past the end of the target month falls on
 * its last day (2024-08-31 + 6 months = 2025-02-28). "Six months after entry" and "two full
 * years" in the supervision rules are computed with this.
 */
export function addMonths(date: string, months: number): string {
  if (!isIsoDate(date)) throw new Error(`invalid date: ${date}`);
  if (!Number.isInteger(months)) throw new Error(`months must be an integer: ${months}`);
  const total = Number(date.slice(0, 4)) * 12 + (Number(date.slice(5, 7)) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds calendar years (29 February falls on 28 February in a common year). */
export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  if (!isIsoDate(from) || !isIsoDate(to)) throw new Error(`invalid date: ${from} / ${to}`);
  const t = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
  return Math.round((t(to) - t(from)) / 86_400_000);
}
