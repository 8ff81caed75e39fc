import { App, Button, Card, Segmented, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useAppeals, useCreditMutations } from './api';
import { ReasonModal } from './CreditModals';
import type { Appeal } from './types';

const KEYS = ['state'] as const;
const DEFAULTS = { state: 'pending' };

/** What an appeal is about, in one line. */
function subject(a: Appeal) {
  if (a.event)
    return (
      <>
        <Tag color={a.event.positive ? 'green' : 'red'}>{a.event.kindLabel}</Tag>
        {a.event.title}（{formatDateTime(a.event.occurredAt)}）{a.event.voided && <Tag>已作废</Tag>}
      </>
    );
  if (a.restriction)
    return (
      <>
        <Tag>报名限制</Tag>
        {a.restriction.reason}（至 {a.restriction.untilDate}，{a.restriction.stateLabel}）
      </>
    );
  return '—';
}

/** 信用申诉: staff review appeals; upheld voids the event or lifts the restriction. */
export default function AppealsPage() {
  const { filters, page, pageSize, update } = useUrlFilters(KEYS, DEFAULTS);
  const state = filters.state === 'all' ? undefined : filters.state;
  const list = useAppeals({ state, page, pageSize });
  const m = useCreditMutations();
  const [deciding, setDeciding] = useState<Appeal | null>(null);
  const { modal } = App.useApp();
  /** A second confirmation before the decision takes effect (it voids an event or lifts a restriction). */
  const confirm = (a: Appeal, decision: 'uphold' | 'dismiss') =>
    new Promise<void>((resolve, reject) => {
      modal.confirm({
        title: decision === 'uphold' ? '确认申诉成立？' : '确认驳回申诉？',
        content:
          decision === 'uphold'
            ? a.event
              ? `将作废“${a.event.title}”这条信用事项，信用分随之重新计算。`
              : '将解除该报名限制，志愿者可立即报名。'
            : '驳回后志愿者可针对同一事项再次申诉。',
        okText: '确认',
        cancelText: '返回修改',
        onOk: () => resolve(),
        onCancel: () => reject(new Error('已取消操作')),
      });
    });

  const columns: TableColumnsType<Appeal> = [
    { title: '提交时间', dataIndex: 'submittedAt', width: 160, render: formatDateTime },
    {
      title: '志愿者',
      key: 'volunteer',
      width: 190,
      render: (_, a) => (
        <Link to={`/volunteers/${a.volunteerId}?tab=credit`}>
          {a.realName}
          <Typography.Text type="secondary"> {a.volunteerNumber}</Typography.Text>
        </Link>
      ),
    },
    { title: '申诉事项', key: 'subject', render: (_, a) => subject(a) },
    { title: '申诉理由', dataIndex: 'reason', width: 260 },
    {
      title: '处理',
      key: 'state',
      width: 240,
      render: (_, a) =>
        a.state === 'pending' ? (
          <Button type="primary" size="small" onClick={() => setDeciding(a)} data-testid="appeal-decide">
            处理
          </Button>
        ) : (
          <>
            <Tag color={a.state === 'upheld' ? 'green' : 'default'}>{a.stateLabel}</Tag>
            <Typography.Text type="secondary">
              {a.decidedByName}：{a.decision}
            </Typography.Text>
          </>
        ),
    },
  ];

  return (
    <>
      <PageHeader title="信用申诉" sub="申诉成立：作废该信用事项或解除限制，信用分重新计算" />
      <Card>
        <Segmented
          style={{ marginBottom: 16 }}
          value={filters.state ?? 'pending'}
          onChange={(v) => update({ state: String(v) })}
          options={[
            { value: 'pending', label: '待处理' },
            { value: 'upheld', label: '申诉成立' },
            { value: 'dismissed', label: '申诉驳回' },
            { value: 'all', label: '全部' },
          ]}
          data-testid="appeal-state"
        />
        {list.error ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<Appeal>
            rowKey="id"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            locale={{ emptyText: '没有申诉' }}
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
        title={`处理申诉${deciding ? `：${deciding.realName}` : ''}`}
        label="处理意见"
        withDecision
        success="申诉已处理"
        okText="确认处理"
        open={!!deciding}
        onClose={() => setDeciding(null)}
        onSubmit={async (v) => {
          await confirm(deciding!, v.decision!);
          return m.decide.mutateAsync({
            id: deciding!.id,
            decision: v.decision!,
            reason: v.reason,
            version: deciding!.version,
          });
        }}
      />
    </>
  );
}
