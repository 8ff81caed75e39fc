import { FileSearchOutlined, RightOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';

export default function HomePage() {
  return (
    <div className="m-page">
      <section className="m-hero">
        <h1>欢迎来到邻里志愿服务</h1>
        <p>在家门口做志愿者，帮邻居，也让社区更好。注册不用下载软件，用手机填写几步就好。</p>
      </section>
      <Link to="/m/register" className="m-big-button" data-testid="m-register-link">
        <UserAddOutlined />
        注册成为志愿者
      </Link>
      <div className="m-links">
        <Link to="/public" className="m-link-row">
          <TeamOutlined className="m-link-icon" />
          <span className="m-link-text">
            <strong>社区社会组织名录</strong>
            <small>查看身边的社区组织</small>
          </span>
          <RightOutlined className="m-link-arrow" />
        </Link>
        <Link to="/public/verify" className="m-link-row">
          <FileSearchOutlined className="m-link-icon" />
          <span className="m-link-text">
            <strong>证书核验</strong>
            <small>输入编号，查询证书是否真实有效</small>
          </span>
          <RightOutlined className="m-link-arrow" />
        </Link>
      </div>
    </div>
  );
}
