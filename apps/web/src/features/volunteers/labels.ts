import { volunteerStatusLabels } from '@linli/core/schemas/volunteer';
import { consentPurposeLabels, consentPurposes } from '@linli/core/volunteer/eligibility';
import { serviceCategoryLabels } from '@linli/core/volunteer/labels';

/** Chinese words for the volunteer codes shown in the console. */
export const sexLabels: Record<string, string> = { male: '男', female: '女' };
export const createdViaLabels: Record<string, string> = {
  self: '本人注册',
  staff: '工作人员登记',
  import: '批量导入',
};
export const statusOptions = Object.entries(volunteerStatusLabels).map(([value, label]) => ({
  value,
  label,
}));
export const statusColor: Record<string, string> = { active: 'green', inactive: 'default' };
export const membershipColor: Record<string, string> = {
  requested: 'orange',
  approved: 'green',
  rejected: 'red',
  left: 'default',
};

export const consentOptions = consentPurposes.map((p) => ({ value: p, label: consentPurposeLabels[p] }));
export const purposeLabel = (p: string) => (consentPurposeLabels as Record<string, string>)[p] ?? p;

export const categoryLabel = (code: string): string =>
  (serviceCategoryLabels as Readonly<Record<string, string>>)[code] ?? code;
export const labelOr = (m: Record<string, string>, k: string | null | undefined) => (k ? (m[k] ?? k) : '—');
