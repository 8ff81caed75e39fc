import { z } from 'zod';
import { partyStatuses } from '../labels';
import {
  emptyToUndefined,
  idNumber,
  optionalText,
  pastDate,
  personName,
  phone,
  regionCode12,
  version,
} from './common';

export const orgName = z.string().trim().min(2, '组织名称至少 2 个字').max(50, '组织名称不超过 50 个字');

const trimmed = (max: number, label: string) => z.string().trim().max(max, `${label}不超过 ${max} 字`);

/** Field rules shared by create and patch (no defaults here, so a patch never blanks what it leaves out). */
const organizationFields = {
  name: orgName,
  category: z.string().trim().min(1, '请选择组织类别'),
  regionCode: regionCode12,
  businessScope: trimmed(500, '业务范围'),
  venue: trimmed(200, '活动场所'),
  foundedOn: emptyToUndefined(pastDate),
  charter: trimmed(5000, '章程'),
  leaderName: personName,
  leaderIdNumber: emptyToUndefined(idNumber),
  leaderPhone: emptyToUndefined(phone),
  contactName: trimmed(30, '联系人'),
  contactPhone: emptyToUndefined(phone),
  isHub: z.boolean(),
  partyStatus: z.enum(partyStatuses, { message: '党组织情况无效' }),
};

/** Fields of an organization that staff type in (create an activity group). */
export const organizationInput = z.object({
  ...organizationFields,
  businessScope: organizationFields.businessScope.optional().default(''),
  venue: organizationFields.venue.optional().default(''),
  charter: organizationFields.charter.optional().default(''),
  contactName: organizationFields.contactName.optional().default(''),
  isHub: organizationFields.isHub.optional().default(false),
  partyStatus: organizationFields.partyStatus.optional().default('none'),
});
export type OrganizationInput = z.infer<typeof organizationInput>;

export const organizationPatch = z.object(organizationFields).partial().extend({ version });
export type OrganizationPatch = z.infer<typeof organizationPatch>;

/** Fields that, for filed and registered organizations, change only through a reviewed change application. */
export const reviewedFields = [
  'name',
  'leaderName',
  'leaderIdNumber',
  'leaderPhone',
  'venue',
  'businessScope',
] as const;

export const changeRequest = z.object({
  changes: z
    .object({
      name: orgName.optional(),
      leaderName: personName.optional(),
      leaderIdNumber: emptyToUndefined(idNumber),
      leaderPhone: emptyToUndefined(phone),
      venue: z.string().trim().min(1, '活动场所不能为空').max(200).optional(),
      businessScope: z.string().trim().min(1, '业务范围不能为空').max(500).optional(),
    })
    .refine((c) => Object.values(c).some((v) => v !== undefined), '请至少填写一项变更内容'),
  note: optionalText(500, '变更说明'),
});

export const exitRequest = z.object({
  kind: z.enum(['dissolution', 'cancellation'], { message: '请选择退出方式' }),
  reason: z.string().trim().min(2, '请填写退出原因').max(500),
});

export const memberInput = z.object({
  name: personName,
  role: z.string().trim().min(1).max(20).optional().default('成员'),
  phone: emptyToUndefined(phone),
  joinedOn: emptyToUndefined(pastDate),
});
export const memberPatch = memberInput.partial().extend({ version });

export const ledgerActivityInput = z.object({
  heldOn: pastDate,
  title: z.string().trim().min(2, '活动名称至少 2 个字').max(100),
  place: optionalText(200, '活动地点'),
  participants: z.number().int().min(0, '参与人数不能为负').max(100000).optional().default(0),
  description: optionalText(2000, '活动内容'),
});
