import { describe, expect, it } from 'vitest';
import { amendmentInput, backfillInput, checkinScan, noShowInput, reviewDecision } from './service';

const uuid = '8f14e45f-ceea-467a-9af0-2b1c4a3c6f10';
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('service request schemas', () => {
  it('a scan is a token or an activity, a direction and a code', () => {
    expect(checkinScan.safeParse({ token: 'abc.def' }).success).toBe(true);
    expect(checkinScan.safeParse({ activityId: uuid, kind: 'out', code: '123456' }).success).toBe(true);
    expect(checkinScan.safeParse({}).success).toBe(false);
    expect(checkinScan.safeParse({ activityId: uuid, kind: 'sideways', code: '123456' }).success).toBe(false);
  });

  it('a backfill needs a reason and either a span or minutes', () => {
    const base = { volunteerId: uuid, kind: 'paper_sheet', reason: '纸质签到表补录' };
    expect(backfillInput.safeParse({ ...base, minutes: 90 }).success).toBe(true);
    expect(
      backfillInput.safeParse({ ...base, from: '2026-05-01T09:00:00+08:00', to: '2026-05-01T11:00:00+08:00' })
        .success,
    ).toBe(true);
    expect(issues(backfillInput.safeParse(base))).toEqual({ minutes: '请填写服务时间段或时长' });
    expect(issues(backfillInput.safeParse({ ...base, from: '2026-05-01T09:00:00+08:00' }))).toEqual({
      to: '请同时填写开始和结束时间',
    });
    expect(
      issues(
        backfillInput.safeParse({
          ...base,
          from: '2026-05-01T11:00:00+08:00',
          to: '2026-05-01T09:00:00+08:00',
        }),
      ),
    ).toEqual({ to: '结束时间不能早于开始时间' });
    expect(
      issues(
        backfillInput.safeParse({
          ...base,
          minutes: 30,
          from: '2026-05-01T09:00:00+08:00',
          to: '2026-05-01T11:00:00+08:00',
        }),
      ),
    ).toEqual({
      minutes: '时间段和时长只填一项',
    });
    expect(issues(backfillInput.safeParse({ ...base, reason: '  ', minutes: 30 }))).toHaveProperty('reason');
    expect(issues(backfillInput.safeParse({ ...base, minutes: -1 }))).toHaveProperty('minutes');
  });

  it('a rejection needs a reason; an approval does not', () => {
    expect(reviewDecision.safeParse({ decision: 'approve', version: 1 }).success).toBe(true);
    expect(issues(reviewDecision.safeParse({ decision: 'reject', version: 1 }))).toEqual({
      reason: '驳回须填写理由',
    });
  });

  it('an amendment proposes minutes, times or content', () => {
    expect(amendmentInput.safeParse({ reason: '签退早了', proposed: { minutes: 120 } }).success).toBe(true);
    expect(amendmentInput.safeParse({ reason: '内容有误', proposed: { content: '送餐' } }).success).toBe(
      true,
    );
    expect(issues(amendmentInput.safeParse({ reason: '无', proposed: {} }))).toHaveProperty(
      'proposed.minutes',
    );
    expect(
      issues(
        amendmentInput.safeParse({ reason: '时间', proposed: { startedAt: '2026-05-01T09:00:00+08:00' } }),
      ),
    ).toEqual({ 'proposed.endedAt': '请同时填写开始和结束时间' });
  });

  it('no-shows name at least one volunteer', () => {
    expect(noShowInput.safeParse({ volunteerIds: [uuid] }).success).toBe(true);
    expect(noShowInput.safeParse({ volunteerIds: [] }).success).toBe(false);
  });
});
