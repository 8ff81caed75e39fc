import {
  Alert,
  App,
  Button,
  Card,
  Collapse,
  Descriptions,
  Empty,
  Grid,
  Space,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { cleanMessage } from '../supervision/labels';
import { RegionName } from '../volunteers/RegionName';
import { type RoundAction, type RoundTarget, useEvaluationMutations, useRound } from './api';
import { ExcludedList, ReasonModal } from './EvaluationModals';
import {
  appealStatusColor,
  levelColor,
  levelLabel,
  points,
  roundStatusColor,
  roundStatusLabel,
  targetPath,
  targetStatusColor,
} from './labels';

const confirmText: Record<string, string> = {
  start: '开始评分后，系统将按评价年度的记录计算各组织的系统计分指标，评价人员即可评分。确定开始吗？',
  submit: '提交审核后评价人员不能再修改评分，系统将计算各组织的总分和等级。确定提交吗？',
  publish: '发布后评价结果将在各组织的公开页面公示，公示期内组织负责人可提出异议。确定发布吗？',
  close: '结束公示后评价结果定稿，不能再提出异议。确定结束吗？',
};

/** 综合评价详情: the round's state and steps, the organizations with scoring progress and results. */
export default function EvaluationRoundPage() {
  const { id = '' } = useParams();
  const round = useRound(id);
  const { event } = useEvaluationMutations();
  const { modal, message } = App.useApp();
  const isMobile = !Grid.useBreakpoint().md;
  const [refusal, setRefusal] = useState<string | null>(null);
  const [reasonFor, setReasonFor] = useState<RoundAction | null>(null);

  if (round.error && !round.data)
    return (
      <div>
        <PageHeader title="综合评价" back="/evaluations" />
        <QueryError error={round.error} onRetry={() => round.refetch()} />
      </div>
    );
  const r = round.data;
  if (!r)
    return (
      <div style={{ display: 'flex', justifyContent: 'center', padding: '80px 0' }}>
        <Spin />
      </div>
    );

  const fire = async (a: RoundAction, reason?: string) => {
    await event.mutateAsync({ id: r.id, event: a.event, reason, version: r.version });
    message.success(`已${a.label}`);
  };

  const run = (a: RoundAction) => {
    setRefusal(null);
    if (a.needsReason) {
      setReasonFor(a);
      return;
    }
    modal.confirm({
      title: a.label,
      content: confirmText[a.event] ?? `确定${a.label}吗？`,
      okText: a.label,
      cancelText: '取消',
      onOk: async () => {
        try {
          await fire(a);
        } catch (err) {
          setRefusal(cleanMessage(err));
        }
      },
    });
  };

  const complete = r.targets.filter((t) => t.progress.complete >= t.progress.evaluators).length;
  const showResults = r.targets.some((t) => t.total !== null);
  const pendingAppeals = r.targets.filter((t) => t.appeal?.status === 'submitted').length;

  const columns: TableColumnsType<RoundTarget> = [
    {
      title: '组织',
      key: 'org',
      width: isMobile ? undefined : 260,
      render: (_, t) => (
        <>
          <Link to={targetPath(r.id, t.organizationId)} data-testid="target-link">
            {t.organizationName}
          </Link>
          {isMobile && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              评分 {t.progress.complete}/{t.progress.evaluators}
              {t.total !== null ? ` · ${t.total} 分` : ''}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: '评分进度',
      key: 'progress',
      width: 100,
      responsive: ['md'],
      render: (_, t) => (
        <span data-testid="target-progress">
          {t.progress.complete}/{t.progress.evaluators}
        </span>
      ),
    },
    {
      title: '总分',
      key: 'total',
      width: 80,
      responsive: ['md'],
      render: (_, t) => <span data-testid="target-total">{points(t.total)}</span>,
    },
    {
      title: '等级',
      key: 'level',
      width: 80,
      render: (_, t) =>
        t.level ? (
          <Tag color={levelColor[t.level]} data-testid="target-level">
            {levelLabel(t.level, t.levelLabel)}
          </Tag>
        ) : (
          '—'
        ),
    },
    {
      title: '状态',
      key: 'status',
      width: 150,
      responsive: ['md'],
      render: (_, t) => (
        <Space size={4} wrap>
          <Tag color={targetStatusColor[t.status]} data-testid="target-status">
            {t.statusLabel}
          </Tag>
          {t.appeal && <Tag color={appealStatusColor[t.appeal.status]}>异议：{t.appeal.statusLabel}</Tag>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, t) => (
        <Link
          to={targetPath(r.id, t.organizationId)}
          data-testid={t.scoringOpen ? 'target-score' : 'target-view'}
        >
          {t.scoringOpen ? (t.myScores?.complete ? '修改评分' : '评分') : '查看'}
        </Link>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        back="/evaluations"
        title={
          <span data-testid="round-title-head">
            {r.title}{' '}
            <Tag
              color={roundStatusColor[r.status]}
              data-testid="round-status-tag"
              style={{ verticalAlign: 'middle' }}
            >
              {roundStatusLabel(r.status, r.statusLabel)}
            </Tag>
          </span>
        }
        sub={`${r.code} · ${r.createdByName} 创建于 ${formatDateTime(r.createdAt)}`}
        extra={
          r.actions.length ? (
            <Space wrap>
              {r.actions.map((a) => (
                <Button
                  key={a.event}
                  type={a.needsReason ? 'default' : 'primary'}
                  danger={a.event === 'return'}
                  onClick={() => run(a)}
                  loading={event.isPending && event.variables?.event === a.event}
                  data-testid={`round-action-${a.event}`}
                >
                  {a.label}
                </Button>
              ))}
            </Space>
          ) : null
        }
      />
      {refusal && (
        <Alert
          type="error"
          showIcon
          title={refusal}
          closable={{ onClose: () => setRefusal(null) }}
          style={{ marginBottom: 12 }}
          data-testid="round-action-refusal"
        />
      )}
      {r.statusReason && r.status === 'scoring' && (
        <Alert type="warning" showIcon title={`已退回重评：${r.statusReason}`} style={{ marginBottom: 12 }} />
      )}
      {pendingAppeals > 0 && r.me.manager && (
        <Alert
          type="info"
          showIcon
          title={`有 ${pendingAppeals} 件异议待处理，请在组织的评价页面处理`}
          style={{ marginBottom: 12 }}
        />
      )}
      <Card title="评价信息" style={{ marginBottom: 12 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          data-testid="round-info"
          items={[
            { key: 'year', label: '评价年度', children: `${r.year}年度` },
            { key: 'region', label: '区域', children: <RegionName code={r.regionCode} /> },
            { key: 'scheme', label: '评价方案', children: r.scheme.name },
            {
              key: 'cutoffs',
              label: '等级分数线',
              children: `优秀 ≥${r.cutoffs.excellent}，良好 ≥${r.cutoffs.good}，合格 ≥${r.cutoffs.qualified}`,
            },
            {
              key: 'evaluators',
              label: '评价人员',
              children: (
                <span data-testid="round-evaluators-list">
                  {r.evaluators.map((e) => e.name).join('、') || `${r.evaluatorCount} 人`}
                </span>
              ),
            },
            { key: 'progress', label: '评分完成', children: `${complete} / ${r.targets.length} 个组织` },
            {
              key: 'posting',
              label: '公示期',
              children: r.publishedOn
                ? `${r.publishedOn} 至 ${r.postingEndsOn}`
                : `发布后 ${r.postingDays} 天`,
            },
          ]}
        />
        {r.excluded.length > 0 && (
          <Collapse
            size="small"
            style={{ marginTop: 12 }}
            items={[
              {
                key: 'excluded',
                label: `不参加本轮评价的组织（${r.excluded.length} 个）`,
                children: <ExcludedList excluded={r.excluded} />,
              },
            ]}
          />
        )}
      </Card>
      <Card title={`参评组织（${r.targets.length} 个）`} className="table-card">
        {r.me.evaluator && r.status === 'scoring' && (
          <Typography.Paragraph type="secondary">
            您是本轮评价人员：请逐个打开组织，对评审打分类指标评分并保存。
          </Typography.Paragraph>
        )}
        <Table<RoundTarget>
          rowKey="organizationId"
          size="middle"
          data-testid="target-table"
          columns={columns.filter((c) => showResults || (c.key !== 'total' && c.key !== 'level'))}
          dataSource={r.targets}
          loading={round.isFetching}
          scroll={isMobile ? undefined : { x: 770 }}
          locale={{ emptyText: <Empty description="没有参评组织" /> }}
          pagination={r.targets.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        />
      </Card>
      <ReasonModal
        open={!!reasonFor}
        title={reasonFor?.label ?? ''}
        label="退回原因"
        okText={reasonFor?.label ?? '确定'}
        min={4}
        testId="round-reason"
        extra={
          <Typography.Paragraph type="secondary">
            退回后各组织的计分结果清空，评价人员可修改评分后重新提交审核。
          </Typography.Paragraph>
        }
        onSubmit={async (reason) => {
          if (reasonFor) await fire(reasonFor, reason);
        }}
        onClose={() => setReasonFor(null)}
      />
    </div>
  );
}
