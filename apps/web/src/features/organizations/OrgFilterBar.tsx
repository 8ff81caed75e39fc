import { Button, Form, Input, Select } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../i18n';
import { statusLabels, tierLabels } from '../../lib/labels';
import type { Filters } from '../../lib/useUrlFilters';
import { useCurrentUser } from '../auth/api';
import { useCategories } from '../reference/api';
import { RegionCascader } from '../reference/RegionCascader';

export const ORG_FILTER_KEYS = ['q', 'tier', 'category', 'status', 'regionCode', 'isHub'] as const;

const toOptions = (m: Record<string, string>) =>
  Object.entries(m).map(([value, label]) => ({ value, label }));

export function OrgFilterBar({
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
  const categories = useCategories();

  useEffect(() => {
    form.setFieldsValue(Object.fromEntries(ORG_FILTER_KEYS.map((k) => [k, filters[k]])));
  }, [filters, form]);

  return (
    <Form
      form={form}
      layout="inline"
      className="filter-bar"
      onFinish={(v) => onSearch(Object.fromEntries(ORG_FILTER_KEYS.map((k) => [k, v[k] || undefined])))}
      data-testid="org-filter"
    >
      <Form.Item name="q">
        <Input
          allowClear
          placeholder="组织名称 / 负责人 / 编号"
          style={{ width: 200 }}
          data-testid="org-filter-q"
        />
      </Form.Item>
      <Form.Item name="tier">
        <Select allowClear placeholder="层级" options={toOptions(tierLabels)} style={{ width: 170 }} />
      </Form.Item>
      <Form.Item name="category">
        <Select
          allowClear
          placeholder="类别"
          loading={categories.isPending}
          options={(categories.data?.categories ?? []).map((c) => ({ value: c.code, label: c.name }))}
          style={{ width: 150 }}
        />
      </Form.Item>
      <Form.Item name="status">
        <Select allowClear placeholder="状态" options={toOptions(statusLabels)} style={{ width: 110 }} />
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
      <Form.Item name="isHub">
        <Select
          allowClear
          placeholder="枢纽型"
          options={[
            { value: 'true', label: '枢纽型组织' },
            { value: 'false', label: '非枢纽型' },
          ]}
          style={{ width: 120 }}
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid="org-filter-search">
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
