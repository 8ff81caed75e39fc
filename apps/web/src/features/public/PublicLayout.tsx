import { Spin } from 'antd';
import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router-dom';
import './public.css';

export default function PublicLayout() {
  return (
    <div className="pub">
      <header className="pub-header">
        <div className="pub-inner pub-bar">
          <Link to="/public" className="pub-brand">
            <span className="pub-logo">邻</span>
            <span>
              <strong>邻里</strong>
              <small>社区社会组织公开查询</small>
            </span>
          </Link>
          <nav className="pub-nav">
            <NavLink to="/public" end>
              组织名录
            </NavLink>
            <NavLink to="/public/verify">证书核验</NavLink>
          </nav>
        </div>
      </header>
      <main className="pub-inner pub-main">
        <Suspense fallback={<Spin style={{ display: 'block', margin: '80px auto' }} />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="pub-inner pub-foot">
        <span>信息依法公开，负责人姓名已脱敏。如发现信息有误，请联系所在街道办事处。</span>
        <Link to="/login">工作人员登录</Link>
      </footer>
    </div>
  );
}
