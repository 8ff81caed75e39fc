import type { HourSource } from './labels';

/**
 * Service time from check-in and check-out. Hours are time actually serving (志愿服务条例):
 * only the part of the checked span that falls inside the activity window counts, and never
 * more than the activity's service length. Durations are whole minutes (integers) throughout;
 * only display converts them to hours. A partial minute is not counted.
 *
 * Backfills (a forgotten check-out, a paper sign-in sheet) are capped the same way and always
 * marked `source: 'backfilled'`, so they stay apart from scanned hours.
 */

export interface ActivityWindow {
  start: Date;
  end: Date;
  /**
   * Service length in minutes when shorter than the window (e.g. a 3-hour shift somewhere
   * in a day-long window). Defaults to the window's length.
   */
  serviceMinutes?: number;
}

export type HoursErrorCode =
  | 'invalid_window'
  | 'invalid_time'
  | 'missing_checkin'
  | 'missing_checkout'
  | 'checkout_before_checkin'
  | 'invalid_minutes';

export type ServiceMinutesResult =
  | {
      ok: true;
      minutes: number;
      source: HourSource;
      /** Part of the span fell outside the activity window and was cut off. */
      clipped: boolean;
      /** The result was reduced to the activity's service length. */
      capped: boolean;
      /** The span did not touch the activity window at all (minutes is 0). */
      outsideWindow: boolean;
    }
  | { ok: false; code: HoursErrorCode; message: string };

const MINUTE = 60_000;

function isValidDate(d: unknown): d is Date {
  return d instanceof Date && !Number.isNaN(d.getTime());
}

function fail(code: HoursErrorCode, message: string): ServiceMinutesResult {
  return { ok: false, code, message };
}

/** The activity's service length in whole minutes, or an error result when the window is unusable. */
export function activityMinutes(window: ActivityWindow): number | { code: HoursErrorCode; message: string } {
  if (
    !isValidDate(window.start) ||
    !isValidDate(window.end) ||
    window.end.getTime() <= window.start.getTime()
  ) {
    return { code: 'invalid_window', message: '活动时间无效，结束时间应晚于开始时间' };
  }
  const span = Math.floor((window.end.getTime() - window.start.getTime()) / MINUTE);
  if (window.serviceMinutes === undefined) return span;
  if (!Number.isInteger(window.serviceMinutes) || window.serviceMinutes <= 0) {
    return { code: 'invalid_window', message: '活动服务时长应为正整数分钟' };
  }
  return Math.min(span, window.serviceMinutes);
}

function spanMinutes(from: Date, to: Date, window: ActivityWindow, source: HourSource): ServiceMinutesResult {
  const length = activityMinutes(window);
  if (typeof length !== 'number') return fail(length.code, length.message);
  const start = window.start.getTime();
  const end = window.end.getTime();
  const a = from.getTime();
  const b = to.getTime();
  const lo = Math.max(a, start);
  const hi = Math.min(b, end);
  const clipped = a < start || b > end;
  if (hi <= lo) {
    const touches = b >= start && a <= end;
    return { ok: true, minutes: 0, source, clipped, capped: false, outsideWindow: !touches };
  }
  const raw = Math.floor((hi - lo) / MINUTE);
  return {
    ok: true,
    minutes: Math.min(raw, length),
    source,
    clipped,
    capped: raw > length,
    outsideWindow: false,
  };
}

/** Minutes served from a scanned check-in and check-out. */
export function checkedMinutes(
  times: { checkIn: Date | null | undefined; checkOut: Date | null | undefined },
  window: ActivityWindow,
): ServiceMinutesResult {
  const { checkIn, checkOut } = times;
  if (checkIn == null) return fail('missing_checkin', '没有签到记录，无法计算服务时长');
  if (checkOut == null) return fail('missing_checkout', '尚未签退，请签退或由组织方补录');
  if (!isValidDate(checkIn) || !isValidDate(checkOut)) return fail('invalid_time', '签到或签退时间无效');
  if (checkOut.getTime() < checkIn.getTime())
    return fail('checkout_before_checkin', '签退时间不能早于签到时间');
  return spanMinutes(checkIn, checkOut, window, 'checked');
}

/** What an organizer backfills: either a span (clipped like a scan) or a number of minutes. */
export type Backfill = { from: Date; to: Date } | { minutes: number };

/**
 * Minutes from an organizer's backfill, capped by the activity length and always marked
 * as backfilled. Approval by a second person is the workflow's job, not this function's.
 */
export function backfilledMinutes(backfill: Backfill, window: ActivityWindow): ServiceMinutesResult {
  if ('minutes' in backfill) {
    const length = activityMinutes(window);
    if (typeof length !== 'number') return fail(length.code, length.message);
    if (!Number.isInteger(backfill.minutes) || backfill.minutes < 0) {
      return fail('invalid_minutes', '补录时长应为不小于0的整数分钟');
    }
    const capped = backfill.minutes > length;
    return {
      ok: true,
      minutes: capped ? length : backfill.minutes,
      source: 'backfilled',
      clipped: false,
      capped,
      outsideWindow: false,
    };
  }
  if (!isValidDate(backfill.from) || !isValidDate(backfill.to))
    return fail('invalid_time', '补录的签到或签退时间无效');
  if (backfill.to.getTime() < backfill.from.getTime()) {
    return fail('checkout_before_checkin', '签退时间不能早于签到时间');
  }
  return spanMinutes(backfill.from, backfill.to, window, 'backfilled');
}

export type HoursStep = 0.5 | 0.1;
export type HoursRounding = 'floor' | 'nearest';

/**
 * Hours for display, in steps of 0.5 h or 0.1 h. 'floor' (default) never shows more than was
 * served; 'nearest' rounds half up. Computed on integers, so 0.1-steps print cleanly.
 */
export function displayHours(
  minutes: number,
  step: HoursStep = 0.5,
  rounding: HoursRounding = 'floor',
): number {
  if (!Number.isInteger(minutes) || minutes < 0)
    throw new Error(`minutes must be a non-negative integer: ${minutes}`);
  const unit = step === 0.5 ? 30 : 6;
  const perHour = 60 / unit;
  const units =
    rounding === 'floor' ? Math.floor(minutes / unit) : Math.floor((2 * minutes + unit) / (2 * unit));
  return units / perHour;
}

/** '2.5小时' (step 0.5) or '2.3小时' (step 0.1). */
export function formatHours(
  minutes: number,
  step: HoursStep = 0.5,
  rounding: HoursRounding = 'floor',
): string {
  return `${displayHours(minutes, step, rounding)}小时`;
}

/** Whole minutes for a number of hours (e.g. from a spreadsheet), rounded to the nearest minute. */
export function hoursToMinutes(hours: number): number {
  if (!Number.isFinite(hours) || hours < 0) throw new Error(`hours must be a non-negative number: ${hours}`);
  return Math.round(hours * 60);
}
