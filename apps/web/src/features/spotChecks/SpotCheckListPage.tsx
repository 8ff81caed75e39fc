import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Empty,
  Grid,
  Select,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCan } from '../auth/api';
import {
  type MyCheck,
  type RectificationTask,
  type SpotCheckPlan,
  useMyChecks,
  useRectificationTasks,
  useSpotCheckPlans,
} from './api';
import {
  checkStatusColor,
  planStatusColor,
  ratioLabel,
  resultColor,
  resultLabel,
  spotPlanPath,
  statusLabel,
  taskColor,
} from './labels';
import { CompleteTaskModal, NewPlanModal, RecordResultModal, type RecordTarget } from './SpotCheckModals';

const KEYS = ['tab', 'year', 'taskStatus'] as const;
const TABS = ['plans', 'mine', 'tasks'] as const;
const yearOptions = () =>
  Array.from({ length: 5 }, (_, i) => dayjs().year() - i).map((y) => ({ value: String(y), label: `${y}年` }));

function PlansTable({
  year,
  page,
  pageSize,
  onPage,
}: {
  year?: string;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
}) {
  const { t } = useI18n();
  const isMobile = !Grid.useBreakpoint().md;
  const query = useMemo(() => ({ year, page, pageSize }), [year, page, pageSize]);
  const list = useSpotCheckPlans(query);

  const columns: TableColumnsType<SpotCheckPlan> = [
    {
      title: '编号',
      dataIndex: 'code',
      key: 'code',
      width: 170,
      responsive: ['md'],
      render: (c: string, r) => (
        <Link to={spotPlanPath(r.id)} data-testid="plan-code">
          {c}
        </Link>
      ),
    },
    {
      title: '名称',
      key: 'title',
      width: isMobile ? undefined : 240,
      render: (_, r) => (
        <>
          <Link to={spotPlanPath(r.id)} data-testid="plan-link">
            {r.title}
          </Link>
          {isMobile && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.code} · 抽取 {r.sampleSize}/{r.poolSize}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: '年度', dataIndex: 'year', key: 'year', width: 70, responsive: ['md'] },
    {
      title: '抽查比例',
      dataIndex: 'ratio',
      key: 'ratio',
      width: 90,
      responsive: ['md'],
      render: ratioLabel,
    },
    {
      title: '抽取数/名录数',
      key: 'sample',
      width: 120,
      responsive: ['md'],
      render: (_, r) => `${r.sampleSize} / ${r.poolSize}`,
    },
    {
      title: '状态',
      key: 'status',
      width: 90,
      render: (_, r) => (
        <Tag color={planStatusColor[r.status]} data-testid="plan-status">
          {statusLabel(r.status, r.statusLabel)}
        </Tag>
      ),
    },
    { title: '创建人', dataIndex: 'createdByName', key: 'createdBy', width: 100, responsive: ['md'] },
    {
      title: '创建时间',
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      responsive: ['md'],
      render: formatDateTime,
    },
  ];

  if (list.error && !list.data) return <QueryError error={list.error} onRetry={() => list.refetch()} />;
  return (
    <Table<SpotCheckPlan>
      rowKey="id"
      size="middle"
      data-testid="plan-table"
      columns={columns}
      dataSource={list.data?.items ?? []}
      loading={list.isFetching}
      scroll={isMobile ? undefined : { x: 1030 }}
      locale={{ emptyText: <Empty description={year ? `${year}年还没有抽查计划` : '还没有抽查计划'} /> }}
      onChange={(pg) => onPage(pg.current ?? 1, pg.pageSize ?? 20)}
      pagination={{
        current: page,
        pageSize,
        total: list.data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (n) => t('common.total', { n }),
      }}
    />
  );
}

function MyChecksTable() {
  const isMobile = !Grid.useBreakpoint().md;
  const mine = useMyChecks();
  const [recording, setRecording] = useState<RecordTarget | null>(null);

  const columns: TableColumnsType<MyCheck> = [
    {
      title: '被检查组织',
      dataIndex: 'organization',
      key: 'org',
      width: isMobile ? undefined : 240,
      render: (o: string, r) => (
        <>
          {o}
          {isMobile && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.title}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      // a street officer drawn for a district plan may not open the plan itself: no link
      title: '抽查计划',
      key: 'plan',
      width: 260,
      responsive: ['md'],
      render: (_, r) => `${r.title}（${r.code}）`,
    },
    {
      title: '状态',
      key: 'status',
      width: 100,
      render: (_, r) => (
        <Tag color={checkStatusColor[r.status]} data-testid="mine-status">
          {r.statusLabel}
        </Tag>
      ),
    },
    {
      title: '检查结果',
      key: 'result',
      width: 180,
      responsive: ['md'],
      render: (_, r) =>
        r.result ? <Tag color={resultColor[r.result]}>{resultLabel(r.result, r.resultLabel)}</Tag> : '—',
    },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, r) =>
        r.status === 'drawn' ? (
          <Button
            type="link"
            size="small"
            onClick={() => setRecording({ id: r.id, version: r.version, organizationName: r.organization })}
            data-testid="mine-record"
          >
            录入结果
          </Button>
        ) : null,
    },
  ];

  if (mine.error && !mine.data) return <QueryError error={mine.error} onRetry={() => mine.refetch()} />;
  return (
    <>
      <Typography.Paragraph type="secondary">
        您被随机抽中参加的检查，请在检查后及时录入结果；发现问题的，一并提出整改要求和期限。
      </Typography.Paragraph>
      <Table<MyCheck>
        rowKey="id"
        size="middle"
        data-testid="mine-table"
        columns={columns}
        dataSource={mine.data?.items ?? []}
        loading={mine.isFetching}
        scroll={isMobile ? undefined : { x: 870 }}
        locale={{ emptyText: <Empty description="您还没有被抽中参加检查" /> }}
        pagination={false}
      />
      <RecordResultModal target={recording} onClose={() => setRecording(null)} />
    </>
  );
}

export function RectificationTable({
  status,
  page,
  pageSize,
  onChange,
}: {
  status?: string;
  page: number;
  pageSize: number;
  onChange: (f: { taskStatus?: string; page?: string; pageSize?: string }) => void;
}) {
  const { t } = useI18n();
  const can = useCan();
  const isMobile = !Grid.useBreakpoint().md;
  const manage = can('credit_list.manage');
  const query = useMemo(() => ({ status, page, pageSize }), [status, page, pageSize]);
  const list = useRectificationTasks(query);
  const [completing, setCompleting] = useState<RectificationTask | null>(null);

  const columns: TableColumnsType<RectificationTask> = [
    {
      title: '组织',
      key: 'org',
      fixed: isMobile ? undefined : 'left',
      width: isMobile ? undefined : 220,
      render: (_, r) => (
        <>
          <Link to={`/organizations/${r.organizationId}?tab=supervision`} data-testid="task-org">
            {r.organizationName}
          </Link>
          {isMobile && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              期限 {r.deadline}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: '整改要求',
      dataIndex: 'requirement',
      key: 'requirement',
      width: 320,
      responsive: ['md'],
      render: (s: string) => (
        <Typography.Text ellipsis={{ tooltip: s }} style={{ maxWidth: 310 }} data-testid="task-requirement">
          {s}
        </Typography.Text>
      ),
    },
    { title: '整改期限', dataIndex: 'deadline', key: 'deadline', width: 110, responsive: ['md'] },
    {
      title: '状态',
      key: 'status',
      width: 110,
      render: (_, r) => (
        <Tooltip title={r.completedOn ? `${r.completedOn} 完成：${r.completionNote ?? ''}` : undefined}>
          <Tag color={taskColor(r)} data-testid="task-status">
            {r.statusLabel}
          </Tag>
        </Tooltip>
      ),
    },
    { title: '完成日期', dataIndex: 'completedOn', key: 'completedOn', width: 110, responsive: ['md'] },
    ...(manage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            fixed: isMobile ? undefined : ('right' as const),
            render: (_: unknown, r: RectificationTask) =>
              r.status === 'open' ? (
                <Button type="link" size="small" onClick={() => setCompleting(r)} data-testid="task-complete">
                  确认完成
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <div style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="整改状态"
          value={status}
          onChange={(v) => onChange({ taskStatus: v || undefined })}
          options={[
            { value: 'open', label: '整改中（含逾期）' },
            { value: 'completed', label: '已完成' },
          ]}
          style={{ width: 180 }}
          data-testid="task-filter-status"
        />
      </div>
      {list.error && !list.data ? (
        <QueryError error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table<RectificationTask>
          rowKey="id"
          size="middle"
          data-testid="task-table"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={isMobile ? undefined : { x: manage ? 960 : 870 }}
          locale={{ emptyText: <Empty description="没有整改任务" /> }}
          onChange={(pg) => onChange({ page: String(pg.current ?? 1), pageSize: String(pg.pageSize ?? 20) })}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
          }}
        />
      )}
      <CompleteTaskModal task={completing} onClose={() => setCompleting(null)} />
    </>
  );
}

/** 双随机抽查: the plans, the checks the user was drawn for, and the rectification tasks they raised. */
export default function SpotCheckListPage() {
  const can = useCan();
  const { filters, page, pageSize, update } = useUrlFilters(KEYS);
  const [creating, setCreating] = useState(false);
  const tab = (TABS as readonly string[]).includes(filters.tab ?? '') ? (filters.tab as string) : 'plans';
  const onPage = (p: number, ps: number) => update({ page: String(p), pageSize: String(ps) }, false);

  return (
    <div>
      <PageHeader
        title="双随机抽查"
        sub="随机抽取检查对象、随机选派检查人员，检查结果及时公开；发现问题的组织须在期限内整改"
        extra={
          can('spot_check.manage') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="plan-new"
            >
              新建抽查计划
            </Button>
          ) : null
        }
      />
      <Card className="table-card">
        <Tabs
          activeKey={tab}
          onChange={(k) => update({ tab: k === 'plans' ? undefined : k, page: undefined })}
          items={[
            {
              key: 'plans',
              label: <span data-testid="spot-tab-plans">抽查计划</span>,
              children: (
                <>
                  <div style={{ marginBottom: 12 }}>
                    <Select
                      allowClear
                      placeholder="全部年度"
                      value={filters.year}
                      onChange={(v) => update({ year: v || undefined })}
                      options={yearOptions()}
                      style={{ width: 130 }}
                      data-testid="plan-filter-year"
                    />
                  </div>
                  <PlansTable year={filters.year} page={page} pageSize={pageSize} onPage={onPage} />
                </>
              ),
            },
            {
              key: 'mine',
              label: <span data-testid="spot-tab-mine">我的检查任务</span>,
              children: <MyChecksTable />,
            },
            {
              key: 'tasks',
              label: <span data-testid="spot-tab-tasks">整改任务</span>,
              children: (
                <RectificationTable
                  status={filters.taskStatus}
                  page={page}
                  pageSize={pageSize}
                  onChange={(f) => update(f, !('page' in f))}
                />
              ),
            },
          ]}
        />
      </Card>
      <NewPlanModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
