import { Button, Card, Input, Segmented, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCreditMutations, useRestrictions } from './api';
import { ReasonModal } from './CreditModals';
import type { Restriction } from './types';

const KEYS = ['state', 'q'] as const;
const DEFAULTS = { state: 'active' };

/** 限制报名名单: staff restrictions in scope and the rule-derived ones (规则自动限制). */
export default function RestrictionsPage() {
  const { filters, page, pageSize, update } = useUrlFilters(KEYS, DEFAULTS);
  const state = filters.state === 'all' ? undefined : filters.state;
  const list = useRestrictions({ state, q: filters.q, page, pageSize });
  const m = useCreditMutations();
  const [lifting, setLifting] = useState<Restriction | null>(null);

  const columns: TableColumnsType<Restriction> = [
    {
      title: '志愿者',
      key: 'volunteer',
      width: 200,
      render: (_, r) => (
        <Link to={`/volunteers/${r.volunteerId}?tab=credit`} data-testid="restriction-volunteer">
          {r.realName}
          <Typography.Text type="secondary"> {r.volunteerNumber}</Typography.Text>
        </Link>
      ),
    },
    {
      title: '来源',
      dataIndex: 'sourceLabel',
      width: 120,
      render: (l: string, r) => <Tag color={r.source === 'rule' ? 'purple' : 'default'}>{l}</Tag>,
    },
    { title: '原因', dataIndex: 'reason' },
    { title: '限制至', dataIndex: 'untilDate', width: 110 },
    {
      title: '状态',
      dataIndex: 'stateLabel',
      width: 200,
      render: (l: string, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={r.state === 'active' ? 'red' : 'default'}>{l}</Tag>
          {r.liftReason && (
            <Typography.Text type="secondary">
              {r.liftedByName}：{r.liftReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '登记',
      key: 'by',
      width: 170,
      render: (_, r) => (r.createdByName ? `${r.createdByName}` : '系统'),
    },
    {
      title: '开始',
      dataIndex: 'fromAt',
      width: 160,
      render: (d: string | null) => (d ? formatDateTime(d) : '—'),
    },
    {
      title: '操作',
      key: 'op',
      width: 90,
      render: (_, r) =>
        r.id && !r.liftedAt && r.state !== 'expired' ? (
          <Button size="small" onClick={() => setLifting(r)} data-testid="restriction-lift">
            解除
          </Button>
        ) : r.source === 'rule' ? (
          <Typography.Text type="secondary">申诉成立后自动解除</Typography.Text>
        ) : null,
    },
  ];

  return (
    <>
      <PageHeader
        title="限制报名名单"
        sub="人工限制可解除；规则自动限制由信用事项计算，作废事项（申诉成立）后自动解除"
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <Segmented
            value={filters.state ?? 'active'}
            onChange={(v) => update({ state: String(v) })}
            options={[
              { value: 'active', label: '限制中' },
              { value: 'lifted', label: '已解除' },
              { value: 'all', label: '全部' },
            ]}
            data-testid="restriction-state"
          />
          <Input.Search
            allowClear
            placeholder="姓名、志愿者编号或原因"
            defaultValue={filters.q}
            onSearch={(q) => update({ q: q.trim() || undefined })}
            style={{ width: 260 }}
          />
        </Space>
        {list.error ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<Restriction>
            rowKey={(r) => r.id ?? `rule-${r.volunteerId}`}
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: '没有符合条件的限制' }}
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showTotal: (t) => `共 ${t} 条`,
              onChange: (p, s) => update({ page: String(p), pageSize: String(s) }, false),
            }}
          />
        )}
      </Card>
      <ReasonModal
        title={`解除报名限制${lifting ? `：${lifting.realName}` : ''}`}
        label="解除原因"
        success="已解除限制"
        okText="确认解除"
        open={!!lifting}
        onClose={() => setLifting(null)}
        onSubmit={(v) =>
          m.lift.mutateAsync({ id: lifting!.id!, reason: v.reason, version: lifting!.version })
        }
      />
    </>
  );
}
