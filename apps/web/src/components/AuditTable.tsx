import { Table, type TablePaginationConfig, Typography } from 'antd';
import { formatDateTime } from '../lib/format';
import type { AuditEntry } from '../lib/types';
import { JsonDiff } from './JsonDiff';

const entityLabels: Record<string, string> = {
  organization: '组织',
  application: '申请',
  member: '成员',
  user: '用户',
  grant: '授权',
  certificate: '证书',
  attachment: '附件',
  setting: '设置',
  category_scheme: '分类方案',
  ledger_activity: '活动台账',
};

export const entityTypeOptions = Object.entries(entityLabels).map(([value, label]) => ({ value, label }));

export function AuditTable({
  items,
  loading,
  pagination,
  onChange,
}: {
  items: AuditEntry[];
  loading?: boolean;
  pagination?: TablePaginationConfig | false;
  onChange?: (p: TablePaginationConfig) => void;
}) {
  return (
    <Table<AuditEntry>
      rowKey="seq"
      size="small"
      data-testid="audit-table"
      loading={loading}
      dataSource={items}
      pagination={pagination}
      onChange={(p) => onChange?.(p)}
      scroll={{ x: 760 }}
      expandable={{
        expandedRowRender: (r) => <JsonDiff before={r.before} after={r.after} />,
        rowExpandable: (r) => r.before !== undefined || r.after !== undefined,
      }}
      columns={[
        { title: '序号', dataIndex: 'seq', width: 80 },
        { title: '时间', dataIndex: 'at', width: 150, render: formatDateTime },
        { title: '操作人', dataIndex: 'actorName', width: 110, render: (v: string | null) => v ?? '系统' },
        {
          title: '操作',
          dataIndex: 'action',
          width: 200,
          render: (v: string, r) => (
            <span>
              {r.actionLabel ?? v}
              {r.actionLabel && (
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                  {v}
                </Typography.Text>
              )}
            </span>
          ),
        },
        {
          title: '对象',
          key: 'entity',
          render: (_, r) => (
            <span>
              {entityLabels[r.entityType] ?? r.entityType}
              <Typography.Text
                type="secondary"
                copyable={{ text: r.entityId }}
                style={{ fontSize: 12, marginInlineStart: 6 }}
              >
                {r.entityId.slice(0, 8)}
              </Typography.Text>
            </span>
          ),
        },
      ]}
    />
  );
}
