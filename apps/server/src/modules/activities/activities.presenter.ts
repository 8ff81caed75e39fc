import {
  activityStatusLabels,
  availableEvents,
  type Role,
  serviceCategoryLabels,
  signUpFlow,
  signUpStateLabels,
} from '@linli/core';
import type { activitySignups, serviceActivities } from '../../db/schema';

export type ActivityRow = typeof serviceActivities.$inferSelect;
export type SignUpRow = typeof activitySignups.$inferSelect;
export type SignUpCounts = { pending: number; approved: number; waitlisted: number };

const label = (m: Readonly<Record<string, string>>, k: string) => (Object.hasOwn(m, k) ? m[k] : k);

/** Sign-ups counted per state, as a subquery column (raw SQL over `service_activities`). */
export const countSql = (state: string) =>
  `(select count(*)::int from activity_signups s where s.activity_id = service_activities.id and s.state = '${state}')`;

export function presentActivity(a: ActivityRow) {
  return {
    id: a.id,
    organizationId: a.organizationId,
    regionCode: a.regionCode,
    title: a.title,
    content: a.content,
    category: a.category,
    categoryLabel: label(serviceCategoryLabels, a.category),
    place: a.place,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    wanted: a.wanted,
    signupOpensAt: a.signupOpensAt,
    signupClosesAt: a.signupClosesAt,
    coefficient: a.coefficientHundredths / 100,
    status: a.status,
    statusLabel: label(activityStatusLabels, a.status),
    publishedAt: a.publishedAt,
    cancelledAt: a.cancelledAt,
    cancelReason: a.cancelReason,
    version: a.version,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}

/** Snapshot for audit entries. */
export const activitySnapshot = (a: ActivityRow) => JSON.parse(JSON.stringify(a)) as Record<string, unknown>;

/** A sign-up as the organizer sees it: the volunteer's name and number, the phone masked. */
export function presentSignUp(
  s: SignUpRow,
  v?: { volunteerNumber: string; realName: string; phoneMasked: string },
  roles: readonly Role[] = [],
) {
  return {
    id: s.id,
    activityId: s.activityId,
    volunteerId: s.volunteerId,
    ...(v ? { volunteerNumber: v.volunteerNumber, realName: v.realName, phoneMasked: v.phoneMasked } : {}),
    state: s.state,
    stateLabel: label(signUpStateLabels, s.state),
    requestedAt: s.createdAt,
    decidedAt: s.decidedAt,
    decidedByName: s.decidedByName,
    reason: s.reason,
    version: s.version,
    allowedActions: availableEvents(signUpFlow, s.state, roles),
  };
}
