/** Vocabularies stored as codes, with the Chinese a user sees. */

export const tiers = ['group', 'filed', 'registered'] as const;
export type Tier = (typeof tiers)[number];
export const tierLabels: Readonly<Record<Tier, string>> = {
  group: '社区活动小组',
  filed: '备案类',
  registered: '登记类',
};

export const orgStatuses = ['active', 'dormant', 'exiting', 'exited'] as const;
export type OrgStatus = (typeof orgStatuses)[number];
export const orgStatusLabels: Readonly<Record<OrgStatus, string>> = {
  active: '正常',
  dormant: '休眠',
  exiting: '退出中',
  exited: '已退出',
};

export const partyStatuses = ['none', 'members', 'branch', 'joint_branch'] as const;
export type PartyStatus = (typeof partyStatuses)[number];
export const partyStatusLabels: Readonly<Record<PartyStatus, string>> = {
  none: '未建立',
  members: '有党员',
  branch: '已建立党组织',
  joint_branch: '联合党支部',
};

export const applicationKinds = ['filing', 'change', 'registration', 'exit'] as const;
export type ApplicationKind = (typeof applicationKinds)[number];
export const applicationKindLabels: Readonly<Record<ApplicationKind, string>> = {
  filing: '备案申请',
  change: '变更申请',
  registration: '登记申请',
  exit: '退出申请',
};

export const areaTypeLabels: Readonly<Record<'urban' | 'rural', string>> = {
  urban: '城市社区',
  rural: '农村社区',
};

export const sexLabels: Readonly<Record<'male' | 'female', string>> = { male: '男', female: '女' };

function member<T extends string>(list: readonly T[]) {
  return (s: unknown): s is T => typeof s === 'string' && (list as readonly string[]).includes(s);
}

export const isTier = member(tiers);
export const isOrgStatus = member(orgStatuses);
export const isPartyStatus = member(partyStatuses);
export const isApplicationKind = member(applicationKinds);
