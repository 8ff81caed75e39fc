import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { downloadFile, errorMessage } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { minutesText, type ServiceRecord, useServiceRecords } from './api';
import { RecordDrawer, sourceTag } from './RecordDrawer';

const KEYS = ['q', 'source', 'from', 'to', 'status', 'organizationId', 'regionCode'] as const;

/** Service records in the user's scope: filters in the URL, Excel export of the same query. */
export default function RecordsPage() {
  const { filters, page, pageSize, update } = useUrlFilters(KEYS);
  const query = { ...filters, page, pageSize };
  const q = useServiceRecords(query);
  const { message } = App.useApp();
  const [open, setOpen] = useState<string | null>(null);
  const [text, setText] = useState(filters.q ?? '');

  return (
    <div>
      <PageHeader
        title="志愿服务记录"
        sub="记录不直接修改：更正由志愿者申请、组织审核后生成新版本"
        extra={
          <Button
            icon={<DownloadOutlined />}
            data-testid="records-export"
            onClick={() =>
              downloadFile('/v1/service-records/export', filters, '志愿服务记录.xlsx').catch((e) =>
                message.error(errorMessage(e)),
              )
            }
          >
            导出 Excel
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="志愿者姓名、编号或活动名称"
            style={{ width: 260 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            data-testid="records-search"
          />
          <Select
            allowClear
            placeholder="来源"
            style={{ width: 120 }}
            value={filters.source}
            onChange={(v) => update({ source: v })}
            options={[
              { value: 'checkin', label: '扫码签到' },
              { value: 'backfill', label: '补录' },
            ]}
          />
          <Select
            placeholder="状态"
            style={{ width: 150 }}
            value={filters.status ?? 'valid'}
            onChange={(v) => update({ status: v === 'valid' ? undefined : v })}
            options={[
              { value: 'valid', label: '有效记录' },
              { value: 'superseded', label: '已更正的历史版本' },
              { value: 'all', label: '全部版本' },
            ]}
          />
          <DatePicker.RangePicker
            value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
            onChange={(v) => update({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            placeholder={['服务日期从', '至']}
          />
        </Space>
      </Card>
      {q.error ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <div style={{ padding: '12px 16px' }}>
            <Typography.Text type="secondary">
              共 {q.data?.total ?? 0} 条，合计 {minutesText(q.data?.minutes ?? 0)}
            </Typography.Text>
          </div>
          <Table<ServiceRecord>
            rowKey="id"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 1400 }}
            data-testid="records-table"
            pagination={{
              current: page,
              pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (p, s) => update({ page: String(p), pageSize: String(s) }, false),
            }}
            onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: '服务日期', dataIndex: 'serviceDate', width: 110, render: formatDate },
              { title: '志愿者', width: 160, render: (_, r) => `${r.volunteerName}（${r.volunteerNumber}）` },
              { title: '服务项目', dataIndex: 'title', width: 240 },
              { title: '类别', dataIndex: 'categoryLabel', width: 90 },
              { title: '时长', dataIndex: 'minutes', width: 110, render: minutesText },
              { title: '来源', width: 90, render: (_, r) => sourceTag(r) },
              { title: '组织单位', dataIndex: 'organizerName', width: 180 },
              { title: '记录人', dataIndex: 'recorderName', width: 140 },
              {
                title: '版本',
                width: 100,
                render: (_, r) => (
                  <Tag color={r.status === 'valid' ? 'success' : 'default'}>
                    第{r.revision + 1}版{r.status === 'valid' ? '' : ' · 历史'}
                  </Tag>
                ),
              },
            ]}
          />
        </Card>
      )}
      <RecordDrawer id={open} onClose={() => setOpen(null)} />
    </div>
  );
}
