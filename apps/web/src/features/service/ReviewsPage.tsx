import { Button, Card, Segmented, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { useCurrentUser } from '../auth/api';
import {
  type Amendment,
  type Backfill,
  minutesText,
  useAmendments,
  useBackfills,
  useServiceMutations,
} from './api';
import { RecordDrawer } from './RecordDrawer';
import { ReviewModal, reviewStateColor } from './ReviewModal';

const stateOptions = (pendingLabel: string) => [
  { label: pendingLabel, value: 'pending' },
  { label: '已通过', value: 'approved' },
  { label: '已驳回', value: 'rejected' },
  { label: '全部', value: '' },
];

function BackfillTab() {
  const [state, setState] = useState('pending');
  const [page, setPage] = useState(1);
  const q = useBackfills({ state: state || undefined, page, pageSize: 20 });
  const { decideBackfill } = useServiceMutations();
  const me = useCurrentUser();
  const [row, setRow] = useState<Backfill | null>(null);
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <Segmented
        value={state}
        onChange={(v) => {
          setState(String(v));
          setPage(1);
        }}
        options={stateOptions('待复核')}
        style={{ marginBottom: 12 }}
      />
      <Table<Backfill>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 1400 }}
        data-testid="backfills-table"
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: '活动',
            dataIndex: 'activityTitle',
            width: 200,
            render: (t: string, r) => <Link to={`/activities/${r.activityId}/attendance`}>{t}</Link>,
          },
          { title: '志愿者', width: 160, render: (_, r) => `${r.volunteerName}（${r.volunteerNumber}）` },
          { title: '类型', dataIndex: 'kindLabel', width: 100 },
          {
            title: '补录时长',
            width: 200,
            render: (_, r) => (
              <div>
                {minutesText(r.minutes)}
                <div style={{ color: '#888', fontSize: 12 }}>
                  {formatDateTime(r.fromAt)} – {formatDateTime(r.toAt).slice(11)}
                </div>
              </div>
            ),
          },
          { title: '原因', dataIndex: 'reason', width: 240 },
          {
            title: '录入',
            width: 160,
            render: (_, r) => (
              <div>
                {r.enteredByName}
                <div style={{ color: '#888', fontSize: 12 }}>{formatDateTime(r.enteredAt)}</div>
              </div>
            ),
          },
          {
            title: '状态',
            width: 150,
            render: (_, r) => (
              <div>
                <Tag color={reviewStateColor[r.state]}>{r.stateLabel}</Tag>
                {r.decidedByName && <div style={{ color: '#888', fontSize: 12 }}>{r.decidedByName}</div>}
              </div>
            ),
          },
          {
            title: '操作',
            width: 110,
            fixed: 'right',
            render: (_, r) =>
              r.canDecide ? (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setRow(r)}
                  data-testid={`review-backfill-${r.id}`}
                >
                  复核
                </Button>
              ) : r.state === 'pending' && r.enteredBy === me.user.id ? (
                <Typography.Text type="secondary">待他人复核</Typography.Text>
              ) : null,
          },
        ]}
      />
      <ReviewModal
        open={!!row}
        title="复核补录"
        testId="backfill-review"
        version={row?.version ?? 1}
        pending={decideBackfill.isPending}
        onClose={() => setRow(null)}
        onSubmit={(v) => decideBackfill.mutateAsync({ id: row!.id, ...v })}
        summary={
          row && (
            <Typography.Paragraph style={{ margin: 0 }}>
              {row.activityTitle}：{row.volunteerName} {row.kindLabel}补录 {minutesText(row.minutes)}（
              {formatDateTime(row.fromAt)} – {formatDateTime(row.toAt).slice(11)}），原因：{row.reason}
              。录入人：
              {row.enteredByName}
            </Typography.Paragraph>
          )
        }
      />
    </>
  );
}

const proposedText = (m: Amendment) =>
  [
    m.proposed.minutes !== undefined &&
      `时长 ${minutesText(m.record?.minutes)} → ${minutesText(m.proposed.minutes)}`,
    m.proposed.startedAt &&
      `时间改为 ${formatDateTime(m.proposed.startedAt)} – ${formatDateTime(m.proposed.endedAt).slice(11)}`,
    m.proposed.content && `内容改为“${m.proposed.content}”`,
  ]
    .filter(Boolean)
    .join('；');

function AmendmentTab() {
  const [state, setState] = useState('pending');
  const [page, setPage] = useState(1);
  const q = useAmendments({ state: state || undefined, page, pageSize: 20 });
  const { decideAmendment } = useServiceMutations();
  const [row, setRow] = useState<Amendment | null>(null);
  const [record, setRecord] = useState<string | null>(null);
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <>
      <Segmented
        value={state}
        onChange={(v) => {
          setState(String(v));
          setPage(1);
        }}
        options={[...stateOptions('待审核'), { label: '已撤回', value: 'withdrawn' }]}
        style={{ marginBottom: 12 }}
      />
      <Table<Amendment>
        rowKey="id"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 1400 }}
        data-testid="amendments-table"
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: '服务记录',
            width: 240,
            render: (_, r) => (
              <Button type="link" style={{ padding: 0 }} onClick={() => setRecord(r.recordId)}>
                {r.record?.title}（{r.record?.serviceDate}）
              </Button>
            ),
          },
          { title: '志愿者', width: 160, render: (_, r) => `${r.volunteerName}（${r.volunteerNumber}）` },
          { title: '申请更正', width: 240, render: (_, r) => proposedText(r) },
          { title: '理由', dataIndex: 'reason', width: 200 },
          { title: '申请时间', dataIndex: 'requestedAt', width: 150, render: formatDateTime },
          {
            title: '状态',
            width: 130,
            render: (_, r) => (
              <div>
                <Tag color={reviewStateColor[r.state]}>{r.stateLabel}</Tag>
                {r.decisionReason && <div style={{ color: '#888', fontSize: 12 }}>{r.decisionReason}</div>}
              </div>
            ),
          },
          {
            title: '操作',
            width: 100,
            fixed: 'right',
            render: (_, r) =>
              r.canDecide && (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setRow(r)}
                  data-testid={`review-amendment-${r.id}`}
                >
                  审核
                </Button>
              ),
          },
        ]}
      />
      <ReviewModal
        open={!!row}
        title="审核更正申请"
        testId="amendment-review"
        version={row?.version ?? 1}
        pending={decideAmendment.isPending}
        onClose={() => setRow(null)}
        onSubmit={(v) => decideAmendment.mutateAsync({ id: row!.id, ...v })}
        summary={
          row && (
            <Typography.Paragraph style={{ margin: 0 }}>
              {row.volunteerName} 申请更正“{row.record?.title}”：{proposedText(row)}。理由：{row.reason}
              。通过后原记录保留为历史版本，时长超过活动时长的部分不计。
            </Typography.Paragraph>
          )
        }
      />
      <RecordDrawer id={record} onClose={() => setRecord(null)} />
    </>
  );
}

/** Second-person review: backfilled hours and volunteers' correction requests. */
export default function ReviewsPage() {
  return (
    <div>
      <PageHeader title="补录与更正审核" sub="补录须由录入人以外的人复核；更正通过后生成新版本记录" />
      <Card>
        <Tabs
          items={[
            { key: 'backfills', label: '补录复核', children: <BackfillTab /> },
            { key: 'amendments', label: '记录更正', children: <AmendmentTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
