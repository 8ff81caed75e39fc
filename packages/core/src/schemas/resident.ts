import { z } from 'zod';
import { idNumber, phone } from './common';

/** A volunteer's own sign-in password: 8–64 characters with a letter and a digit. */
export const residentPassword = z
  .string()
  .min(8, '密码至少 8 位')
  .max(64, '密码不超过 64 位')
  .refine((s) => /[A-Za-z]/.test(s) && /\d/.test(s), '密码需同时包含字母和数字');

/** Opening the sign-in account of a registered volunteer (ID number and phone must match the record). */
export const residentAccountInput = z.object({
  idNumber,
  phone,
  password: residentPassword,
});
export type ResidentAccountInput = z.infer<typeof residentAccountInput>;

export const residentLoginInput = z.object({
  idNumber: z.string().trim().min(1, '请输入身份证号').max(18, '身份证号为 18 位'),
  password: z.string().min(1, '请输入密码').max(200),
});
export type ResidentLoginInput = z.infer<typeof residentLoginInput>;
