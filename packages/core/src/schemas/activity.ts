import { z } from 'zod';
import { serviceCategories } from '../volunteer/labels';
import {
  ACTIVITY_COEFFICIENT_MAX,
  ACTIVITY_COEFFICIENT_MIN,
  activityTimingErrors,
  signUpEvents,
} from '../workflows/signup';
import { regionCode12, version } from './common';

/** Service activities and sign-ups: request schemas (times are ISO 8601 with an offset). */

const dateTime = (label: string) =>
  z.iso.datetime({ offset: true, message: `${label}格式不正确（须为带时区的日期时间）` });

const title = z.string().trim().min(2, '活动名称至少 2 个字').max(100, '活动名称不超过 100 个字');
const content = z.string().trim().min(1, '请填写活动内容').max(5000, '活动内容不超过 5000 字');
const place = z.string().trim().min(1, '请填写活动地点').max(200, '活动地点不超过 200 字');
const category = z.enum(serviceCategories, { message: '请选择服务类别' });
const wanted = z
  .number({ message: '请填写招募人数' })
  .int('招募人数须为整数')
  .min(1, '招募人数至少 1 人')
  .max(10_000, '招募人数不超过 10000 人');
/** Difficulty coefficient 0.5–3.0, at most two decimals (stored as hundredths). */
const coefficient = z
  .number({ message: '请填写难度系数' })
  .min(ACTIVITY_COEFFICIENT_MIN / 100, '难度系数不低于 0.5')
  .max(ACTIVITY_COEFFICIENT_MAX / 100, '难度系数不高于 3.0')
  .refine((x) => Math.abs(Math.round(x * 100) - x * 100) < 1e-6, '难度系数最多两位小数');

const timingRefine = (
  a: { startsAt?: string; endsAt?: string; signupOpensAt?: string; signupClosesAt?: string },
  ctx: z.RefinementCtx,
) => {
  if (!a.startsAt || !a.endsAt) return;
  for (const [path, message] of Object.entries(
    activityTimingErrors({
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      signupOpensAt: a.signupOpensAt,
      signupClosesAt: a.signupClosesAt,
    }),
  ))
    ctx.addIssue({ code: 'custom', path: [path], message });
};

const activityFields = {
  title,
  content,
  category,
  place,
  /** the community (12 digits) where it takes place; defaults to the organization's */
  regionCode: regionCode12.optional(),
  startsAt: dateTime('开始时间'),
  endsAt: dateTime('结束时间'),
  wanted,
  /** defaults to the time of creation */
  signupOpensAt: dateTime('报名开始时间').optional(),
  /** defaults to the start of the activity */
  signupClosesAt: dateTime('报名截止时间').optional(),
  coefficient: coefficient.optional().default(1),
};

export const activityInput = z.object(activityFields).superRefine(timingRefine);
export type ActivityInput = z.infer<typeof activityInput>;

/** Partial update; the cross-field rules are checked against the merged activity by the server. */
export const activityPatch = z.object({
  version,
  title: title.optional(),
  content: content.optional(),
  category: category.optional(),
  place: place.optional(),
  regionCode: regionCode12.optional(),
  startsAt: dateTime('开始时间').optional(),
  endsAt: dateTime('结束时间').optional(),
  wanted: wanted.optional(),
  signupOpensAt: dateTime('报名开始时间').optional(),
  signupClosesAt: dateTime('报名截止时间').optional(),
  coefficient: coefficient.optional(),
});
export type ActivityPatch = z.infer<typeof activityPatch>;

export const activityPublish = z.object({ version });
export const activityCancel = z.object({
  version,
  reason: z.string().trim().min(1, '请填写取消原因').max(200, '取消原因不超过 200 字'),
});
export type ActivityCancel = z.infer<typeof activityCancel>;

export const signUpInput = z.object({ volunteerId: z.string().uuid('志愿者编号格式不正确') });

export const signUpDecision = z.object({
  event: z.enum(signUpEvents as [string, ...string[]], { message: '请选择录用、候补、不录用或取消' }),
  reason: z.string().trim().max(200, '理由不超过 200 字').optional(),
  version,
});
export type SignUpDecision = z.infer<typeof signUpDecision>;
