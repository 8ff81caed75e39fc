import { Card, Empty, List, Skeleton, Space, Tag, Typography } from 'antd';
import { usePublicEvaluations } from './api';
import { Findings } from './EvaluationTargetPage';
import { levelColor, levelLabel } from './labels';

/** 综合评价 on the public organization page: the published results, newest year first. */
export function PublicEvaluationsCard({ orgId }: { orgId: string }) {
  const q = usePublicEvaluations(orgId);
  return (
    <Card title="综合评价" style={{ marginTop: 12 }} data-testid="public-org-evaluations">
      {q.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : q.error ? (
        <Typography.Text type="secondary">暂时无法加载综合评价结果</Typography.Text>
      ) : (
        <List
          dataSource={q.data.items}
          locale={{ emptyText: <Empty description="暂无已公布的综合评价结果" /> }}
          renderItem={(e) => (
            <List.Item data-testid="public-evaluation">
              <div style={{ width: '100%', minWidth: 0 }}>
                <Space size={8} wrap>
                  <Typography.Text strong>{e.title}</Typography.Text>
                  <Typography.Text type="secondary">{e.year}年度</Typography.Text>
                  {e.status === 'published' && <Tag>公示中</Tag>}
                  {e.rescoring && <Tag color="orange">异议复核中</Tag>}
                </Space>
                <div style={{ marginTop: 8 }}>
                  <Space size={12} wrap align="center">
                    <Typography.Text
                      style={{ fontSize: 22, fontWeight: 600 }}
                      data-testid="public-evaluation-total"
                    >
                      {e.total.toFixed(1)} 分
                    </Typography.Text>
                    {e.level && (
                      <Tag color={levelColor[e.level]} data-testid="public-evaluation-level">
                        {levelLabel(e.level, e.levelLabel)}
                      </Tag>
                    )}
                    {e.publishedOn && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {e.publishedOn} 发布
                        {e.status === 'published' && e.postingEndsOn ? `，公示至 ${e.postingEndsOn}` : ''}
                      </Typography.Text>
                    )}
                  </Space>
                </div>
                <Findings strengths={e.strengths} weaknesses={e.weaknesses} />
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
