import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../identifiers/idNumber';
import {
  type Consent,
  consentPurposeLabels,
  consentPurposes,
  hasConsent,
  isConsentPurpose,
  volunteerEligibility,
} from './eligibility';

const adult = '11010519491231002X';
const child = makeIdNumber('11010520150601001'); // born 2015-06-01
const basic: Consent[] = [
  { purpose: 'record', givenBy: 'self' },
  { purpose: 'sensitive_id', givenBy: 'self' },
];

describe('volunteerEligibility', () => {
  it('lets an adult with the required consents register', () => {
    expect(volunteerEligibility(adult, basic, '2025-06-01')).toEqual({
      ok: true,
      birthDate: '1949-12-31',
      age: 75,
      minor: false,
      needsGuardian: false,
      granted: ['record', 'sensitive_id'],
      missing: [],
      canRegister: true,
      messages: [],
    });
  });

  it('lists missing consents in Chinese', () => {
    const r = volunteerEligibility(adult, [{ purpose: 'record', givenBy: 'self' }], '2025-06-01');
    expect(r).toMatchObject({
      canRegister: false,
      missing: ['sensitive_id'],
      messages: ['本人尚未同意：处理身份证号码等敏感个人信息'],
    });
  });

  it('ignores withdrawn consents', () => {
    const r = volunteerEligibility(adult, [basic[0], { ...basic[1], withdrawn: true }], '2025-06-01');
    expect(r).toMatchObject({ canRegister: false, missing: ['sensitive_id'] });
  });

  it('needs a guardian under 14, and counts only guardian consents', () => {
    const own = volunteerEligibility(child, basic, '2025-06-01');
    expect(own).toMatchObject({
      ok: true,
      age: 10,
      minor: true,
      needsGuardian: true,
      granted: [],
      canRegister: false,
      messages: [
        '未满14周岁，需由监护人同意后注册',
        '监护人尚未同意：记录志愿服务信息、处理身份证号码等敏感个人信息',
      ],
    });
    const guardian = basic.map((c) => ({ ...c, givenBy: 'guardian' as const }));
    expect(volunteerEligibility(child, guardian, '2025-06-01')).toMatchObject({
      canRegister: true,
      needsGuardian: true,
    });
  });

  it('switches at the 14th birthday', () => {
    const teen = makeIdNumber('11010520110601001'); // born 2011-06-01
    expect(volunteerEligibility(teen, basic, '2025-05-31')).toMatchObject({ age: 13, needsGuardian: true });
    expect(volunteerEligibility(teen, basic, '2025-06-01')).toMatchObject({
      age: 14,
      needsGuardian: false,
      minor: true,
      canRegister: true,
    });
  });

  it('lets a deployment ask a guardian for every minor and require more purposes', () => {
    const teen = makeIdNumber('11010520090601001');
    const r = volunteerEligibility(teen, basic, '2025-06-01', {
      guardianBelowAge: 18,
      requiredPurposes: ['record', 'sensitive_id', 'contact'],
    });
    expect(r).toMatchObject({ age: 16, needsGuardian: true, missing: ['record', 'sensitive_id', 'contact'] });
  });

  it('rejects an invalid ID number with its message', () => {
    expect(volunteerEligibility('110105194912310021', basic, '2025-06-01')).toEqual({
      ok: false,
      message: '身份证号码校验位错误，请核对',
    });
    expect(volunteerEligibility(makeIdNumber('11010520260101001'), basic, '2025-06-01')).toEqual({
      ok: false,
      message: '身份证号码中的出生日期不能晚于今天',
    });
  });
});

describe('consents', () => {
  it('labels every purpose', () => {
    for (const p of consentPurposes) expect(consentPurposeLabels[p]).toMatch(/[\u4e00-\u9fff]/);
    expect(consentPurposeLabels.share_national_system).toBe('向全国志愿服务信息系统报送');
    expect(isConsentPurpose('certificate')).toBe(true);
    expect(isConsentPurpose('marketing')).toBe(false);
  });

  it('checks one purpose', () => {
    const list: Consent[] = [{ purpose: 'share_national_system', givenBy: 'self' }];
    expect(hasConsent(list, 'share_national_system', false)).toBe(true);
    expect(hasConsent(list, 'share_national_system', true)).toBe(false);
    expect(hasConsent(list, 'publicity', false)).toBe(false);
  });
});
