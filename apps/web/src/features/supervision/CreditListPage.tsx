import {
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Grid,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tabs,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ExportButton } from '../../components/ExportButton';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';
import { type Filters, useUrlFilters } from '../../lib/useUrlFilters';
import { useCan, useCurrentUser } from '../auth/api';
import { RegionCascader } from '../reference/RegionCascader';
import { RegionName } from '../volunteers/RegionName';
import { type CreditListing, useCreditListings } from './api';
import { RemoveListingModal } from './CreditModals';
import { causeOptions, todayIso } from './labels';

const KEYS = ['list', 'asOf', 'cause', 'q', 'regionCode'] as const;
const DEFAULTS = { list: 'abnormal' };
const LISTS = [
  { key: 'abnormal', label: '活动异常名录' },
  { key: 'serious', label: '严重违法失信名单' },
] as const;

function CreditFilterBar({
  filters,
  onSearch,
  onReset,
}: {
  filters: Filters;
  onSearch: (f: Filters) => void;
  onReset: () => void;
}) {
  const [form] = Form.useForm<{ asOf?: Dayjs | null; cause?: string; q?: string; regionCode?: string }>();
  const { t } = useI18n();
  const me = useCurrentUser();
  const list = filters.list === 'serious' ? 'serious' : 'abnormal';

  useEffect(() => {
    form.setFieldsValue({
      asOf: dayjs(filters.asOf ?? todayIso()),
      cause: filters.cause,
      q: filters.q,
      regionCode: filters.regionCode,
    });
  }, [filters, form]);

  const values = () => {
    const v = form.getFieldsValue();
    const asOf = v.asOf?.format('YYYY-MM-DD');
    return {
      asOf: asOf && asOf !== todayIso() ? asOf : undefined,
      cause: v.cause || undefined,
      q: v.q?.trim() || undefined,
      regionCode: v.regionCode || undefined,
    };
  };

  return (
    <Form
      form={form}
      layout="inline"
      className="filter-bar"
      onFinish={() => onSearch(values())}
      data-testid="credit-filter"
    >
      <Form.Item name="asOf" label="查询日期">
        <DatePicker
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          style={{ width: 140 }}
          onChange={() => onSearch(values())}
          data-testid="credit-filter-asof"
        />
      </Form.Item>
      <Form.Item name="cause">
        <Select
          allowClear
          placeholder="列入情形"
          options={causeOptions(list)}
          style={{ width: 240 }}
          popupMatchSelectWidth={false}
        />
      </Form.Item>
      <Form.Item name="q">
        <Input allowClear placeholder="组织名称" style={{ width: 180 }} data-testid="credit-filter-q" />
      </Form.Item>
      {me.homeRegion && me.homeRegion.level < 5 && (
        <Form.Item name="regionCode">
          <RegionCascader
            rootCode={me.homeRegion.code}
            rootName={me.homeRegion.name}
            rootLevel={me.homeRegion.level}
            placeholder="所属街道 / 社区"
            style={{ width: 220 }}
          />
        </Form.Item>
      )}
      <Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onReset();
          }}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}

/** 信用名录: the organizations on the abnormal-activity list or the serious-violation list on a date. */
export default function CreditListPage() {
  const { t } = useI18n();
  const can = useCan();
  const isMobile = !Grid.useBreakpoint().md;
  const { filters, page, pageSize, update } = useUrlFilters(KEYS, DEFAULTS);
  const query = useMemo(() => ({ ...filters, page, pageSize }), [filters, page, pageSize]);
  const list = useCreditListings(query);
  const [removing, setRemoving] = useState<CreditListing | null>(null);
  const manage = can('credit_list.manage');
  const asOf = list.data?.asOf ?? filters.asOf ?? todayIso();
  const current = filters.list === 'serious' ? 'serious' : 'abnormal';

  const columns: TableColumnsType<CreditListing> = [
    {
      title: '组织',
      key: 'org',
      fixed: 'left',
      width: isMobile ? undefined : 220,
      render: (_, r) => (
        <>
          <Link to={`/organizations/${r.organizationId}?tab=supervision`} data-testid="credit-org">
            {r.organizationName}
          </Link>
          {isMobile && (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {r.causeLabel}
            </Typography.Text>
          )}
        </>
      ),
    },
    {
      title: '所属社区',
      key: 'region',
      width: 130,
      responsive: ['md'],
      render: (_, r) => <RegionName code={r.regionCode} />,
    },
    { title: '列入情形', dataIndex: 'causeLabel', key: 'cause', width: 200, responsive: ['md'] },
    { title: '列入日期', dataIndex: 'enteredOn', key: 'enteredOn', width: 100 },
    {
      title: '依据',
      dataIndex: 'basis',
      key: 'basis',
      width: 240,
      responsive: ['md'],
      render: (b: string) => (
        <Typography.Text ellipsis={{ tooltip: b }} style={{ maxWidth: 230 }} data-testid="credit-basis">
          {b}
        </Typography.Text>
      ),
    },
    { title: '列入方式', dataIndex: 'entryLabel', key: 'entry', width: 150, responsive: ['md'] },
    ...(manage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 64,
            fixed: isMobile ? undefined : ('right' as const),
            render: (_: unknown, r: CreditListing) =>
              r.leftOn === null && !r.voided ? (
                <Button type="link" size="small" onClick={() => setRemoving(r)} data-testid="credit-remove">
                  移出
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div>
      <PageHeader
        title="信用名录"
        sub="社会组织活动异常名录和严重违法失信名单（《社会组织信用信息管理办法》），可查询任一日期在列的组织"
        extra={
          <ExportButton
            path="/v1/credit-listings/export"
            query={{ ...filters, list: current, asOf }}
            fileName="信用名录.xlsx"
            testId="credit-export"
          />
        }
      />
      <Card className="table-card" style={{ marginBottom: 12 }}>
        <CreditFilterBar
          filters={filters}
          onSearch={(f) => update(f)}
          // keep the tab: only the filters are reset
          onReset={() => update({ asOf: undefined, cause: undefined, q: undefined, regionCode: undefined })}
        />
      </Card>
      <Card className="table-card">
        <Tabs
          activeKey={current}
          onChange={(k) => update({ list: k, cause: undefined })}
          items={LISTS.map((l) => ({
            key: l.key,
            label: <span data-testid={`credit-tab-${l.key}`}>{l.label}</span>,
          }))}
          style={{ marginBottom: 4 }}
        />
        {list.error && !list.data ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<CreditListing>
            rowKey="id"
            size="middle"
            data-testid="credit-table"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={isMobile ? undefined : { x: manage ? 1104 : 1040 }}
            locale={{
              emptyText: (
                <Empty
                  description={`${asOf} 没有在${current === 'serious' ? '严重违法失信名单' : '活动异常名录'}中的组织`}
                />
              ),
            }}
            onChange={(pg) =>
              update({ page: String(pg.current ?? 1), pageSize: String(pg.pageSize ?? 20) }, false)
            }
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => `${asOf} 在列 ${t('common.total', { n })}`,
            }}
          />
        )}
      </Card>
      <RemoveListingModal listing={removing} onClose={() => setRemoving(null)} />
    </div>
  );
}
