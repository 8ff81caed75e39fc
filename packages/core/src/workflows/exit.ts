import type { Flow, StateOf } from './flow';

/**
 * Exit (退出): voluntary dissolution or cancellation/cleanup of a dormant organization.
 * The street decides for filed organizations, the district for registered ones (the
 * server checks which applies). Withdrawal of a draft or returned application is an
 * addition to the brief.
 */
export const exitFlow = {
  draft: {
    submit: { to: 'street_review', by: ['org_leader', 'community_staff', 'street_officer'], label: '提交' },
    withdraw: { to: 'withdrawn', by: ['org_leader', 'community_staff', 'street_officer'], label: '撤回' },
  },
  street_review: {
    approve: { to: 'exited', by: ['street_officer', 'district_officer'], label: '准予退出' },
    return: { to: 'returned', by: ['street_officer', 'district_officer'], needsReason: true, label: '退回' },
  },
  returned: {
    resubmit: {
      to: 'street_review',
      by: ['org_leader', 'community_staff', 'street_officer'],
      label: '重新提交',
    },
    withdraw: { to: 'withdrawn', by: ['org_leader', 'community_staff', 'street_officer'], label: '撤回' },
  },
  exited: {},
  withdrawn: {},
} as const satisfies Flow;

export type ExitState = StateOf<typeof exitFlow>;

export const exitStateLabels: Readonly<Record<ExitState, string>> = {
  draft: '草稿',
  street_review: '审核中',
  returned: '已退回',
  exited: '已退出',
  withdrawn: '已撤回',
};

export const exitKinds = { dissolution: '自行解散', cancellation: '撤销/清理' } as const;
export type ExitKind = keyof typeof exitKinds;
