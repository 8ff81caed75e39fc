import { Empty, Spin, Table, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../lib/format';
import { partyStatusLabels, statusLabels, tierLabels } from '../../lib/labels';
import type { FieldChange } from '../../lib/types';
import { useRegion } from '../auth/api';
import { useCategoryName } from '../reference/api';
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

const CODED: Record<string, Readonly<Record<string, string>>> = {
  tier: tierLabels,
  status: statusLabels,
  partyStatus: partyStatusLabels,
};

function RegionName({ code }: { code: string }) {
  const r = useRegion(code).data;
  return <>{r?.name ?? code}</>;
}

/** A field's value as a person reads it: names, not codes. */
function Value({ field, v }: { field: string; v: unknown }) {
  const catName = useCategoryName();
  if (v === null || v === undefined || v === '') return <>（空）</>;
  if (typeof v === 'boolean') return <>{v ? '是' : '否'}</>;
  const s = String(v);
  if (CODED[field]) return <>{CODED[field][s] ?? s}</>;
  if (field === 'category') return <>{catName(s)}</>;
  if (field === 'regionCode' && /^\d{12}$/.test(s)) return <RegionName code={s} />;
  return <span style={{ whiteSpace: 'pre-wrap' }}>{s.length > 200 ? `${s.slice(0, 200)}…` : s}</span>;
}

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
        content: (
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {formatDateTime(r.changedAt)}
            </Typography.Text>
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
                  ...(r.changes.every((c) => c.from === null || c.from === undefined || c.from === '')
                    ? []
                    : [
                        {
                          title: '原值',
                          dataIndex: 'from',
                          width: '40%',
                          render: (v: unknown, c: FieldChange) =>
                            v === null || v === undefined || v === '' ? (
                              <Typography.Text type="secondary">（空）</Typography.Text>
                            ) : (
                              <Typography.Text delete type="secondary">
                                <Value field={c.field} v={v} />
                              </Typography.Text>
                            ),
                        },
                      ]),
                  {
                    title: r.changes.every((c) => c.from === null || c.from === undefined) ? '内容' : '新值',
                    dataIndex: 'to',
                    render: (v, c) => <Value field={c.field} v={v} />,
                  },
                ]}
              />
            )}
          </div>
        ),
      }))}
    />
  );
}
