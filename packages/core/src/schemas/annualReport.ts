import { z } from 'zod';

const count = (label: string, max = 1_000_000) =>
  z
    .number({ message: `请填写${label}` })
    .int(`${label}须为整数`)
    .min(0, `${label}不能为负`)
    .max(max, `${label}不能大于 ${max}`);

/** Integer fen, at most ¥100,000,000. */
const fen = (label: string) =>
  z
    .number({ message: `请填写${label}` })
    .int(`${label}以分为单位，须为整数`)
    .min(0, `${label}不能为负`)
    .max(10_000_000_000, `${label}过大，请核对`);

const text = (label: string, max: number) => z.string().trim().max(max, `${label}不超过 ${max} 字`);

export const incomeSources = [
  'government_purchase',
  'subsidy',
  'donation',
  'dues',
  'service_fee',
  'other',
] as const;
export const incomeSourceLabels: Readonly<Record<(typeof incomeSources)[number], string>> = {
  government_purchase: '政府购买服务',
  subsidy: '财政补助',
  donation: '社会捐赠',
  dues: '会费',
  service_fee: '服务收费',
  other: '其他收入',
};
export const spendingPurposes = ['activities', 'projects', 'staff', 'admin', 'other'] as const;
export const spendingPurposeLabels: Readonly<Record<(typeof spendingPurposes)[number], string>> = {
  activities: '活动支出',
  projects: '项目支出',
  staff: '人员支出',
  admin: '办公及管理支出',
  other: '其他支出',
};

/**
 * The annual report form. A draft may be saved incomplete (every part has a default); the
 * submission rules (`annualReportSubmitProblems`) say what must be there before it is sent.
 */
export const annualReportContent = z.object({
  summary: text('年度工作总结', 5000).default(''),
  activitiesHeld: count('全年开展活动次数', 10_000).default(0),
  participants: count('参与活动人次').default(0),
  projects: z
    .array(
      z.object({
        name: text('项目名称', 100).min(1, '请填写项目名称'),
        beneficiaries: count('受益人次').default(0),
        spentFen: fen('项目支出').default(0),
      }),
    )
    .max(50, '服务项目不超过 50 个')
    .default([]),
  members: z
    .object({
      count: count('年末成员数').default(0),
      joined: count('本年新增成员').default(0),
      left: count('本年退出成员').default(0),
    })
    .default({ count: 0, joined: 0, left: 0 }),
  leaderChanged: z.boolean({ message: '请选择负责人是否变更' }).default(false),
  leaderChangeNote: text('负责人变更情况', 500).default(''),
  income: z
    .array(
      z.object({ source: z.enum(incomeSources, { message: '收入来源无效' }), amountFen: fen('收入金额') }),
    )
    .max(20, '收入明细不超过 20 条')
    .default([]),
  spending: z
    .array(
      z.object({
        purpose: z.enum(spendingPurposes, { message: '支出用途无效' }),
        amountFen: fen('支出金额'),
      }),
    )
    .max(20, '支出明细不超过 20 条')
    .default([]),
  partyBuilding: text('党建工作情况', 1000).default(''),
  volunteerWork: text('志愿服务记录工作', 1000).default(''),
  training: z
    .array(
      z.object({
        course: text('培训名称', 100).min(1, '请填写培训名称'),
        hours: z
          .number({ message: '请填写培训学时' })
          .min(0, '培训学时不能为负')
          .max(1000, '培训学时不超过 1000'),
      }),
    )
    .max(50, '培训记录不超过 50 条')
    .default([]),
  disclosure: text('信息公开情况', 1000).default(''),
});
export type AnnualReportContent = z.infer<typeof annualReportContent>;

/** Field problems that block a submission (Chinese, by field path); empty when it may be sent. */
export function annualReportSubmitProblems(c: AnnualReportContent): Record<string, string> {
  const out: Record<string, string> = {};
  if (c.summary.trim().length < 20) out.summary = '年度工作总结不少于 20 字';
  if (c.leaderChanged && !c.leaderChangeNote.trim()) out.leaderChangeNote = '负责人有变更时请说明变更情况';
  if (c.members.count < 1) out['members.count'] = '请填写年末成员数';
  return out;
}

/** Advice shown to the reviewer and the leader (does not block a submission). */
export function annualReportAdvice(c: AnnualReportContent): string[] {
  const out: string[] = [];
  if (c.projects.length === 0) out.push('本年度未填报服务项目（每年应至少开展一个服务项目）');
  if (c.activitiesHeld === 0) out.push('本年度未开展活动');
  const income = c.income.reduce((s, x) => s + x.amountFen, 0);
  const spending = c.spending.reduce((s, x) => s + x.amountFen, 0);
  if (spending > income) out.push('支出大于收入，请说明资金来源');
  return out;
}

export const annualReportEventInput = z.object({
  event: z.enum(['submit', 'pass', 'basic_pass', 'fail', 'return'], { message: '操作无效' }),
  reason: text('意见', 500).optional(),
  version: z.number({ message: '缺少版本号' }).int().min(1),
});
export type AnnualReportEventInput = z.infer<typeof annualReportEventInput>;
