import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { volunteerStatusLabels } from '@linli/core/schemas/volunteer';
import { Button, Card, Empty, Grid, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';
import { formatDate } from '../../lib/format';
import { sortOrderOf, sortParam, useUrlFilters } from '../../lib/useUrlFilters';
import { useCan } from '../auth/api';
import { useVolunteerList } from './api';
import { createdViaLabels, labelOr, sexLabels, statusColor } from './labels';
import { RegisterVolunteerModal } from './RegisterVolunteerModal';
import type { VolunteerItem } from './types';
import { VOLUNTEER_FILTER_KEYS, VolunteerFilterBar } from './VolunteerFilterBar';

export default function VolunteerListPage() {
  const { t } = useI18n();
  const can = useCan();
  const isMobile = !Grid.useBreakpoint().md;
  const { filters, page, pageSize, sort, update, reset } = useUrlFilters(VOLUNTEER_FILTER_KEYS);
  const query = useMemo(() => ({ ...filters, page, pageSize, sort }), [filters, page, pageSize, sort]);
  const list = useVolunteerList(query);
  const [registering, setRegistering] = useState(false);

  const columns: TableColumnsType<VolunteerItem> = [
    {
      title: '姓名',
      dataIndex: 'realName',
      key: 'realName',
      sorter: true,
      sortOrder: sortOrderOf(sort, 'realName'),
      fixed: 'left',
      width: isMobile ? 100 : 130,
      render: (name: string, r) => (
        <Link to={`/volunteers/${r.id}`} data-testid="volunteer-link">
          {name}
        </Link>
      ),
    },
    {
      title: '志愿者编号',
      dataIndex: 'volunteerNumber',
      key: 'volunteerNumber',
      width: 190,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'volunteerNumber'),
    },
    { title: '性别', dataIndex: 'sex', key: 'sex', width: 64, render: (s: string) => labelOr(sexLabels, s) },
    { title: '身份证号', dataIndex: 'idNumberMasked', key: 'idNumber', width: 190 },
    { title: '手机号', dataIndex: 'phoneMasked', key: 'phone', width: 130 },
    {
      title: '所属社区',
      dataIndex: 'communityName',
      key: 'community',
      width: 150,
      render: (n: string | null) => n || '—',
    },
    {
      title: '技能',
      dataIndex: 'skills',
      key: 'skills',
      width: 180,
      render: (s: string[]) =>
        s.length ? (
          <Typography.Text ellipsis={{ tooltip: s.join('、') }} style={{ maxWidth: 170 }}>
            {s.join('、')}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 80,
      render: (s: string) => <Tag color={statusColor[s]}>{labelOr(volunteerStatusLabels, s)}</Tag>,
    },
    {
      title: '登记方式',
      dataIndex: 'createdVia',
      key: 'createdVia',
      width: 110,
      render: (s: string) => labelOr(createdViaLabels, s),
    },
    {
      title: '登记日期',
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 110,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'createdAt'),
      render: formatDate,
    },
    {
      title: '操作',
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_, r) => <Link to={`/volunteers/${r.id}`}>查看</Link>,
    },
  ];

  return (
    <div>
      <PageHeader
        title="志愿者"
        sub="按您负责的范围列出；身份证号和手机号已脱敏（导出同样脱敏）"
        extra={
          <>
            {can('volunteer.manage') && (
              <>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setRegistering(true)}
                  data-testid="volunteer-register"
                >
                  代为登记
                </Button>
                <Link to="/volunteers/import">
                  <Button icon={<UploadOutlined />}>批量导入</Button>
                </Link>
              </>
            )}
            <ExportButton
              path="/v1/volunteers/export"
              query={{ ...filters, sort }}
              fileName="志愿者名单.xlsx"
              testId="volunteer-export"
            />
          </>
        }
      />
      <Card className="table-card" style={{ marginBottom: 12 }}>
        <VolunteerFilterBar filters={filters} onSearch={(f) => update(f)} onReset={reset} />
      </Card>
      <Card className="table-card">
        {list.error && !list.data ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<VolunteerItem>
            rowKey="id"
            size="middle"
            data-testid="volunteer-table"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1300 }}
            locale={{ emptyText: <Empty description="暂无志愿者" /> }}
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
      <RegisterVolunteerModal open={registering} onClose={() => setRegistering(false)} />
    </div>
  );
}
