import {
  App,
  Button,
  Card,
  Col,
  Form,
  InputNumber,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ApiError, applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { useCan } from '../auth/api';
import { useSaveTargets, useSchemeMutations, useSchemes, useTargets } from './api';
import { SchemeEditor } from './SchemeEditor';

function SchemeCard() {
  const can = useCan();
  const schemes = useSchemes();
  const { activate } = useSchemeMutations();
  const { message, modal } = App.useApp();
  const items = schemes.data?.items ?? [];
  const active = items.find((s) => s.active);
  const [selected, setSelected] = useState<string>();
  useEffect(() => {
    if (!selected && active) setSelected(active.code);
  }, [active, selected]);
  const scheme = items.find((s) => s.code === selected);

  if (schemes.isPending) return <Skeleton active />;
  if (schemes.error) return <QueryError error={schemes.error} onRetry={() => schemes.refetch()} />;

  return (
    <Card title="组织分类方案" data-testid="scheme-card">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          value={selected}
          onChange={setSelected}
          style={{ width: 260 }}
          data-testid="scheme-select"
          options={items.map((s) => ({ value: s.code, label: `${s.name}${s.active ? '（当前）' : ''}` }))}
        />
        {can('categories.manage') && scheme && !scheme.active && (
          <Button
            type="primary"
            data-testid="scheme-activate"
            onClick={() =>
              modal.confirm({
                title: `将「${scheme.name}」设为当前分类方案？`,
                content: '新建组织和数据看板将按此方案的类别统计。已有组织的类别不会被改动。',
                okText: '确认切换',
                cancelText: '取消',
                onOk: () =>
                  activate
                    .mutateAsync(scheme.code)
                    .then(() => message.success('已切换分类方案'))
                    .catch((e) => message.error(errorMessage(e))),
              })
            }
          >
            设为当前方案
          </Button>
        )}
        {scheme?.fivePlusX && <Tag color="purple">适用“5+X”达标规则</Tag>}
      </Space>
      {scheme && <SchemeEditor key={scheme.code} scheme={scheme} canEdit={can('categories.manage')} />}
    </Card>
  );
}

function TargetsCard() {
  const can = useCan();
  const targets = useTargets();
  const save = useSaveTargets();
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const t = targets.data;
  const asFraction = (t?.hubStreetRatio ?? 0.85) <= 1;

  if (targets.isPending) return <Skeleton active />;
  if (targets.error || !t) return <QueryError error={targets.error} onRetry={() => targets.refetch()} />;

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    save.mutate(
      {
        urban: v.urban,
        rural: v.rural,
        hubStreetRatio: asFraction ? v.hubPct / 100 : v.hubPct,
        version: t.version,
      },
      {
        onSuccess: () => message.success('覆盖目标已保存'),
        onError: (err) => {
          applyFieldErrors(form, err);
          message.error(errorMessage(err));
          if (err instanceof ApiError && err.status === 409) targets.refetch();
        },
      },
    );
  };

  return (
    <Card title="覆盖目标">
      <Typography.Paragraph type="secondary">
        每个社区的社区社会组织数量目标（城镇/农村按统计用城乡划分），以及有枢纽型组织的街道比例目标。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        key={t.version}
        disabled={!can('targets.manage')}
        initialValues={{
          urban: t.urban,
          rural: t.rural,
          hubPct: asFraction ? Math.round(t.hubStreetRatio * 1000) / 10 : t.hubStreetRatio,
        }}
        data-testid="targets-form"
      >
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="urban"
              label="城镇社区（个/社区）"
              rules={[{ required: true, message: '请填写' }]}
            >
              <InputNumber min={0} max={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="rural" label="农村社区（个/村）" rules={[{ required: true, message: '请填写' }]}>
              <InputNumber min={0} max={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="hubPct"
              label="枢纽型组织覆盖街道比例"
              rules={[{ required: true, message: '请填写' }]}
            >
              <InputNumber min={0} max={100} step={1} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {can('targets.manage') && (
          <Button type="primary" onClick={submit} loading={save.isPending} data-testid="targets-save">
            保存目标
          </Button>
        )}
      </Form>
    </Card>
  );
}

export default function CategoriesPage() {
  return (
    <div>
      <PageHeader title="分类与目标" sub="分类方案与覆盖目标因地而异，由市民政局在此配置" />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <SchemeCard />
        </Col>
        <Col xs={24} xl={10}>
          <TargetsCard />
        </Col>
      </Row>
    </div>
  );
}
