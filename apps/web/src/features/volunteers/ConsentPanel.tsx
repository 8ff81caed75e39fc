import { App, Button, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useVolunteerMutations } from './api';
import { consentOptions } from './labels';
import type { ConsentEntry, VolunteerDetail } from './types';
import { GUARDIAN_AGE } from './VolunteerFields';

/** Current consent per purpose with record/withdraw, and the append-only history below. */
export function ConsentPanel({
  volunteer: v,
  canManage,
}: {
  volunteer: VolunteerDetail;
  canManage: boolean;
}) {
  const { consent } = useVolunteerMutations(v.id);
  const { modal, message } = App.useApp();
  const [how, setHow] = useState<'staff_recorded' | 'guardian'>(
    v.age < GUARDIAN_AGE ? 'guardian' : 'staff_recorded',
  );

  const change = (purpose: string, label: string, granted: boolean) =>
    modal.confirm({
      title: granted ? `记录同意：${label}` : `记录撤回：${label}`,
      content:
        !granted && purpose === 'record'
          ? '撤回“记录志愿服务信息”的同意后，该志愿者将被停用，不能再报名活动。确认已取得本人（或监护人）的撤回意思表示？'
          : `确认${how === 'guardian' ? '监护人' : '本人'}已当面${granted ? '同意' : '撤回'}此事项？此操作将记入同意记录和审计日志。`,
      okText: '确认',
      cancelText: '取消',
      okButtonProps: { danger: !granted },
      onOk: () =>
        consent
          .mutateAsync({ purpose, granted, how })
          .then(() => message.success(granted ? '已记录同意' : '已记录撤回'))
          .catch((e) => message.error(errorMessage(e))),
    });

  const rows = consentOptions.map((o) => ({ ...o, granted: v.consents[o.value] === true }));

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {canManage && (
        <Space wrap>
          <Typography.Text>同意方式：</Typography.Text>
          <Radio.Group
            value={how}
            onChange={(e) => setHow(e.target.value)}
            options={[
              { value: 'staff_recorded', label: '工作人员代为记录本人意思' },
              { value: 'guardian', label: '监护人同意' },
            ]}
          />
        </Space>
      )}
      <Table
        size="small"
        rowKey="value"
        pagination={false}
        dataSource={rows}
        data-testid="consent-current"
        scroll={{ x: 520 }}
        columns={[
          { title: '同意事项', dataIndex: 'label' },
          {
            title: '当前状态',
            dataIndex: 'granted',
            width: 100,
            render: (g: boolean) => (g ? <Tag color="green">已同意</Tag> : <Tag>未同意</Tag>),
          },
          ...(canManage
            ? [
                {
                  title: '操作',
                  key: 'act',
                  width: 110,
                  render: (_: unknown, r: (typeof rows)[number]) =>
                    r.granted ? (
                      <Button size="small" danger onClick={() => change(r.value, r.label, false)}>
                        记录撤回
                      </Button>
                    ) : (
                      <Button size="small" onClick={() => change(r.value, r.label, true)}>
                        记录同意
                      </Button>
                    ),
                },
              ]
            : []),
        ]}
      />
      <Typography.Title level={5} style={{ margin: '8px 0 0' }}>
        同意记录
      </Typography.Title>
      <Table<ConsentEntry>
        size="small"
        rowKey={(r) => `${r.at}-${r.purpose}-${r.granted}`}
        dataSource={v.consentHistory}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        data-testid="consent-history"
        scroll={{ x: 640 }}
        columns={[
          { title: '时间', dataIndex: 'at', width: 150, render: formatDateTime },
          { title: '事项', dataIndex: 'purposeLabel' },
          {
            title: '结果',
            dataIndex: 'granted',
            width: 80,
            render: (g: boolean) => (g ? <Tag color="green">同意</Tag> : <Tag color="red">撤回</Tag>),
          },
          { title: '方式', dataIndex: 'howLabel', width: 190 },
          { title: '记录人', dataIndex: 'byName', width: 120, render: (n: string | null) => n ?? '—' },
        ]}
      />
    </Space>
  );
}
