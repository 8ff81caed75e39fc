import {
  type CreditConfig,
  defaultCreditConfig,
  defaultEarnRule,
  defaultStarConfig,
  type EarnRule,
  type ExpiryRule,
  emptyWorkCalendar,
  type StarConfig,
  type WorkCalendar,
} from '@linli/core';
import type { Database } from '../../db/client';

/** How rotating check-in codes behave (seconds and minutes). */
export type CheckinSettings = {
  /** a QR token / 6-digit code lives this long */
  periodSeconds: number;
  /** how many earlier steps still count (a code read just before it rotated) */
  graceSteps: number;
  /** check-in opens this many minutes before the activity starts */
  openBeforeMinutes: number;
  /** check-out stays open this many minutes after the activity ends */
  closeAfterMinutes: number;
};

/** Volunteer-service configuration of a deployment (settings key `volunteer`), merged over defaults. */
export type VolunteerConfig = {
  stars: StarConfig;
  earn: EarnRule;
  expiry: ExpiryRule;
  credit: CreditConfig;
  checkin: CheckinSettings;
  /** State Council holiday notice: days off on weekdays and make-up working weekends */
  calendar: WorkCalendar;
};

export const defaultVolunteerConfig: VolunteerConfig = {
  stars: defaultStarConfig,
  earn: defaultEarnRule,
  expiry: { kind: 'yearEnd', years: 1 },
  credit: defaultCreditConfig,
  checkin: { periodSeconds: 30, graceSteps: 1, openBeforeMinutes: 30, closeAfterMinutes: 60 },
  calendar: {
    // 2026 national holidays falling on weekdays and make-up working days (国务院办公厅 2025 通知)
    holidays: [
      '2026-01-01',
      '2026-01-02',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-23',
      '2026-04-06',
      '2026-05-01',
      '2026-05-04',
      '2026-05-05',
      '2026-06-19',
      '2026-09-25',
      '2026-10-01',
      '2026-10-02',
      '2026-10-05',
      '2026-10-06',
      '2026-10-07',
    ],
    makeupWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
};

type StoredConfig = Partial<Omit<VolunteerConfig, 'credit'>>;

/** Reads the deployment's volunteer configuration (credit rules stay the code defaults). */
export async function loadVolunteerConfig(database: Database): Promise<VolunteerConfig> {
  const [row] = await database.query<{ value: StoredConfig }>(
    "select value from settings where key = 'volunteer'",
  );
  const v = row?.value ?? {};
  return {
    stars: v.stars ?? defaultVolunteerConfig.stars,
    earn: v.earn ?? defaultVolunteerConfig.earn,
    expiry: v.expiry ?? defaultVolunteerConfig.expiry,
    credit: defaultVolunteerConfig.credit,
    checkin: { ...defaultVolunteerConfig.checkin, ...(v.checkin ?? {}) },
    calendar: v.calendar ?? defaultVolunteerConfig.calendar ?? emptyWorkCalendar,
  };
}
