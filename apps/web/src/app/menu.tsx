import {
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  HeartOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { MessageKey } from '../i18n';

type Item = {
  key: string;
  label: MessageKey;
  icon?: React.ReactNode;
  /** shown when the user holds any of these permissions (empty: everyone signed in) */
  any?: string[];
  children?: Item[];
};

export const APPLICATION_PERMISSIONS = [
  'filing.apply',
  'filing.review.community',
  'filing.review.street',
  'registration.recommend',
  'registration.record',
  'change.apply',
  'change.review',
  'org.register',
  'org.exit',
];

const tree: Item[] = [
  { key: '/', label: 'menu.workbench', icon: <HomeOutlined /> },
  {
    key: 'org',
    label: 'menu.organizations',
    icon: <TeamOutlined />,
    any: ['org.read'],
    children: [
      { key: '/organizations', label: 'menu.orgList', any: ['org.read'] },
      { key: '/organizations/import', label: 'menu.orgImport', any: ['import.orgs'] },
    ],
  },
  {
    key: 'apps',
    label: 'menu.applications',
    icon: <AuditOutlined />,
    any: APPLICATION_PERMISSIONS,
    children: [
      { key: '/applications', label: 'menu.appList', any: APPLICATION_PERMISSIONS },
      { key: '/applications/new', label: 'menu.appNew', any: ['filing.apply'] },
    ],
  },
  {
    key: 'vol',
    label: 'menu.volunteerService',
    icon: <HeartOutlined />,
    // no `any` here: the group shows whenever one of its items does (items carry their own permissions)
    children: [
      { key: '/volunteers', label: 'menu.volunteers', any: ['volunteer.read'] },
      { key: '/teams', label: 'menu.teams', any: ['team.manage', 'volunteer.read'] },
      { key: '/activities', label: 'menu.activities', any: ['activity.manage', 'volunteer.read'] },
      { key: '/credit/restrictions', label: 'menu.creditRestrictions', any: ['credit.manage'] },
      { key: '/credit/appeals', label: 'menu.creditAppeals', any: ['credit.manage'] },
      { key: '/credit/trainings/import', label: 'menu.trainingImport', any: ['volunteer.manage'] },
      { key: '/service/records', label: 'menu.serviceRecords', any: ['volunteer.read'] },
      { key: '/volunteer-stats', label: 'menu.volunteerStats', any: ['dashboard.read'] },
      { key: '/service/reviews', label: 'menu.serviceReviews', any: ['service.approve', 'activity.manage'] },
      { key: '/exchange/items', label: 'menu.exchangeItems', any: ['exchange.manage'] },
      { key: '/exchange/redemptions', label: 'menu.exchangeRedemptions', any: ['exchange.manage'] },
    ],
  },
  {
    key: 'supervision',
    label: 'menu.supervision',
    icon: <SafetyCertificateOutlined />,
    any: ['supervision.read'],
    children: [
      { key: '/annual-reports', label: 'menu.annualReports', any: ['supervision.read'] },
      { key: '/credit-lists', label: 'menu.creditLists', any: ['supervision.read'] },
      { key: '/spot-checks', label: 'menu.spotChecks', any: ['supervision.read'] },
      { key: '/dormant-cases', label: 'menu.dormantCases', any: ['supervision.read'] },
      { key: '/evaluations', label: 'menu.evaluations', any: ['supervision.read'] },
    ],
  },
  { key: '/dashboard', label: 'menu.dashboard', icon: <BarChartOutlined />, any: ['dashboard.read'] },
  {
    key: 'system',
    label: 'menu.system',
    icon: <SettingOutlined />,
    any: ['users.manage', 'categories.manage', 'targets.manage', 'dashboard.read', 'audit.read'],
    children: [
      { key: '/system/users', label: 'menu.users', any: ['users.manage'] },
      { key: '/system/categories', label: 'menu.categories', any: ['categories.manage', 'targets.manage'] },
      {
        key: '/system/volunteer-rules',
        label: 'menu.volunteerRules',
        any: ['targets.manage', 'dashboard.read'],
      },
      { key: '/system/audit', label: 'menu.audit', any: ['audit.read'] },
    ],
  },
  { key: '/public', label: 'menu.public', icon: <AppstoreOutlined /> },
];

const allowed = (item: Item, perms: string[]) => !item.any || item.any.some((p) => perms.includes(p));

export function menuItems(perms: string[], t: (k: MessageKey) => string): MenuProps['items'] {
  const build = (items: Item[]): NonNullable<MenuProps['items']> =>
    items
      .filter((i) => allowed(i, perms))
      .map((i) => {
        const children = i.children ? build(i.children) : undefined;
        return children
          ? { key: i.key, label: t(i.label), icon: i.icon, children }
          : { key: i.key, label: t(i.label), icon: i.icon };
      })
      .filter((i) => !('children' in i) || (i.children?.length ?? 0) > 0);
  return build(tree);
}

/** Leaf keys of the menu, longest first, for matching the current path. */
const leaves = tree
  .flatMap((i) =>
    i.children ? i.children.map((c) => ({ key: c.key, parent: i.key })) : [{ key: i.key, parent: '' }],
  )
  .sort((a, b) => b.key.length - a.key.length);

export function selectedMenu(pathname: string): { selected: string; open: string } {
  const hit =
    leaves.find((l) =>
      l.key === '/' ? pathname === '/' : pathname === l.key || pathname.startsWith(`${l.key}/`),
    ) ?? leaves.find((l) => l.key === '/');
  // /applications/new is a leaf of its own; /applications/<id> belongs to the list
  return { selected: hit?.key ?? '/', open: hit?.parent ?? '' };
}
