import { Button, Card, DatePicker, Form, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { AuditTable, entityTypeOptions } from '../../components/AuditTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useAudit, useUsers } from './api';

const KEYS = ['entityType', 'entityId', 'actorId', 'action', 'from', 'to'] as const;

function ActorSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState('');
  const users = useUsers({ q: q || undefined, pageSize: 30 });
  return (
    <Select
      allowClear
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="操作人"
      style={{ width: 160 }}
      options={(users.data?.items ?? []).map((u) => ({
        value: u.id,
        label: `${u.displayName}（${u.username}）`,
      }))}
    />
  );
}

export default function AuditPage() {
  const { t } = useI18n();
  const { filters, page, pageSize, update, reset } = useUrlFilters(KEYS);
  const query = useMemo(() => ({ ...filters, page, pageSize }), [filters, page, pageSize]);
  const audit = useAudit(query);
  const [form] = Form.useForm();

  useEffect(() => {
    form.setFieldsValue({
      entityType: filters.entityType,
      entityId: filters.entityId,
      actorId: filters.actorId,
      action: filters.action,
      range:
        filters.from || filters.to
          ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]
          : undefined,
    });
  }, [filters, form]);

  return (
    <div>
      <PageHeader title="审计日志" sub="所有修改、审批和个人信息查看均留痕，日志只增不改" />
      <Card className="table-card" style={{ marginBottom: 12 }}>
        <Form
          form={form}
          layout="inline"
          className="filter-bar"
          onFinish={(v) => {
            const range = v.range as [Dayjs | null, Dayjs | null] | undefined;
            update({
              entityType: v.entityType,
              entityId: v.entityId?.trim(),
              actorId: v.actorId,
              action: v.action?.trim(),
              from: range?.[0] ? range[0].startOf('day').toISOString() : undefined,
              to: range?.[1] ? range[1].endOf('day').toISOString() : undefined,
            });
          }}
        >
          <Form.Item name="entityType">
            <Select
              allowClear
              placeholder="对象类型"
              options={entityTypeOptions}
              style={{ width: 130 }}
              data-testid="audit-filter-type"
            />
          </Form.Item>
          <Form.Item name="entityId">
            <Input allowClear placeholder="对象ID" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="actorId">
            <ActorSelect />
          </Form.Item>
          <Form.Item name="action">
            <Input allowClear placeholder="操作，如 organization.update" style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="range">
            <DatePicker.RangePicker allowEmpty={[true, true]} />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                form.resetFields();
                reset();
              }}
            >
              {t('common.reset')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Card className="table-card">
        {audit.error && !audit.data ? (
          <QueryError error={audit.error} onRetry={() => audit.refetch()} />
        ) : (
          <AuditTable
            items={audit.data?.items ?? []}
            loading={audit.isFetching}
            pagination={{
              current: page,
              pageSize,
              total: audit.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { n }),
            }}
            onChange={(p) =>
              update({ page: String(p.current ?? 1), pageSize: String(p.pageSize ?? 20) }, false)
            }
          />
        )}
      </Card>
    </div>
  );
}
