import { describe, expect, it } from 'vitest';
import { type Role, roles } from '../roles';
import { signUpStateLabels, signUpStates } from '../volunteer/labels';
import { flowEdges, isTerminal, transition } from './flow';
import {
  activityFlow,
  activityStatuses,
  activityStatusLabels,
  activityTimingErrors,
  liveSignUpStates,
  signUpEvents,
  signUpFlow,
} from './signup';

const ORG: Role[] = ['admin', 'community_staff', 'org_leader'];

describe('sign-up flow', () => {
  it('has exactly the specified edges', () => {
    const edges = flowEdges(signUpFlow).map(({ from, event, edge }) => [
      from,
      event,
      edge.to,
      edge.needsReason === true,
    ]);
    expect(edges).toEqual([
      ['pending', 'approve', 'approved', false],
      ['pending', 'waitlist', 'waitlisted', false],
      ['pending', 'reject', 'rejected', true],
      ['pending', 'cancel', 'cancelled', true],
      ['pending', 'withdraw', 'withdrawn', false],
      ['waitlisted', 'approve', 'approved', false],
      ['waitlisted', 'cancel', 'cancelled', true],
      ['waitlisted', 'withdraw', 'withdrawn', false],
      ['approved', 'cancel', 'cancelled', true],
      ['approved', 'withdraw', 'withdrawn', false],
    ]);
    for (const { edge } of flowEdges(signUpFlow)) {
      expect([...edge.by].sort()).toEqual(ORG);
      expect(edge.label).toMatch(/\p{Script=Han}/u);
    }
  });

  it('uses the sign-up vocabulary of volunteer/labels; terminal states', () => {
    expect(Object.keys(signUpFlow).sort()).toEqual([...signUpStates].sort());
    expect(Object.keys(signUpStateLabels).sort()).toEqual([...signUpStates].sort());
    const terminal = signUpStates.filter((s) => isTerminal(signUpFlow, s));
    expect(terminal.sort()).toEqual(['cancelled', 'rejected', 'withdrawn']);
    expect(liveSignUpStates.every((s) => !isTerminal(signUpFlow, s))).toBe(true);
    const events = new Set(flowEdges(signUpFlow).map((e) => e.event));
    expect([...events].sort()).toEqual([...signUpEvents].sort());
  });

  it.each(
    flowEdges(signUpFlow).map((e) => [e.from, e.event, e.edge.to, e.edge.needsReason === true] as const),
  )('%s -%s-> %s: organizers only, reason when required', (from, event, to, needsReason) => {
    for (const role of roles) {
      const r = transition(signUpFlow, from, event, { roles: [role] }, '名额调整');
      if (ORG.includes(role)) expect(r).toEqual({ to, label: expect.any(String) });
      else expect(r).toMatchObject({ error: { code: 'role_not_allowed' } });
    }
    const noReason = transition(signUpFlow, from, event, { roles: ['org_leader'] }, '  ');
    if (needsReason) expect(noReason).toMatchObject({ error: { code: 'reason_required' } });
    else expect(noReason).toEqual({ to, label: expect.any(String) });
  });

  it('refuses events a state does not have', () => {
    expect(transition(signUpFlow, 'approved', 'approve', { roles: ['admin'] })).toMatchObject({
      error: { code: 'event_not_allowed' },
    });
    expect(transition(signUpFlow, 'waitlisted', 'waitlist', { roles: ['admin'] })).toMatchObject({
      error: { code: 'event_not_allowed' },
    });
    expect(transition(signUpFlow, 'rejected', 'approve', { roles: ['admin'] })).toMatchObject({
      error: { code: 'event_not_allowed' },
    });
    expect(transition(signUpFlow, 'pending', 'toString', { roles: ['admin'] })).toMatchObject({
      error: { code: 'event_not_allowed' },
    });
  });
});

describe('activity flow', () => {
  it('publishes drafts, cancels with a reason, finishes published activities', () => {
    expect(Object.keys(activityFlow).sort()).toEqual([...activityStatuses].sort());
    expect(Object.keys(activityStatusLabels).sort()).toEqual([...activityStatuses].sort());
    expect(transition(activityFlow, 'draft', 'publish', { roles: ['org_leader'] })).toMatchObject({
      to: 'published',
    });
    expect(transition(activityFlow, 'published', 'cancel', { roles: ['community_staff'] })).toMatchObject({
      error: { code: 'reason_required' },
    });
    expect(transition(activityFlow, 'published', 'cancel', { roles: ['admin'] }, '暴雨')).toMatchObject({
      to: 'cancelled',
    });
    expect(transition(activityFlow, 'published', 'publish', { roles: ['admin'] })).toMatchObject({
      error: { code: 'event_not_allowed' },
    });
    expect(transition(activityFlow, 'draft', 'publish', { roles: ['street_officer'] })).toMatchObject({
      error: { code: 'role_not_allowed' },
    });
    expect(isTerminal(activityFlow, 'cancelled') && isTerminal(activityFlow, 'finished')).toBe(true);
  });
});

describe('activity timing', () => {
  const t = (h: number) => new Date(Date.UTC(2026, 5, 1, h)).toISOString();
  it('accepts a consistent activity', () => {
    expect(activityTimingErrors({ startsAt: t(9), endsAt: t(11) })).toEqual({});
    expect(
      activityTimingErrors({ startsAt: t(9), endsAt: t(11), signupOpensAt: t(1), signupClosesAt: t(9) }),
    ).toEqual({});
  });
  it('names the offending field in Chinese', () => {
    expect(activityTimingErrors({ startsAt: t(9), endsAt: t(9) })).toEqual({
      endsAt: '结束时间须晚于开始时间',
    });
    expect(activityTimingErrors({ startsAt: t(9), endsAt: t(10), signupClosesAt: t(10) })).toHaveProperty(
      'signupClosesAt',
    );
    expect(
      activityTimingErrors({ startsAt: t(9), endsAt: t(10), signupOpensAt: t(5), signupClosesAt: t(4) }),
    ).toEqual({ signupClosesAt: '报名截止时间须晚于报名开始时间' });
    expect(activityTimingErrors({ startsAt: t(9), endsAt: t(10), signupOpensAt: t(10) })).toHaveProperty(
      'signupOpensAt',
    );
  });
});
