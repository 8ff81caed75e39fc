import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { QueryError } from '../../components/QueryError';
import { formatDate } from '../../lib/format';
import { useCan } from '../auth/api';
import { type CreditListing, useAnnualReport, useOrgCredit } from './api';
import { EnterListingModal, RemoveListingModal } from './CreditModals';
import {
  creditStateColor,
  dueColor,
  dueLabel,
  lastYear,
  reportPath,
  reviewColor,
  reviewLabel,
} from './labels';

type Org = { id: string; name: string; tier: string };

/** Last year's annual report of the organization, with a link to it. */
function LastReport({ org }: { org: Org }) {
  const year = lastYear();
  const reports = org.tier === 'filed' || org.tier === 'registered';
  const report = useAnnualReport(org.id, year, reports);
  if (!reports)
    return (
      <Typography.Text type="secondary">活动团队无需报送年度报告（备案或登记后按年度报送）</Typography.Text>
    );
  if (report.error) return <Typography.Text type="secondary">年度报告暂无法查看</Typography.Text>;
  const r = report.data;
  return (
    <Space orientation="vertical" size={4} data-testid="org-last-report">
      <Space wrap size={6}>
        <Typography.Text strong>{year}年度报告</Typography.Text>
        {r && (
          <>
            <Tag color={reviewColor[r.exists ? r.status : 'none']}>
              {r.exists ? reviewLabel(r.status, r.statusLabel) : '未填报'}
            </Tag>
            {r.mustReport && <Tag color={dueColor[r.due.status]}>{dueLabel(r.due.status)}</Tag>}
          </>
        )}
      </Space>
      {r && (
        <Typography.Text type="secondary">
          {r.mustReport ? r.due.message : `该组织无需报送${year}年度报告`}
        </Typography.Text>
      )}
      <Link to={reportPath(org.id, year)} data-testid="org-report-link">
        查看{year}年度报告
      </Link>
    </Space>
  );
}

/** 信用与年报 on the organization page: credit-list state as of a date, all listings, last year's report. */
export function OrgSupervisionTab({ org }: { org: Org }) {
  const can = useCan();
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const date = asOf?.format('YYYY-MM-DD');
  const credit = useOrgCredit(org.id, date);
  const [entering, setEntering] = useState(false);
  const [removing, setRemoving] = useState<CreditListing | null>(null);
  const c = credit.data;
  const manage = !!c?.canManage && can('credit_list.manage');
  const inForce = new Set(c?.inForce ?? []);

  const columns: TableColumnsType<CreditListing> = [
    {
      title: '名录',
      dataIndex: 'listLabel',
      key: 'list',
      width: 140,
      render: (l: string, r) => <Tag color={r.list === 'serious' ? 'red' : 'orange'}>{l}</Tag>,
    },
    { title: '列入情形', dataIndex: 'causeLabel', key: 'cause', width: 220 },
    { title: '列入日期', dataIndex: 'enteredOn', key: 'enteredOn', width: 110 },
    { title: '移出日期', dataIndex: 'leftOn', key: 'leftOn', width: 110, render: formatDate },
    {
      title: '移出原因',
      dataIndex: 'leaveReasonLabel',
      key: 'leaveReason',
      width: 220,
      render: (l: string | null, r) => (r.voided ? `已更正：${r.voidReason ?? '异议成立'}` : (l ?? '—')),
    },
    { title: '列入方式', dataIndex: 'entryLabel', key: 'entry', width: 150 },
    {
      title: '查询日状态',
      key: 'inForce',
      width: 110,
      render: (_, r) => (inForce.has(r.id) ? <Tag color="red">在列</Tag> : <Tag>不在列</Tag>),
    },
    ...(manage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 70,
            fixed: 'right' as const,
            render: (_: unknown, r: CreditListing) =>
              r.leftOn === null && !r.voided ? (
                <Button
                  type="link"
                  size="small"
                  onClick={() => setRemoving({ ...r, organizationName: org.name })}
                >
                  移出
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div data-testid="org-supervision">
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={14}>
          <Card size="small" title="信用名录状态">
            <Space wrap size={8} align="center">
              <DatePicker
                value={asOf ?? dayjs(c?.asOf ?? undefined)}
                allowClear={false}
                disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                onChange={(d) => setAsOf(d?.isSame(dayjs(), 'day') ? null : d)}
                aria-label="查询日期"
                data-testid="org-credit-asof"
              />
              {c && (
                <Tag color={creditStateColor[c.state]} data-testid="org-credit-state">
                  {c.stateLabel}
                </Tag>
              )}
              {manage && (
                <Button danger onClick={() => setEntering(true)} data-testid="credit-enter">
                  列入名录
                </Button>
              )}
            </Space>
            {c && c.inForce.length > 0 && (
              <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
                {c.asOf} 在列 {c.inForce.length} 项
                {c.abnormal && c.serious ? '（同时在活动异常名录和严重违法失信名单中）' : ''}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title="年度报告">
            <LastReport org={org} />
          </Card>
        </Col>
      </Row>
      {credit.error && !c ? (
        <QueryError error={credit.error} onRetry={() => credit.refetch()} />
      ) : (
        <Table<CreditListing>
          rowKey="id"
          size="small"
          data-testid="org-credit-table"
          columns={columns}
          dataSource={c?.listings ?? []}
          loading={credit.isFetching}
          scroll={{ x: manage ? 1130 : 1060 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description="从未列入信用名录" /> }}
        />
      )}
      <EnterListingModal
        orgId={org.id}
        orgName={org.name}
        open={entering}
        onClose={() => setEntering(false)}
      />
      <RemoveListingModal listing={removing} onClose={() => setRemoving(null)} />
    </div>
  );
}
