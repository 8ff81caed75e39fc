import { RightOutlined } from '@ant-design/icons';
import { Card, Col, Empty, List, Row, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { APPLICATION_PERMISSIONS } from '../../app/menu';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import type { AppItem } from '../../lib/types';
import { KindTag, StateTag } from '../applications/AppTags';
import { useCurrentUser } from '../auth/api';
import { DeadlinesCard } from '../service/DeadlinesCard';
import { useTodo } from './api';

function greeting() {
  const h = Number(
    new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hour12: false, timeZone: 'Asia/Shanghai' }).format(
      new Date(),
    ),
  );
  return h < 11 ? '上午好' : h < 13 ? '中午好' : h < 18 ? '下午好' : '晚上好';
}

const shortcuts: { to: string; title: string; desc: string; any: string[] }[] = [
  { to: '/organizations', title: '组织名录', desc: '查询、导出辖区社会组织', any: ['org.read'] },
  {
    to: '/applications?todo=true',
    title: '待办申请',
    desc: '备案、变更、登记、退出',
    any: APPLICATION_PERMISSIONS,
  },
  { to: '/applications/new', title: '新建备案申请', desc: '活动小组推荐备案', any: ['filing.apply'] },
  { to: '/organizations/import', title: '导入台账', desc: 'Excel 一次导入', any: ['import.orgs'] },
  { to: '/dashboard', title: '数据看板', desc: '覆盖率与达标情况', any: ['dashboard.read'] },
  { to: '/system/users', title: '用户与授权', desc: '账号、角色与范围', any: ['users.manage'] },
];

export default function WorkbenchPage() {
  const me = useCurrentUser();
  const canTodo = me.permissions.some((p) => APPLICATION_PERMISSIONS.includes(p));
  const todo = useTodo(canTodo);
  const items = todo.data?.items ?? [];
  const byKind = items.reduce<Record<string, { label: string; n: number }>>((acc, a) => {
    acc[a.kind] = { label: a.kindLabel, n: (acc[a.kind]?.n ?? 0) + 1 };
    return acc;
  }, {});
  const myOrgs = me.grants.filter((g) => g.organizationId);
  const links = shortcuts.filter((s) => s.any.some((p) => me.permissions.includes(p)));

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {greeting()}，{me.user.displayName}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {me.grants
          .map(
            (g) =>
              `${g.roleLabel}${g.regionName ? ` · ${g.regionName}` : ''}${g.organizationName ? ` · ${g.organizationName}` : ''}`,
          )
          .join('；')}
      </Typography.Paragraph>
      {myOrgs.length > 0 && (
        <Card title="我负责的组织" style={{ marginBottom: 12 }} data-testid="my-orgs">
          {myOrgs.map((g) => (
            <Link
              key={g.id}
              to={`/organizations/${g.organizationId}`}
              style={{ display: 'block', fontSize: 16, lineHeight: 2 }}
            >
              {g.organizationName} <RightOutlined style={{ fontSize: 12 }} />
            </Link>
          ))}
        </Card>
      )}
      {me.permissions.some((p) => p === 'activity.manage' || p === 'service.approve') && <DeadlinesCard />}
      {canTodo && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={12} md={6}>
            <Card>
              <Statistic
                title="待办事项"
                value={todo.data?.count ?? 0}
                loading={todo.isPending}
                data-testid="todo-count"
              />
            </Card>
          </Col>
          {Object.entries(byKind).map(([kind, v]) => (
            <Col xs={12} md={6} key={kind}>
              <Card>
                <Statistic title={`待办${v.label}`} value={v.n} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      <Row gutter={[12, 12]}>
        {canTodo && (
          <Col xs={24} xl={16}>
            <Card
              title="待我处理"
              extra={<Link to="/applications?todo=true">全部</Link>}
              styles={{ body: { padding: items.length ? 0 : undefined } }}
            >
              {todo.error ? (
                <QueryError error={todo.error} onRetry={() => todo.refetch()} />
              ) : (
                <Table<AppItem>
                  rowKey="id"
                  size="middle"
                  data-testid="todo-table"
                  loading={todo.isPending}
                  dataSource={items}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  scroll={{ x: 640 }}
                  locale={{ emptyText: <Empty description="暂无待办，辛苦了" /> }}
                  columns={[
                    {
                      title: '组织名称',
                      dataIndex: 'name',
                      render: (n: string, r) => <Link to={`/applications/${r.id}`}>{n}</Link>,
                    },
                    {
                      title: '类型',
                      dataIndex: 'kind',
                      width: 80,
                      render: (k: string, r) => <KindTag kind={k} label={r.kindLabel} />,
                    },
                    {
                      title: '状态',
                      dataIndex: 'state',
                      width: 110,
                      render: (s: string, r) => <StateTag state={s} label={r.stateLabel} />,
                    },
                    { title: '所属社区', dataIndex: 'communityName', width: 140 },
                    { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: formatDateTime },
                  ]}
                />
              )}
            </Card>
          </Col>
        )}
        <Col xs={24} xl={canTodo ? 8 : 24}>
          <Card title="常用功能">
            <List
              dataSource={links}
              renderItem={(s) => (
                <List.Item>
                  <Link to={s.to} style={{ display: 'flex', width: '100%', alignItems: 'center' }}>
                    <div style={{ flex: 1 }}>
                      <div style={{ color: 'rgba(0,0,0,0.88)' }}>{s.title}</div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {s.desc}
                      </Typography.Text>
                    </div>
                    <RightOutlined style={{ color: '#bbb' }} />
                  </Link>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
