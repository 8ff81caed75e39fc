import { z } from 'zod';
import { validateIdNumber } from '../identifiers/idNumber';
import { validatePhone } from '../identifiers/phone';
import { validateUscc } from '../identifiers/uscc';

const today = () => new Date().toISOString().slice(0, 10);

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    '日期无效',
  );

export const pastDate = isoDate.refine((s) => s <= today(), '日期不能晚于今天');

export const personName = z.string().trim().min(2, '姓名至少 2 个字').max(30, '姓名不超过 30 个字');

export const idNumber = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((s, ctx) => {
    const r = validateIdNumber(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });

export const phone = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    const r = validatePhone(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });

export const uscc = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .superRefine((s, ctx) => {
    const r = validateUscc(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
  });

export const regionCode12 = z.string().regex(/^\d{12}$/, '请选择所属社区（12 位区划代码）');

export const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label}不超过 ${max} 字`).optional().default('');

/** Treat empty strings from forms as "not given". */
export const emptyToUndefined = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

export const version = z.number({ message: '缺少版本号' }).int().min(1);
