import { DownloadOutlined } from '@ant-design/icons';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Empty,
  Modal,
  Row,
  Skeleton,
  Space,
  Statistic,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { downloadFile, errorMessage } from '../../lib/api';
import { useCan } from '../auth/api';
import { Chart } from '../dashboard/Chart';
import './echarts';
import { useVolunteerStats } from './api';
import type { StatsChild, TargetCheck } from './types';

const shortName = (n: string) => n.replace(/(居委会|村委会|居民委员会|村民委员会)$/, '');
const num = (n: number | null | undefined) => (n == null ? '—' : n.toLocaleString('zh-CN'));

function TargetTag({ meets }: { meets: boolean | null }) {
  if (meets === null) return <Tag>人口未知</Tag>;
  return meets ? <Tag color="green">达标</Tag> : <Tag color="red">未达标</Tag>;
}

function TargetCard({
  title,
  count,
  unit,
  check,
  targetText,
  gapUnit,
  testId,
}: {
  title: string;
  count: number;
  unit: string;
  check: TargetCheck;
  targetText: string;
  gapUnit: string;
  testId: string;
}) {
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={count} suffix={unit} />
      <div style={{ marginTop: 8, display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
        <span>
          占常住人口 <b>{check.text}</b>（目标 {targetText}）
        </span>
        <TargetTag meets={check.meets} />
      </div>
      {check.gap !== null && check.gap > 0 && (
        <Typography.Text type="danger">
          还差 {num(check.gap)} {gapUnit}
        </Typography.Text>
      )}
    </Card>
  );
}

/** National-system export: a period, and full ID numbers for holders of pii.reveal (audited). */
function NationalExportButton({ regionCode }: { regionCode: string }) {
  const { message } = App.useApp();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('year'), dayjs()]);
  const [reveal, setReveal] = useState(false);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadFile(
        '/v1/service-records/national-export',
        {
          from: range[0].format('YYYY-MM-DD'),
          to: range[1].format('YYYY-MM-DD'),
          regionCode,
          reveal: reveal ? 'true' : undefined,
        },
        '志愿服务记录.xlsx',
      );
      setOpen(false);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  if (!can('volunteer.read')) return null;
  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => setOpen(true)} data-testid="national-export">
        导出服务记录（全国系统格式）
      </Button>
      <Modal
        title="导出服务记录（全国志愿服务信息系统批量导入格式）"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={run}
        okText="导出"
        confirmLoading={busy}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>服务日期</span>
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
            style={{ width: '100%' }}
          />
          {can('pii.reveal') && (
            <Checkbox checked={reveal} onChange={(e) => setReveal(e.target.checked)}>
              导出完整证件号码（将记录审计日志）
            </Checkbox>
          )}
          <Typography.Text type="secondary">
            未勾选时证件号码脱敏显示。列：志愿者姓名、证件类型、证件号码、志愿者编号、活动名称、服务类别、服务起止时间、服务时长、服务地点、记录单位、记录人、记录时间、时长来源。
          </Typography.Text>
        </Space>
      </Modal>
    </>
  );
}

export default function VolunteerStatsPage() {
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const regionCode = params.get('region') ?? undefined;
  const [onlyBelow, setOnlyBelow] = useState(false);
  const [exporting, setExporting] = useState(false);
  const stats = useVolunteerStats(regionCode);
  const d = stats.data;

  const drill = (code: string) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.set('region', code);
      return n;
    });

  const monthOption = useMemo(
    () =>
      d && {
        grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: d.months.map((m) => m.month) },
        yAxis: { type: 'value', name: '小时' },
        series: [
          { type: 'line', smooth: true, areaStyle: { opacity: 0.15 }, data: d.months.map((m) => m.hours) },
        ],
      },
    [d],
  );
  const categoryOption = useMemo(
    () =>
      d && {
        grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'value', name: '小时' },
        yAxis: { type: 'category', inverse: true, data: d.categories.map((c) => c.label) },
        series: [
          {
            type: 'bar',
            data: d.categories.map((c) => c.hours),
            barMaxWidth: 22,
            itemStyle: { color: '#cf1322' },
            label: { show: true, position: 'right' },
          },
        ],
      },
    [d],
  );
  const starOption = useMemo(
    () =>
      d && {
        tooltip: { trigger: 'item', formatter: '{b}：{c} 人（{d}%）' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['38%', '66%'],
            center: ['50%', '44%'],
            data: d.stars.levels.map((l) => ({ name: l.label, value: l.count })),
          },
        ],
      },
    [d],
  );

  if (stats.isError) return <QueryError error={stats.error} onRetry={() => stats.refetch()} />;
  if (!d) return <Skeleton active />;

  const children = onlyBelow
    ? d.children.filter((c) => c.volunteerBelowTarget || c.orgBelowTarget)
    : d.children;
  const exportStats = async () => {
    setExporting(true);
    try {
      await downloadFile('/v1/volunteer-stats/export', { regionCode: d.region.code }, '志愿服务统计.xlsx');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <div data-testid="volunteer-stats">
      <PageHeader
        title="志愿服务统计"
        sub={`统计日期 ${d.asOf}；服务时长为 ${d.year} 年（月度为近 12 个月）`}
        extra={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={exportStats}
              data-testid="stats-export"
            >
              导出统计（Excel）
            </Button>
            <NationalExportButton regionCode={d.region.code} />
          </Space>
        }
      />
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={d.region.path.map((p, i) => ({
          title:
            i === d.region.path.length - 1 ? (
              p.name
            ) : (
              <a onClick={() => drill(p.code)} href={`?region=${p.code}`}>
                {p.name}
              </a>
            ),
        }))}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12} xl={6}>
          <TargetCard
            title="注册志愿者"
            count={d.totals.volunteers}
            unit="人"
            check={d.totals.volunteerRatio}
            targetText={d.targets.volunteerRatioText}
            gapUnit="人"
            testId="card-volunteers"
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <TargetCard
            title="志愿服务组织"
            count={d.totals.volunteerOrganizations}
            unit="个"
            check={d.totals.orgPerResident}
            targetText={d.targets.orgPerResidentText}
            gapUnit="个"
            testId="card-orgs"
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small">
            <Statistic
              title="常住人口"
              value={d.totals.population ?? '未知'}
              suffix={d.totals.population ? '人' : ''}
            />
            <div style={{ marginTop: 8 }}>每万人志愿服务组织 {num(d.totals.orgsPer10k)} 个</div>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small">
            <Statistic title={`${d.year} 年服务时长`} value={d.totals.hoursThisYear} suffix="小时" />
            <div style={{ marginTop: 8 }}>服务记录 {num(d.totals.recordsThisYear)} 条</div>
          </Card>
        </Col>
      </Row>

      {d.children.length > 0 && (
        <Card
          size="small"
          style={{ marginTop: 12 }}
          title={`下级区域（未达标：志愿者 ${d.childrenBelowTarget.volunteers} 个，组织 ${d.childrenBelowTarget.organizations} 个）`}
          extra={
            <Space>
              <span>只看未达标</span>
              <Switch checked={onlyBelow} onChange={setOnlyBelow} />
            </Space>
          }
        >
          <Table<StatsChild>
            rowKey="code"
            size="small"
            dataSource={children}
            pagination={children.length > 30 ? { pageSize: 30 } : false}
            scroll={{ x: 900 }}
            data-testid="stats-children"
            columns={[
              {
                title: '区域',
                dataIndex: 'name',
                fixed: 'left',
                render: (n: string, c) => (
                  <Link to={`/volunteer-stats?region=${c.code}`} data-testid={`drill-${c.code}`}>
                    {shortName(n)}
                  </Link>
                ),
              },
              { title: '常住人口', dataIndex: 'population', align: 'right', render: num },
              { title: '注册志愿者', dataIndex: 'volunteers', align: 'right', render: num },
              {
                title: '志愿者比例',
                dataIndex: 'volunteerRatioText',
                render: (t: string, c) => (
                  <Space size={4}>
                    {t}
                    <TargetTag meets={c.volunteerMeets} />
                  </Space>
                ),
              },
              { title: '志愿服务组织', dataIndex: 'volunteerOrganizations', align: 'right', render: num },
              {
                title: '组织比例',
                dataIndex: 'orgRatioText',
                render: (t: string, c) => (
                  <Space size={4}>
                    {t}
                    <TargetTag meets={c.orgMeets} />
                  </Space>
                ),
              },
              { title: `${d.year}年时长（小时）`, dataIndex: 'hoursThisYear', align: 'right', render: num },
            ]}
          />
        </Card>
      )}

      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title="月度服务时长（近 12 个月）">
            {monthOption && <Chart option={monthOption} height={280} testId="chart-months" />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={`服务类别（${d.year} 年）`}>
            {d.categories.length ? (
              categoryOption && <Chart option={categoryOption} height={280} testId="chart-categories" />
            ) : (
              <Empty description="暂无服务记录" />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title={`星级分布（${d.stars.basis === 'year' ? `${d.year} 年时长` : '累计时长'}，门槛 ${d.stars.thresholds.join(' / ')} 小时）`}
          >
            {starOption && <Chart option={starOption} height={280} testId="chart-stars" />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={`服务队时长排行（${d.year} 年，前 10）`}>
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.topTeams}
              data-testid="top-teams"
              locale={{ emptyText: '暂无服务队' }}
              columns={[
                { title: '排名', render: (_v, _r, i) => i + 1, width: 56 },
                { title: '服务队', dataIndex: 'name' },
                { title: '所属组织', dataIndex: 'organizationName' },
                { title: '成员', dataIndex: 'members', align: 'right' },
                { title: '时长（小时）', dataIndex: 'hours', align: 'right' },
              ]}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              口径：服务队已通过成员在本队所属组织的有效服务记录时长。
            </Typography.Text>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
