/** Roles, their Chinese labels, their region level and the permission table. */

export const roles = [
  'admin',
  'city_officer',
  'district_officer',
  'street_officer',
  'community_staff',
  'hub_operator',
  'org_leader',
  'social_worker',
  'expert',
] as const;

export type Role = (typeof roles)[number];

export const roleLabels: Readonly<Record<Role, string>> = {
  admin: '系统管理员',
  city_officer: '市民政局',
  district_officer: '区民政局',
  street_officer: '街道办事处',
  community_staff: '社区居委会',
  hub_operator: '枢纽型组织',
  org_leader: '组织负责人',
  social_worker: '社会工作者',
  expert: '评审专家',
};

/**
 * The region level a role's grant sits at (2 city, 3 district, 4 street, 5 community).
 * admin has no level: it sees everything. Roles without an entry take the level of
 * the region (or organization) they are granted on.
 */
export const roleLevel: Readonly<Partial<Record<Role, 1 | 2 | 3 | 4 | 5>>> = {
  city_officer: 2,
  district_officer: 3,
  street_officer: 4,
  community_staff: 5,
};

export const permissions = [
  'org.read',
  'org.create',
  'org.update',
  'org.exit',
  'org.register',
  'org.members.manage',
  'ledger.manage',
  'filing.apply',
  'filing.review.community',
  'filing.review.street',
  'registration.recommend',
  'registration.record',
  'change.apply',
  'change.review',
  'audit.read',
  'users.manage',
  'categories.manage',
  'targets.manage',
  'dashboard.read',
  'import.orgs',
  'pii.reveal',
  'volunteer.read',
  'volunteer.manage',
  'team.manage',
  'activity.manage',
  'service.approve',
  'credit.manage',
  'exchange.manage',
  'supervision.read',
  'annual_report.submit',
  'annual_report.review',
  'credit_list.manage',
  'spot_check.manage',
  'evaluation.manage',
] as const;

export type Permission = (typeof permissions)[number];

export const permissionLabels: Readonly<Record<Permission, string>> = {
  'org.read': '查看组织',
  'org.create': '新建组织（活动小组）',
  'org.update': '修改组织信息',
  'org.exit': '办理组织退出',
  'org.register': '登记组织',
  'org.members.manage': '管理组织成员',
  'ledger.manage': '管理活动小组台账',
  'filing.apply': '提交备案申请',
  'filing.review.community': '备案社区初审',
  'filing.review.street': '备案街道审核',
  'registration.recommend': '推荐登记',
  'registration.record': '办理登记',
  'change.apply': '提交变更申请',
  'change.review': '审核变更申请',
  'audit.read': '查看审计日志',
  'users.manage': '管理用户',
  'categories.manage': '管理分类方案',
  'targets.manage': '管理覆盖目标',
  'dashboard.read': '查看数据看板',
  'import.orgs': '导入组织台账',
  'pii.reveal': '查看完整个人信息',
  'volunteer.read': '查看志愿者',
  'volunteer.manage': '登记和管理志愿者',
  'team.manage': '管理志愿服务队',
  'activity.manage': '发布志愿服务活动和审核报名',
  'service.approve': '复核补录时长和服务记录更正',
  'credit.manage': '管理志愿者信用、限制名单和申诉',
  'exchange.manage': '管理积分兑换商品和核销',
  'supervision.read': '查看年报、信用名录等监管信息',
  'annual_report.submit': '填报和提交年度报告',
  'annual_report.review': '审核年度报告',
  'credit_list.manage': '办理信用名录列入和移出',
  'spot_check.manage': '组织双随机抽查',
  'evaluation.manage': '组织综合评价',
};

export const rolePermissions: Readonly<Record<Role, readonly Permission[]>> = {
  admin: permissions,
  city_officer: [
    'org.read',
    'audit.read',
    'categories.manage',
    'targets.manage',
    'dashboard.read',
    'users.manage',
    'volunteer.read',
    'supervision.read',
  ],
  district_officer: [
    'org.read',
    'org.update',
    'org.exit',
    'org.register',
    'registration.record',
    'change.review',
    'audit.read',
    'users.manage',
    'dashboard.read',
    'import.orgs',
    'pii.reveal',
    'volunteer.read',
    'credit.manage',
    'supervision.read',
    'annual_report.review',
    'credit_list.manage',
    'spot_check.manage',
    'evaluation.manage',
  ],
  street_officer: [
    'org.read',
    'org.update',
    'org.exit',
    'filing.review.street',
    'registration.recommend',
    'change.review',
    'audit.read',
    'users.manage',
    'dashboard.read',
    'import.orgs',
    'pii.reveal',
    'volunteer.read',
    'service.approve',
    'credit.manage',
    'exchange.manage',
    'supervision.read',
    'annual_report.review',
    'credit_list.manage',
  ],
  community_staff: [
    'org.read',
    'org.create',
    'org.update',
    'org.members.manage',
    'ledger.manage',
    'filing.apply',
    'filing.review.community',
    'change.apply',
    'change.review',
    'dashboard.read',
    'import.orgs',
    'volunteer.read',
    'volunteer.manage',
    'team.manage',
    'activity.manage',
    'service.approve',
    'credit.manage',
    'exchange.manage',
    'supervision.read',
  ],
  hub_operator: ['org.read', 'dashboard.read'],
  org_leader: [
    'org.read',
    'org.members.manage',
    'filing.apply',
    'change.apply',
    'volunteer.read',
    'volunteer.manage',
    'team.manage',
    'activity.manage',
    'service.approve',
    'supervision.read',
    'annual_report.submit',
  ],
  social_worker: ['org.read', 'dashboard.read'],
  expert: [],
};

export function isRole(s: unknown): s is Role {
  return typeof s === 'string' && (roles as readonly string[]).includes(s);
}

export function isPermission(s: unknown): s is Permission {
  return typeof s === 'string' && (permissions as readonly string[]).includes(s);
}

/** True when any of the roles carries the permission (scope is checked elsewhere). */
export function can(heldRoles: readonly Role[], p: Permission): boolean {
  return heldRoles.some((r) => rolePermissions[r]?.includes(p));
}

/** The union of the roles' permissions, in the order of `permissions`. */
export function permissionsOf(heldRoles: readonly Role[]): Permission[] {
  return permissions.filter((p) => can(heldRoles, p));
}
