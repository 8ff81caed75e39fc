import { LockOutlined } from '@ant-design/icons';
import { validateIdNumber, validatePhone } from '@linli/core';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, applyFieldErrors, errorMessage } from '../../lib/api';
import { useMyVolunteer, useOpenAccount, useResidentLogin } from './api';
import { Loading, PageHead } from './ui';

/** Only paths inside the H5 are followed after signing in. */
export function safeNext(next: string | null): string {
  return next?.startsWith('/m') && !next.startsWith('//') ? next : '/m/me';
}

const idRules = [
  { required: true, whitespace: true, message: '请填写身份证号' },
  {
    validator: async (_: unknown, val?: string) => {
      if (!val?.trim()) return;
      const r = validateIdNumber(val.trim());
      if (!r.ok) throw new Error(r.message);
    },
  },
];

const passwordRules = [
  { required: true, message: '请设置密码' },
  { min: 8, message: '密码至少 8 位' },
  { max: 64, message: '密码不超过 64 位' },
  {
    validator: async (_: unknown, val?: string) => {
      if (val && val.length >= 8 && !(/[A-Za-z]/.test(val) && /\d/.test(val)))
        throw new Error('密码需同时包含字母和数字');
    },
  },
];

/** Set a password (twice): the fields shared by account opening after registration and /m/activate. */
export function PasswordFields() {
  return (
    <>
      <Form.Item
        name="password"
        label="设置登录密码"
        extra="至少 8 位，要有字母和数字，例如 lin123456"
        rules={passwordRules}
      >
        <Input.Password size="large" autoComplete="new-password" maxLength={64} data-testid="pw-new" />
      </Form.Item>
      <Form.Item
        name="password2"
        label="再输入一次密码"
        dependencies={['password']}
        rules={[
          { required: true, message: '请再输入一次密码' },
          ({ getFieldValue }) => ({
            validator: async (_: unknown, val?: string) => {
              if (val && val !== getFieldValue('password')) throw new Error('两次输入的密码不一致');
            },
          }),
        ]}
      >
        <Input.Password size="large" autoComplete="new-password" maxLength={64} data-testid="pw-again" />
      </Form.Item>
    </>
  );
}

export function LoginPage() {
  const [form] = Form.useForm<{ idNumber: string; password: string }>();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const me = useMyVolunteer();
  const login = useResidentLogin();
  const [failure, setFailure] = useState<string | null>(null);

  if (me.isPending) return <Loading />;
  if (me.data) return <Navigate to={next} replace />;

  const submit = async (v: { idNumber: string; password: string }) => {
    setFailure(null);
    try {
      await login.mutateAsync({ idNumber: v.idNumber.trim().toUpperCase(), password: v.password });
      await me.refetch();
      navigate(next, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 429) setFailure('尝试次数过多，请 15 分钟后再试');
      else if (e instanceof ApiError && e.status === 401) setFailure('身份证号或密码不对，请检查后重试');
      else if (!applyFieldErrors(form, e)) setFailure(errorMessage(e));
    }
  };

  return (
    <div className="m-page" data-testid="m-login">
      <PageHead title="志愿者登录" />
      <p className="m-lead">用身份证号和密码登录，查看活动报名、服务时长和积分。</p>
      <div className="m-card">
        <Form form={form} layout="vertical" requiredMark={false} size="large" onFinish={submit}>
          <Form.Item name="idNumber" label="身份证号" rules={idRules} extra="18 位，最后一位可能是 X">
            <Input size="large" maxLength={18} autoComplete="username" data-testid="login-id" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password size="large" autoComplete="current-password" data-testid="login-pw" />
          </Form.Item>
          {failure && (
            <Alert
              type="error"
              showIcon
              title={failure}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            icon={<LockOutlined />}
            loading={login.isPending}
            data-testid="login-submit"
          >
            登录
          </Button>
        </Form>
      </div>
      <div className="m-card m-help">
        <p>
          <strong>社区帮您登记过志愿者，但还没有密码？</strong>
        </p>
        <Link
          to={`/m/activate?next=${encodeURIComponent(next)}`}
          className="m-text-link"
          data-testid="m-activate-link"
        >
          开通登录账号 ›
        </Link>
        <p style={{ marginTop: 12 }}>
          <strong>还不是志愿者？</strong>
        </p>
        <Link to="/m/register" className="m-text-link">
          注册成为志愿者 ›
        </Link>
      </div>
    </div>
  );
}

interface ActivateValues {
  idNumber: string;
  phone: string;
  password: string;
  password2: string;
}

/** For volunteers registered by staff: ID number + the phone on the record + a new password. */
export function ActivatePage() {
  const [form] = Form.useForm<ActivateValues>();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const open = useOpenAccount();
  const me = useMyVolunteer();
  const [failure, setFailure] = useState<{ text: string; login?: boolean } | null>(null);

  const submit = async (v: ActivateValues) => {
    setFailure(null);
    try {
      await open.mutateAsync({
        idNumber: v.idNumber.trim().toUpperCase(),
        phone: v.phone.trim(),
        password: v.password,
      });
      await me.refetch();
      navigate(next, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 409)
        setFailure({ text: '您已经开通过登录账号，请直接登录。', login: true });
      else if (e instanceof ApiError && e.status === 429)
        setFailure({ text: '尝试次数过多，请 15 分钟后再试' });
      else {
        applyFieldErrors(form, e);
        setFailure({ text: errorMessage(e) });
      }
    }
  };

  return (
    <div className="m-page" data-testid="m-activate">
      <PageHead title="开通登录账号" back="/m/login" />
      <p className="m-lead">社区已帮您登记为志愿者的，填写身份证号和登记时留的手机号，设置密码后就能登录。</p>
      <div className="m-card">
        <Form form={form} layout="vertical" requiredMark={false} size="large" onFinish={submit}>
          <Form.Item name="idNumber" label="身份证号" rules={idRules}>
            <Input size="large" maxLength={18} autoComplete="username" data-testid="act-id" />
          </Form.Item>
          <Form.Item
            name="phone"
            label="登记的手机号"
            extra="社区登记时留的手机号"
            rules={[
              { required: true, whitespace: true, message: '请填写手机号' },
              {
                validator: async (_, val?: string) => {
                  if (!val?.trim()) return;
                  const r = validatePhone(val.trim());
                  if (!r.ok) throw new Error(r.message);
                },
              },
            ]}
          >
            <Input size="large" inputMode="tel" maxLength={20} autoComplete="tel" data-testid="act-phone" />
          </Form.Item>
          <PasswordFields />
          {failure && (
            <Alert
              type={failure.login ? 'info' : 'error'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="act-error"
              title={failure.text}
              action={
                failure.login ? (
                  <Link to={`/m/login?next=${encodeURIComponent(next)}`}>去登录</Link>
                ) : undefined
              }
            />
          )}
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={open.isPending}
            data-testid="act-submit"
          >
            开通并登录
          </Button>
        </Form>
      </div>
    </div>
  );
}
