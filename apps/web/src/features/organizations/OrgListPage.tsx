import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Grid, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';
import { downloadFile, errorMessage } from '../../lib/api';
import { formatDate } from '../../lib/format';
import type { OrgItem } from '../../lib/types';
import { sortOrderOf, sortParam, useUrlFilters } from '../../lib/useUrlFilters';
import { useCan } from '../auth/api';
import { useOrgList } from './api';
import { CreateGroupModal } from './CreateGroupModal';
import { ORG_FILTER_KEYS, OrgFilterBar } from './OrgFilterBar';
import { StatusBadge, TierTag } from './OrgTags';

export default function OrgListPage() {
  const { t } = useI18n();
  const can = useCan();
  const { message } = App.useApp();
  const isMobile = !Grid.useBreakpoint().md;
  const { filters, page, pageSize, sort, update, reset } = useUrlFilters(ORG_FILTER_KEYS);
  const query = useMemo(() => ({ ...filters, page, pageSize, sort }), [filters, page, pageSize, sort]);
  const list = useOrgList(query);
  const [creating, setCreating] = useState(false);
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile('/v1/organizations/export', { ...filters, sort }, '社区社会组织名录.xlsx');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<OrgItem> = [
    {
      title: '组织名称',
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'name'),
      fixed: 'left',
      width: isMobile ? 140 : 220,
      render: (name: string, r) => (
        <span>
          <Link to={`/organizations/${r.id}`} data-testid="org-link">
            {name}
          </Link>
          {r.isHub && (
            <Tag color="gold" style={{ marginInlineStart: 6 }}>
              枢纽
            </Tag>
          )}
          {r.creditList && (
            <Tag color="red" style={{ marginInlineStart: 6 }} data-testid="org-credit-flag">
              {r.creditList === 'serious' ? '失信名单' : '异常名录'}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: '层级',
      dataIndex: 'tier',
      key: 'tier',
      width: 160,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'tier'),
      render: (tier: string, r) => <TierTag tier={tier} label={r.tierLabel} />,
    },
    { title: '类别', dataIndex: 'categoryName', key: 'category', width: 110 },
    {
      title: '所属社区',
      key: 'community',
      width: 170,
      render: (_, r) => (
        <div>
          <div>{r.communityName || '—'}</div>
          {r.streetName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.streetName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: '负责人',
      dataIndex: 'leaderName',
      key: 'leaderName',
      width: 130,
      render: (n: string, r) => (
        <div>
          <div>{n}</div>
          {r.leaderPhoneMasked && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.leaderPhoneMasked}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: '成员数',
      dataIndex: 'memberCount',
      key: 'memberCount',
      width: 90,
      align: 'right',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'memberCount'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (s: string, r) => <StatusBadge status={s} label={r.statusLabel} />,
    },
    {
      title: '备案编号 / 信用代码',
      key: 'number',
      width: 210,
      render: (_, r) => r.filingNumber || r.uscc || '—',
    },
    {
      title: '成立日期',
      dataIndex: 'foundedOn',
      key: 'foundedOn',
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'foundedOn'),
      render: formatDate,
    },
    {
      title: '操作',
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_, r) => <Link to={`/organizations/${r.id}`}>查看</Link>,
    },
  ];

  return (
    <div>
      <PageHeader
        title="组织名录"
        extra={
          <>
            {can('org.create') && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="org-create"
              >
                新建活动小组
              </Button>
            )}
            {can('import.orgs') && (
              <Link to="/organizations/import">
                <Button icon={<UploadOutlined />}>导入台账</Button>
              </Link>
            )}
            <Button
              icon={<DownloadOutlined />}
              onClick={exportXlsx}
              loading={exporting}
              data-testid="org-export"
            >
              {t('common.export')}
            </Button>
          </>
        }
      />
      <Card className="table-card" style={{ marginBottom: 12 }}>
        <OrgFilterBar filters={filters} onSearch={(f) => update(f)} onReset={reset} />
      </Card>
      <Card className="table-card">
        {list.error && !list.data ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<OrgItem>
            rowKey="id"
            size="middle"
            data-testid="org-table"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1300 }}
            locale={{ emptyText: <Empty description="暂无数据" /> }}
            onChange={(pg, _f, sorter) => {
              update(
                {
                  page: String(pg.current ?? 1),
                  pageSize: String(pg.pageSize ?? 20),
                  sort: sortParam(sorter),
                },
                false,
              );
            }}
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
      <CreateGroupModal open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
