import { CalendarOutlined, HomeOutlined, UserOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { Suspense } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useMyVolunteer } from './api';
import './mobile.css';

const tabs = [
  { to: '/m', end: true, label: '首页', icon: <HomeOutlined /> },
  { to: '/m/activities', end: false, label: '活动', icon: <CalendarOutlined /> },
  { to: '/m/me', end: false, label: '我的', icon: <UserOutlined /> },
];

/** The resident and volunteer H5: one phone-wide column, a bottom tab bar, large plain type. */
export default function MobileLayout() {
  return (
    <div className="m-root">
      <div className="m-shell">
        <header className="m-top">
          <span className="m-logo" aria-hidden>
            邻
          </span>
          <span className="m-title">邻里志愿服务</span>
          <Who />
        </header>
        <main className="m-main">
          <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '80px auto' }} />}>
            <Outlet />
          </Suspense>
        </main>
        <nav className="m-tabs" aria-label="主导航" data-testid="m-tabs">
          {tabs.map((t) => (
            <NavLink key={t.to} to={t.to} end={t.end} className="m-tab">
              <span className="m-tab-icon">{t.icon}</span>
              <span>{t.label}</span>
            </NavLink>
          ))}
        </nav>
      </div>
    </div>
  );
}

/** Top right: the signed-in volunteer's name, or 登录. */
function Who() {
  const me = useMyVolunteer();
  const loc = useLocation();
  if (me.isPending) return null;
  if (me.data)
    return (
      <Link to="/m/me" className="m-who" data-testid="m-who">
        <UserOutlined /> {me.data.realName}
      </Link>
    );
  if (loc.pathname.startsWith('/m/login')) return null;
  return (
    <Link
      to={`/m/login?next=${encodeURIComponent(loc.pathname === '/m' ? '/m/me' : loc.pathname + loc.search)}`}
      className="m-who login"
      data-testid="m-login-link"
    >
      登录
    </Link>
  );
}
