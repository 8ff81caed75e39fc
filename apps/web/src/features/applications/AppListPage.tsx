import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Empty,
  Form,
  Input,
  Select,
  Switch,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useI18n } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { appStateLabels, appStateLabelsByKind, kindLabels } from '../../lib/labels';
import type { AppItem } from '../../lib/types';
import { sortOrderOf, sortParam, useUrlFilters } from '../../lib/useUrlFilters';
import { useCan } from '../auth/api';
import { KindTag, StateTag } from './AppTags';
import { useAppList } from './api';

const KEYS = ['kind', 'state', 'q', 'todo'] as const;
const opts = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));

export default function AppListPage() {
  const { t } = useI18n();
  const can = useCan();
  const { filters, page, pageSize, sort, update, reset } = useUrlFilters(KEYS);
  const query = useMemo(() => ({ ...filters, page, pageSize, sort }), [filters, page, pageSize, sort]);
  const list = useAppList(query);
  const [form] = Form.useForm();
  const kindValue = Form.useWatch('kind', form) as string | undefined;

  useEffect(() => {
    form.setFieldsValue({ kind: filters.kind, state: filters.state, q: filters.q });
  }, [filters, form]);

  const columns: TableColumnsType<AppItem> = [
    {
      title: '组织名称',
      dataIndex: 'name',
      key: 'name',
      width: 200,
      fixed: 'left',
      render: (n: string, r) => (
        <Link to={`/applications/${r.id}`} data-testid="app-link">
          {n || '（未命名）'}
        </Link>
      ),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      key: 'kind',
      width: 80,
      render: (k: string, r) => <KindTag kind={k} label={r.kindLabel} />,
    },
    {
      title: '状态',
      dataIndex: 'state',
      key: 'state',
      width: 110,
      render: (s: string, r) => <StateTag state={s} label={r.stateLabel} />,
    },
    {
      title: '所属社区',
      key: 'community',
      width: 170,
      render: (_, r) => (
        <div>
          <div>{r.communityName || '—'}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.streetName}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '申请人',
      dataIndex: 'applicantName',
      key: 'applicantName',
      width: 100,
      render: (v) => v ?? '—',
    },
    {
      title: '提交时间',
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      width: 150,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'submittedAt'),
      render: formatDateTime,
    },
    {
      title: '更新时间',
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      width: 150,
      sorter: true,
      sortOrder: sortOrderOf(sort, 'updatedAt'),
      render: formatDateTime,
    },
    {
      title: '操作',
      key: 'op',
      width: 70,
      fixed: 'right',
      render: (_, r) => <Link to={`/applications/${r.id}`}>办理</Link>,
    },
  ];

  return (
    <div>
      <PageHeader
        title="备案审核"
        extra={
          can('filing.apply') && (
            <Link to="/applications/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="app-new">
                新建备案申请
              </Button>
            </Link>
          )
        }
      />
      <Card className="table-card" style={{ marginBottom: 12 }}>
        <Form
          form={form}
          layout="inline"
          className="filter-bar"
          onFinish={(v) => update({ kind: v.kind, state: v.state, q: v.q?.trim() })}
        >
          <Form.Item name="q">
            <Input
              allowClear
              placeholder="组织名称 / 申请人"
              style={{ width: 200 }}
              data-testid="app-filter-q"
            />
          </Form.Item>
          <Form.Item name="kind">
            <Select allowClear placeholder="申请类型" options={opts(kindLabels)} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="state">
            <Select
              allowClear
              placeholder="办理状态"
              options={opts((kindValue && appStateLabelsByKind[kindValue]) || appStateLabels)}
              style={{ width: 130 }}
            />
          </Form.Item>
          <Form.Item label="只看待我处理">
            <Switch
              checked={filters.todo === 'true'}
              onChange={(on) => update({ todo: on ? 'true' : undefined })}
              data-testid="app-filter-todo"
            />
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
        {list.error && !list.data ? (
          <QueryError error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table<AppItem>
            rowKey="id"
            size="middle"
            data-testid="app-table"
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching}
            scroll={{ x: 1030 }}
            locale={{ emptyText: <Empty description="暂无申请" /> }}
            onChange={(pg, _f, sorter) =>
              update(
                {
                  page: String(pg.current ?? 1),
                  pageSize: String(pg.pageSize ?? 20),
                  sort: sortParam(sorter),
                },
                false,
              )
            }
            pagination={{
              current: page,
              pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => t('common.total', { n }),
            }}
          />
        )}
      </Card>
    </div>
  );
}
