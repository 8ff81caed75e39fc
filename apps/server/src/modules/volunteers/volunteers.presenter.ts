import {
  consentPurposeLabels,
  maskIdNumber,
  maskPhone,
  teamMembershipStateLabels,
  volunteerConsentHowLabels,
  volunteerStatusLabels,
} from '@linli/core';
import type { teamMemberships, volunteerConsents, volunteers } from '../../db/schema';
import type { Pii } from '../../lib/crypto';

export type VolunteerRow = typeof volunteers.$inferSelect;
export type ConsentRow = typeof volunteerConsents.$inferSelect;
export type MembershipRow = typeof teamMemberships.$inferSelect;

const label = (m: Readonly<Record<string, string>>, k: string) => (Object.hasOwn(m, k) ? m[k] : k);

/** Encrypted + masked + blind-indexed columns for a volunteer's personal data. */
export function volunteerPiiColumns(
  pii: Pii,
  v: { idNumber?: string; phone?: string; guardianPhone?: string },
): Partial<VolunteerRow> {
  const out: Partial<VolunteerRow> = {};
  if (v.idNumber) {
    out.idNumberEnc = pii.encrypt(v.idNumber);
    out.idNumberHmac = pii.blindIndex(v.idNumber);
    out.idNumberMasked = maskIdNumber(v.idNumber);
  }
  if (v.phone) {
    out.phoneEnc = pii.encrypt(v.phone);
    out.phoneMasked = maskPhone(v.phone);
  }
  if (v.guardianPhone) {
    out.guardianPhoneEnc = pii.encrypt(v.guardianPhone);
    out.guardianPhoneMasked = maskPhone(v.guardianPhone);
  }
  return out;
}

/** Snapshot for audit entries: no ciphertexts or blind indexes. */
export function volunteerSnapshot(v: VolunteerRow): Record<string, unknown> {
  const { idNumberEnc: _a, idNumberHmac: _b, phoneEnc: _c, guardianPhoneEnc: _d, ...rest } = v;
  return JSON.parse(JSON.stringify(rest));
}

export function presentVolunteer(v: VolunteerRow) {
  return {
    id: v.id,
    volunteerNumber: v.volunteerNumber,
    realName: v.realName,
    idNumberMasked: v.idNumberMasked,
    phoneMasked: v.phoneMasked,
    sex: v.sex,
    birthDate: v.birthDate,
    regionCode: v.regionCode,
    skills: v.skills,
    interests: v.interests,
    status: v.status,
    statusLabel: label(volunteerStatusLabels, v.status),
    guardianName: v.guardianName,
    guardianPhoneMasked: v.guardianPhoneMasked,
    createdVia: v.createdVia,
    version: v.version,
    createdAt: v.createdAt,
    updatedAt: v.updatedAt,
  };
}

export function presentConsent(c: ConsentRow) {
  return {
    purpose: c.purpose,
    purposeLabel: label(consentPurposeLabels, c.purpose),
    granted: c.granted,
    how: c.how,
    howLabel: label(volunteerConsentHowLabels, c.how),
    byName: c.byName,
    at: c.at,
  };
}

export function presentMembership(
  m: MembershipRow,
  v?: { volunteerNumber: string; realName: string; phoneMasked: string },
) {
  return {
    id: m.id,
    teamId: m.teamId,
    volunteerId: m.volunteerId,
    ...(v ? { volunteerNumber: v.volunteerNumber, realName: v.realName, phoneMasked: v.phoneMasked } : {}),
    state: m.state,
    stateLabel: label(teamMembershipStateLabels, m.state),
    requestedAt: m.requestedAt,
    decidedAt: m.decidedAt,
    decidedByName: m.decidedByName,
    reason: m.reason,
    version: m.version,
  };
}
