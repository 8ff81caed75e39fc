import { Alert, Card, Descriptions, Skeleton, Tabs, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../lib/format';
import { ActivityActions } from './ActivityActions';
import { useActivity } from './api';
import { activityStatusColor } from './labels';
import { SignUpsTable } from './SignUpsTable';

export default function ActivityDetailPage() {
  const { id = '' } = useParams();
  const act = useActivity(id);

  if (act.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  const a = act.data;
  if (act.error || !a) return <QueryError error={act.error} onRetry={() => act.refetch()} />;

  return (
    <div>
      <PageHeader
        back="/activities"
        title={
          <span>
            <span data-testid="activity-title-text">{a.title}</span>
            <Tag
              color={activityStatusColor[a.status]}
              style={{ marginInlineStart: 8 }}
              data-testid="activity-status"
            >
              {a.statusLabel}
            </Tag>
          </span>
        }
        extra={<ActivityActions activity={a} onStale={() => act.refetch()} />}
      />
      {a.status === 'cancelled' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`活动已于 ${formatDateTime(a.cancelledAt)} 取消：${a.cancelReason ?? ''}`}
        />
      )}
      <Card style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} data-testid="activity-info">
          <Descriptions.Item label="组织方">
            <Link to={`/organizations/${a.organizationId}`}>{a.organizationName ?? '—'}</Link>
          </Descriptions.Item>
          <Descriptions.Item label="服务类别">{a.categoryLabel}</Descriptions.Item>
          <Descriptions.Item label="活动社区">{a.communityName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="活动时间">
            {formatDateTime(a.startsAt)} 至 {formatDateTime(a.endsAt)}
          </Descriptions.Item>
          <Descriptions.Item label="报名时间">
            {formatDateTime(a.signupOpensAt)} 至 {formatDateTime(a.signupClosesAt)}
          </Descriptions.Item>
          <Descriptions.Item label="地点">{a.place}</Descriptions.Item>
          <Descriptions.Item label="招募人数">{a.wanted} 人</Descriptions.Item>
          <Descriptions.Item label="难度系数">{a.coefficient}</Descriptions.Item>
          <Descriptions.Item label="发布时间">{formatDateTime(a.publishedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card>
        <Tabs
          defaultActiveKey="signups"
          destroyOnHidden
          items={[
            {
              key: 'signups',
              label: `报名（${a.counts.pending + a.counts.approved + a.counts.waitlisted}）`,
              children: <SignUpsTable activity={a} />,
            },
            {
              key: 'content',
              label: '活动内容',
              children: (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {a.content}
                </Typography.Paragraph>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
