import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../lib/format';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useCan, useCurrentUser } from '../auth/api';
import { useTeams } from './api';
import { CreateTeamModal } from './CreateTeamModal';
import { OrgPicker } from './Pickers';
import { RegionName } from './RegionName';
import type { Team } from './types';

const KEYS = ['orgId'] as const;

export default function TeamListPage() {
  const me = useCurrentUser();
  const can = useCan();
  const ownOrg = me.grants.find((g) => g.organizationId)?.organizationId ?? undefined;
  const { filters, update } = useUrlFilters(KEYS);
  const orgId = filters.orgId ?? ownOrg;
  const teams = useTeams(orgId);
  const [creating, setCreating] = useState(false);
  const manage = can('team.manage') && (teams.data?.items[0]?.allowedActions?.includes('join') ?? true);

  const columns: TableColumnsType<Team> = [
    {
      title: '服务队名称',
      dataIndex: 'name',
      key: 'name',
      width: 200,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (n: string, r) => (
        <Link to={`/teams/${r.id}`} data-testid="team-link">
          {n}
        </Link>
      ),
    },
    {
      title: '所在社区',
      dataIndex: 'regionCode',
      key: 'region',
      width: 150,
      render: (c) => <RegionName code={c} />,
    },
    {
      title: '简介',
      dataIndex: 'description',
      key: 'description',
      render: (d: string) =>
        d ? (
          <Typography.Text ellipsis={{ tooltip: d }} style={{ maxWidth: 320 }}>
            {d}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: '成员数',
      dataIndex: 'memberCount',
      key: 'memberCount',
      width: 90,
      align: 'right',
      sorter: (a, b) => (a.memberCount ?? 0) - (b.memberCount ?? 0),
    },
    {
      title: '待审核申请',
      dataIndex: 'pendingCount',
      key: 'pendingCount',
      width: 110,
      align: 'right',
      sorter: (a, b) => (a.pendingCount ?? 0) - (b.pendingCount ?? 0),
      render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0),
    },
    {
      title: '建立日期',
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 110,
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
      render: formatDate,
    },
    {
      title: '操作',
      key: 'actions',
      width: 70,
      fixed: 'right',
      render: (_, r) => <Link to={`/teams/${r.id}`}>查看</Link>,
    },
  ];

  return (
    <div>
      <PageHeader
        title="志愿服务队"
        sub="服务队隶属于社区社会组织；志愿者入队须经服务队审核"
        extra={
          orgId &&
          manage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="team-create"
            >
              新建服务队
            </Button>
          )
        }
      />
      {!ownOrg && (
        <Card className="table-card" style={{ marginBottom: 12 }}>
          <Form layout="inline" className="filter-bar">
            <Form.Item label="组织">
              <OrgPicker
                value={filters.orgId}
                onChange={(id) => update({ orgId: id })}
                style={{ width: 320 }}
                testId="team-org"
              />
            </Form.Item>
          </Form>
        </Card>
      )}
      <Card className="table-card">
        {!orgId ? (
          <Empty description="请先选择组织，查看其志愿服务队" />
        ) : teams.error && !teams.data ? (
          <QueryError error={teams.error} onRetry={() => teams.refetch()} />
        ) : (
          <Table<Team>
            rowKey="id"
            size="middle"
            data-testid="team-table"
            columns={columns}
            dataSource={teams.data?.items ?? []}
            loading={teams.isFetching}
            scroll={{ x: 900 }}
            locale={{ emptyText: <Empty description="该组织还没有服务队" /> }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 支` }}
          />
        )}
      </Card>
      {orgId && <CreateTeamModal orgId={orgId} open={creating} onClose={() => setCreating(false)} />}
    </div>
  );
}
