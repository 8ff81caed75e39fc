import { DownloadOutlined } from '@ant-design/icons';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  Empty,
  Pagination,
  Progress,
  Row,
  Skeleton,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { downloadFile, errorMessage } from '../../lib/api';
import { formatPercent } from '../../lib/format';
import { areaTypeLabels } from '../../lib/labels';
import type { CoverageChild, CoverageCommunity } from '../../lib/types';
import { useCurrentUser } from '../auth/api';
import { useCoverage } from './api';
import { Chart } from './Chart';
import './dashboard.css';

const TIER_NAMES = { group: '活动小组', filed: '备案类', registered: '登记类' } as const;
/** 南头城社区居委会 → 南头城社区 (chart axes have little room). */
const shortName = (n: string) => n.replace(/(居委会|村委会|居民委员会|村民委员会)$/, '');
const pct = (r: number) => Math.round((r > 1 ? r : r * 100) * 10) / 10;

export default function DashboardPage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const regionCode = params.get('region') ?? undefined;
  const [onlyBelow, setOnlyBelow] = useState(true);
  const [exporting, setExporting] = useState(false);
  const [page, setPage] = useState(1);
  const cov = useCoverage(regionCode, page);
  const d = cov.data;

  const drill = (code: string) => {
    setPage(1);
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.set('region', code);
      return n;
    });
  };

  const homeLevel = me.homeRegion?.level ?? 0;

  const categoryOption = useMemo(
    () =>
      d && {
        grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: d.totals.byCategory.map((c) => c.name) },
        series: [
          {
            type: 'bar',
            data: d.totals.byCategory.map((c) => c.count),
            itemStyle: { color: '#1668dc' },
            barMaxWidth: 22,
            label: { show: true, position: 'right' },
          },
        ],
      },
    [d],
  );
  const tierOption = useMemo(
    () =>
      d && {
        tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['40%', '68%'],
            center: ['50%', '45%'],
            label: { position: 'inside', formatter: '{c}', color: '#fff', fontSize: 14 },
            color: ['#8c9bb5', '#1668dc', '#389e0d'],
            data: (Object.keys(TIER_NAMES) as (keyof typeof TIER_NAMES)[]).map((k) => ({
              name: TIER_NAMES[k],
              value: d.totals.byTier[k] ?? 0,
            })),
          },
        ],
      },
    [d],
  );
  const childOption = useMemo(
    () =>
      d?.children.length && {
        grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        xAxis: {
          type: 'category',
          data: d.children.map((c) => shortName(c.name)),
          axisLabel: { interval: 0, rotate: d.children.length > 6 ? 30 : 0 },
        },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          {
            name: '组织数',
            type: 'bar',
            data: d.children.map((c) => c.organizations),
            itemStyle: { color: '#1668dc' },
            barMaxWidth: 28,
          },
          {
            name: '达标社区',
            type: 'bar',
            data: d.children.map((c) => c.communitiesMeeting),
            itemStyle: { color: '#52c41a' },
            barMaxWidth: 28,
          },
        ],
      },
    [d],
  );

  if (cov.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (cov.error || !d) return <QueryError error={cov.error} onRetry={() => cov.refetch()} />;

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await downloadFile(
        '/v1/dashboard/coverage/export',
        { regionCode: d.region.code },
        `覆盖率统计-${d.region.name}.xlsx`,
      );
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setExporting(false);
    }
  };

  const exportFilingReport = async () => {
    const year = new Date().getFullYear();
    try {
      await downloadFile(
        '/v1/reports/filings',
        { regionCode: d.region.code, year },
        `${d.region.name}${year}年度备案情况.xlsx`,
      );
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const communities = onlyBelow
    ? d.communities.filter((c) => !c.meetsTarget || c.lacks.length > 0)
    : d.communities;
  const childLevelName = d.region.level <= 2 ? '区县' : d.region.level === 3 ? '街道' : '社区';

  return (
    <div className="dashboard">
      <PageHeader
        title="数据看板 · 社区社会组织覆盖"
        sub={`分类方案：${d.scheme.name}；目标：城镇社区≥${d.targets.urban}个、农村社区≥${d.targets.rural}个，枢纽型组织覆盖街道≥${formatPercent(d.targets.hubStreetRatio, 0)}`}
        extra={
          <Space wrap>
            {d.region.level >= 3 && d.region.level <= 4 && (
              <Button
                icon={<DownloadOutlined />}
                onClick={exportFilingReport}
                data-testid="dashboard-filing-report"
              >
                {new Date().getFullYear()}年度备案报送
              </Button>
            )}
            <Button
              icon={<DownloadOutlined />}
              onClick={exportXlsx}
              loading={exporting}
              data-testid="dashboard-export"
            >
              导出Excel
            </Button>
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Breadcrumb
          data-testid="dashboard-breadcrumb"
          items={d.region.path.map((r, i) => {
            const last = i === d.region.path.length - 1;
            const reachable = !homeLevel || r.level >= homeLevel;
            return {
              key: r.code,
              title:
                last || !reachable ? (
                  <span>{r.name}</span>
                ) : (
                  <Link to={`/dashboard?region=${r.code}`}>{r.name}</Link>
                ),
            };
          })}
        />
      </Card>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title="组织总数" value={d.totals.organizations} data-testid="stat-total" />
          </Card>
        </Col>
        {(Object.keys(TIER_NAMES) as (keyof typeof TIER_NAMES)[]).map((k) => (
          <Col xs={12} md={8} xl={4} key={k}>
            <Card size="small">
              <Statistic title={TIER_NAMES[k]} value={d.totals.byTier[k] ?? 0} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic
              title="未达标社区"
              value={d.belowTarget}
              valueStyle={{ color: d.belowTarget ? '#cf1322' : undefined }}
              data-testid="stat-below"
            />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={4}>
          {d.region.level < 5 ? (
            <Card size="small">
              <Statistic
                title="枢纽型组织覆盖街道"
                value={pct(d.hub.ratio)}
                suffix="%"
                valueStyle={{ color: d.hub.meets ? '#389e0d' : '#d46b08' }}
              />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {d.hub.streetsWithHub}/{d.hub.streets} 个街道，目标 {formatPercent(d.hub.target, 0)}
              </Typography.Text>
            </Card>
          ) : (
            // the hub target is a street-level measure; a single community shows whether it has a hub itself
            <Card size="small">
              <Statistic title="本社区枢纽型组织" value={d.hub.streetsWithHub > 0 ? '有' : '无'} />
            </Card>
          )}
        </Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={24} lg={14}>
          <Card title="按类别" size="small">
            {d.totals.byCategory.length && categoryOption ? (
              <Chart
                option={categoryOption}
                height={Math.max(220, d.totals.byCategory.length * 36)}
                testId="chart-category"
              />
            ) : (
              <Empty description="暂无数据" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="按层级" size="small">
            {tierOption && <Chart option={tierOption} height={280} testId="chart-tier" />}
          </Card>
        </Col>
      </Row>
      {d.children.length > 0 && (
        <Card
          title={`下辖${childLevelName}`}
          size="small"
          style={{ marginBottom: 12 }}
          extra={<Typography.Text type="secondary">点击柱形或行可下钻</Typography.Text>}
        >
          {childOption && (
            <Chart
              option={childOption}
              height={280}
              onClick={(p) => d.children[p.dataIndex] && drill(d.children[p.dataIndex].code)}
              testId="chart-children"
            />
          )}
          <Table<CoverageChild>
            rowKey="code"
            size="small"
            data-testid="dashboard-children"
            dataSource={d.children}
            pagination={false}
            scroll={{ x: 640 }}
            onRow={(r) =>
              ({
                onClick: () => drill(r.code),
                style: { cursor: 'pointer' },
                'data-testid': 'dashboard-child-row',
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: '名称',
                dataIndex: 'name',
                render: (n: string) => <Typography.Link>{n}</Typography.Link>,
              },
              {
                title: '组织数',
                dataIndex: 'organizations',
                width: 90,
                align: 'right',
                sorter: (a, b) => a.organizations - b.organizations,
              },
              {
                title: '达标社区 / 社区总数',
                key: 'meet',
                width: 160,
                render: (_, r) => `${r.communitiesMeeting} / ${r.communities}`,
              },
              {
                title: '达标率',
                dataIndex: 'ratio',
                width: 180,
                sorter: (a, b) => a.ratio - b.ratio,
                render: (v: number) => (
                  <Progress percent={pct(v)} size="small" status={pct(v) >= 100 ? 'success' : 'normal'} />
                ),
              },
              ...(d.children.some((c) => c.streets !== undefined)
                ? [
                    {
                      title: '有枢纽的街道',
                      key: 'hub',
                      width: 130,
                      render: (_: unknown, r: CoverageChild) =>
                        r.streets !== undefined ? `${r.hubStreets ?? 0} / ${r.streets}` : '—',
                    },
                  ]
                : d.children.some((c) => c.hubStreets !== undefined)
                  ? [
                      {
                        title: '枢纽型组织',
                        key: 'hub',
                        width: 110,
                        render: (_: unknown, r: CoverageChild) =>
                          r.hubStreets ? <Tag color="green">有</Tag> : <Tag>无</Tag>,
                      },
                    ]
                  : []),
            ]}
          />
        </Card>
      )}
      <Card
        title={`社区达标情况（${d.belowTarget} 个未达标）`}
        actions={
          (d.communitiesTotal ?? 0) > d.communities.length
            ? [
                <Pagination
                  key="pages"
                  size="small"
                  simple
                  current={page}
                  pageSize={d.pageSize ?? d.communities.length}
                  total={d.communitiesTotal}
                  onChange={setPage}
                />,
              ]
            : undefined
        }
        size="small"
        extra={
          <span>
            只看未达标{' '}
            <Switch
              size="small"
              checked={onlyBelow}
              onChange={setOnlyBelow}
              data-testid="dashboard-only-below"
            />
          </span>
        }
      >
        <Table<CoverageCommunity>
          rowKey="code"
          size="small"
          data-testid="dashboard-communities"
          dataSource={communities}
          scroll={{ x: 560 }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          onRow={() => ({ 'data-testid': 'dashboard-community-row' }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={onlyBelow ? '所列社区均已达标' : '暂无数据'} /> }}
          columns={[
            { title: '社区', dataIndex: 'name', width: 150, fixed: 'left' },
            { title: '街道', dataIndex: 'streetName', width: 130, responsive: ['md'] },
            {
              title: '类型',
              responsive: ['md'],
              dataIndex: 'areaType',
              width: 90,
              render: (v: string) => areaTypeLabels[v] ?? v,
            },
            {
              title: '组织数 / 目标',
              key: 'count',
              width: 120,
              render: (_, r) => (
                <span style={{ color: r.meetsTarget ? undefined : '#cf1322' }}>
                  {r.count} / {r.target}
                </span>
              ),
            },
            {
              title: '达标',
              key: 'meets',
              width: 80,
              render: (_, r) =>
                r.meetsTarget && r.lacks.length === 0 ? (
                  <Tag color="green">达标</Tag>
                ) : (
                  <Tag color="red">未达标</Tag>
                ),
            },
            {
              title: '差距',
              dataIndex: 'lacks',
              render: (lacks: string[]) =>
                lacks.length ? (
                  <ul className="lacks">
                    {lacks.map((l) => (
                      <li key={l}>{l}</li>
                    ))}
                  </ul>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
