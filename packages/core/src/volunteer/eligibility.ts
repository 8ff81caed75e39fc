import { ageOn, validateIdNumber } from '../identifiers/idNumber';

/**
 * Who may register as a volunteer and which consents are on record. Age comes from the birth
 * date in the ID number. Under 14 (PIPL: a child's personal information is sensitive) every
 * consent must be given by a guardian; the age is configuration because some places ask a
 * guardian for every minor. Each use of the data is a separate purpose with its own consent.
 */

export const consentPurposes = [
  'record',
  'sensitive_id',
  'certificate',
  'share_national_system',
  'publicity',
  'contact',
] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
export const consentPurposeLabels: Readonly<Record<ConsentPurpose, string>> = {
  record: '记录志愿服务信息',
  sensitive_id: '处理身份证号码等敏感个人信息',
  certificate: '出具志愿服务记录证明',
  share_national_system: '向全国志愿服务信息系统报送',
  publicity: '在表彰和宣传中展示姓名和服务事迹',
  contact: '通过电话或短信通知活动',
};

export function isConsentPurpose(s: unknown): s is ConsentPurpose {
  return typeof s === 'string' && (consentPurposes as readonly string[]).includes(s);
}

export interface Consent {
  purpose: ConsentPurpose;
  givenBy: 'self' | 'guardian';
  /** Withdrawn consents do not count. */
  withdrawn?: boolean;
}

export interface EligibilityConfig {
  /** Below this age every consent must come from a guardian (PIPL: 14). */
  guardianBelowAge: number;
  /** Consents needed to register at all. */
  requiredPurposes: readonly ConsentPurpose[];
}

export const defaultEligibilityConfig: Readonly<EligibilityConfig> = {
  guardianBelowAge: 14,
  requiredPurposes: ['record', 'sensitive_id'],
};

export type Eligibility =
  | {
      ok: true;
      birthDate: string;
      age: number;
      /** Under 18. */
      minor: boolean;
      needsGuardian: boolean;
      /** Purposes with a valid consent from the right person. */
      granted: ConsentPurpose[];
      /** Required purposes still missing; registration waits for them. */
      missing: ConsentPurpose[];
      canRegister: boolean;
      /** What to tell the person, in Chinese. */
      messages: string[];
    }
  | { ok: false; message: string };

/**
 * Checks an ID number and the consents given on `onDate` (YYYY-MM-DD). For someone under
 * `guardianBelowAge`, only guardian consents count.
 */
export function volunteerEligibility(
  idNumber: string,
  consents: readonly Consent[],
  onDate: string,
  config: EligibilityConfig = defaultEligibilityConfig,
): Eligibility {
  const id = validateIdNumber(idNumber, { today: onDate });
  if (!id.ok) return { ok: false, message: id.message };
  const age = ageOn(id.birthDate, onDate);
  const needsGuardian = age < config.guardianBelowAge;
  const granted = consentPurposes.filter((p) =>
    consents.some((c) => c.purpose === p && !c.withdrawn && (!needsGuardian || c.givenBy === 'guardian')),
  );
  const missing = config.requiredPurposes.filter((p) => !granted.includes(p));
  const messages: string[] = [];
  if (needsGuardian) messages.push(`未满${config.guardianBelowAge}周岁，需由监护人同意后注册`);
  if (missing.length > 0) {
    messages.push(
      `${needsGuardian ? '监护人' : '本人'}尚未同意：${missing.map((p) => consentPurposeLabels[p]).join('、')}`,
    );
  }
  return {
    ok: true,
    birthDate: id.birthDate,
    age,
    minor: age < 18,
    needsGuardian,
    granted,
    missing,
    canRegister: missing.length === 0,
    messages,
  };
}

/** Whether a specific use of the data is consented (e.g. before exporting to the national system). */
export function hasConsent(
  consents: readonly Consent[],
  purpose: ConsentPurpose,
  needsGuardian: boolean,
): boolean {
  return consents.some(
    (c) => c.purpose === purpose && !c.withdrawn && (!needsGuardian || c.givenBy === 'guardian'),
  );
}
