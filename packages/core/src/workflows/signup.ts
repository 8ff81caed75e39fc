import type { Role } from '../roles';
import type { SignUpState } from '../volunteer/labels';
import type { Flow, StateOf } from './flow';

/** Who organizes an activity: its organization's leader, the community's staff, the administrator. */
const ORGANIZERS = ['org_leader', 'community_staff', 'admin'] as const satisfies readonly Role[];

/**
 * A volunteer's sign-up for a service activity (states and labels from volunteer/labels):
 * pending → approved | waitlisted | rejected; waitlisted → approved; a live sign-up is cancelled
 * by the organizer (with a reason) or withdrawn on the volunteer's side (recorded by the organizer
 * while volunteers have no login). Seats are counted by the server (approving beyond the wanted
 * number is refused, the organizer waitlists instead).
 */
export const signUpFlow = {
  pending: {
    approve: { to: 'approved', by: ORGANIZERS, label: '录用' },
    waitlist: { to: 'waitlisted', by: ORGANIZERS, label: '候补' },
    reject: { to: 'rejected', by: ORGANIZERS, needsReason: true, label: '不录用' },
    cancel: { to: 'cancelled', by: ORGANIZERS, needsReason: true, label: '取消报名' },
    withdraw: { to: 'withdrawn', by: ORGANIZERS, label: '本人取消' },
  },
  waitlisted: {
    approve: { to: 'approved', by: ORGANIZERS, label: '录用' },
    cancel: { to: 'cancelled', by: ORGANIZERS, needsReason: true, label: '取消报名' },
    withdraw: { to: 'withdrawn', by: ORGANIZERS, label: '本人取消' },
  },
  approved: {
    cancel: { to: 'cancelled', by: ORGANIZERS, needsReason: true, label: '取消报名' },
    withdraw: { to: 'withdrawn', by: ORGANIZERS, label: '本人取消' },
  },
  rejected: {},
  cancelled: {},
  withdrawn: {},
} as const satisfies Flow & Record<SignUpState, unknown>;

export type SignUpEvent = 'approve' | 'waitlist' | 'reject' | 'cancel' | 'withdraw';
export const signUpEvents: readonly SignUpEvent[] = ['approve', 'waitlist', 'reject', 'cancel', 'withdraw'];

/** Sign-ups that still hold (or wait for) a place: cancelled with the activity, unique per volunteer. */
export const liveSignUpStates = [
  'pending',
  'approved',
  'waitlisted',
] as const satisfies readonly SignUpState[];

/**
 * A service activity: drafted, published for sign-ups, cancelled (with a reason, cancelling the
 * live sign-ups) or finished (after it took place, by the hours module).
 */
export const activityFlow = {
  draft: {
    publish: { to: 'published', by: ORGANIZERS, label: '发布' },
    cancel: { to: 'cancelled', by: ORGANIZERS, needsReason: true, label: '取消活动' },
  },
  published: {
    cancel: { to: 'cancelled', by: ORGANIZERS, needsReason: true, label: '取消活动' },
    finish: { to: 'finished', by: ORGANIZERS, label: '结束活动' },
  },
  cancelled: {},
  finished: {},
} as const satisfies Flow;

export type ActivityStatus = StateOf<typeof activityFlow>;
export const activityStatuses = [
  'draft',
  'published',
  'cancelled',
  'finished',
] as const satisfies readonly ActivityStatus[];
export const activityStatusLabels: Readonly<Record<ActivityStatus, string>> = {
  draft: '草稿',
  published: '已发布',
  cancelled: '已取消',
  finished: '已结束',
};

/** Difficulty coefficient bounds, in hundredths (0.50–3.00). */
export const ACTIVITY_COEFFICIENT_MIN = 50;
export const ACTIVITY_COEFFICIENT_MAX = 300;

export interface ActivityTiming {
  startsAt: string | Date;
  endsAt: string | Date;
  signupOpensAt?: string | Date | null;
  signupClosesAt?: string | Date | null;
}

const ms = (d: string | Date) => (d instanceof Date ? d.getTime() : Date.parse(d));

/**
 * Cross-field rules of an activity's times, as field → Chinese message (empty when valid):
 * it ends after it starts; the sign-up window opens before it closes and closes no later than the start.
 */
export function activityTimingErrors(a: ActivityTiming): Record<string, string> {
  const out: Record<string, string> = {};
  const start = ms(a.startsAt);
  const end = ms(a.endsAt);
  if (!(end > start)) out.endsAt = '结束时间须晚于开始时间';
  const closes = a.signupClosesAt ? ms(a.signupClosesAt) : null;
  const opens = a.signupOpensAt ? ms(a.signupOpensAt) : null;
  if (closes !== null && closes > start) out.signupClosesAt = '报名截止时间不能晚于活动开始时间';
  if (opens !== null && opens > start) out.signupOpensAt = '报名开始时间须早于活动开始时间';
  else if (opens !== null && closes !== null && !(closes > opens))
    out.signupClosesAt = '报名截止时间须晚于报名开始时间';
  return out;
}
