import { Empty, Spin, Table, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import type { FieldChange } from '../../lib/types';
import { useOrgHistory } from './api';

const causeLabels: Record<string, string> = {
  created: '建档',
  imported: '导入',
  updated: '修改',
  filed: '备案',
  registered: '登记',
  change_approved: '变更通过',
  exited: '退出',
  dormant: '标记休眠',
};

const show = (v: unknown) =>
  v === null || v === undefined || v === ''
    ? '（空）'
    : typeof v === 'boolean'
      ? v
        ? '是'
        : '否'
      : String(v);

export function HistoryTab({ orgId }: { orgId: string }) {
  const history = useOrgHistory(orgId, true);
  if (history.isPending) return <Spin />;
  const items = history.data?.items ?? [];
  if (!items.length) return <Empty description="暂无历史记录" />;
  return (
    <Timeline
      data-testid="history-timeline"
      items={items.map((r) => ({
        key: r.version,
        title: formatDateTime(r.changedAt),
        content: (
          <div>
            <Typography.Text strong>
              第 {r.version} 版 · {r.causeLabel ?? causeLabels[r.cause] ?? r.cause}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
              {r.changedByName ?? '系统'}
            </Typography.Text>
            {r.reason && <div>原因：{r.reason}</div>}
            {r.changes.length > 0 && (
              <Table<FieldChange>
                size="small"
                rowKey="field"
                pagination={false}
                style={{ marginTop: 8, maxWidth: 720 }}
                dataSource={r.changes}
                columns={[
                  { title: '字段', dataIndex: 'label', width: 130, render: (v, c) => v || c.field },
                  {
                    title: '原值',
                    dataIndex: 'from',
                    render: (v) => (
                      <Typography.Text delete type="secondary">
                        {show(v)}
                      </Typography.Text>
                    ),
                  },
                  { title: '新值', dataIndex: 'to', render: (v) => show(v) },
                ]}
              />
            )}
          </div>
        ),
      }))}
    />
  );
}
