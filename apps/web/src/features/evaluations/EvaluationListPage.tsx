import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Empty,
  Grid,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
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
import { RegionName } from '../volunteers/RegionName';
import { type RoundListItem, useRounds } from './api';
import { NewRoundModal } from './EvaluationModals';
import { roundPath, roundStatusColor, roundStatusLabel, roundStatusOptions } from './labels';

const KEYS = ['year', 'status', 'q'] as const;
const yearOptions = () =>
  Array.from({ length: 6 }, (_, i) => dayjs().year() - i).map((y) => ({
    value: String(y),
    label: `${y}年度`,
  }));

/** 综合评价: the rounds the user organizes, evaluates in, or whose organizations take part. */
export default function EvaluationListPage() {
  const { t } = useI18n();
  const can = useCan();
  const isMobile = !Grid.useBreakpoint().md;
  const { filters, page, pageSize, update, reset } = useUrlFilters(KEYS);
  const [creating, setCreating] = useState(false);
  const [q, setQ] = useState(filters.q ?? '');
  const query = useMemo(
    () => ({ year: filters.year, status: filters.status, q: filters.q, page, pageSize }),
    [filters.year, filters.status, filters.q, page, pageSize],
  );
  const list = useRounds(query);
  const filtered = !!(filters.year || filters.status || filters.q);

  const columns: TableColumnsType<RoundListItem> = [
    {
      title: '编号/名称',
      key: 'title',
      width: isMobile ? undefined : 300,
      render: (_, r) => (
        <>
          <Link to={roundPath(r.id)} data-testid="round-link">
            {r.title}
          </Link>
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {r.code}
            {isMobile ? ` · ${r.year}年度 · ${r.targetCount} 个组织` : ''}
          </Typography.Text>
        </>
      ),
    },
    { title: '年度', dataIndex: 'year', key: 'year', width: 80, responsive: ['md'] },
    {
      title: '区域',
      dataIndex: 'regionCode',
      key: 'region',
      width: 140,
      responsive: ['md'],
      render: (c: string) => <RegionName code={c} />,
    },
    {
      title: '状态',
      key: 'status',
      width: 90,
      render: (_, r) => (
        <Tag color={roundStatusColor[r.status]} data-testid="round-status">
          {roundStatusLabel(r.status, r.statusLabel)}
        </Tag>
      ),
    },
    {
      title: '评价对象数',
      dataIndex: 'targetCount',
      key: 'targets',
      width: 100,
      responsive: ['md'],
      render: (n: number) => `${n} 个`,
    },
    {
      title: '评价人员',
      key: 'evaluators',
      width: 110,
      responsive: ['md'],
      render: (_, r) => (
        <>
          {r.evaluatorCount} 人{r.me.evaluator && <Tag style={{ marginLeft: 6 }}>我参评</Tag>}
        </>
      ),
    },
    {
      title: '创建时间',
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 150,
      responsive: ['md'],
      render: formatDateTime,
    },
  ];

  return (
    <div>
      <PageHeader
        title="综合评价"
        sub="按评价指标对社区社会组织开展年度综合评价：系统计分与评审打分相结合，结果公示后可提出异议"
        extra={
          can('evaluation.manage') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="round-new"
            >
              新建评价
            </Button>
          ) : null
        }
      />
      <Card className="table-card">
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder="评价名称"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 220 }}
            data-testid="round-filter-q"
          />
          <Select
            allowClear
            placeholder="全部年度"
            value={filters.year}
            onChange={(v) => update({ year: v || undefined })}
            options={yearOptions()}
            style={{ width: 130 }}
            data-testid="round-filter-year"
          />
          <Select
            allowClear
            placeholder="全部状态"
            value={filters.status}
            onChange={(v) => update({ status: v || undefined })}
            options={roundStatusOptions}
            style={{ width: 130 }}
            data-testid="round-filter-status"
          />
          {filtered && (
            <Button
              onClick={() => {
                setQ('');
                reset();
              }}
            >
              清除筛选
            </Button>
          )}
        </Space>
        {list.error && !list.data ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<RoundListItem>
            rowKey="id"
            size="middle"
            data-testid="round-table"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={isMobile ? undefined : { x: 970 }}
            locale={{
              emptyText: <Empty description={filtered ? '没有符合条件的综合评价' : '还没有综合评价'} />,
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
      <NewRoundModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
