import type { Flow, StateOf } from './flow';

/**
 * Promotion of a filed organization to registration (登记): the street recommends it,
 * the district civil affairs bureau registers it (the server requires a valid USCC).
 * Withdrawal of a draft or returned recommendation by the street is an addition to
 * the brief, so that a returned recommendation can be closed.
 */
export const registrationFlow = {
  draft: {
    recommend: { to: 'district_review', by: ['street_officer'], label: '推荐登记' },
    withdraw: { to: 'withdrawn', by: ['street_officer'], label: '撤回' },
  },
  district_review: {
    register: { to: 'registered', by: ['district_officer'], label: '准予登记' },
    return: { to: 'returned', by: ['district_officer'], needsReason: true, label: '退回' },
    reject: { to: 'rejected', by: ['district_officer'], needsReason: true, label: '不予登记' },
  },
  returned: {
    resubmit: { to: 'district_review', by: ['street_officer'], label: '重新提交' },
    withdraw: { to: 'withdrawn', by: ['street_officer'], label: '撤回' },
  },
  registered: {},
  rejected: {},
  withdrawn: {},
} as const satisfies Flow;

export type RegistrationState = StateOf<typeof registrationFlow>;

export const registrationStateLabels: Readonly<Record<RegistrationState, string>> = {
  draft: '草稿',
  district_review: '区级审核',
  returned: '已退回',
  registered: '已登记',
  rejected: '不予登记',
  withdrawn: '已撤回',
};
