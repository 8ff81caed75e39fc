import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { applyFieldErrors, errorMessage, validated } from '../../lib/api';
import type { Category, CategoryScheme } from '../../lib/types';
import { useSchemeMutations } from './api';

/** Categories of one scheme: read-only table, or an editor (configuration, not code). */
export function SchemeEditor({ scheme, canEdit }: { scheme: CategoryScheme; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ name: string; fivePlusX: boolean; categories: Category[] }>();
  const { save } = useSchemeMutations();
  const { message } = App.useApp();

  if (!editing) {
    return (
      <div>
        <Table<Category>
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={[...scheme.categories].sort((a, b) => a.sort - b.sort)}
          data-testid="category-table"
          scroll={{ x: 520 }}
          columns={[
            { title: '类别名称', dataIndex: 'name' },
            { title: '编码', dataIndex: 'code', width: 140 },
            {
              title: '每个社区必备',
              dataIndex: 'required',
              width: 120,
              render: (v: boolean) => (v ? <Tag color="blue">必备</Tag> : '—'),
            },
            {
              title: '特色类',
              dataIndex: 'distinctive',
              width: 90,
              render: (v: boolean) => (v ? <Tag color="purple">特色</Tag> : '—'),
            },
            {
              title: '状态',
              dataIndex: 'active',
              width: 80,
              render: (v: boolean) => (v ? '启用' : <Tag>停用</Tag>),
            },
          ]}
        />
        {canEdit && (
          <Button style={{ marginTop: 12 }} onClick={() => setEditing(true)} data-testid="scheme-edit">
            编辑类别
          </Button>
        )}
      </div>
    );
  }

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    save.mutate(
      {
        code: scheme.code,
        name: v.name.trim(),
        fivePlusX: !!v.fivePlusX,
        version: scheme.version,
        categories: v.categories.map((c, i) => ({
          ...c,
          sort: c.sort ?? i + 1,
          required: !!c.required,
          distinctive: !!c.distinctive,
          active: c.active !== false,
        })),
      },
      {
        onSuccess: () => {
          message.success('分类方案已保存');
          setEditing(false);
        },
        onError: (err) => {
          applyFieldErrors(form, err);
          message.error(errorMessage(err));
        },
      },
    );
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ name: scheme.name, fivePlusX: scheme.fivePlusX, categories: scheme.categories }}
    >
      <Space wrap>
        <Form.Item name="name" label="方案名称" rules={[{ required: true, message: '请填写方案名称' }]}>
          <Input style={{ width: 240 }} />
        </Form.Item>
        <Form.Item
          name="fivePlusX"
          label="“5+X”规则（必备类各至少1个＋至少1个特色类）"
          valuePropName="checked"
        >
          <Switch />
        </Form.Item>
      </Space>
      <Form.List name="categories">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} wrap align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item
                  name={[f.name, 'code']}
                  rules={[{ required: true, pattern: /^[a-z0-9_]+$/, message: '小写字母、数字、下划线' }]}
                >
                  <Input
                    placeholder="编码"
                    style={{ width: 130 }}
                    disabled={scheme.categories.some(
                      (c) => c.code === form.getFieldValue(['categories', f.name, 'code']),
                    )}
                  />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写名称' }]}>
                  <Input placeholder="类别名称" style={{ width: 150 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'sort']}>
                  <InputNumber placeholder="排序" min={0} style={{ width: 80 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'required']} valuePropName="checked">
                  <Switch checkedChildren="必备" unCheckedChildren="必备" />
                </Form.Item>
                <Form.Item name={[f.name, 'distinctive']} valuePropName="checked">
                  <Switch checkedChildren="特色" unCheckedChildren="特色" />
                </Form.Item>
                <Form.Item name={[f.name, 'active']} valuePropName="checked" initialValue>
                  <Switch checkedChildren="启用" unCheckedChildren="停用" />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(f.name)} />
              </Space>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ active: true, required: false, distinctive: false })}
              style={{ marginBottom: 12 }}
            >
              添加类别
            </Button>
          </>
        )}
      </Form.List>
      <Space>
        <Button type="primary" onClick={submit} loading={save.isPending}>
          保存
        </Button>
        <Button onClick={() => setEditing(false)}>取消</Button>
      </Space>
    </Form>
  );
}
