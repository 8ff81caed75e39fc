import { z } from 'zod';
import { consentPurposes } from '../volunteer/eligibility';
import { emptyToUndefined, idNumber, personName, phone, regionCode12, version } from './common';

/**
 * Volunteer registration and teams: request schemas, plus the minimal consent vocabulary they need
 * (PIPL: a separate consent for recording and for each use of the data; purposes from volunteer/eligibility).
 */
/** How a consent was given. */
export const volunteerConsentHows = ['self', 'staff_recorded', 'guardian'] as const;
export type VolunteerConsentHow = (typeof volunteerConsentHows)[number];
export const volunteerConsentHowLabels: Readonly<Record<VolunteerConsentHow, string>> = {
  self: '本人同意',
  staff_recorded: '工作人员代为记录本人同意',
  guardian: '监护人同意',
};
export const volunteerStatuses = ['active', 'inactive'] as const;
export const volunteerStatusLabels: Readonly<Record<(typeof volunteerStatuses)[number], string>> = {
  active: '正常',
  inactive: '已停用',
};
export const teamMembershipStates = ['requested', 'approved', 'rejected', 'left'] as const;
export type TeamMembershipState = (typeof teamMembershipStates)[number];
export const teamMembershipStateLabels: Readonly<Record<TeamMembershipState, string>> = {
  requested: '待审核',
  approved: '已加入',
  rejected: '未通过',
  left: '已退出',
};
/** Under this age (周岁) a guardian registers and consents. */
export const VOLUNTEER_GUARDIAN_AGE = 14;

const tagList = (label: string) =>
  z
    .array(z.string().trim().min(1, `${label}不能为空`).max(20, `${label}每项不超过 20 字`), {
      message: `${label}格式不正确`,
    })
    .max(20, `${label}最多 20 项`);

export const volunteerConsentItem = z.object({
  purpose: z.enum(consentPurposes, { message: '同意事项无效' }),
  granted: z.boolean({ message: '请选择是否同意' }),
});

const consents = z
  .array(volunteerConsentItem)
  .max(consentPurposes.length * 2)
  .refine((list) => list.some((c) => c.purpose === 'record' && c.granted), '须同意记录志愿者信息才能注册')
  // the ID number is sensitive personal information: it needs its own consent (PIPL art. 29)
  .refine(
    (list) => list.some((c) => c.purpose === 'sensitive_id' && c.granted),
    '须单独同意处理身份证号才能注册',
  );

/** Registration by the volunteer (H5) or by staff with the volunteer's consent. */
export const volunteerInput = z.object({
  realName: personName,
  idNumber,
  phone,
  regionCode: regionCode12,
  skills: tagList('技能').optional().default([]),
  interests: tagList('服务意向').optional().default([]),
  consents,
  guardianName: emptyToUndefined(personName),
  guardianPhone: emptyToUndefined(phone),
  /** the guardian agrees (required under 14) */
  guardianConsent: z.boolean().optional(),
  /** staff/leader: put the new volunteer straight into one of their teams */
  teamId: z.string().uuid('服务队编号格式不正确').optional(),
});
export type VolunteerInput = z.infer<typeof volunteerInput>;

/** The public self-registration form (no team). */
export const volunteerRegistrationInput = volunteerInput.omit({ teamId: true });
export type VolunteerRegistrationInput = z.infer<typeof volunteerRegistrationInput>;

export const volunteerPatch = z.object({
  version,
  realName: personName.optional(),
  phone: phone.optional(),
  regionCode: regionCode12.optional(),
  skills: tagList('技能').optional(),
  interests: tagList('服务意向').optional(),
  status: z.enum(volunteerStatuses, { message: '状态无效' }).optional(),
  guardianName: emptyToUndefined(personName),
  guardianPhone: emptyToUndefined(phone),
});
export type VolunteerPatch = z.infer<typeof volunteerPatch>;

export const volunteerConsentChange = volunteerConsentItem.extend({
  how: z
    .enum(['staff_recorded', 'guardian'], { message: '同意方式无效' })
    .optional()
    .default('staff_recorded'),
});
export type VolunteerConsentChange = z.infer<typeof volunteerConsentChange>;

export const teamInput = z.object({
  name: z.string().trim().min(2, '服务队名称至少 2 个字').max(50, '服务队名称不超过 50 个字'),
  regionCode: regionCode12.optional(),
  description: z.string().trim().max(500, '简介不超过 500 字').optional().default(''),
});
export type TeamInput = z.infer<typeof teamInput>;

export const teamJoinInput = z.object({
  volunteerId: z.string().uuid('志愿者编号格式不正确'),
});

export const membershipDecision = z.object({
  decision: z.enum(['approve', 'reject'], { message: '请选择通过或不通过' }),
  reason: z.string().trim().max(200, '理由不超过 200 字').optional(),
});
export type MembershipDecision = z.infer<typeof membershipDecision>;
