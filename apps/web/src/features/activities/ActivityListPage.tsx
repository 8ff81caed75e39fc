import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Grid, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { sortOrderOf, sortParam, useUrlFilters } from '../../lib/useUrlFilters';
import { useCan } from '../auth/api';
import { ACTIVITY_FILTER_KEYS, ActivityFilterBar } from './ActivityFilterBar';
import { ActivityFormModal } from './ActivityFormModal';
import { useActivityList } from './api';
import { activityStatusColor } from './labels';
import type { Activity } from './types';

export default function ActivityListPage() {
  const { t } = useI18n();
  const can = useCan();
  const isMobile = !Grid.useBreakpoint().md;
  const { filters, page, pageSize, sort, update, reset } = useUrlFilters(ACTIVITY_FILTER_KEYS);
  const query = useMemo(() => ({ ...filters, page, pageSize, sort }), [filters, page, pageSize, sort]);
  const list = useActivityList(query);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<Activity> = [
    {
      title: '活动名称',
      dataIndex: 'title',
      key: 'title',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'title'),
      fixed: 'left',
      width: isMobile ? 140 : 220,
      render: (title: string, r) => (
        <Link to={`/activities/${r.id}`} data-testid="activity-link">
          {title}
        </Link>
      ),
    },
    { title: '服务类别', dataIndex: 'categoryLabel', key: 'category', width: 100 },
    {
      title: '组织 / 社区',
      key: 'org',
      width: 200,
      render: (_, r) => (
        <div>
          <div>{r.organizationName ?? '—'}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.communityName ?? ''}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '活动时间',
      key: 'startsAt',
      width: 170,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'startsAt'),
      render: (_, r) => (
        <div>
          <div>{formatDateTime(r.startsAt)}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            至 {formatDateTime(r.endsAt)}
          </Typography.Text>
        </div>
      ),
    },
    { title: '地点', dataIndex: 'place', key: 'place', width: 160, ellipsis: true },
    {
      title: '录用 / 招募',
      key: 'wanted',
      width: 120,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'wanted'),
      align: 'right',
      render: (_, r) => `${r.counts.approved} / ${r.wanted}`,
    },
    {
      title: '待审核',
      key: 'pending',
      width: 80,
      align: 'right',
      render: (_, r) => (r.counts.pending ? <Tag color="orange">{r.counts.pending}</Tag> : 0),
    },
    { title: '难度系数', dataIndex: 'coefficient', key: 'coefficient', width: 90, align: 'right' },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: string, r) => <Tag color={activityStatusColor[s]}>{r.statusLabel}</Tag>,
    },
    {
      title: '操作',
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_, r) => <Link to={`/activities/${r.id}`}>查看</Link>,
    },
  ];

  return (
    <div>
      <PageHeader
        title="服务活动"
        sub="按活动开始时间倒序；草稿发布后开放报名"
        extra={
          <>
            {can('activity.manage') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="activity-create"
              >
                新建活动
              </Button>
            )}
            <ExportButton
              path="/v1/activities/export"
              query={{ ...filters, sort }}
              fileName="志愿服务活动.xlsx"
              testId="activity-export"
            />
          </>
        }
      />
      <Card className="table-card" style={{ marginBottom: 12 }}>
        <ActivityFilterBar filters={filters} onSearch={(f) => update(f)} onReset={reset} />
      </Card>
      <Card className="table-card">
        {list.error && !list.data ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<Activity>
            rowKey="id"
            size="middle"
            data-testid="activity-table"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1310 }}
            locale={{ emptyText: <Empty description="暂无活动" /> }}
            onChange={(pg, _f, sorter) =>
              update(
                {
                  page: String(pg.current ?? 1),
                  pageSize: String(pg.pageSize ?? 20),
                  sort: sortParam(sorter),
                },
                false,
              )
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
      <ActivityFormModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
