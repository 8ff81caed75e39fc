import { Alert, Button, Card, Descriptions, Empty, Result, Skeleton, Table, Tag } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../lib/api';
import { dash, formatDate } from '../../lib/format';
import { PublicEvaluationsCard } from '../evaluations/PublicEvaluationsCard';
import { usePublicOrg } from './api';

export default function PublicOrgPage() {
  const { id = '' } = useParams();
  const org = usePublicOrg(id);
  if (org.isPending) return <Skeleton active />;
  if (org.error) {
    const notFound = org.error instanceof ApiError && org.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'warning'}
        title={notFound ? '未找到该组织' : '暂时无法加载'}
        subTitle={notFound ? '该组织不存在、已退出或未公开。' : org.error.message}
        extra={
          <Link to="/public">
            <Button>返回名录</Button>
          </Link>
        }
      />
    );
  }
  const o = org.data;
  return (
    <div>
      <Link to="/public">← 返回名录</Link>
      <Card style={{ marginTop: 12 }}>
        <h1 style={{ fontSize: 22, margin: '0 0 8px' }} data-testid="public-org-name">
          {o.name}
        </h1>
        <div style={{ marginBottom: 16 }}>
          <Tag color={o.tier === 'registered' ? 'green' : 'blue'}>{o.tierLabel}</Tag>
          <Tag>{o.categoryName}</Tag>
          {o.creditListLabel && (
            <Tag color="red" data-testid="public-org-credit">
              {o.creditListLabel}
            </Tag>
          )}
        </div>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'street', label: '所属街道', children: dash(o.streetName) },
            { key: 'community', label: '所属社区', children: dash(o.communityName) },
            { key: 'leader', label: '负责人', children: dash(o.leaderNameMasked) },
            { key: 'founded', label: '成立日期', children: formatDate(o.foundedOn) },
            ...(o.filingNumber
              ? [
                  { key: 'filing', label: '备案编号', children: o.filingNumber },
                  { key: 'filedOn', label: '备案日期', children: formatDate(o.filedOn) },
                ]
              : []),
            ...(o.uscc
              ? [
                  { key: 'uscc', label: '统一社会信用代码', children: o.uscc },
                  { key: 'registeredOn', label: '登记日期', children: formatDate(o.registeredOn) },
                ]
              : []),
            { key: 'venue', label: '活动场所', children: dash(o.venue), span: 'filled' as const },
            { key: 'scope', label: '业务范围', children: dash(o.businessScope), span: 'filled' as const },
          ]}
        />
        {o.certificateNumber && (
          <div style={{ marginTop: 16 }}>
            <Link to={`/public/verify/${encodeURIComponent(o.certificateNumber)}`}>
              <Button type="primary" size="large">
                核验备案证书 {o.certificateNumber}
              </Button>
            </Link>
          </div>
        )}
      </Card>
      <Card title="信用信息" style={{ marginTop: 12 }} data-testid="public-org-credit-card">
        {o.creditListings?.length ? (
          o.creditListings.map((l) => (
            <Alert
              key={`${l.listLabel}-${l.enteredOn}-${l.causeLabel}`}
              type="error"
              showIcon
              style={{ marginBottom: 8 }}
              title={`${l.enteredOn} 列入${l.listLabel}`}
              description={`${l.causeLabel}（依据${l.basis}）`}
            />
          ))
        ) : (
          <Alert type="success" showIcon title="未列入活动异常名录或严重违法失信名单" />
        )}
      </Card>
      <Card title="年度报告" style={{ marginTop: 12 }} data-testid="public-org-reports">
        <Table
          size="small"
          rowKey="year"
          pagination={false}
          dataSource={o.annualReports ?? []}
          locale={{ emptyText: <Empty description="暂无已审核的年度报告" /> }}
          columns={[
            { title: '年度', dataIndex: 'year', key: 'year', render: (y: number) => `${y}年度` },
            {
              title: '审核结果',
              dataIndex: 'resultLabel',
              key: 'result',
              render: (label: string, r) => (
                <Tag color={r.status === 'fail' ? 'red' : r.status === 'basic_pass' ? 'orange' : 'green'}>
                  {label}
                </Tag>
              ),
            },
            {
              title: '审核日期',
              dataIndex: 'reviewedOn',
              key: 'reviewedOn',
              render: (d: string | null) => dash(d),
            },
          ]}
        />
      </Card>
      <PublicEvaluationsCard orgId={id} />
    </div>
  );
}
