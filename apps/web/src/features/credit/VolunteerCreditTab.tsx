import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError';
import { formatDate, formatDateTime } from '../../lib/format';
import { useCan } from '../auth/api';
import { useAwards, useCreditMutations, useTrainings, useVolunteerCredit } from './api';
import { AwardModal, CreditEventModal, ReasonModal, RestrictModal, TrainingModal } from './CreditModals';
import type { Appeal, Award, CreditEvent, Restriction, Training } from './types';

const levelColor: Record<string, string> = { excellent: 'green', good: 'blue', fair: 'orange', poor: 'red' };

type Open = null | 'event' | 'restrict' | 'training' | 'award' | { lift: Restriction };

/** The 信用与培训表彰 tab of the volunteer detail page. */
export function VolunteerCreditTab({ volunteerId }: { volunteerId: string }) {
  const credit = useVolunteerCredit(volunteerId);
  const trainings = useTrainings(volunteerId);
  const awards = useAwards(volunteerId);
  const m = useCreditMutations(volunteerId);
  const can = useCan();
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  if (credit.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (credit.error) return <QueryError error={credit.error} onRetry={() => credit.refetch()} />;
  const c = credit.data;
  const manageCredit = c.allowedActions.includes('restrict');
  const manageVolunteer = can('volunteer.manage');

  const eventColumns = [
    { title: '发生时间', dataIndex: 'occurredAt', width: 160, render: formatDateTime },
    {
      title: '类型',
      dataIndex: 'kindLabel',
      width: 170,
      render: (l: string, e: CreditEvent) => <Tag color={e.positive ? 'green' : 'red'}>{l}</Tag>,
    },
    { title: '事项', dataIndex: 'title' },
    { title: '来源', dataIndex: 'sourceLabel', width: 100 },
    { title: '登记人', dataIndex: 'recordedByName', width: 110 },
    {
      title: '状态',
      key: 'voided',
      width: 200,
      render: (_: unknown, e: CreditEvent) =>
        e.voided ? (
          <Typography.Text type="secondary" delete={false}>
            <Tag>已作废</Tag>
            {e.voidReason}
          </Typography.Text>
        ) : (
          <Tag color="processing">有效</Tag>
        ),
    },
  ];

  const restrictionColumns = [
    {
      title: '来源',
      dataIndex: 'sourceLabel',
      width: 110,
      render: (l: string, r: Restriction) => (
        <Tag color={r.source === 'rule' ? 'purple' : 'default'}>{l}</Tag>
      ),
    },
    { title: '原因', dataIndex: 'reason' },
    { title: '限制至', dataIndex: 'untilDate', width: 110 },
    {
      title: '状态',
      dataIndex: 'stateLabel',
      width: 180,
      render: (l: string, r: Restriction) => (
        <Space orientation="vertical" size={0}>
          <Tag color={r.state === 'active' ? 'red' : 'default'}>{l}</Tag>
          {r.liftReason && <Typography.Text type="secondary">{r.liftReason}</Typography.Text>}
        </Space>
      ),
    },
    { title: '登记人', dataIndex: 'createdByName', width: 110, render: (n: string | null) => n ?? '系统' },
    ...(manageCredit
      ? [
          {
            title: '操作',
            key: 'op',
            width: 90,
            render: (_: unknown, r: Restriction) =>
              r.id && !r.liftedAt && r.state !== 'expired' ? (
                <Button size="small" onClick={() => setOpen({ lift: r })} data-testid="restriction-lift">
                  解除
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  const appealColumns = [
    { title: '提交时间', dataIndex: 'submittedAt', width: 160, render: formatDateTime },
    { title: '申诉理由', dataIndex: 'reason' },
    {
      title: '结果',
      dataIndex: 'stateLabel',
      width: 260,
      render: (l: string, a: Appeal) => (
        <Space orientation="vertical" size={0}>
          <Tag color={a.state === 'pending' ? 'orange' : a.state === 'upheld' ? 'green' : 'default'}>{l}</Tag>
          {a.decision && (
            <Typography.Text type="secondary">
              {a.decidedByName}：{a.decision}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="credit-tab">
      {c.restricted && (
        <Alert
          type="error"
          showIcon
          data-testid="credit-restricted"
          title={`限制报名至 ${c.restricted.untilDate}（${c.restricted.sourceLabel}）`}
          description={c.restricted.reason}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Card size="small">
            <Statistic title="信用分" value={c.score} suffix="分" data-testid="credit-score" />
            <Tag color={levelColor[c.level] ?? 'default'} style={{ marginTop: 8 }}>
              信用等级：{c.label}
            </Tag>
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card
            size="small"
            title="分数变动（最近在前）"
            extra={
              manageCredit && (
                <Space>
                  <Button size="small" onClick={() => setOpen('event')} data-testid="credit-add-event">
                    登记失信事项
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => setOpen('restrict')}
                    data-testid="credit-restrict"
                  >
                    限制报名
                  </Button>
                </Space>
              )
            }
          >
            {c.changes.length === 0 ? (
              <Empty description="暂无变动，信用分为初始分" image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <div style={{ maxHeight: 280, overflow: 'auto', paddingTop: 8 }}>
                <Timeline
                  items={c.changes.map((ch) => ({
                    key: ch.eventId,
                    color: ch.delta > 0 ? 'green' : ch.delta < 0 ? 'red' : 'gray',
                    children: (
                      <span data-testid="credit-change">
                        {ch.reason}
                        <Typography.Text type="secondary">（变动后 {ch.scoreAfter} 分）</Typography.Text>
                      </span>
                    ),
                  }))}
                />
              </div>
            )}
          </Card>
        </Col>
      </Row>

      <Card size="small" title="信用事项">
        <Table<CreditEvent>
          rowKey="id"
          size="small"
          columns={eventColumns}
          dataSource={c.events}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无信用事项' }}
          rowClassName={(e) => (e.voided ? 'row-muted' : '')}
        />
      </Card>

      <Card size="small" title="报名限制">
        <Table<Restriction>
          rowKey={(r) => r.id ?? `rule-${r.untilAt}`}
          size="small"
          columns={restrictionColumns}
          dataSource={c.restrictions}
          pagination={false}
          locale={{ emptyText: '无报名限制' }}
        />
      </Card>

      <Card size="small" title="申诉">
        <Table<Appeal>
          rowKey="id"
          size="small"
          columns={appealColumns}
          dataSource={c.appeals}
          pagination={false}
          locale={{ emptyText: '暂无申诉' }}
        />
      </Card>

      <Card
        size="small"
        title="培训记录"
        extra={
          manageVolunteer && (
            <Button size="small" onClick={() => setOpen('training')} data-testid="training-add">
              登记培训
            </Button>
          )
        }
      >
        <Table<Training>
          rowKey="id"
          size="small"
          loading={trainings.isFetching}
          dataSource={trainings.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无培训记录' }}
          columns={[
            { title: '培训日期', dataIndex: 'heldOn', width: 110, render: formatDate },
            { title: '课程', dataIndex: 'course' },
            { title: '内容', dataIndex: 'content', render: (t: string) => t || '—' },
            { title: '时长', dataIndex: 'minutes', width: 90, render: (n: number) => `${n} 分钟` },
            { title: '主办单位', dataIndex: 'organizer', width: 160 },
            { title: '登记人', dataIndex: 'recordedByName', width: 110 },
          ]}
        />
      </Card>

      <Card
        size="small"
        title="表彰奖励"
        extra={
          manageVolunteer && (
            <Button size="small" onClick={() => setOpen('award')} data-testid="award-add">
              登记表彰
            </Button>
          )
        }
      >
        <Table<Award>
          rowKey="id"
          size="small"
          loading={awards.isFetching}
          dataSource={awards.data?.items ?? []}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: '暂无表彰奖励' }}
          columns={[
            { title: '表彰日期', dataIndex: 'awardedOn', width: 110, render: formatDate },
            { title: '表彰名称', dataIndex: 'title' },
            { title: '授予单位', dataIndex: 'awardedBy', width: 180 },
            { title: '备注', dataIndex: 'note', render: (t: string) => t || '—' },
            { title: '登记人', dataIndex: 'recordedByName', width: 110 },
          ]}
        />
      </Card>

      <CreditEventModal
        open={open === 'event'}
        onClose={close}
        onSubmit={(b) => m.recordEvent.mutateAsync(b)}
      />
      <RestrictModal open={open === 'restrict'} onClose={close} onSubmit={(b) => m.restrict.mutateAsync(b)} />
      <TrainingModal
        open={open === 'training'}
        onClose={close}
        onSubmit={(b) => m.addTraining.mutateAsync(b)}
      />
      <AwardModal open={open === 'award'} onClose={close} onSubmit={(b) => m.addAward.mutateAsync(b)} />
      <ReasonModal
        title="解除报名限制"
        label="解除原因"
        success="已解除限制"
        open={typeof open === 'object' && open !== null}
        onClose={close}
        onSubmit={(v) => {
          const r = (open as { lift: Restriction }).lift;
          return m.lift.mutateAsync({ id: r.id!, reason: v.reason, version: r.version });
        }}
      />
    </Space>
  );
}
