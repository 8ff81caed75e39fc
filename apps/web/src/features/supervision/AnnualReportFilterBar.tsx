import { Button, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../i18n';
import type { Filters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { RegionCascader } from '../reference/RegionCascader';
import { lastYear, reportStateOptions, tierOptions } from './labels';

export const REPORT_FILTER_KEYS = ['year', 'state', 'tier', 'q', 'regionCode'] as const;

/** The years one may look at: the one being reported now and five before it. */
export const yearOptions = () =>
  Array.from({ length: 6 }, (_, i) => lastYear() - i).map((y) => ({ value: String(y), label: `${y}年度` }));

export function AnnualReportFilterBar({
  filters,
  onSearch,
  onReset,
}: {
  filters: Filters;
  onSearch: (f: Filters) => void;
  onReset: () => void;
}) {
  const [form] = Form.useForm<Filters>();
  const { t } = useI18n();
  const me = useCurrentUser();

  useEffect(() => {
    form.setFieldsValue(Object.fromEntries(REPORT_FILTER_KEYS.map((k) => [k, filters[k]])));
  }, [filters, form]);

  const values = (v: Filters) => Object.fromEntries(REPORT_FILTER_KEYS.map((k) => [k, v[k] || undefined]));

  return (
    <Form
      form={form}
      layout="inline"
      className="filter-bar"
      onFinish={(v) => onSearch(values(v))}
      data-testid="report-filter"
    >
      <Form.Item name="year">
        <Select
          aria-label="报告年度"
          options={yearOptions()}
          style={{ width: 120 }}
          // the year changes the whole list: apply it at once
          onChange={() => onSearch(values(form.getFieldsValue()))}
          data-testid="report-filter-year"
        />
      </Form.Item>
      <Form.Item name="state">
        <Select
          allowClear
          placeholder="报送状态"
          options={reportStateOptions}
          style={{ width: 130 }}
          data-testid="report-filter-state"
        />
      </Form.Item>
      <Form.Item name="tier">
        <Select allowClear placeholder="组织类型" options={tierOptions} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="q">
        <Input allowClear placeholder="组织名称" style={{ width: 180 }} data-testid="report-filter-q" />
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
        <Button type="primary" htmlType="submit" data-testid="report-filter-search">
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
