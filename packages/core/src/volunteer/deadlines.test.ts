import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  isWorkingDay,
  recordDeadline,
  recordDeadlineStatus,
  type WorkCalendar,
  workingDaysBetween,
} from './deadlines';

/** 2025 from the State Council's holiday notice (国办发明电〔2024〕12号). */
const cal2025: WorkCalendar = {
  holidays: [
    '2025-01-01',
    '2025-01-28',
    '2025-01-29',
    '2025-01-30',
    '2025-01-31',
    '2025-02-01',
    '2025-02-02',
    '2025-02-03',
    '2025-02-04',
    '2025-04-04',
    '2025-04-05',
    '2025-04-06',
    '2025-05-01',
    '2025-05-02',
    '2025-05-03',
    '2025-05-04',
    '2025-05-05',
    '2025-05-31',
    '2025-06-01',
    '2025-06-02',
    '2025-10-01',
    '2025-10-02',
    '2025-10-03',
    '2025-10-04',
    '2025-10-05',
    '2025-10-06',
    '2025-10-07',
    '2025-10-08',
  ],
  makeupWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
};

describe('isWorkingDay', () => {
  it('treats Saturday and Sunday as days off by default', () => {
    expect(isWorkingDay('2025-06-06')).toBe(true); // Friday
    expect(isWorkingDay('2025-06-07')).toBe(false); // Saturday
    expect(isWorkingDay('2025-06-08')).toBe(false); // Sunday
    expect(isWorkingDay('2025-06-09')).toBe(true); // Monday
  });

  it('honours holidays and make-up working days (调休)', () => {
    expect(isWorkingDay('2025-10-08', cal2025)).toBe(false); // Wednesday, holiday
    expect(isWorkingDay('2025-10-11', cal2025)).toBe(true); // Saturday, make-up day
    expect(isWorkingDay('2025-09-28', cal2025)).toBe(true); // Sunday, make-up day
  });

  it('rejects bad dates', () => {
    expect(() => isWorkingDay('2025-02-29')).toThrow();
  });
});

describe('addWorkingDays', () => {
  it('counts working days after the date, never the date itself', () => {
    expect(addWorkingDays('2025-06-06', 0)).toBe('2025-06-06');
    expect(addWorkingDays('2025-06-06', 1)).toBe('2025-06-09'); // Fri → Mon
    expect(addWorkingDays('2025-06-07', 1)).toBe('2025-06-09'); // Sat → Mon
    expect(addWorkingDays('2025-06-09', 10)).toBe('2025-06-23');
  });

  it('skips the National Day week and counts the make-up Saturday', () => {
    // Sept 30 (Tue) + 1 working day: Oct 1–8 off, Oct 9 Thu
    expect(addWorkingDays('2025-09-30', 1, cal2025)).toBe('2025-10-09');
    // Oct 9 Thu, Oct 10 Fri, Oct 11 Sat (make-up), Oct 13 Mon …
    expect(addWorkingDays('2025-09-30', 3, cal2025)).toBe('2025-10-11');
    expect(addWorkingDays('2025-09-30', 10, cal2025)).toBe('2025-10-21');
  });

  it('crosses year ends', () => {
    expect(addWorkingDays('2024-12-27', 3, cal2025)).toBe('2025-01-02'); // Dec 30, 31, (Jan 1 off) Jan 2
  });

  it('rejects bad input', () => {
    expect(() => addWorkingDays('2025-06-06', -1)).toThrow();
    expect(() => addWorkingDays('2025-06-06', 1.5)).toThrow();
    expect(() => addWorkingDays('20250606', 1)).toThrow();
    expect(() => addWorkingDays('2025-06-06', 1, { holidays: ['2025-13-01'], makeupWorkdays: [] })).toThrow();
  });
});

describe('workingDaysBetween', () => {
  it('counts working days in (from, to]', () => {
    expect(workingDaysBetween('2025-06-06', '2025-06-06')).toBe(0);
    expect(workingDaysBetween('2025-06-06', '2025-06-09')).toBe(1);
    expect(workingDaysBetween('2025-06-09', '2025-06-23')).toBe(10);
    expect(workingDaysBetween('2025-06-23', '2025-06-09')).toBe(0);
  });
});

describe('recordDeadline', () => {
  it('is 10 working days after the activity ends, in Shanghai dates', () => {
    // Saturday 7 June, 10:00 Shanghai
    expect(recordDeadline(new Date('2025-06-07T10:00:00+08:00'), cal2025)).toBe('2025-06-20');
    // 23:30 UTC on Friday 6 June is already Saturday 7 June in Shanghai
    expect(recordDeadline(new Date('2025-06-06T23:30:00Z'), cal2025)).toBe('2025-06-20');
    // ends before the Dragon Boat holiday (31 May–2 June)
    expect(recordDeadline(new Date('2025-05-30T18:00:00+08:00'), cal2025)).toBe('2025-06-16');
  });

  it('rejects an invalid date', () => {
    expect(() => recordDeadline(new Date('x'))).toThrow();
  });
});

describe('recordDeadlineStatus', () => {
  const end = new Date('2025-06-07T10:00:00+08:00');
  it('reminds with working days left', () => {
    expect(recordDeadlineStatus(end, new Date('2025-06-09T09:00:00+08:00'), cal2025)).toEqual({
      deadline: '2025-06-20',
      workingDaysLeft: 9,
      overdue: false,
      message: '请于2025-06-20前完成服务记录，还剩9个工作日',
    });
  });

  it('flags the last day and overdue records', () => {
    expect(recordDeadlineStatus(end, new Date('2025-06-20T17:00:00+08:00'), cal2025)).toMatchObject({
      workingDaysLeft: 0,
      overdue: false,
      message: '今天是服务记录完成的最后期限（2025-06-20）',
    });
    expect(recordDeadlineStatus(end, new Date('2025-06-21T08:00:00+08:00'), cal2025)).toMatchObject({
      overdue: true,
      message: '服务记录应于2025-06-20前完成，已逾期，请尽快补录',
    });
  });
});
