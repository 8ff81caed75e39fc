import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, applyFieldErrors, errorMessage } from '../../lib/api';
import { useLogin } from './api';
import './login.css';

interface LoginValues {
  username: string;
  password: string;
}

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

export default function LoginPage() {
  const [form] = Form.useForm<LoginValues>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const login = useLogin();
  const [error, setError] = useState<{ text: string; limited: boolean } | null>(null);

  const onFinish = (values: LoginValues) => {
    setError(null);
    login.mutate(values, {
      onSuccess: () => navigate(safeNext(params.get('next')), { replace: true }),
      onError: (err) => {
        applyFieldErrors(form, err);
        const limited = err instanceof ApiError && err.status === 429;
        const text =
          err instanceof ApiError && err.status === 401 && !Object.keys(err.fields).length
            ? err.message || '用户名或密码错误'
            : limited
              ? err.message || '登录失败次数过多，请稍后再试'
              : errorMessage(err);
        setError({ text, limited });
      },
    });
  };

  return (
    <div className="login-page">
      <div className="login-brand">
        <div className="login-logo">邻</div>
        <div>
          <Typography.Title level={2} style={{ margin: 0 }}>
            邻里
          </Typography.Title>
          <Typography.Text type="secondary">社区社会组织服务平台</Typography.Text>
        </div>
      </div>
      <Card className="login-card" title="工作人员登录">
        {error && (
          <Alert
            data-testid="login-error"
            type={error.limited ? 'warning' : 'error'}
            showIcon
            title={error.text}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<LoginValues>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          onFinish={onFinish}
          data-testid="login-form"
        >
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              placeholder="请输入用户名"
              data-testid="login-username"
              autoFocus
            />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              placeholder="请输入密码"
              data-testid="login-password"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
            登录
          </Button>
        </Form>
        <div className="login-foot">
          <Link to="/public">公众查询：社会组织名录</Link>
          <Link to="/public/verify">证书核验</Link>
        </div>
      </Card>
    </div>
  );
}
