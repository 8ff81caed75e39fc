import { describe, expect, it } from 'vitest';
import {
  type ActivityWindow,
  activityMinutes,
  backfilledMinutes,
  checkedMinutes,
  displayHours,
  formatHours,
  hoursToMinutes,
} from './serviceHours';

const t = (hhmm: string, day = '2025-06-07') => new Date(`${day}T${hhmm}+08:00`);
const window: ActivityWindow = { start: t('09:00'), end: t('12:00') };

describe('checkedMinutes', () => {
  it('counts the checked time inside the window', () => {
    expect(checkedMinutes({ checkIn: t('09:10'), checkOut: t('11:40') }, window)).toEqual({
      ok: true,
      minutes: 150,
      source: 'checked',
      clipped: false,
      capped: false,
      outsideWindow: false,
    });
  });

  it('clips an early check-in and a late check-out to the window', () => {
    expect(checkedMinutes({ checkIn: t('08:30'), checkOut: t('12:45') }, window)).toMatchObject({
      ok: true,
      minutes: 180,
      clipped: true,
      capped: false,
    });
    expect(checkedMinutes({ checkIn: t('08:00'), checkOut: t('10:00') }, window)).toMatchObject({
      minutes: 60,
      clipped: true,
    });
  });

  it('caps by a service length shorter than the window', () => {
    const shift: ActivityWindow = { ...window, serviceMinutes: 120 };
    expect(checkedMinutes({ checkIn: t('09:00'), checkOut: t('12:00') }, shift)).toMatchObject({
      minutes: 120,
      capped: true,
      clipped: false,
    });
    expect(checkedMinutes({ checkIn: t('09:00'), checkOut: t('10:30') }, shift)).toMatchObject({
      minutes: 90,
      capped: false,
    });
  });

  it('counts only whole minutes', () => {
    const r = checkedMinutes(
      { checkIn: new Date('2025-06-07T09:00:59+08:00'), checkOut: new Date('2025-06-07T09:02:58+08:00') },
      window,
    );
    expect(r).toMatchObject({ ok: true, minutes: 1 });
  });

  it('gives zero for a span entirely outside the window, and says so', () => {
    expect(checkedMinutes({ checkIn: t('07:00'), checkOut: t('08:00') }, window)).toMatchObject({
      ok: true,
      minutes: 0,
      outsideWindow: true,
      clipped: true,
    });
    expect(checkedMinutes({ checkIn: t('13:00'), checkOut: t('14:00') }, window)).toMatchObject({
      minutes: 0,
      outsideWindow: true,
    });
    expect(
      checkedMinutes({ checkIn: t('09:00', '2025-06-08'), checkOut: t('10:00', '2025-06-08') }, window),
    ).toMatchObject({
      minutes: 0,
      outsideWindow: true,
    });
  });

  it('gives zero, inside the window, for a check-out at the very moment of check-in', () => {
    expect(checkedMinutes({ checkIn: t('10:00'), checkOut: t('10:00') }, window)).toMatchObject({
      ok: true,
      minutes: 0,
      outsideWindow: false,
    });
    // touching the end of the window is not "outside"
    expect(checkedMinutes({ checkIn: t('12:00'), checkOut: t('12:30') }, window)).toMatchObject({
      minutes: 0,
      outsideWindow: false,
    });
  });

  it('rejects a check-out before the check-in', () => {
    expect(checkedMinutes({ checkIn: t('11:00'), checkOut: t('10:00') }, window)).toEqual({
      ok: false,
      code: 'checkout_before_checkin',
      message: '签退时间不能早于签到时间',
    });
  });

  it('explains missing or invalid times', () => {
    expect(checkedMinutes({ checkIn: null, checkOut: t('10:00') }, window)).toMatchObject({
      code: 'missing_checkin',
    });
    expect(checkedMinutes({ checkIn: t('10:00'), checkOut: undefined }, window)).toMatchObject({
      code: 'missing_checkout',
      message: '尚未签退，请签退或由组织方补录',
    });
    expect(checkedMinutes({ checkIn: new Date('x'), checkOut: t('10:00') }, window)).toMatchObject({
      code: 'invalid_time',
    });
  });

  it('rejects an unusable window', () => {
    expect(
      checkedMinutes({ checkIn: t('10:00'), checkOut: t('11:00') }, { start: t('12:00'), end: t('09:00') }),
    ).toMatchObject({ ok: false, code: 'invalid_window' });
    expect(
      checkedMinutes({ checkIn: t('10:00'), checkOut: t('11:00') }, { ...window, serviceMinutes: 0 }),
    ).toMatchObject({ code: 'invalid_window' });
  });

  it('handles an overnight activity', () => {
    const night: ActivityWindow = { start: t('22:00'), end: t('06:00', '2025-06-08') };
    expect(checkedMinutes({ checkIn: t('21:30'), checkOut: t('02:15', '2025-06-08') }, night)).toMatchObject({
      minutes: 255,
      clipped: true,
    });
  });
});

describe('backfilledMinutes', () => {
  it('marks backfilled minutes and caps them by the activity length', () => {
    expect(backfilledMinutes({ minutes: 120 }, window)).toEqual({
      ok: true,
      minutes: 120,
      source: 'backfilled',
      clipped: false,
      capped: false,
      outsideWindow: false,
    });
    expect(backfilledMinutes({ minutes: 600 }, window)).toMatchObject({
      minutes: 180,
      capped: true,
      source: 'backfilled',
    });
    expect(backfilledMinutes({ minutes: 600 }, { ...window, serviceMinutes: 90 })).toMatchObject({
      minutes: 90,
      capped: true,
    });
    expect(backfilledMinutes({ minutes: 0 }, window)).toMatchObject({ ok: true, minutes: 0 });
  });

  it('backfills a forgotten check-out as a span clipped to the window', () => {
    expect(backfilledMinutes({ from: t('09:15'), to: t('13:00') }, window)).toMatchObject({
      ok: true,
      minutes: 165,
      source: 'backfilled',
      clipped: true,
    });
  });

  it('rejects bad backfills', () => {
    expect(backfilledMinutes({ minutes: -5 }, window)).toMatchObject({ ok: false, code: 'invalid_minutes' });
    expect(backfilledMinutes({ minutes: 1.5 }, window)).toMatchObject({ ok: false, code: 'invalid_minutes' });
    expect(backfilledMinutes({ from: t('11:00'), to: t('10:00') }, window)).toMatchObject({
      code: 'checkout_before_checkin',
    });
    expect(backfilledMinutes({ from: new Date(Number.NaN), to: t('10:00') }, window)).toMatchObject({
      code: 'invalid_time',
    });
    expect(backfilledMinutes({ minutes: 10 }, { start: t('10:00'), end: t('10:00') })).toMatchObject({
      code: 'invalid_window',
    });
  });
});

describe('activityMinutes', () => {
  it('is the window length or the shorter service length', () => {
    expect(activityMinutes(window)).toBe(180);
    expect(activityMinutes({ ...window, serviceMinutes: 200 })).toBe(180);
    expect(activityMinutes({ ...window, serviceMinutes: 45 })).toBe(45);
  });
});

describe('displayHours and formatHours', () => {
  it('floors to half hours by default', () => {
    expect(displayHours(0)).toBe(0);
    expect(displayHours(29)).toBe(0);
    expect(displayHours(30)).toBe(0.5);
    expect(displayHours(89)).toBe(1);
    expect(displayHours(150)).toBe(2.5);
    expect(formatHours(150)).toBe('2.5小时');
  });

  it('rounds to the nearest step when asked (half up)', () => {
    expect(displayHours(14, 0.5, 'nearest')).toBe(0);
    expect(displayHours(15, 0.5, 'nearest')).toBe(0.5);
    expect(displayHours(44, 0.5, 'nearest')).toBe(0.5);
    expect(displayHours(45, 0.5, 'nearest')).toBe(1);
    expect(displayHours(3, 0.1, 'nearest')).toBe(0.1);
    expect(displayHours(2, 0.1, 'nearest')).toBe(0);
  });

  it('shows tenths without floating noise', () => {
    expect(displayHours(138, 0.1)).toBe(2.3);
    expect(formatHours(138, 0.1)).toBe('2.3小时');
    expect(formatHours(6 * 7, 0.1)).toBe('0.7小时');
    expect(formatHours(6 * 3, 0.1)).toBe('0.3小时');
    expect(formatHours(60 * 1000 + 18, 0.1)).toBe('1000.3小时');
  });

  it('rejects non-integer or negative minutes', () => {
    expect(() => displayHours(1.5)).toThrow();
    expect(() => displayHours(-1)).toThrow();
  });

  it('converts hours to minutes', () => {
    expect(hoursToMinutes(2.5)).toBe(150);
    expect(hoursToMinutes(0.1 + 0.2)).toBe(18);
    expect(() => hoursToMinutes(-1)).toThrow();
  });
});
