import type { Flow, StateOf } from './flow';

/**
 * Change (变更) of name, leader, venue or business scope: community first review, then
 * the street decides. The server uses the same table for registered organizations.
 */
export const changeFlow = {
  draft: {
    submit: { to: 'community_review', by: ['org_leader', 'community_staff'], label: '提交' },
    withdraw: { to: 'withdrawn', by: ['org_leader', 'community_staff'], label: '撤回' },
  },
  community_review: {
    pass: { to: 'street_review', by: ['community_staff'], label: '初审通过' },
    return: { to: 'returned', by: ['community_staff'], needsReason: true, label: '退回' },
  },
  street_review: {
    approve: { to: 'approved', by: ['street_officer'], label: '批准变更' },
    return: { to: 'returned', by: ['street_officer'], needsReason: true, label: '退回' },
    reject: { to: 'rejected', by: ['street_officer'], needsReason: true, label: '不予变更' },
  },
  returned: {
    resubmit: { to: 'community_review', by: ['org_leader', 'community_staff'], label: '重新提交' },
    withdraw: { to: 'withdrawn', by: ['org_leader', 'community_staff'], label: '撤回' },
  },
  approved: {},
  rejected: {},
  withdrawn: {},
} as const satisfies Flow;

export type ChangeState = StateOf<typeof changeFlow>;

export const changeStateLabels: Readonly<Record<ChangeState, string>> = {
  draft: '草稿',
  community_review: '社区初审',
  street_review: '街道审核',
  returned: '已退回',
  approved: '已变更',
  rejected: '不予变更',
  withdrawn: '已撤回',
};

/** What a change application may change. */
export const changeFields = ['name', 'leader', 'venue', 'scope'] as const;
export type ChangeField = (typeof changeFields)[number];

export const changeFieldLabels: Readonly<Record<ChangeField, string>> = {
  name: '名称',
  leader: '负责人',
  venue: '活动场所',
  scope: '业务范围',
};
