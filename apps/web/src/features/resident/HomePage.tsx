import {
  CalendarOutlined,
  FileSearchOutlined,
  LoginOutlined,
  QrcodeOutlined,
  RightOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useMyVolunteer } from './api';

export default function HomePage() {
  const me = useMyVolunteer();
  const signedIn = !!me.data;
  return (
    <div className="m-page">
      <section className="m-hero">
        <h1>{signedIn ? `${me.data?.realName}，您好` : '欢迎来到邻里志愿服务'}</h1>
        <p>
          {signedIn
            ? '看看身边的志愿活动，参加时扫组织方的二维码签到、签退。'
            : '在家门口做志愿者，帮邻居，也让社区更好。注册不用下载软件，用手机填写几步就好。'}
        </p>
      </section>
      {signedIn ? (
        <Link to="/m/checkin" className="m-big-button" data-testid="m-home-checkin">
          <QrcodeOutlined />
          签到 / 签退
        </Link>
      ) : (
        <Link to="/m/register" className="m-big-button" data-testid="m-register-link">
          <UserAddOutlined />
          注册成为志愿者
        </Link>
      )}
      <div className="m-links">
        <Link to="/m/activities" className="m-link-row" data-testid="m-home-activities">
          <CalendarOutlined className="m-link-icon" />
          <span className="m-link-text">
            <strong>志愿活动</strong>
            <small>看看身边有哪些活动，报名参加</small>
          </span>
          <RightOutlined className="m-link-arrow" />
        </Link>
        {!signedIn && !me.isPending && (
          <Link to="/m/login" className="m-link-row" data-testid="m-home-login">
            <LoginOutlined className="m-link-icon" />
            <span className="m-link-text">
              <strong>已经是志愿者？登录</strong>
              <small>用身份证号和密码登录</small>
            </span>
            <RightOutlined className="m-link-arrow" />
          </Link>
        )}
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
