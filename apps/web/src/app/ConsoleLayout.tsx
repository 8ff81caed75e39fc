import { BellOutlined, GlobalOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import {
  Badge,
  Breadcrumb,
  Button,
  Drawer,
  Dropdown,
  Grid,
  Layout,
  Menu,
  Space,
  Spin,
  Typography,
} from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useCurrentUser, useLogout, useRegion } from '../features/auth/api';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal';
import { useTodo } from '../features/todo/api';
import { useI18n } from '../i18n';
import { APPLICATION_PERMISSIONS, menuItems, selectedMenu } from './menu';
import './layout.css';

function ScopeBreadcrumb({ compact }: { compact: boolean }) {
  const me = useCurrentUser();
  const { t } = useI18n();
  const home = me.homeRegion;
  const region = useRegion(home?.code);
  const full = region.data?.path ?? (home ? [home] : []);
  // phones show the two nearest levels (街道 / 社区), desktops the whole path
  const path = compact ? full.slice(-2) : full;
  const orgGrant = me.grants.find((g) => g.role === 'org_leader' && g.organizationName);
  const items = path.length
    ? path.map((r) => ({ title: r.name }))
    : [
        {
          title: orgGrant?.organizationName ?? (me.grants.some((g) => g.role === 'admin') ? '全部地区' : '—'),
        },
      ];
  return (
    <div className="scope" data-testid="scope-breadcrumb" title={t('top.scope')}>
      <GlobalOutlined className="scope-icon" />
      <Breadcrumb items={items} />
    </div>
  );
}

export function ConsoleLayout() {
  const me = useCurrentUser();
  const { t, lang, setLang } = useI18n();
  const screens = Grid.useBreakpoint();
  const isMobile = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const [pwdOpen, setPwdOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const canSeeTodo = me.permissions.some((p) => APPLICATION_PERMISSIONS.includes(p));
  const todo = useTodo(canSeeTodo);

  const items = useMemo(() => menuItems(me.permissions, t), [me.permissions, t]);
  const { selected, open } = selectedMenu(location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(open ? [open] : []);

  const menu = (
    <Menu
      mode="inline"
      theme="dark"
      items={items}
      selectedKeys={[selected]}
      openKeys={collapsed && !isMobile ? undefined : [...new Set([...openKeys, open].filter(Boolean))]}
      onOpenChange={(keys) => setOpenKeys(keys as string[])}
      onClick={({ key }) => {
        setDrawerOpen(false);
        navigate(key);
      }}
      data-testid="side-menu"
    />
  );

  const brand = (
    <Link to="/" className="brand">
      <span className="brand-logo">邻</span>
      {(!collapsed || isMobile) && <span className="brand-name">{t('app.name')}</span>}
    </Link>
  );

  return (
    <Layout className="console">
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={256}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          {brand}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          width={216}
          className="console-sider"
        >
          {brand}
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="console-header">
          {isMobile && (
            <Button
              type="text"
              icon={<MenuOutlined />}
              onClick={() => setDrawerOpen(true)}
              aria-label={t('top.menu')}
              data-testid="menu-toggle"
            />
          )}
          <ScopeBreadcrumb compact={isMobile} />
          <Space size={isMobile ? 4 : 12} className="header-right">
            {canSeeTodo && (
              <Link to="/" title={t('top.todo')} data-testid="todo-badge">
                <Badge count={todo.data?.count ?? 0} size="small" overflowCount={99}>
                  <BellOutlined style={{ fontSize: 18, padding: 4 }} />
                </Badge>
              </Link>
            )}
            <Button
              type="text"
              size="small"
              onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
              data-testid="lang-switch"
            >
              {t('top.lang')}
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'who',
                    label: (
                      <div className="user-who">
                        <div>{me.user.displayName}</div>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {me.grants.map((g) => g.roleLabel).join('、')}
                        </Typography.Text>
                      </div>
                    ),
                    disabled: true,
                  },
                  { type: 'divider' },
                  { key: 'password', label: t('top.changePassword') },
                  { key: 'logout', label: t('top.logout'), danger: true },
                ],
                onClick: ({ key }) => {
                  if (key === 'password') setPwdOpen(true);
                  if (key === 'logout') logout.mutate();
                },
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {!isMobile && me.user.displayName}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="console-content">
          <Suspense
            fallback={
              <div className="page-loading">
                <Spin />
              </div>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={pwdOpen} onClose={() => setPwdOpen(false)} />
    </Layout>
  );
}
