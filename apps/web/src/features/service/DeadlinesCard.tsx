import { Card, Empty, List, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../lib/format';
import { useDeadlines } from './api';

/** To-do section: ended activities whose service records are not complete (10 working days). */
export function DeadlinesCard() {
  const q = useDeadlines();
  const items = q.data?.items ?? [];
  if (!q.isPending && !items.length) return null;
  return (
    <Card
      title="服务记录待完成"
      extra={<Link to="/service/reviews">补录审核</Link>}
      style={{ marginBottom: 12 }}
      loading={q.isPending}
      data-testid="service-deadlines"
    >
      {items.length ? (
        <List
          dataSource={items}
          pagination={items.length > 6 ? { pageSize: 6, size: 'small' } : false}
          renderItem={(d) => (
            <List.Item
              extra={
                <Tag color={d.overdue ? 'error' : d.workingDaysLeft <= 3 ? 'warning' : 'processing'}>
                  {d.overdue ? '已逾期' : `剩${d.workingDaysLeft}个工作日`}
                </Tag>
              }
            >
              <List.Item.Meta
                title={<Link to={`/activities/${d.activityId}/attendance`}>{d.title}</Link>}
                description={
                  <Typography.Text type="secondary">
                    {d.organizationName} · 结束于 {formatDateTime(d.endsAt)} · {d.withoutRecord} 人未完成记录
                    {d.pendingBackfills ? `，${d.pendingBackfills} 条补录待复核` : ''} · {d.message}
                  </Typography.Text>
                }
              />
            </List.Item>
          )}
        />
      ) : (
        <Empty />
      )}
    </Card>
  );
}
