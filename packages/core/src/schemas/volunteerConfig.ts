import { z } from 'zod';
import { validateStarConfig } from '../volunteer/stars';
import { isoDate } from './common';

const int = (label: string, min: number, max: number) =>
  z
    .number({ message: `请填写${label}` })
    .int(`${label}须为整数`)
    .min(min, `${label}不能小于 ${min}`)
    .max(max, `${label}不能大于 ${max}`);

/** The deployment's volunteer-service configuration (stars, points, expiry, check-in timing, calendar). */
export const volunteerConfigInput = z.object({
  stars: z
    .object({
      thresholds: z
        .array(z.number({ message: '星级门槛应为小时数' }).positive('星级门槛应为正数').max(100_000), {
          message: '请填写星级门槛',
        })
        .min(1, '至少应设置一个星级门槛')
        .max(10, '星级不超过 10 级'),
      basis: z.enum(['lifetime', 'year'], { message: '星级计算口径应为累计或年度' }),
    })
    .superRefine((s, ctx) => {
      for (const p of validateStarConfig(s))
        ctx.addIssue({ code: 'custom', path: ['thresholds'], message: p });
    }),
  earn: z.object({
    rate: z
      .number({ message: '请填写每小时积分' })
      .min(0, '每小时积分不能为负')
      .max(100, '每小时积分不超过 100')
      .refine((x) => Math.abs(Math.round(x * 100) - x * 100) < 1e-6, '每小时积分最多两位小数'),
    rounding: z.enum(['floor', 'round', 'ceil'], { message: '请选择取整方式' }),
  }),
  expiry: z.union(
    [
      z.literal('never'),
      z.object({ kind: z.literal('yearEnd'), years: int('有效年数', 1, 10) }),
      z.object({ kind: z.literal('afterYears'), years: int('有效年数', 1, 10) }),
    ],
    { message: '积分有效期规则无效' },
  ),
  checkin: z.object({
    periodSeconds: int('签到码刷新间隔（秒）', 15, 300),
    graceSteps: int('过期签到码宽限次数', 0, 5),
    openBeforeMinutes: int('提前开放签到（分钟）', 0, 240),
    closeAfterMinutes: int('结束后允许签退（分钟）', 0, 1440),
  }),
  calendar: z.object({
    holidays: z.array(isoDate).max(100, '节假日不超过 100 天'),
    makeupWorkdays: z.array(isoDate).max(50, '调休上班日不超过 50 天'),
  }),
  version: z.number({ message: '缺少版本号' }).int().min(0),
});
export type VolunteerConfigInput = z.infer<typeof volunteerConfigInput>;

/** At most `digits` decimals (within floating-point noise). */
const decimals = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.abs(Math.round(x * f) - x * f) < 1e-6;
};

/**
 * Volunteer development targets (settings key `volunteerTargets`) as ratios of the resident
 * population. The console shows them as percentages, hence the messages in per cent; the bounds
 * match `validateVolunteerTargets` (above 0, at most 100 %), the organization ratio is capped at
 * 1 % (100 organizations per 10,000 residents), far above any local target.
 */
export const volunteerTargetsInput = z.object({
  volunteerRatio: z
    .number({ message: '请填写注册志愿者占常住人口比例' })
    .gt(0, '注册志愿者占常住人口比例应大于 0')
    .max(1, '注册志愿者占常住人口比例不能超过 100%')
    .refine((x) => decimals(x, 4), '注册志愿者占常住人口比例最多两位小数（如 13.25%）'),
  orgPerResident: z
    .number({ message: '请填写志愿服务组织占常住人口比例' })
    .gt(0, '志愿服务组织占常住人口比例应大于 0')
    .max(0.01, '志愿服务组织占常住人口比例不能超过 1%（每万人 100 个）')
    .refine((x) => decimals(x, 6), '志愿服务组织占常住人口比例最多四位小数（如 0.05%）'),
  version: z.number({ message: '缺少版本号' }).int().min(0),
});
export type VolunteerTargetsInput = z.infer<typeof volunteerTargetsInput>;
