import {
  Alert,
  App,
  Button,
  Card,
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
import { type Replay, replayPlan, type SpotCheck, useSpotCheckMutations, useSpotCheckPlan } from './api';
import {
  checkStatusColor,
  planStatusColor,
  ratioLabel,
  resultColor,
  resultLabel,
  statusLabel,
  tierLabel,
} from './labels';
import { RecordResultModal, type RecordTarget } from './SpotCheckModals';

/** 抽查计划详情: the draw (seed, pools), its replay, the checks and their results, and publishing. */
export default function SpotCheckDetailPage() {
  const { id = '' } = useParams();
  const plan = useSpotCheckPlan(id);
  const { publish } = useSpotCheckMutations();
  const { modal, message } = App.useApp();
  const isMobile = !Grid.useBreakpoint().md;
  const [replay, setReplay] = useState<Replay | null>(null);
  const [replayError, setReplayError] = useState<string | null>(null);
  const [replaying, setReplaying] = useState(false);
  const [publishError, setPublishError] = useState<string | null>(null);
  const [recording, setRecording] = useState<RecordTarget | null>(null);

  if (plan.error && !plan.data)
    return (
      <div>
        <PageHeader title="抽查计划" back="/spot-checks" />
        <QueryError error={plan.error} onRetry={() => plan.refetch()} />
      </div>
    );
  const p = plan.data;
  if (!p)
    return (
      <div style={{ display: 'flex', justifyContent: 'center', padding: '80px 0' }}>
        <Spin />
      </div>
    );
  const published = p.status === 'published';
  const open = p.checks.filter((c) => c.status !== 'recorded').length;

  const doReplay = async () => {
    setReplaying(true);
    setReplayError(null);
    try {
      setReplay(await replayPlan(p.id));
    } catch (err) {
      setReplay(null);
      setReplayError(cleanMessage(err));
    } finally {
      setReplaying(false);
    }
  };

  const doPublish = () => {
    setPublishError(null);
    modal.confirm({
      title: '公示抽查结果',
      content: `公示后检查结果将在公开页面发布，且不能再修改。${open ? `目前还有 ${open} 个组织未录入结果。` : ''}确定公示吗？`,
      okText: '公示',
      cancelText: '取消',
      onOk: async () => {
        try {
          await publish.mutateAsync({ id: p.id, version: p.version });
          message.success('抽查结果已公示');
        } catch (err) {
          setPublishError(cleanMessage(err));
        }
      },
    });
  };

  const columns: TableColumnsType<SpotCheck> = [
    { title: '序号', dataIndex: 'drawOrder', key: 'order', width: 60, responsive: ['md'] },
    {
      title: '组织',
      key: 'org',
      width: isMobile ? undefined : 240,
      render: (_, r) => (
        <>
          <Link to={`/organizations/${r.organizationId}`} data-testid="check-org">
            {r.organizationName}
          </Link>
          {isMobile && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.inspectors.map((i) => i.name).join('、') || '—'}
              {r.checkedOn ? ` · ${r.checkedOn}` : ''}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: '检查人员',
      key: 'inspectors',
      width: 160,
      responsive: ['md'],
      render: (_, r) => (
        <span data-testid="check-inspectors">{r.inspectors.map((i) => i.name).join('、') || '—'}</span>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 100,
      render: (_, r) => (
        <Tag color={checkStatusColor[r.status]} data-testid="check-status">
          {r.statusLabel}
        </Tag>
      ),
    },
    {
      title: '检查结果',
      key: 'result',
      width: 200,
      responsive: ['md'],
      render: (_, r) =>
        r.result ? (
          <Typography.Text ellipsis={{ tooltip: r.findings }} style={{ maxWidth: 190 }}>
            <Tag color={resultColor[r.result]} data-testid="check-result">
              {resultLabel(r.result, r.resultLabel)}
            </Tag>
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: '检查日期',
      dataIndex: 'checkedOn',
      key: 'checkedOn',
      width: 110,
      responsive: ['md'],
      render: (d: string | null) => d ?? '—',
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, r) =>
        r.mine && !published ? (
          <Button
            type="link"
            size="small"
            onClick={() =>
              setRecording({ id: r.id, version: r.version, organizationName: r.organizationName })
            }
            data-testid="check-record"
          >
            {r.status === 'recorded' ? '修改结果' : '录入结果'}
          </Button>
        ) : null,
    },
  ];

  return (
    <div>
      <PageHeader
        back="/spot-checks"
        title={
          <span data-testid="plan-title-head">
            {p.title}{' '}
            <Tag
              color={planStatusColor[p.status]}
              data-testid="plan-status-tag"
              style={{ verticalAlign: 'middle' }}
            >
              {statusLabel(p.status, p.statusLabel)}
            </Tag>
          </span>
        }
        sub={`${p.code} · ${p.createdByName} 创建于 ${formatDateTime(p.createdAt)}${
          p.publishedAt ? ` · ${formatDateTime(p.publishedAt)} 公示` : ''
        }`}
        extra={
          p.canManage && !published ? (
            <Button type="primary" onClick={doPublish} loading={publish.isPending} data-testid="plan-publish">
              公示结果
            </Button>
          ) : null
        }
      />
      {publishError && (
        <Alert
          type="error"
          showIcon
          title={publishError}
          closable={{ onClose: () => setPublishError(null) }}
          style={{ marginBottom: 12 }}
          data-testid="publish-refusal"
        />
      )}
      <Card
        title="抽取信息"
        style={{ marginBottom: 12 }}
        extra={
          <Button onClick={doReplay} loading={replaying} data-testid="plan-replay">
            复核抽取
          </Button>
        }
      >
        {replay && (
          <Alert
            type={replay.identical ? 'success' : 'error'}
            showIcon
            title={replay.message}
            style={{ marginBottom: 12 }}
            data-testid="replay-result"
          />
        )}
        {replayError && <Alert type="error" showIcon title={replayError} style={{ marginBottom: 12 }} />}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          data-testid="plan-draw"
          items={[
            {
              key: 'seed',
              label: '随机种子',
              children: (
                <Typography.Text
                  copyable={{ text: p.seed, tooltips: ['复制', '已复制'] }}
                  code
                  data-testid="plan-seed-value"
                  style={{ wordBreak: 'break-all' }}
                >
                  {p.seed}
                </Typography.Text>
              ),
            },
            { key: 'region', label: '区域', children: <RegionName code={p.regionCode} /> },
            { key: 'tier', label: '组织类型', children: tierLabel(p.filters?.tier) },
            { key: 'ratio', label: '抽查比例', children: ratioLabel(p.ratio) },
            { key: 'pool', label: '名录数（组织）', children: `${p.poolSize} 个` },
            { key: 'inspectors', label: '检查人员名录数', children: `${p.inspectorPoolSize} 人` },
            {
              key: 'sample',
              label: '抽取数',
              children: <span data-testid="plan-sample">{p.sampleSize} 个</span>,
            },
            {
              key: 'progress',
              label: '已录入结果',
              children: `${p.checks.length - open} / ${p.checks.length}`,
            },
          ]}
        />
      </Card>
      <Card title="检查对象" className="table-card">
        <Table<SpotCheck>
          rowKey="id"
          size="middle"
          data-testid="check-table"
          columns={columns}
          dataSource={p.checks}
          loading={plan.isFetching}
          scroll={isMobile ? undefined : { x: 960 }}
          locale={{ emptyText: <Empty description="没有抽中的组织" /> }}
          pagination={p.checks.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        />
        {!published && open > 0 && (
          <Space style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">还有 {open} 个组织未录入检查结果。</Typography.Text>
          </Space>
        )}
      </Card>
      <RecordResultModal target={recording} onClose={() => setRecording(null)} />
    </div>
  );
}
