import {
  Button,
  Card,
  Empty,
  Form,
  Grid,
  Input,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { RegionName } from '../volunteers/RegionName';
import { type DormantCase, useDormantCases } from './api';

const KEYS = ['status', 'q'] as const;
const STATUSES = [
  { key: 'all', label: '全部' },
  { key: 'warned', label: '已警示' },
  { key: 'proposed', label: '已提出退出建议' },
  { key: 'cleared', label: '已解除' },
] as const;
const statusColor: Record<string, string> = { warned: 'orange', proposed: 'red', cleared: 'green' };

/** 长期未活动组织: organizations warned for showing no sign of life, exit proposals to the street, cleared cases. */
export default function DormantListPage() {
  const { t } = useI18n();
  const isMobile = !Grid.useBreakpoint().md;
  const { filters, page, pageSize, update } = useUrlFilters(KEYS);
  const query = useMemo(() => ({ ...filters, page, pageSize }), [filters, page, pageSize]);
  const list = useDormantCases(query);
  const [form] = Form.useForm<{ q?: string }>();
  const current = STATUSES.some((s) => s.key === filters.status) ? (filters.status as string) : 'all';

  useEffect(() => {
    form.setFieldsValue({ q: filters.q });
  }, [filters.q, form]);

  const columns: TableColumnsType<DormantCase> = [
    {
      title: '组织',
      key: 'org',
      fixed: isMobile ? undefined : 'left',
      width: isMobile ? undefined : 220,
      render: (_, r) => (
        <>
          <Link to={`/organizations/${r.organizationId}?tab=supervision`} data-testid="dormant-org">
            {r.organizationName}
          </Link>
          {isMobile && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              最近{r.lastSignLabel} {r.lastSignOn}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: '所属社区',
      key: 'region',
      width: 130,
      responsive: ['md'],
      render: (_, r) => <RegionName code={r.regionCode} />,
    },
    {
      title: '最近活动迹象',
      key: 'lastSign',
      width: 170,
      responsive: ['md'],
      render: (_, r) => `${r.lastSignLabel} ${r.lastSignOn}`,
    },
    { title: '警示日期', dataIndex: 'warnedOn', key: 'warnedOn', width: 100, responsive: ['md'] },
    {
      title: '退出建议日期',
      dataIndex: 'proposedOn',
      key: 'proposedOn',
      width: 110,
      responsive: ['md'],
      render: (d: string | null) => d ?? '—',
    },
    {
      title: '状态',
      key: 'status',
      width: 130,
      render: (_, r) => (
        <Tag color={statusColor[r.status]} data-testid="dormant-status">
          {r.statusLabel}
        </Tag>
      ),
    },
    {
      title: '说明',
      dataIndex: 'message',
      key: 'message',
      width: 300,
      responsive: ['md'],
      render: (m: string) => (
        <Typography.Text ellipsis={{ tooltip: m }} style={{ maxWidth: 290 }} data-testid="dormant-message">
          {m}
        </Typography.Text>
      ),
    },
  ];

  const statusName = STATUSES.find((s) => s.key === current)?.label ?? '';

  return (
    <div>
      <PageHeader
        title="长期未活动组织"
        sub="长期没有活动记录、也未报送年度报告的组织先予警示；警示期满仍无活动迹象的，向街道提出退出建议（退出另行办理，不删除记录）"
      />
      <Card className="table-card">
        <Tabs
          activeKey={current}
          onChange={(k) => update({ status: k === 'all' ? undefined : k })}
          items={STATUSES.map((s) => ({
            key: s.key,
            label: <span data-testid={`dormant-tab-${s.key}`}>{s.label}</span>,
          }))}
          style={{ marginBottom: 4 }}
        />
        <Form
          form={form}
          layout="inline"
          className="filter-bar"
          style={{ marginBottom: 12 }}
          onFinish={(v) => update({ q: v.q?.trim() || undefined })}
        >
          <Form.Item name="q">
            <Input allowClear placeholder="组织名称" style={{ width: 200 }} data-testid="dormant-filter-q" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" data-testid="dormant-search">
              {t('common.search')}
            </Button>
          </Form.Item>
        </Form>
        {list.error && !list.data ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<DormantCase>
            rowKey="id"
            size="middle"
            data-testid="dormant-table"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={isMobile ? undefined : { x: 1160 }}
            locale={{
              emptyText: (
                <Empty
                  description={
                    current === 'all' ? '没有长期未活动的组织' : `没有“${statusName}”的长期未活动组织`
                  }
                />
              ),
            }}
            onChange={(pg) =>
              update({ page: String(pg.current ?? 1), pageSize: String(pg.pageSize ?? 20) }, false)
            }
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { n }),
            }}
          />
        )}
      </Card>
    </div>
  );
}
