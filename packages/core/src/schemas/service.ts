import { z } from 'zod';
import { checkinKinds } from '../volunteer/labels';
import { version } from './common';

/** Check-in/out, backfills, service records and amendments: request schemas. */

const dateTime = (label: string) =>
  z.iso.datetime({ offset: true, message: `${label}格式不正确（须为带时区的日期时间）` });
const uuid = (label: string) => z.string().uuid(`${label}格式不正确`);
const reason = (label: string, max = 500) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}不超过 ${max} 字`);
const minutes = z
  .number({ message: '请填写服务时长（分钟）' })
  .int('服务时长须为整数分钟')
  .min(0, '服务时长不能为负数')
  .max(24 * 60 * 7, '服务时长不超过 7 天');

export const checkinKind = z.enum(checkinKinds, { message: '请选择签到或签退' });

/** A volunteer scans the QR token, or types the 6-digit code for an activity. */
export const checkinScan = z.union(
  [
    z.object({ token: z.string().trim().min(1, '二维码内容为空').max(2048, '二维码无法识别') }),
    z.object({
      activityId: uuid('活动编号'),
      kind: checkinKind,
      code: z.string().trim().min(1, '请输入6位数字签到码').max(20, '请输入6位数字签到码'),
    }),
  ],
  { message: '请扫描二维码或输入6位签到码' },
);
export type CheckinScan = z.infer<typeof checkinScan>;

export const backfillKinds = ['missing_checkout', 'paper_sheet'] as const;
export type BackfillKind = (typeof backfillKinds)[number];
export const backfillKindLabels: Readonly<Record<BackfillKind, string>> = {
  missing_checkout: '漏签退',
  paper_sheet: '纸质签到表',
};
export const backfillStates = ['pending', 'approved', 'rejected'] as const;
export type BackfillState = (typeof backfillStates)[number];
export const backfillStateLabels: Readonly<Record<BackfillState, string>> = {
  pending: '待复核',
  approved: '已通过',
  rejected: '已驳回',
};

/** An organizer's backfill: a span (from/to) or a number of minutes, with a reason. */
export const backfillInput = z
  .object({
    volunteerId: uuid('志愿者编号'),
    kind: z.enum(backfillKinds, { message: '请选择补录类型（漏签退或纸质签到表）' }),
    from: dateTime('开始时间').optional(),
    to: dateTime('结束时间').optional(),
    minutes: minutes.optional(),
    reason: reason('补录原因'),
  })
  .superRefine((b, ctx) => {
    const span = b.from !== undefined || b.to !== undefined;
    if (span && (!b.from || !b.to)) {
      ctx.addIssue({ code: 'custom', path: [b.from ? 'to' : 'from'], message: '请同时填写开始和结束时间' });
    } else if (span && b.minutes !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: '时间段和时长只填一项' });
    } else if (!span && b.minutes === undefined) {
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: '请填写服务时间段或时长' });
    } else if (span && b.from && b.to && Date.parse(b.to) < Date.parse(b.from)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: '结束时间不能早于开始时间' });
    }
  });
export type BackfillInput = z.infer<typeof backfillInput>;

export const reviewDecisions = ['approve', 'reject'] as const;
/** Second-person review of a backfill or an amendment; a rejection needs a reason. */
export const reviewDecision = z
  .object({
    decision: z.enum(reviewDecisions, { message: '请选择通过或驳回' }),
    reason: z.string().trim().max(500, '理由不超过 500 字').optional(),
    version,
  })
  .superRefine((d, ctx) => {
    if (d.decision === 'reject' && !d.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '驳回须填写理由' });
  });
export type ReviewDecision = z.infer<typeof reviewDecision>;

export const amendmentStates = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type AmendmentState = (typeof amendmentStates)[number];
export const amendmentStateLabels: Readonly<Record<AmendmentState, string>> = {
  pending: '待审核',
  approved: '已更正',
  rejected: '已驳回',
  withdrawn: '已撤回',
};

/** What a volunteer asks to correct: minutes, or the times, and/or the content. */
export const amendmentProposal = z
  .object({
    minutes: minutes.optional(),
    startedAt: dateTime('开始时间').optional(),
    endedAt: dateTime('结束时间').optional(),
    content: z.string().trim().min(1, '服务内容不能为空').max(2000, '服务内容不超过 2000 字').optional(),
  })
  .superRefine((p, ctx) => {
    const times = p.startedAt !== undefined || p.endedAt !== undefined;
    if (times && (!p.startedAt || !p.endedAt))
      ctx.addIssue({
        code: 'custom',
        path: [p.startedAt ? 'endedAt' : 'startedAt'],
        message: '请同时填写开始和结束时间',
      });
    else if (times && p.minutes !== undefined)
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: '时间段和时长只填一项' });
    else if (times && Date.parse(p.endedAt!) < Date.parse(p.startedAt!))
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: '结束时间不能早于开始时间' });
    if (!times && p.minutes === undefined && p.content === undefined)
      ctx.addIssue({ code: 'custom', path: ['minutes'], message: '请填写要更正的时长、时间或服务内容' });
  });
export type AmendmentProposal = z.infer<typeof amendmentProposal>;

export const amendmentInput = z.object({
  reason: reason('更正理由'),
  proposed: amendmentProposal,
});
export type AmendmentInput = z.infer<typeof amendmentInput>;

export const noShowInput = z.object({
  volunteerIds: z
    .array(uuid('志愿者编号'), { message: '请选择缺席的志愿者' })
    .min(1, '请选择缺席的志愿者')
    .max(1000),
});

export const serviceRecordSources = ['checkin', 'backfill'] as const;
export type ServiceRecordSource = (typeof serviceRecordSources)[number];
export const serviceRecordSourceLabels: Readonly<Record<ServiceRecordSource, string>> = {
  checkin: '扫码签到',
  backfill: '补录',
};
export const serviceRecordStatusLabels: Readonly<Record<string, string>> = {
  valid: '有效',
  superseded: '已更正（历史版本）',
  voided: '已作废',
};
