import type { Flow, StateOf } from './flow';

/**
 * Filing (备案) of a community organization: the initiator applies, the residents'
 * committee reviews first (初审), the street office files it (备案) and issues a
 * certificate. A returned application keeps its history and can be resubmitted.
 */
export const filingFlow = {
  draft: {
    submit: { to: 'community_review', by: ['org_leader', 'community_staff'], label: '提交' },
    withdraw: { to: 'withdrawn', by: ['org_leader', 'community_staff'], label: '撤回' },
  },
  community_review: {
    pass: { to: 'street_review', by: ['community_staff'], label: '初审通过' },
    return: { to: 'returned', by: ['community_staff'], needsReason: true, label: '退回' },
  },
  street_review: {
    file: { to: 'filed', by: ['street_officer'], label: '备案' },
    return: { to: 'returned', by: ['street_officer'], needsReason: true, label: '退回' },
    reject: { to: 'rejected', by: ['street_officer'], needsReason: true, label: '不予备案' },
  },
  returned: {
    resubmit: { to: 'community_review', by: ['org_leader', 'community_staff'], label: '重新提交' },
    withdraw: { to: 'withdrawn', by: ['org_leader', 'community_staff'], label: '撤回' },
  },
  filed: {},
  rejected: {},
  withdrawn: {},
} as const satisfies Flow;

export type FilingState = StateOf<typeof filingFlow>;

export const filingStateLabels: Readonly<Record<FilingState, string>> = {
  draft: '草稿',
  community_review: '社区初审',
  street_review: '街道审核',
  returned: '已退回',
  filed: '已备案',
  rejected: '不予备案',
  withdrawn: '已撤回',
};
