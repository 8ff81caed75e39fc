/**
 * Labels the web needs when the server sends only a code. Role labels come from @linli/core;
 * the rest fall back to the code's Chinese wording here until core exports them.
 */
import { roleLabels } from '@linli/core/roles';

export { roleLabels };

export const tierLabels: Record<string, string> = {
  group: '社区活动小组',
  filed: '备案类社区社会组织',
  registered: '登记类社会组织',
};

export const statusLabels: Record<string, string> = {
  active: '正常',
  dormant: '休眠',
  exiting: '退出中',
  exited: '已退出',
};

export const partyStatusLabels: Record<string, string> = {
  none: '暂无党员',
  members: '有党员，未建组织',
  branch: '已建党支部',
  joint_branch: '联合党支部',
};

export const kindLabels: Record<string, string> = {
  filing: '备案',
  change: '变更',
  registration: '登记',
  exit: '退出',
};

export const appStateLabels: Record<string, string> = {
  draft: '草稿',
  community_review: '社区初审',
  street_review: '街道审核',
  district_review: '区级审核',
  returned: '已退回',
  filed: '已备案',
  registered: '已登记',
  rejected: '不予备案',
  approved: '已通过',
  withdrawn: '已撤回',
  completed: '已办结',
};

export const areaTypeLabels: Record<string, string> = { urban: '城镇社区', rural: '农村社区' };

export const levelLabels: Record<number, string> = {
  1: '省',
  2: '市',
  3: '区县',
  4: '街道/乡镇',
  5: '社区/村',
};

export const roleLabel = (role: string): string => (roleLabels as Record<string, string>)[role] ?? role;

/** Label from the server when present, else from the table, else the code. */
export const labelOf = (
  table: Record<string, string>,
  code: string | null | undefined,
  serverLabel?: string | null,
) => serverLabel || (code ? (table[code] ?? code) : '—');
