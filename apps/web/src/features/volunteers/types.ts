/** Response shapes of the volunteer and team endpoints (apps/server/src/modules/volunteers). */

export interface VolunteerItem {
  id: string;
  volunteerNumber: string;
  realName: string;
  idNumberMasked: string;
  phoneMasked: string;
  sex: string | null;
  regionCode: string;
  communityName: string | null;
  skills: string[];
  interests: string[];
  status: string;
  createdVia: string;
  createdAt: string;
  version: number;
}

export interface ConsentEntry {
  purpose: string;
  purposeLabel: string;
  granted: boolean;
  how: string;
  howLabel: string;
  byName: string | null;
  at: string;
}

export interface VolunteerTeamRef {
  membershipId: string;
  teamId: string;
  teamName: string;
  organizationId: string;
  state: string;
}

export interface VolunteerDetail extends Omit<VolunteerItem, 'communityName'> {
  birthDate: string;
  statusLabel: string;
  guardianName: string | null;
  guardianPhoneMasked: string | null;
  updatedAt: string;
  communityName: string | null;
  streetName: string | null;
  age: number;
  consents: Record<string, boolean>;
  consentHistory: ConsentEntry[];
  teams: VolunteerTeamRef[];
  allowedActions: string[];
}

export interface Team {
  id: string;
  organizationId: string;
  name: string;
  regionCode: string;
  description: string;
  status: string;
  version: number;
  createdAt: string;
  memberCount?: number;
  pendingCount?: number;
  allowedActions?: string[];
}

export interface Membership {
  id: string;
  teamId: string;
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
}
