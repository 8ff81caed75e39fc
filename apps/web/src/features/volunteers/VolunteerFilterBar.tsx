import { Button, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../i18n';
import type { Filters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { RegionCascader } from '../reference/RegionCascader';
import { statusOptions } from './labels';

export const VOLUNTEER_FILTER_KEYS = ['q', 'regionCode', 'status'] as const;

export function VolunteerFilterBar({
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
    form.setFieldsValue(Object.fromEntries(VOLUNTEER_FILTER_KEYS.map((k) => [k, filters[k]])));
  }, [filters, form]);

  return (
    <Form
      form={form}
      layout="inline"
      className="filter-bar"
      onFinish={(v) => onSearch(Object.fromEntries(VOLUNTEER_FILTER_KEYS.map((k) => [k, v[k] || undefined])))}
      data-testid="volunteer-filter"
    >
      <Form.Item name="q">
        <Input
          allowClear
          placeholder="姓名 / 志愿者编号"
          style={{ width: 200 }}
          data-testid="volunteer-filter-q"
        />
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
      <Form.Item name="status">
        <Select allowClear placeholder="状态" options={statusOptions} style={{ width: 110 }} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="volunteer-filter-search">
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
