import { z } from 'zod';
import { version } from './common';

/** Points ledger and the exchange ("金相邻"): request schemas. */

const points = (label: string) =>
  z
    .number({ message: `请填写${label}` })
    .int(`${label}须为整数`)
    .min(1, `${label}至少 1 分`)
    .max(100_000, `${label}不超过 100000 分`);

/** A client-chosen key that makes a retried request harmless (8–80 characters). */
export const idempotencyKey = z
  .string({ message: '缺少请求编号' })
  .trim()
  .min(8, '请求编号至少 8 个字符')
  .max(80, '请求编号不超过 80 个字符')
  .regex(/^[A-Za-z0-9_:.-]+$/, '请求编号只能包含字母、数字和 _ : . -');

export const pointAdjustmentKinds = ['bonus', 'deduction'] as const;

/** A bonus or a deduction by staff: always with a reason. */
export const pointAdjustmentInput = z.object({
  kind: z.enum(pointAdjustmentKinds, { message: '请选择奖励或扣减' }),
  points: points('积分'),
  reason: z.string({ message: '请填写原因' }).trim().min(2, '原因至少 2 个字').max(200, '原因不超过 200 字'),
  idempotencyKey,
});
export type PointAdjustmentInput = z.infer<typeof pointAdjustmentInput>;

export const rewardProviderKinds = ['community', 'merchant'] as const;
export const rewardProviderKindLabels: Readonly<Record<(typeof rewardProviderKinds)[number], string>> = {
  community: '社区',
  merchant: '合作商家',
};
export const rewardItemStatuses = ['listed', 'delisted'] as const;
export const rewardItemStatusLabels: Readonly<Record<(typeof rewardItemStatuses)[number], string>> = {
  listed: '上架中',
  delisted: '已下架',
};
export const redemptionStates = ['issued', 'picked_up', 'cancelled'] as const;
export const redemptionStateLabels: Readonly<Record<(typeof redemptionStates)[number], string>> = {
  issued: '待领取',
  picked_up: '已领取',
  cancelled: '已取消',
};

const itemName = z
  .string({ message: '请填写名称' })
  .trim()
  .min(2, '名称至少 2 个字')
  .max(60, '名称不超过 60 字');
const description = z.string().trim().max(1000, '说明不超过 1000 字');
const providerName = z
  .string({ message: '请填写提供方' })
  .trim()
  .min(2, '提供方名称至少 2 个字')
  .max(60, '提供方名称不超过 60 字');
const pickupPlace = z
  .string({ message: '请填写领取地点' })
  .trim()
  .min(2, '领取地点至少 2 个字')
  .max(200, '领取地点不超过 200 字');
const perPersonLimit = z
  .number({ message: '每人限兑数量须为整数' })
  .int('每人限兑数量须为整数')
  .min(1, '每人限兑至少 1 件')
  .max(1000, '每人限兑不超过 1000 件')
  .nullable();

export const rewardItemInput = z.object({
  name: itemName,
  description: description.default(''),
  providerKind: z.enum(rewardProviderKinds, { message: '请选择提供方类型' }),
  providerName,
  /** community or street node (12 digits) the offer belongs to */
  regionCode: z
    .string({ message: '请选择所属社区或街道' })
    .regex(/^\d{12}$/, '请选择所属社区或街道（12 位区划代码）'),
  pickupPlace,
  pricePoints: points('兑换积分'),
  stock: z
    .number({ message: '请填写库存' })
    .int('库存须为整数')
    .min(0, '库存不能为负数')
    .max(100_000, '库存不超过 100000'),
  perPersonLimit: perPersonLimit.optional(),
});
export type RewardItemInput = z.infer<typeof rewardItemInput>;

export const rewardItemPatch = z.object({
  version,
  name: itemName.optional(),
  description: description.optional(),
  providerKind: z.enum(rewardProviderKinds, { message: '请选择提供方类型' }).optional(),
  providerName: providerName.optional(),
  pickupPlace: pickupPlace.optional(),
  pricePoints: points('兑换积分').optional(),
  perPersonLimit: perPersonLimit.optional(),
});
export type RewardItemPatch = z.infer<typeof rewardItemPatch>;

const reason = z
  .string({ message: '请填写原因' })
  .trim()
  .min(2, '原因至少 2 个字')
  .max(200, '原因不超过 200 字');

/** Add (positive) or remove (negative) stock, with a reason. */
export const rewardStockAdjustment = z.object({
  version,
  delta: z
    .number({ message: '请填写调整数量' })
    .int('调整数量须为整数')
    .min(-100_000, '调整数量超出范围')
    .max(100_000, '调整数量超出范围')
    .refine((n) => n !== 0, '调整数量不能为 0'),
  reason,
});
export type RewardStockAdjustment = z.infer<typeof rewardStockAdjustment>;

export const rewardItemStatusChange = z.object({ version, reason: reason.optional() });

export const redemptionInput = z.object({
  itemId: z.string({ message: '请选择兑换商品' }).uuid('商品编号格式不正确'),
  idempotencyKey,
});
export type RedemptionInput = z.infer<typeof redemptionInput>;

/** Pickup codes: 8 characters without look-alikes (no 0/O, 1/I/L). */
export const PICKUP_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const pickupCode = z
  .string({ message: '请输入取货码' })
  .trim()
  .transform((s) => s.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/, '取货码为 8 位字母或数字'));

export const redemptionVerify = z.object({ pickupCode });
export const redemptionCancel = z.object({ reason });
