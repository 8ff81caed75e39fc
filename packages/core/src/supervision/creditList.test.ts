import { describe, expect, it } from 'vitest';
import { addDays } from '../time';
import {
  abnormalRunStart,
  type CreditFacts,
  canRemoveRectified,
  canRemoveSerious,
  causeRules,
  creditListCauses,
  defaultCreditListConfig,
  deriveListingCommands,
  factListings,
  type Listing,
  type ListingCommand,
  listStateOn,
  rectificationRemovalDue,
} from './creditList';

/** What the rules job does with the commands: new rows take their key as id. */
function apply(listings: Listing[], commands: readonly ListingCommand[]): Listing[] {
  const out = listings.map((l) => ({ ...l }));
  for (const c of commands) {
    if (c.kind === 'enter')
      out.push({
        id: c.key,
        list: c.list,
        cause: c.cause,
        enteredOn: c.enteredOn,
        leftOn: null,
        leaveReason: null,
        key: c.key,
      });
    else {
      const id = c.listingId.startsWith('new:') ? c.listingId.slice(4) : c.listingId;
      const l = out.find((x) => x.id === id);
      if (!l) throw new Error(`no listing ${c.listingId}`);
      l.leftOn = c.leftOn;
      l.leaveReason = c.reason;
    }
  }
  return out;
}

/** Runs the job every day from `from` to `to` (inclusive). */
function runDaily(listings: Listing[], facts: CreditFacts, from: string, to: string): Listing[] {
  let l = listings;
  for (let d = from; d <= to; d = addDays(d, 1)) l = apply(l, deriveListingCommands(l, facts, d));
  return l;
}

const strip = (ls: Listing[]) =>
  ls
    .map(({ id: _id, ...rest }) => rest)
    .sort((a, b) => a.enteredOn.localeCompare(b.enteredOn) || String(a.key).localeCompare(String(b.key)));

const missedReport: CreditFacts = {
  annualReports: [{ year: 2025, deadline: '2026-03-31', submittedOn: null }],
};

describe('cause table', () => {
  it('every cause has a list, a Chinese label and a legal basis', () => {
    for (const c of creditListCauses) {
      const r = causeRules[c];
      expect(['abnormal', 'serious']).toContain(r.list);
      expect(r.label).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.basis).toContain('社会组织信用信息管理办法');
    }
    expect(causeRules.warning.needsRectification).toBe(false);
    expect(causeRules.annual_report_overdue.needsRectification).toBe(true);
  });
});

describe('facts → listings', () => {
  it('an annual report not submitted by its deadline lists the next day; on time or early does not', () => {
    expect(
      factListings({
        annualReports: [
          { year: 2024, deadline: '2025-03-31', submittedOn: '2025-03-31' },
          { year: 2025, deadline: '2026-03-31', submittedOn: '2026-04-02' },
          { year: 2026, deadline: '2027-03-31', submittedOn: null },
        ],
      }).map((c) => [c.key, c.enteredOn]),
    ).toEqual([
      ['annual_report_overdue:2025', '2026-04-01'],
      ['annual_report_overdue:2026', '2027-04-01'],
    ]);
  });

  it('a failed annual report review lists on the day of the review', () => {
    const [c] = factListings({
      annualReports: [
        { year: 2025, deadline: '2026-05-31', submittedOn: '2026-05-01', failedOn: '2026-06-10' },
      ],
    });
    expect(c).toMatchObject({ cause: 'annual_report_failed', enteredOn: '2026-06-10', list: 'abnormal' });
  });

  it('unreachable needs two failed contacts at least 20 days apart with no success between', () => {
    const keys = (contacts: CreditFacts['contacts']) => factListings({ contacts }).map((c) => c.enteredOn);
    expect(
      keys([
        { on: '2026-03-01', reached: false },
        { on: '2026-03-20', reached: false },
      ]),
    ).toEqual([]);
    expect(
      keys([
        { on: '2026-03-01', reached: false },
        { on: '2026-03-21', reached: false },
      ]),
    ).toEqual(['2026-03-21']);
    expect(
      keys([
        { on: '2026-03-01', reached: false },
        { on: '2026-03-10', reached: true },
        { on: '2026-03-25', reached: false },
      ]),
    ).toEqual([]);
    // input order does not matter
    expect(
      keys([
        { on: '2026-04-01', reached: false },
        { on: '2026-03-01', reached: false },
      ]),
    ).toEqual(['2026-04-01']);
  });

  it('a rectification not completed by its deadline lists the day after', () => {
    const cs = factListings({
      rectifications: [
        { id: 'r1', deadline: '2026-06-30', completedOn: '2026-06-30' },
        { id: 'r2', deadline: '2026-06-30', completedOn: null },
        { id: 'r3', deadline: '2026-06-30', completedOn: '2026-07-03' },
      ],
    });
    expect(cs.map((c) => [c.key, c.enteredOn])).toEqual([
      ['rectification_overdue:r2', '2026-07-01'],
      ['rectification_overdue:r3', '2026-07-01'],
    ]);
  });

  it('fines of ¥50,000 or more list as serious; smaller ones and warnings as abnormal', () => {
    const cs = factListings({
      penalties: [
        { id: 'p1', kind: 'fine', amountFen: 4_999_999, decidedOn: '2026-01-10' },
        { id: 'p2', kind: 'fine', amountFen: 5_000_000, decidedOn: '2026-02-10' },
      ],
    });
    expect(cs.map((c) => [c.cause, c.list])).toEqual([
      ['small_fine', 'abnormal'],
      ['large_fine', 'serious'],
    ]);
  });

  it('two warnings or small fines within three years list as serious at the second', () => {
    const within = factListings({
      penalties: [
        { id: 'w1', kind: 'warning', decidedOn: '2024-05-01' },
        { id: 'w2', kind: 'fine', amountFen: 100_000, decidedOn: '2027-04-30' },
      ],
    });
    expect(within.filter((c) => c.list === 'serious')).toEqual([
      expect.objectContaining({
        key: 'repeat_penalties:w2',
        enteredOn: '2027-04-30',
        cause: 'repeat_penalties',
      }),
    ]);
    const apart = factListings({
      penalties: [
        { id: 'w1', kind: 'warning', decidedOn: '2024-05-01' },
        { id: 'w2', kind: 'warning', decidedOn: '2027-05-01' },
      ],
    });
    expect(apart.filter((c) => c.list === 'serious')).toEqual([]);
    // a large fine does not count towards the repeat rule (it is serious on its own)
    const mixed = factListings({
      penalties: [
        { id: 'f1', kind: 'fine', amountFen: 9_000_000, decidedOn: '2026-01-01' },
        { id: 'w1', kind: 'warning', decidedOn: '2026-02-01' },
      ],
    });
    expect(mixed.map((c) => c.cause)).toEqual(['large_fine', 'warning']);
  });

  it('thresholds are configuration (a filed organization may use its own)', () => {
    const cs = factListings(
      { penalties: [{ id: 'f', kind: 'fine', amountFen: 1_000_000, decidedOn: '2026-01-01' }] },
      { ...defaultCreditListConfig, largeFineFen: 1_000_000 },
    );
    expect(cs[0].cause).toBe('large_fine');
  });
});

describe('walking the time line', () => {
  it('missed report → abnormal automatically → two years → serious → removal on application; as-of answers every date', () => {
    let l: Listing[] = [];
    l = runDaily(l, missedReport, '2026-03-25', '2026-04-05');
    expect(listStateOn(l, '2026-03-31').state).toBe('none');
    expect(listStateOn(l, '2026-04-01').state).toBe('abnormal');
    // stays: an overdue report needs rectification, so no automatic removal after six months
    l = apply(l, deriveListingCommands(l, missedReport, '2027-01-01'));
    expect(listStateOn(l, '2026-12-31').state).toBe('abnormal');
    expect(l.every((x) => x.leftOn === null)).toBe(true);
    // two full years later it moves across
    l = apply(l, deriveListingCommands(l, missedReport, '2028-03-31'));
    expect(listStateOn(l, '2028-03-31').state).toBe('abnormal');
    l = apply(l, deriveListingCommands(l, missedReport, '2028-04-01'));
    const abnormal = l.find((x) => x.cause === 'annual_report_overdue');
    expect(abnormal).toMatchObject({ leftOn: '2028-04-01', leaveReason: 'moved_serious' });
    const serious = l.find((x) => x.list === 'serious');
    expect(serious).toMatchObject({ cause: 'abnormal_two_years', enteredOn: '2028-04-01', leftOn: null });
    expect(listStateOn(l, '2028-04-01')).toMatchObject({ abnormal: false, serious: true, state: 'serious' });
    // removal on application: not before two years on the serious list
    expect(canRemoveSerious(serious!, l, '2030-03-31')).toMatchObject({
      allowed: false,
      earliestOn: '2030-04-01',
    });
    expect(canRemoveSerious(serious!, l, '2030-04-01')).toEqual({ allowed: true });
    serious!.leftOn = '2030-04-10';
    serious!.leaveReason = 'removed_on_application';
    // the job afterwards changes nothing
    expect(deriveListingCommands(l, missedReport, '2031-01-01')).toEqual([]);
    // as of each date
    expect(listStateOn(l, '2026-03-31').state).toBe('none');
    expect(listStateOn(l, '2026-04-01').state).toBe('abnormal');
    expect(listStateOn(l, '2028-03-31').state).toBe('abnormal');
    expect(listStateOn(l, '2028-04-01').state).toBe('serious');
    expect(listStateOn(l, '2030-04-09').state).toBe('serious');
    expect(listStateOn(l, '2030-04-10').state).toBe('none');
  });

  it('running daily, running once at the end, and running twice give the same listings', () => {
    const facts: CreditFacts = {
      ...missedReport,
      penalties: [{ id: 'w1', kind: 'warning', decidedOn: '2026-09-01' }],
      contacts: [
        { on: '2026-10-01', reached: false },
        { on: '2026-10-25', reached: false },
      ],
    };
    const daily = runDaily([], facts, '2026-01-01', '2028-06-30');
    const once = apply([], deriveListingCommands([], facts, '2028-06-30'));
    expect(strip(daily)).toEqual(strip(once));
    expect(deriveListingCommands(once, facts, '2028-06-30')).toEqual([]);
    // the warning expired by itself six months after entry, before the move
    expect(once.find((x) => x.cause === 'warning')).toMatchObject({
      leftOn: '2027-03-01',
      leaveReason: 'expired',
    });
    // the run began with the report; unreachable joined it; both moved on 2028-04-01
    expect(once.find((x) => x.cause === 'unreachable')).toMatchObject({
      leftOn: '2028-04-01',
      leaveReason: 'moved_serious',
    });
    expect(once.filter((x) => x.list === 'serious')).toHaveLength(1);
  });

  it('rectification inside six months: the officer removes it and no move ever happens', () => {
    let l = apply([], deriveListingCommands([], missedReport, '2026-04-01'));
    const listing = l[0];
    expect(canRemoveRectified(listing, '2026-06-10')).toEqual({ allowed: true });
    // submitted 2026-06-10, verified 2026-06-12 (Friday): removal due within five working days
    expect(rectificationRemovalDue('2026-06-12')).toBe('2026-06-19');
    expect(rectificationRemovalDue('2026-06-12', { holidays: ['2026-06-19'], makeupWorkdays: [] })).toBe(
      '2026-06-22',
    );
    listing.leftOn = '2026-06-15';
    listing.leaveReason = 'rectified';
    l = apply(l, deriveListingCommands(l, missedReport, '2029-01-01'));
    expect(l).toHaveLength(1);
    expect(listStateOn(l, '2026-06-14').state).toBe('abnormal');
    expect(listStateOn(l, '2026-06-15').state).toBe('none');
    expect(listStateOn(l, '2028-04-01').state).toBe('none');
  });

  it('a warning leaves by itself after six months; a repeat cause keeps the organization listed', () => {
    const facts: CreditFacts = {
      penalties: [
        { id: 'w1', kind: 'warning', decidedOn: '2026-01-15' },
        { id: 'w2', kind: 'warning', decidedOn: '2026-05-20' },
      ],
    };
    const l = runDaily([], facts, '2026-01-01', '2027-01-01');
    expect(l.find((x) => x.key === 'penalty:w1')).toMatchObject({
      leftOn: '2026-07-15',
      leaveReason: 'expired',
    });
    expect(l.find((x) => x.key === 'penalty:w2')).toMatchObject({
      leftOn: '2026-11-20',
      leaveReason: 'expired',
    });
    expect(listStateOn(l, '2026-08-01').abnormal).toBe(true); // kept by the second warning
    expect(listStateOn(l, '2026-11-20').abnormal).toBe(false);
    // two warnings within three years are also a serious listing
    expect(listStateOn(l, '2026-11-20').serious).toBe(true);
    expect(canRemoveRectified(l[0], '2026-03-01')).toMatchObject({
      allowed: false,
      earliestOn: '2026-07-15',
    });
  });

  it('a gap in the abnormal run restarts the two-year count', () => {
    const facts: CreditFacts = {
      annualReports: [
        { year: 2025, deadline: '2026-03-31', submittedOn: null },
        { year: 2026, deadline: '2027-03-31', submittedOn: null },
      ],
    };
    let l = apply([], deriveListingCommands([], facts, '2026-04-01'));
    l[0].leftOn = '2026-09-01';
    l[0].leaveReason = 'rectified';
    l = apply(l, deriveListingCommands(l, facts, '2029-03-31'));
    expect(l.filter((x) => x.list === 'serious')).toEqual([]);
    expect(abnormalRunStart(l, '2029-03-31')).toBe('2027-04-01');
    l = apply(l, deriveListingCommands(l, facts, '2029-04-01'));
    expect(l.filter((x) => x.list === 'serious').map((x) => x.enteredOn)).toEqual(['2029-04-01']);
  });

  it('touching listings make one unbroken run', () => {
    const l: Listing[] = [
      {
        id: 'a',
        list: 'abnormal',
        cause: 'warning',
        enteredOn: '2026-01-01',
        leftOn: '2026-07-01',
        leaveReason: 'expired',
        key: 'a',
      },
      {
        id: 'b',
        list: 'abnormal',
        cause: 'unreachable',
        enteredOn: '2026-07-01',
        leftOn: null,
        leaveReason: null,
        key: 'b',
      },
    ];
    expect(abnormalRunStart(l, '2027-12-31')).toBe('2026-01-01');
    const cmds = deriveListingCommands(l, {}, '2028-01-01');
    expect(cmds).toEqual([
      { kind: 'leave', listingId: 'b', leftOn: '2028-01-01', reason: 'moved_serious' },
      expect.objectContaining({
        kind: 'enter',
        key: 'abnormal_two_years:2026-01-01',
        enteredOn: '2028-01-01',
      }),
    ]);
  });

  it('a voided listing (objection upheld) never counts and is not re-created', () => {
    let l = apply([], deriveListingCommands([], missedReport, '2026-04-01'));
    l[0].voided = true;
    l[0].leftOn = '2026-04-05';
    l[0].leaveReason = 'objection_upheld';
    l = apply(l, deriveListingCommands(l, missedReport, '2029-01-01'));
    expect(l).toHaveLength(1);
    expect(listStateOn(l, '2026-04-02').state).toBe('none');
  });

  it('a new listing event restarts the two years before a serious listing may be removed', () => {
    const facts: CreditFacts = {
      penalties: [
        { id: 'f1', kind: 'fine', amountFen: 6_000_000, decidedOn: '2026-01-10' },
        { id: 'w1', kind: 'warning', decidedOn: '2027-03-01' },
      ],
    };
    const l = apply([], deriveListingCommands([], facts, '2029-01-01'));
    const serious = l.find((x) => x.cause === 'large_fine')!;
    expect(canRemoveSerious(serious, l, '2028-02-01')).toMatchObject({
      allowed: false,
      earliestOn: '2029-03-01',
    });
    expect(canRemoveSerious(serious, l, '2029-03-01')).toEqual({ allowed: true });
    expect(canRemoveSerious(l.find((x) => x.cause === 'warning')!, l, '2029-03-01').allowed).toBe(false);
  });

  it('does not act on facts dated after today', () => {
    expect(deriveListingCommands([], missedReport, '2026-03-31')).toEqual([]);
    expect(() => deriveListingCommands([], missedReport, '2026-02-30')).toThrow();
  });
});
