import { AppstoreOutlined, CalendarOutlined, HomeOutlined, UserOutlined } from '@ant-design/icons';
import { Spin } from 'antd';
import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
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

/** For the tabs that are not built yet: say so plainly, show nothing invented. */
export function ComingSoon({ title }: { title: string }) {
  return (
    <div className="m-empty" data-testid="m-coming-soon">
      <AppstoreOutlined className="m-empty-icon" />
      <h1>{title}</h1>
      <p>即将开放，敬请期待。</p>
      <p className="m-muted">
        开放后，您可以在这里{title === '活动' ? '报名参加志愿活动' : '查看服务时长、积分和证明'}。
      </p>
    </div>
  );
}
