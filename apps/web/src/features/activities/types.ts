/** Response shapes of the activity and sign-up endpoints (apps/server/src/modules/activities). */

export interface SignUpCounts {
  pending: number;
  approved: number;
  waitlisted: number;
}

export interface Activity {
  id: string;
  organizationId: string;
  organizationName?: string;
  regionCode: string;
  communityName?: string | null;
  title: string;
  content: string;
  category: string;
  categoryLabel: string;
  place: string;
  startsAt: string;
  endsAt: string;
  wanted: number;
  signupOpensAt: string;
  signupClosesAt: string;
  coefficient: number;
  status: string;
  statusLabel: string;
  publishedAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  counts: SignUpCounts;
  allowedActions: string[];
}

export interface SignUp {
  id: string;
  activityId: string;
  volunteerId: string;
  volunteerNumber?: string;
  realName?: string;
  phoneMasked?: string;
  state: string;
  stateLabel: string;
  requestedAt: string;
  decidedAt: string | null;
  decidedByName: string | null;
  reason: string | null;
  version: number;
  allowedActions: string[];
}
