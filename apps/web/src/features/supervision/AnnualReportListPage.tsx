import { Card, Empty, Grid, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { RegionName } from '../volunteers/RegionName';
import { AnnualReportFilterBar, REPORT_FILTER_KEYS } from './AnnualReportFilterBar';
import { type AnnualReportItem, useAnnualReportList } from './api';
import { dueColor, dueLabel, lastYear, reportPath, reviewColor, reviewLabel, tierLabel } from './labels';

const DEFAULTS = { year: String(lastYear()) };

export default function AnnualReportListPage() {
  const { t } = useI18n();
  const isMobile = !Grid.useBreakpoint().md;
  const { filters, page, pageSize, update, reset } = useUrlFilters(REPORT_FILTER_KEYS, DEFAULTS);
  const query = useMemo(() => ({ ...filters, page, pageSize }), [filters, page, pageSize]);
  const list = useAnnualReportList(query);
  const year = filters.year ?? DEFAULTS.year;

  const columns: TableColumnsType<AnnualReportItem> = [
    {
      title: '组织名称',
      key: 'name',
      fixed: 'left',
      width: isMobile ? undefined : 260,
      render: (_, r) => (
        <>
          <Link to={reportPath(r.organization.id, r.reportYear)} data-testid="report-link">
            {r.organization.name}
          </Link>
          {isMobile && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {tierLabel(r.tier)} · 截止 {r.deadline}
            </Typography.Text>
          )}
        </>
      ),
    },
    { title: '类型', dataIndex: 'tier', key: 'tier', width: 80, render: tierLabel, responsive: ['md'] },
    {
      title: '所属社区',
      key: 'community',
      width: 150,
      responsive: ['md'],
      render: (_, r) => <RegionName code={r.organization.regionCode} />,
    },
    {
      title: '截止日期',
      dataIndex: 'deadline',
      key: 'deadline',
      width: 110,
      responsive: ['md'],
      render: formatDate,
    },
    {
      title: '报送状态',
      key: 'due',
      width: 110,
      render: (_, r) => (
        <Tooltip title={r.due.message}>
          <Tag color={dueColor[r.due.status]} data-testid="report-due">
            {dueLabel(r.due.status)}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: '审核结果',
      key: 'status',
      width: 100,
      render: (_, r) => (
        <Tag color={reviewColor[r.status]} data-testid="report-status">
          {reviewLabel(r.status, r.statusLabel)}
        </Tag>
      ),
    },
    {
      title: '首次报送日期',
      dataIndex: 'firstSubmittedOn',
      key: 'firstSubmittedOn',
      width: 120,
      responsive: ['md'],
      render: formatDate,
    },
    {
      title: '操作',
      key: 'actions',
      width: 70,
      fixed: 'right',
      responsive: ['md'],
      render: (_, r) => (
        <Link to={reportPath(r.organization.id, r.reportYear)}>
          {r.status === 'submitted' ? '审核' : '查看'}
        </Link>
      ),
    },
  ];

  return (
    <div>
      <PageHeader
        title="年度报告"
        sub={`${year}年度应报组织（备案类、登记类）的报送和审核情况；逾期未报名单请按“逾期未报”筛选`}
        extra={
          <ExportButton
            path="/v1/annual-reports/export"
            query={{ ...filters, year }}
            fileName={`${year}年度报告报送情况.xlsx`}
            testId="report-export"
          />
        }
      />
      <Card className="table-card" style={{ marginBottom: 12 }}>
        <AnnualReportFilterBar filters={filters} onSearch={(f) => update(f)} onReset={reset} />
      </Card>
      <Card className="table-card">
        {list.error && !list.data ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<AnnualReportItem>
            rowKey={(r) => r.organization.id}
            size="middle"
            data-testid="report-table"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: isMobile ? undefined : 1000 }}
            locale={{ emptyText: <Empty description={`没有符合条件的${year}年度应报组织`} /> }}
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
