import { z } from 'zod';
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
import { orgName } from './organization';

/** 备案申请表 */
export const filingForm = z.object({
  name: orgName,
  category: z.string().trim().min(1, '请选择组织类别'),
  businessScope: z.string().trim().min(2, '请填写业务范围').max(500, '业务范围不超过 500 字'),
  venue: z.string().trim().min(2, '请填写活动场所').max(200, '活动场所不超过 200 字'),
  foundedOn: emptyToUndefined(pastDate),
  charter: z.string().trim().min(10, '请填写简易章程（至少 10 个字）').max(5000, '章程不超过 5000 字'),
  leaderName: personName,
  /** required on a new form; may be left out on update to keep the stored one */
  leaderIdNumber: emptyToUndefined(idNumber),
  leaderPhone: emptyToUndefined(phone),
  memberCount: z.number({ message: '请填写成员人数' }).int().min(3, '成员人数不少于 3 人').max(10000),
  contactName: optionalText(30, '联系人'),
  contactPhone: emptyToUndefined(phone),
  note: optionalText(1000, '备注'),
});
export type FilingForm = z.infer<typeof filingForm>;

export const createApplication = z.object({
  kind: z.literal('filing', { message: '只能直接新建备案申请' }),
  organizationId: z.string().uuid().optional(),
  regionCode: regionCode12,
  form: filingForm,
});

export const updateApplication = z.object({ version, form: filingForm });

export const applicationEvent = z.object({
  event: z.string().min(1).max(40),
  version,
  reason: z.string().trim().max(1000, '原因不超过 1000 字').optional(),
  uscc: z.string().trim().optional(),
});
