import { type FilingForm, maskIdNumber, maskPhone } from '@linli/core';
import type { Pii } from '../../lib/crypto';

/** The form as stored: personal data only encrypted and masked. */
export type StoredFilingForm = Omit<FilingForm, 'leaderIdNumber' | 'leaderPhone' | 'contactPhone'> & {
  leaderIdEnc?: string;
  leaderIdMasked?: string;
  leaderPhoneEnc?: string;
  leaderPhoneMasked?: string;
  contactPhoneEnc?: string;
  contactPhoneMasked?: string;
};

export function storeFilingForm(pii: Pii, form: FilingForm, previous?: StoredFilingForm): StoredFilingForm {
  const { leaderIdNumber, leaderPhone, contactPhone, ...rest } = form;
  const out: StoredFilingForm = { ...rest };
  if (leaderIdNumber) {
    out.leaderIdEnc = pii.encrypt(leaderIdNumber);
    out.leaderIdMasked = maskIdNumber(leaderIdNumber);
  } else if (previous?.leaderIdEnc) {
    out.leaderIdEnc = previous.leaderIdEnc;
    out.leaderIdMasked = previous.leaderIdMasked;
  }
  if (leaderPhone) {
    out.leaderPhoneEnc = pii.encrypt(leaderPhone);
    out.leaderPhoneMasked = maskPhone(leaderPhone);
  } else if (previous?.leaderPhoneEnc) {
    out.leaderPhoneEnc = previous.leaderPhoneEnc;
    out.leaderPhoneMasked = previous.leaderPhoneMasked;
  }
  if (contactPhone) {
    out.contactPhoneEnc = pii.encrypt(contactPhone);
    out.contactPhoneMasked = maskPhone(contactPhone);
  } else if (previous?.contactPhoneEnc) {
    out.contactPhoneEnc = previous.contactPhoneEnc;
    out.contactPhoneMasked = previous.contactPhoneMasked;
  }
  return out;
}

/** What the API shows of a stored form: no ciphertexts. */
export function presentForm(form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(form)) if (!k.endsWith('Enc')) out[k] = v;
  return out;
}
