import { describe, expect, it } from 'vitest';
import {
  type CreditConfig,
  type CreditEvent,
  type CreditEventKind,
  creditEventKinds,
  creditEventLabels,
  creditScore,
  defaultCreditConfig,
  restrictionOf,
  validateCreditConfig,
} from './credit';

let seq = 0;
function ev(kind: CreditEventKind, day: string, extra: Partial<CreditEvent> = {}): CreditEvent {
  seq++;
  return { id: `c${seq}`, kind, at: new Date(`${day}T10:00:00+08:00`), ...extra };
}
const asOf = new Date('2025-12-31T12:00:00+08:00');

describe('creditScore', () => {
  it('starts at the base with no events', () => {
    expect(creditScore([], defaultCreditConfig, asOf)).toEqual({
      score: 80,
      level: 'good',
      label: '良好',
      changes: [],
    });
  });

  it('explains every change in Chinese', () => {
    const events = [
      ev('training', '2025-03-01', { title: '急救知识' }),
      ev('no_show', '2025-04-01', { title: '敬老院陪伴' }),
      ev('commendation', '2025-05-01', { title: '优秀志愿者' }),
      ev('left_early', '2025-06-01'),
    ];
    const r = creditScore(events, defaultCreditConfig, asOf);
    expect(r.changes.map((c) => [c.delta, c.scoreAfter, c.reason])).toEqual([
      [2, 82, '2025-03-01参加培训“急救知识”，加2分'],
      [-5, 77, '2025-04-01在“敬老院陪伴”中录用后未到场，扣5分'],
      [5, 82, '2025-05-01获得表彰“优秀志愿者”，加5分'],
      [-2, 80, '2025-06-01中途早退，扣2分'],
    ]);
    expect(r.score).toBe(80);
  });

  it('adds service points per full unit of hours in the year', () => {
    const events = [
      ev('service', '2025-01-10', { minutes: 300 }),
      ev('service', '2025-02-10', { minutes: 400, title: '垃圾分类宣传' }),
      ev('service', '2025-03-10', { minutes: 1200 }),
    ];
    const r = creditScore(events, defaultCreditConfig, asOf);
    expect(r.changes.map((c) => [c.eventId, c.delta, c.reason])).toEqual([
      [events[1].id, 1, '2025-02-10“垃圾分类宣传”志愿服务，2025年累计服务满10小时，加1分'],
      [events[2].id, 2, '2025-03-10志愿服务，2025年累计服务满30小时，加2分'],
    ]);
    expect(r.score).toBe(83);
  });

  it('restarts the service count each year', () => {
    const events = [
      ev('service', '2024-12-20', { minutes: 500 }),
      ev('service', '2025-01-05', { minutes: 500 }),
    ];
    expect(creditScore(events, defaultCreditConfig, asOf).changes).toEqual([]);
  });

  it('caps positive kinds per year and says so', () => {
    const events = [1, 2, 3, 4].map((m) => ev('training', `2025-0${m}-01`));
    const r = creditScore(events, defaultCreditConfig, asOf);
    expect(r.changes.map((c) => c.delta)).toEqual([2, 2, 2, 0]);
    expect(r.changes[3].reason).toBe('2025-04-01参加培训，不加减分（参加培训每年最多加6分，已达上限）');
    // the cap resets the next year
    const next = creditScore(
      [...events, ev('training', '2026-01-05')],
      defaultCreditConfig,
      new Date('2026-02-01'),
    );
    expect(next.changes.at(-1)?.delta).toBe(2);
  });

  it('caps a partial step', () => {
    const config: CreditConfig = {
      ...defaultCreditConfig,
      rules: { ...defaultCreditConfig.rules, commendation: { points: 5, yearCap: 8 } },
    };
    const r = creditScore([ev('commendation', '2025-01-01'), ev('commendation', '2025-02-01')], config, asOf);
    expect(r.changes.map((c) => c.delta)).toEqual([5, 3]);
    expect(r.changes[1].reason).toContain('获得表彰每年最多加8分，已达上限');
  });

  it('clamps to the minimum and maximum and bands the result', () => {
    const bad = creditScore(
      [
        ev('false_record', '2025-01-01'),
        ev('false_record', '2025-02-01'),
        ev('false_record', '2025-03-01'),
        ev('false_record', '2025-04-01'),
        ev('false_record', '2025-05-01'),
      ],
      defaultCreditConfig,
      asOf,
    );
    expect(bad.score).toBe(0);
    expect(bad.label).toBe('较差');
    expect(bad.changes.at(-1)).toMatchObject({
      delta: 0,
      reason: '2025-05-01虚假服务记录，不加减分（信用分最低为0分）',
    });
    expect(bad.changes[3]).toMatchObject({ delta: -20, scoreAfter: 0 });

    const high = creditScore(
      [ev('commendation', '2025-01-01'), ev('commendation', '2025-02-01')],
      { ...defaultCreditConfig, base: 95 },
      asOf,
    );
    expect(high).toMatchObject({ score: 100, level: 'excellent', label: '优秀' });
    expect(high.changes[0]).toMatchObject({ delta: 5, scoreAfter: 100 });
    expect(high.changes[1].reason).toBe('2025-02-01获得表彰，不加减分（信用分最高为100分）');
  });

  it('bands at the boundaries', () => {
    const cfg = (base: number) => ({ ...defaultCreditConfig, base });
    expect(creditScore([], cfg(90), asOf).label).toBe('优秀');
    expect(creditScore([], cfg(89), asOf).label).toBe('良好');
    expect(creditScore([], cfg(75), asOf).label).toBe('良好');
    expect(creditScore([], cfg(60), asOf).label).toBe('一般');
    expect(creditScore([], cfg(59), asOf).label).toBe('较差');
  });

  it('ignores voided events and events after asOf', () => {
    const events = [ev('no_show', '2025-03-01', { voided: true }), ev('no_show', '2026-03-01')];
    expect(creditScore(events, defaultCreditConfig, asOf).score).toBe(80);
  });

  it('orders events by time whatever the input order', () => {
    const late = ev('training', '2025-06-01');
    const early = ev('no_show', '2025-01-01');
    expect(creditScore([late, early], defaultCreditConfig, asOf).changes.map((c) => c.eventId)).toEqual([
      early.id,
      late.id,
    ]);
  });
});

describe('restrictionOf', () => {
  it('blocks sign-ups for 30 days after the third no-show within 90 days', () => {
    const events = [ev('no_show', '2025-01-10'), ev('no_show', '2025-02-10'), ev('no_show', '2025-04-01')];
    const r = restrictionOf(events, defaultCreditConfig, new Date('2025-04-15T00:00:00+08:00'));
    expect(r).toEqual({
      blocked: true,
      until: new Date('2025-05-01T10:00:00+08:00'),
      eventIds: events.map((e) => e.id),
      reason: '90天内3次录用后未到场，2025-05-01前不能报名志愿服务活动；如有异议可提出申诉',
    });
    expect(restrictionOf(events, defaultCreditConfig, new Date('2025-05-01T10:00:00+08:00'))).toEqual({
      blocked: false,
    });
  });

  it('does not block when the no-shows spread over more than 90 days', () => {
    const events = [ev('no_show', '2025-01-01'), ev('no_show', '2025-02-01'), ev('no_show', '2025-04-01')];
    expect(restrictionOf(events, defaultCreditConfig, new Date('2025-04-02'))).toEqual({ blocked: false });
  });

  it('does not count voided no-shows or those after asOf', () => {
    const events = [
      ev('no_show', '2025-01-10'),
      ev('no_show', '2025-01-20', { voided: true }),
      ev('no_show', '2025-02-01'),
      ev('no_show', '2025-05-01'),
    ];
    expect(restrictionOf(events, defaultCreditConfig, new Date('2025-02-02'))).toEqual({ blocked: false });
  });

  it('starts a fresh count after a block', () => {
    const first = ['2025-01-01', '2025-01-02', '2025-01-03'].map((d) => ev('no_show', d));
    const again = [ev('no_show', '2025-02-10'), ev('no_show', '2025-02-11')];
    expect(restrictionOf([...first, ...again], defaultCreditConfig, new Date('2025-02-12'))).toEqual({
      blocked: false,
    });
    const third = ev('no_show', '2025-02-12');
    expect(
      restrictionOf([...first, ...again, third], defaultCreditConfig, new Date('2025-02-13')),
    ).toMatchObject({
      blocked: true,
      eventIds: [again[0].id, again[1].id, third.id],
    });
  });

  it('blocks 180 days after a false record, and reports the longest running block', () => {
    const fr = ev('false_record', '2025-03-01');
    const noShows = ['2025-03-10', '2025-03-11', '2025-03-12'].map((d) => ev('no_show', d));
    const r = restrictionOf([fr, ...noShows], defaultCreditConfig, new Date('2025-03-20'));
    expect(r).toMatchObject({
      blocked: true,
      eventIds: [fr.id],
      reason: '因虚假服务记录，2025-08-28前不能报名志愿服务活动；如有异议可提出申诉',
    });
  });
});

describe('validateCreditConfig', () => {
  it('accepts the default and labels every kind', () => {
    expect(validateCreditConfig(defaultCreditConfig)).toEqual([]);
    for (const k of creditEventKinds) expect(creditEventLabels[k]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('explains bad configurations', () => {
    expect(
      validateCreditConfig({
        ...defaultCreditConfig,
        base: 120,
        rules: {
          ...defaultCreditConfig.rules,
          training: { points: 1.5 },
          service: { points: 1, perMinutes: 90 },
        },
        bands: [
          { min: 60, level: 'a', label: 'A' },
          { min: 80, level: 'b', label: 'B' },
        ],
        restrictions: [{ kind: 'no_show', count: 0, withinDays: 90, blockDays: 30 }],
      }),
    ).toEqual([
      '信用分初始值应在最低分和最高分之间',
      '参加培训的分值应为整数',
      '服务时长计分单位应为整小时',
      '信用等级应按分数从高到低排列',
      '限制报名规则的次数、天数应为正数',
    ]);
  });
});
