import { z } from 'zod';
import { isoDate, version } from './common';

/** Volunteer self sign-up, credit, restrictions, appeals, training and commendations: request schemas. */

const uuid = (label: string) => z.string().uuid(`${label}格式不正确`);
const text = (label: string, min: number, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
    .max(max, `${label}不超过 ${max} 字`);
const optionalNote = z.string().trim().max(500, '备注不超过 500 字').optional().default('');

/** A volunteer signs up for an activity on the H5 page. */
export const selfSignUpInput = z.object({ activityId: uuid('活动编号') });
export type SelfSignUpInput = z.infer<typeof selfSignUpInput>;

export const mySignUpFilters = ['upcoming', 'past'] as const;

/** Negative events staff (or the organizer) record by hand. */
export const manualCreditKinds = ['misconduct', 'left_early', 'false_record', 'no_show'] as const;
export type ManualCreditKind = (typeof manualCreditKinds)[number];

export const creditEventInput = z.object({
  kind: z.enum(manualCreditKinds, { message: '请选择事项类型' }),
  title: text('事项说明', 2, 100),
  occurredAt: z.iso.datetime({ offset: true, message: '发生时间格式不正确（须为带时区的日期时间）' }),
  note: optionalNote,
  /** The activity the event happened in: its organizer may record it. */
  activityId: uuid('活动编号').optional(),
});
export type CreditEventInput = z.infer<typeof creditEventInput>;

export const restrictionInput = z.object({
  reason: text('限制原因', 2, 500),
  /** Last day sign-ups are blocked (Asia/Shanghai). */
  untilDate: isoDate,
});
export type RestrictionInput = z.infer<typeof restrictionInput>;

export const restrictionLift = z.object({ reason: text('解除原因', 2, 500), version });
export type RestrictionLift = z.infer<typeof restrictionLift>;

export const creditAppealInput = z
  .object({
    eventId: uuid('信用记录编号').optional(),
    restrictionId: uuid('限制记录编号').optional(),
    reason: text('申诉理由', 5, 1000),
  })
  .superRefine((a, ctx) => {
    if (!!a.eventId === !!a.restrictionId)
      ctx.addIssue({
        code: 'custom',
        path: ['eventId'],
        message: '请选择要申诉的一条信用记录或一条限制报名记录',
      });
  });
export type CreditAppealInput = z.infer<typeof creditAppealInput>;

export const appealStates = ['pending', 'upheld', 'dismissed'] as const;
export const appealStateLabels: Readonly<Record<(typeof appealStates)[number], string>> = {
  pending: '待处理',
  upheld: '申诉成立',
  dismissed: '申诉驳回',
};

export const appealDecision = z.object({
  decision: z.enum(['uphold', 'dismiss'], { message: '请选择处理结果' }),
  reason: text('处理意见', 2, 500),
  version,
});
export type AppealDecision = z.infer<typeof appealDecision>;

export const trainingInput = z.object({
  course: text('课程名称', 2, 100),
  content: z.string().trim().max(2000, '培训内容不超过 2000 字').optional().default(''),
  minutes: z
    .number({ message: '请填写培训时长' })
    .int('培训时长须为整数分钟')
    .min(1, '培训时长至少 1 分钟')
    .max(24 * 60, '培训时长不超过 24 小时'),
  organizer: text('主办单位', 2, 100),
  heldOn: isoDate,
});
export type TrainingInput = z.infer<typeof trainingInput>;

export const awardInput = z.object({
  title: text('表彰名称', 2, 100),
  awardedBy: text('授予单位', 2, 100),
  awardedOn: isoDate,
  note: optionalNote,
});
export type AwardInput = z.infer<typeof awardInput>;
