import { Button, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useI18n } from '../../i18n';
import type { Filters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { RegionCascader } from '../reference/RegionCascader';
import { categoryOptions, statusOptions } from './labels';

export const ACTIVITY_FILTER_KEYS = ['q', 'status', 'category', 'regionCode', 'from', 'to'] as const;

interface FormValues {
  q?: string;
  status?: string;
  category?: string;
  regionCode?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export function ActivityFilterBar({
  filters,
  onSearch,
  onReset,
}: {
  filters: Filters;
  onSearch: (f: Filters) => void;
  onReset: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const { t } = useI18n();
  const me = useCurrentUser();

  useEffect(() => {
    form.setFieldsValue({
      q: filters.q,
      status: filters.status,
      category: filters.category,
      regionCode: filters.regionCode,
      range:
        filters.from || filters.to
          ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
          : null,
    });
  }, [filters, form]);

  return (
    <Form
      form={form}
      layout="inline"
      className="filter-bar"
      onFinish={(v) =>
        onSearch({
          q: v.q || undefined,
          status: v.status || undefined,
          category: v.category || undefined,
          regionCode: v.regionCode || undefined,
          from: v.range?.[0]?.format('YYYY-MM-DD'),
          to: v.range?.[1]?.format('YYYY-MM-DD'),
        })
      }
      data-testid="activity-filter"
    >
      <Form.Item name="q">
        <Input allowClear placeholder="活动名称" style={{ width: 180 }} data-testid="activity-filter-q" />
      </Form.Item>
      <Form.Item name="status">
        <Select allowClear placeholder="状态" options={statusOptions} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item name="category">
        <Select allowClear placeholder="服务类别" options={categoryOptions} style={{ width: 130 }} />
      </Form.Item>
      {me.homeRegion && me.homeRegion.level < 5 && (
        <Form.Item name="regionCode">
          <RegionCascader
            rootCode={me.homeRegion.code}
            rootName={me.homeRegion.name}
            rootLevel={me.homeRegion.level}
            placeholder="街道 / 社区"
            style={{ width: 200 }}
          />
        </Form.Item>
      )}
      <Form.Item name="range">
        <DatePicker.RangePicker
          placeholder={['开始日期从', '至']}
          allowEmpty={[true, true]}
          style={{ width: 250 }}
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="activity-filter-search">
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
