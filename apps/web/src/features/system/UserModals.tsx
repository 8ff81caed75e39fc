import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal } from 'antd';
import { applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { maxLen, required } from '../../lib/rules';
import type { UserItem } from '../../lib/types';
import { type GrantInput, useUserMutations } from './api';
import { GrantFields } from './GrantFields';

const passwordRules = [
  { required: true, message: '请输入密码' },
  { min: 8, message: '密码至少8位' },
];

export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { create } = useUserMutations();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    create.mutate(
      {
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        password: v.password,
        grants: (v.grants ?? []) as GrantInput[],
      },
      {
        onSuccess: () => {
          message.success('用户已创建');
          onClose();
        },
        onError: (err) => {
          applyFieldErrors(form, err);
          message.error(errorMessage(err));
        },
      },
    );
  };
  return (
    <Modal
      title="新建用户"
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="创建"
      confirmLoading={create.isPending}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ grants: [{}] }}
        data-testid="user-create-form"
      >
        <Form.Item
          name="username"
          label="用户名"
          rules={[
            required('用户名'),
            { pattern: /^[a-zA-Z0-9_.-]{3,32}$/, message: '3-32位字母、数字、下划线' },
          ]}
        >
          <Input autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[required('姓名'), maxLen(30)]}>
          <Input data-testid="user-displayname" />
        </Form.Item>
        <Form.Item
          name="password"
          label="初始密码"
          rules={passwordRules}
          extra="请通过安全渠道告知本人，并提醒首次登录后修改"
        >
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <Form.List name="grants">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card
                  key={f.key}
                  size="small"
                  title={`授权 ${i + 1}`}
                  style={{ marginBottom: 12 }}
                  extra={fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                >
                  <GrantFields prefix={[f.name]} listName="grants" />
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                再添加一项授权
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

export function AddGrantModal({ user, onClose }: { user: UserItem | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { grant } = useUserMutations();
  const { message } = App.useApp();
  const submit = async () => {
    if (!user) return;
    const v = await validated(form);
    if (!v) return;
    grant.mutate(
      { id: user.id, ...v },
      {
        onSuccess: () => {
          message.success('已授权');
          onClose();
        },
        onError: (err) => {
          applyFieldErrors(form, err);
          message.error(errorMessage(err));
        },
      },
    );
  };
  return (
    <Modal
      title={`为「${user?.displayName ?? ''}」添加授权`}
      open={!!user}
      onOk={submit}
      onCancel={onClose}
      okText="授权"
      confirmLoading={grant.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <GrantFields />
      </Form>
    </Modal>
  );
}

export function ResetPasswordModal({ user, onClose }: { user: UserItem | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { resetPassword } = useUserMutations();
  const { message } = App.useApp();
  const submit = async () => {
    if (!user) return;
    const v = await validated(form);
    if (!v) return;
    resetPassword.mutate(
      { id: user.id, password: v.password },
      {
        onSuccess: () => {
          message.success('密码已重置');
          onClose();
        },
        onError: (err) => {
          applyFieldErrors(form, err);
          message.error(errorMessage(err));
        },
      },
    );
  };
  return (
    <Modal
      title={`重置「${user?.displayName ?? ''}」的密码`}
      open={!!user}
      onOk={submit}
      onCancel={onClose}
      okText="重置"
      confirmLoading={resetPassword.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="password" label="新密码" rules={passwordRules}>
          <Input.Password autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
