import { serviceCategories, serviceCategoryLabels, signUpStateLabels } from '@linli/core/volunteer/labels';
import { activityStatusLabels, signUpFlow } from '@linli/core/workflows/signup';

export const categoryOptions = serviceCategories.map((c) => ({ value: c, label: serviceCategoryLabels[c] }));
export const statusOptions = Object.entries(activityStatusLabels).map(([value, label]) => ({ value, label }));
export const activityStatusColor: Record<string, string> = {
  draft: 'default',
  published: 'blue',
  cancelled: 'red',
  finished: 'green',
};
export const signUpStateColor: Record<string, string> = {
  pending: 'orange',
  approved: 'green',
  waitlisted: 'gold',
  rejected: 'red',
  withdrawn: 'default',
  cancelled: 'default',
};
export const signUpStateLabel = (s: string) => (signUpStateLabels as Record<string, string>)[s] ?? s;

/** Event label and whether it needs a reason, from the sign-up state table. */
export function signUpEvent(state: string, event: string): { label: string; needsReason: boolean } {
  const edges = (signUpFlow as Record<string, Record<string, { label: string; needsReason?: boolean }>>)[
    state
  ];
  const e = edges?.[event];
  return { label: e?.label ?? event, needsReason: !!e?.needsReason };
}
