import { addDays, isIsoDate, todayInShanghai } from '../time';

/**
 * Working-day arithmetic for legal deadlines: service records are complete within 10 working
 * days after the activity ends (民政部令第67号). Weekends are Saturday and Sunday; a deployment
 * supplies the State Council's yearly holiday notice as `holidays` (days off on weekdays) and
 * `makeupWorkdays` (调休: weekend days that are working days). Dates are YYYY-MM-DD in
 * Asia/Shanghai.
 */

export interface WorkCalendar {
  holidays: readonly string[];
  makeupWorkdays: readonly string[];
}

export const emptyWorkCalendar: Readonly<WorkCalendar> = { holidays: [], makeupWorkdays: [] };

/** Working days after an activity ends within which its service records must be complete. */
export const RECORD_DEADLINE_WORKING_DAYS = 10;

function assertCalendar(calendar: WorkCalendar): void {
  for (const d of [...calendar.holidays, ...calendar.makeupWorkdays]) {
    if (!isIsoDate(d)) throw new Error(`invalid calendar date: ${d}`);
  }
}

/** Monday = 1 … Sunday = 7. */
function weekday(date: string): number {
  const d = new Date(
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))),
  );
  return d.getUTCDay() === 0 ? 7 : d.getUTCDay();
}

export function isWorkingDay(date: string, calendar: WorkCalendar = emptyWorkCalendar): boolean {
  if (!isIsoDate(date)) throw new Error(`invalid date: ${date}`);
  if (calendar.makeupWorkdays.includes(date)) return true;
  if (calendar.holidays.includes(date)) return false;
  return weekday(date) <= 5;
}

/**
 * The n-th working day after `date` (the date itself never counts; n = 0 returns `date`).
 */
export function addWorkingDays(date: string, n: number, calendar: WorkCalendar = emptyWorkCalendar): string {
  if (!isIsoDate(date)) throw new Error(`invalid date: ${date}`);
  if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a non-negative integer: ${n}`);
  assertCalendar(calendar);
  let d = date;
  let left = n;
  // A year of holidays is never longer than a few weeks; the guard only stops a broken calendar.
  for (let guard = 0; left > 0; guard++) {
    if (guard > 3660) throw new Error('calendar has no working days');
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}

/** Working days in (from, to]: 0 when `to` is not after `from`. */
export function workingDaysBetween(
  from: string,
  to: string,
  calendar: WorkCalendar = emptyWorkCalendar,
): number {
  if (!isIsoDate(from) || !isIsoDate(to)) throw new Error(`invalid date: ${from} / ${to}`);
  let count = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, calendar)) count++;
  return count;
}

/** Last day (inclusive) for completing the service records of an activity that ended at `activityEnd`. */
export function recordDeadline(activityEnd: Date, calendar: WorkCalendar = emptyWorkCalendar): string {
  if (!(activityEnd instanceof Date) || Number.isNaN(activityEnd.getTime()))
    throw new Error('invalid activity end');
  return addWorkingDays(todayInShanghai(activityEnd), RECORD_DEADLINE_WORKING_DAYS, calendar);
}

export interface DeadlineStatus {
  deadline: string;
  /** Working days left after today up to the deadline; 0 on the deadline day and after. */
  workingDaysLeft: number;
  overdue: boolean;
  /** Reminder for the organizer, in Chinese. */
  message: string;
}

/** Where an activity stands against its record deadline on `now` (for reminding the organizer). */
export function recordDeadlineStatus(
  activityEnd: Date,
  now: Date,
  calendar: WorkCalendar = emptyWorkCalendar,
): DeadlineStatus {
  const deadline = recordDeadline(activityEnd, calendar);
  const today = todayInShanghai(now);
  if (today > deadline) {
    return {
      deadline,
      workingDaysLeft: 0,
      overdue: true,
      message: `服务记录应于${deadline}前完成，已逾期，请尽快补录`,
    };
  }
  const left = workingDaysBetween(today, deadline, calendar);
  const message =
    left === 0
      ? `今天是服务记录完成的最后期限（${deadline}）`
      : `请于${deadline}前完成服务记录，还剩${left}个工作日`;
  return { deadline, workingDaysLeft: left, overdue: false, message };
}
