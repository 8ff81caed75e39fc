import { z } from 'zod';
import { isoDate } from './common';

/** Volunteer statistics, service certificates and the national-system export: request schemas. */

const regionCodeParam = z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字');

/** Dashboard region (defaults to the caller's home region). */
export const volunteerStatsQuery = z.object({ regionCode: regionCodeParam.optional() });

/** A service certificate for a period (dates in Asia/Shanghai); one recording unit or all. */
export const serviceCertificateIssue = z.object({
  from: isoDate,
  to: isoDate,
  /** only records of this organization (the recording unit issues); omitted: all organizations */
  organizationId: z.string().uuid('组织编号格式不正确').optional(),
});
export type ServiceCertificateIssue = z.infer<typeof serviceCertificateIssue>;

export const serviceCertificateRevoke = z.object({
  reason: z.string().trim().min(2, '请填写撤销原因（至少 2 个字）').max(500, '撤销原因不超过 500 字'),
});

/** Certificate numbers: VC + district (6) + year + sequence, e.g. VC440305-2026-000001. */
export const serviceCertificateNumber = z
  .string()
  .trim()
  .regex(/^VC\d{6}-\d{4}-\d{6}$/, '证明编号格式不正确');

/** Records export in the layout of the national volunteer information system's batch import. */
export const nationalExportQuery = z.object({
  from: isoDate,
  to: isoDate,
  regionCode: regionCodeParam.optional(),
  /** full ID numbers (needs pii.reveal; audited); masked otherwise */
  reveal: z
    .enum(['true', 'false'], { message: 'reveal 应为 true 或 false' })
    .optional()
    .transform((v) => v === 'true'),
});
