/** Response shapes of the credit endpoints (apps/server/src/modules/credit). */

export interface CreditChange {
  eventId: string;
  at: string;
  delta: number;
  scoreAfter: number;
  reason: string;
}

export interface CreditEvent {
  id: string;
  kind: string;
  kindLabel: string;
  positive: boolean;
  occurredAt: string;
  minutes: number | null;
  title: string;
  sourceType: string;
  sourceLabel: string;
  note: string;
  recordedByName: string;
  voided: boolean;
  voidedAt: string | null;
  voidReason: string | null;
}

export interface Restriction {
  /** null for a rule-derived restriction (computed, not stored) */
  id: string | null;
  volunteerId: string;
  source: 'staff' | 'rule';
  sourceLabel: string;
  reason: string;
  fromAt: string | null;
  untilAt: string;
  untilDate: string;
  createdByName: string | null;
  liftedAt: string | null;
  liftedByName: string | null;
  liftReason: string | null;
  state: string;
  stateLabel: string;
  version: number;
  volunteerNumber?: string;
  realName?: string;
}

export interface Appeal {
  id: string;
  volunteerId: string;
  eventId: string | null;
  restrictionId: string | null;
  reason: string;
  submittedAt: string;
  state: 'pending' | 'upheld' | 'dismissed';
  stateLabel: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decision: string | null;
  version: number;
  volunteerNumber?: string;
  realName?: string;
  event?: CreditEvent | null;
  restriction?: Restriction | null;
}

export interface CreditOverview {
  volunteer: { id: string; volunteerNumber: string; realName: string };
  score: number;
  level: string;
  label: string;
  changes: CreditChange[];
  restricted: {
    until: string;
    untilDate: string;
    reason: string;
    source: string;
    sourceLabel: string;
  } | null;
  events: CreditEvent[];
  restrictions: Restriction[];
  appeals: Appeal[];
  allowedActions: string[];
}

export interface Training {
  id: string;
  course: string;
  content: string;
  minutes: number;
  organizer: string;
  heldOn: string;
  recordedByName: string;
}

export interface Award {
  id: string;
  title: string;
  awardedBy: string;
  awardedOn: string;
  note: string;
  recordedByName: string;
}
