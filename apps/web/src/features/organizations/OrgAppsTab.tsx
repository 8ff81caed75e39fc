import { useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import type { AppItem, OrgDetail, Page } from '../../lib/types';

/** The organization's applications (filing, change, registration, exit). */
export function OrgAppsTab({ org }: { org: OrgDetail }) {
  const apps = useQuery({
    queryKey: ['applications', 'byOrg', org.id],
    queryFn: ({ signal }) =>
      api<Page<AppItem>>('/v1/applications', { query: { organizationId: org.id, pageSize: 100 }, signal }),
  });
  // guard: keep only this organization's rows even if the filter is not applied by the server
  const items = (apps.data?.items ?? []).filter((a) => a.organizationId === org.id);
  return (
    <Table<AppItem>
      rowKey="id"
      size="small"
      data-testid="org-app-table"
      loading={apps.isFetching}
      dataSource={items}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 600 }}
      columns={[
        { title: '类型', dataIndex: 'kindLabel', width: 90, render: (v) => <Tag>{v}</Tag> },
        { title: '状态', dataIndex: 'stateLabel', width: 110 },
        { title: '申请人', dataIndex: 'applicantName', width: 110, render: (v) => v ?? '—' },
        { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: formatDateTime },
        { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: formatDateTime },
        {
          title: '操作',
          key: 'op',
          width: 70,
          render: (_, r) => <Link to={`/applications/${r.id}`}>查看</Link>,
        },
      ]}
    />
  );
}
