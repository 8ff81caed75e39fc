import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';
import { errorMessage } from '../../lib/api';
import { roleLabel, roleLabels } from '../../lib/labels';
import type { Grant, UserItem } from '../../lib/types';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useUserMutations, useUsers } from './api';
import { AddGrantModal, CreateUserModal, ResetPasswordModal } from './UserModals';

const KEYS = ['q', 'role'] as const;

/** Buttons follow the server's allowedActions; without the field, show them and let the server decide. */
const may = (u: UserItem, action: string) => !u.allowedActions || u.allowedActions.includes(action);

export default function UsersPage() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const { filters, page, pageSize, update, reset } = useUrlFilters(KEYS);
  const query = useMemo(() => ({ ...filters, page, pageSize }), [filters, page, pageSize]);
  const users = useUsers(query);
  const m = useUserMutations();
  const [creating, setCreating] = useState(false);
  const [granting, setGranting] = useState<UserItem | null>(null);
  const [resetting, setResetting] = useState<UserItem | null>(null);
  const [form] = Form.useForm();

  const revoke = (u: UserItem, g: Grant) =>
    modal.confirm({
      title: `撤销「${u.displayName}」的授权？`,
      content: `${g.roleLabel ?? roleLabel(g.role)}${g.regionName ? ` · ${g.regionName}` : ''}${g.organizationName ? ` · ${g.organizationName}` : ''}。撤销后立即生效，记录保留。`,
      okText: '撤销',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        m.revoke
          .mutateAsync({ id: u.id, grantId: g.id })
          .then(() => message.success('已撤销'))
          .catch((e) => message.error(errorMessage(e))),
    });

  const toggle = (u: UserItem) => {
    const disable = u.status === 'active';
    modal.confirm({
      title: disable ? `停用「${u.displayName}」？` : `启用「${u.displayName}」？`,
      content: disable ? '停用后该账号无法登录，已有会话将失效。' : undefined,
      okText: disable ? '停用' : '启用',
      okButtonProps: { danger: disable },
      cancelText: '取消',
      onOk: () =>
        m.update
          .mutateAsync({ id: u.id, version: u.version, status: disable ? 'disabled' : 'active' })
          .then(() => message.success('已更新'))
          .catch((e) => message.error(errorMessage(e))),
    });
  };

  return (
    <div>
      <PageHeader
        title="用户与授权"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="user-create"
          >
            新建用户
          </Button>
        }
      />
      <Card className="table-card" style={{ marginBottom: 12 }}>
        <Form
          form={form}
          layout="inline"
          className="filter-bar"
          initialValues={filters}
          onFinish={(v) => update({ q: v.q?.trim(), role: v.role })}
        >
          <Form.Item name="q">
            <Input
              allowClear
              placeholder="用户名 / 姓名"
              style={{ width: 200 }}
              data-testid="user-filter-q"
            />
          </Form.Item>
          <Form.Item name="role">
            <Select
              allowClear
              placeholder="角色"
              style={{ width: 150 }}
              options={Object.entries(roleLabels).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                form.resetFields();
                reset();
              }}
            >
              {t('common.reset')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card className="table-card">
        {users.error && !users.data ? (
          <QueryError error={users.error} onRetry={() => users.refetch()} />
        ) : (
          <Table<UserItem>
            rowKey="id"
            size="middle"
            data-testid="user-table"
            loading={users.isFetching}
            dataSource={users.data?.items ?? []}
            scroll={{ x: 900 }}
            onChange={(pg) =>
              update({ page: String(pg.current ?? 1), pageSize: String(pg.pageSize ?? 20) }, false)
            }
            pagination={{
              current: page,
              pageSize,
              total: users.data?.total ?? 0,
              showTotal: (n) => t('common.total', { n }),
            }}
            columns={[
              { title: '用户名', dataIndex: 'username', width: 130 },
              { title: '姓名', dataIndex: 'displayName', width: 200 },
              {
                title: '状态',
                dataIndex: 'status',
                width: 80,
                render: (s: string) => (s === 'active' ? <Tag color="green">正常</Tag> : <Tag>已停用</Tag>),
              },
              {
                title: '角色与范围',
                key: 'grants',
                render: (_, u) => (
                  <Space size={[4, 4]} wrap>
                    {u.grants.map((g) => (
                      <Tag
                        key={g.id}
                        color="blue"
                        closable={may(u, 'revoke')}
                        onClose={(e) => {
                          e.preventDefault();
                          revoke(u, g);
                        }}
                        data-testid="grant-tag"
                      >
                        {g.roleLabel ?? roleLabel(g.role)}
                        {g.regionName ? ` · ${g.regionName}` : ''}
                        {g.organizationName ? ` · ${g.organizationName}` : ''}
                      </Tag>
                    ))}
                    {!u.grants.length && <Tag>无授权</Tag>}
                  </Space>
                ),
              },
              {
                title: '操作',
                key: 'op',
                width: 220,
                render: (_, u) => (
                  <Space size={0} wrap>
                    {may(u, 'grant') && (
                      <Button
                        type="link"
                        size="small"
                        onClick={() => setGranting(u)}
                        data-testid="user-grant"
                      >
                        添加授权
                      </Button>
                    )}
                    {may(u, 'resetPassword') && (
                      <Button type="link" size="small" onClick={() => setResetting(u)}>
                        重置密码
                      </Button>
                    )}
                    {may(u, u.status === 'active' ? 'disable' : 'update') && (
                      <Button
                        type="link"
                        size="small"
                        danger={u.status === 'active'}
                        onClick={() => toggle(u)}
                      >
                        {u.status === 'active' ? '停用' : '启用'}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <CreateUserModal open={creating} onClose={() => setCreating(false)} />
      <AddGrantModal user={granting} onClose={() => setGranting(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </div>
  );
}
