import { teamMembershipStateLabels } from '@linli/core/schemas/volunteer';
import { App, Button, Empty, Input, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useTeamMutations } from './api';
import { labelOr, membershipColor } from './labels';
import type { Membership } from './types';

/** Memberships of one team, filtered by state, with approve/reject for open requests. */
export function TeamMembersTable({
  teamId,
  items,
  loading,
  canManage,
}: {
  teamId: string;
  items: Membership[];
  loading: boolean;
  canManage: boolean;
}) {
  const { modal, message } = App.useApp();
  const { decide } = useTeamMutations(teamId);
  const pending = items.filter((m) => m.state === 'requested').length;
  const [state, setState] = useState<string>(pending ? 'requested' : 'approved');
  const shown = state === 'all' ? items : items.filter((m) => m.state === state);

  const approve = (m: Membership) =>
    modal.confirm({
      title: `同意 ${m.realName ?? ''} 加入服务队？`,
      okText: '同意',
      cancelText: '取消',
      onOk: () =>
        decide
          .mutateAsync({ membershipId: m.id, decision: 'approve' })
          .then(() => message.success('已同意入队'))
          .catch((e) => message.error(errorMessage(e))),
    });

  const reject = (m: Membership) => {
    let reason = '';
    modal.confirm({
      title: `不同意 ${m.realName ?? ''} 入队`,
      content: (
        <Input.TextArea
          rows={3}
          maxLength={200}
          placeholder="请填写理由（必填）"
          onChange={(e) => {
            reason = e.target.value;
          }}
          data-testid="membership-reason"
        />
      ),
      okText: '不同意',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        if (!reason.trim()) {
          message.error('请填写理由');
          throw new Error('reason');
        }
        await decide
          .mutateAsync({ membershipId: m.id, decision: 'reject', reason: reason.trim() })
          .then(() => message.success('已记录不同意'))
          .catch((e) => message.error(errorMessage(e)));
      },
    });
  };

  const count = (s: string) => items.filter((m) => m.state === s).length;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Segmented
        value={state}
        onChange={(v) => setState(String(v))}
        options={[
          { value: 'requested', label: `待审核（${count('requested')}）` },
          { value: 'approved', label: `已加入（${count('approved')}）` },
          { value: 'rejected', label: `未通过（${count('rejected')}）` },
          { value: 'all', label: `全部（${items.length}）` },
        ]}
        data-testid="membership-filter"
      />
      <Table<Membership>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={shown}
        data-testid="membership-table"
        scroll={{ x: 900 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="暂无记录" /> }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'realName',
            width: 110,
            render: (n: string, r) => <Link to={`/volunteers/${r.volunteerId}`}>{n ?? '—'}</Link>,
          },
          { title: '志愿者编号', dataIndex: 'volunteerNumber', width: 190 },
          { title: '手机号', dataIndex: 'phoneMasked', width: 130 },
          {
            title: '状态',
            dataIndex: 'state',
            width: 90,
            render: (s: string) => (
              <Tag color={membershipColor[s]}>{labelOr(teamMembershipStateLabels, s)}</Tag>
            ),
          },
          { title: '申请时间', dataIndex: 'requestedAt', width: 150, render: formatDateTime },
          {
            title: '审核',
            key: 'decided',
            width: 200,
            render: (_, r) =>
              r.decidedAt ? (
                <div>
                  <div>
                    {r.decidedByName ?? '—'}
                    {r.reason ? `：${r.reason}` : ''}
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(r.decidedAt)}
                  </Typography.Text>
                </div>
              ) : (
                '—'
              ),
          },
          ...(canManage
            ? [
                {
                  title: '操作',
                  key: 'act',
                  width: 140,
                  fixed: 'right' as const,
                  render: (_: unknown, r: Membership) =>
                    r.state === 'requested' ? (
                      <Space size={4}>
                        <Button
                          size="small"
                          type="link"
                          onClick={() => approve(r)}
                          data-testid="membership-approve"
                        >
                          同意
                        </Button>
                        <Button size="small" type="link" danger onClick={() => reject(r)}>
                          不同意
                        </Button>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
