import { Empty, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../lib/format';
import { minutesText, type ServiceRecord, useServiceRecords } from './api';
import { RecordDrawer, sourceTag } from './RecordDrawer';

/** The 服务记录 tab of the volunteer detail page: this volunteer's records in the user's scope. */
export function VolunteerRecordsTab({ volunteerId }: { volunteerId: string }) {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<'valid' | 'all'>('valid');
  const q = useServiceRecords({ volunteerId, page, pageSize: 10, status });
  const [open, setOpen] = useState<string | null>(null);
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  return (
    <div data-testid="volunteer-records">
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Text type="secondary">
          共 {q.data?.total ?? 0} 条，合计 {minutesText(q.data?.minutes ?? 0)}
        </Typography.Text>
        <Typography.Link onClick={() => setStatus(status === 'valid' ? 'all' : 'valid')}>
          {status === 'valid' ? '显示已更正的历史版本' : '只看有效记录'}
        </Typography.Link>
      </div>
      <Table<ServiceRecord>
        rowKey="id"
        size="middle"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty description="暂无服务记录" /> }}
        pagination={{
          current: page,
          pageSize: 10,
          total: q.data?.total ?? 0,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        scroll={{ x: 720 }}
        columns={[
          { title: '服务日期', dataIndex: 'serviceDate', width: 110, render: formatDate },
          { title: '服务项目', dataIndex: 'title' },
          { title: '组织单位', dataIndex: 'organizerName', width: 180 },
          { title: '时长', dataIndex: 'minutes', width: 110, render: minutesText },
          { title: '来源', width: 90, render: (_, r) => sourceTag(r) },
          {
            title: '版本',
            width: 90,
            render: (_, r) => (
              <Tag color={r.status === 'valid' ? 'success' : 'default'}>第{r.revision + 1}版</Tag>
            ),
          },
        ]}
      />
      <RecordDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
