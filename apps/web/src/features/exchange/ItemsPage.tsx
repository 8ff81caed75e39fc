import { PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { useMe } from '../auth/api';
import { useRegionChildren } from '../reference/api';
import { type ItemInput, type RewardItem, useExchangeMutations, useRewardItems } from './api';

const KEYS = ['q', 'status', 'providerKind'] as const;

/** Communities and streets the user may publish offers in: their own node and the nodes below it. */
function RegionSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const home = useMe().data?.homeRegion ?? null;
  const children = useRegionChildren(home && home.level >= 3 && home.level < 5 ? home.code : null);
  if (!home) {
    return (
      <Input
        value={value}
        onChange={(e) => onChange?.(e.target.value.trim())}
        placeholder="12 位社区或街道区划代码"
        maxLength={12}
        data-testid="item-region"
      />
    );
  }
  const options = [
    ...(home.level >= 4 ? [{ value: home.code, label: home.name }] : []),
    ...(children.data ?? []).map((c) => ({ value: c.code, label: c.name })),
  ];
  return (
    <Select
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      options={options}
      loading={children.isFetching}
      placeholder="选择社区或街道"
      data-testid="item-region"
    />
  );
}

type ItemForm = ItemInput & { limited?: boolean };

function ItemModal({ item, onClose }: { item: RewardItem | null; onClose: () => void }) {
  const [form] = Form.useForm<ItemForm>();
  const m = useExchangeMutations();
  const { message } = App.useApp();
  const home = useMe().data?.homeRegion;
  const busy = m.create.isPending || m.update.isPending;

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const body = {
      name: v.name.trim(),
      description: (v.description ?? '').trim(),
      providerKind: v.providerKind,
      providerName: v.providerName.trim(),
      pickupPlace: v.pickupPlace.trim(),
      pricePoints: v.pricePoints,
      perPersonLimit: v.perPersonLimit ?? null,
    };
    try {
      if (item) await m.update.mutateAsync({ id: item.id, version: item.version, ...body });
      else await m.create.mutateAsync({ ...body, regionCode: v.regionCode, stock: v.stock });
      message.success(item ? '已保存' : '已发布');
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      width={600}
      title={item ? `修改“${item.name}”` : '发布兑换商品或服务'}
      okText={item ? '保存' : '发布'}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'item-save' } as never}
    >
      <Form<ItemForm>
        form={form}
        layout="vertical"
        data-testid="item-form"
        initialValues={
          item
            ? { ...item, perPersonLimit: item.perPersonLimit ?? undefined }
            : {
                providerKind: 'community',
                regionCode: home && home.level >= 4 ? home.code : undefined,
                stock: 10,
                pricePoints: 10,
              }
        }
      >
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, whitespace: true, min: 2, max: 60, message: '名称为 2–60 字' }]}
        >
          <Input maxLength={60} placeholder="例如：环保购物袋、理发服务一次" data-testid="item-name" />
        </Form.Item>
        <Form.Item name="description" label="说明">
          <Input.TextArea rows={2} maxLength={1000} placeholder="规格、使用说明等" />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item
            name="providerKind"
            label="提供方类型"
            rules={[{ required: true, message: '请选择提供方类型' }]}
          >
            <Radio.Group
              options={[
                { value: 'community', label: '社区' },
                { value: 'merchant', label: '合作商家' },
              ]}
            />
          </Form.Item>
          <Form.Item
            name="providerName"
            label="提供方名称"
            rules={[{ required: true, whitespace: true, min: 2, max: 60, message: '提供方名称为 2–60 字' }]}
          >
            <Input style={{ width: 260 }} maxLength={60} data-testid="item-provider" />
          </Form.Item>
        </Space>
        {!item && (
          <Form.Item
            name="regionCode"
            label="所属社区或街道"
            rules={[{ required: true, message: '请选择社区或街道' }]}
          >
            <RegionSelect />
          </Form.Item>
        )}
        <Form.Item
          name="pickupPlace"
          label="领取地点"
          rules={[{ required: true, whitespace: true, min: 2, max: 200, message: '领取地点为 2–200 字' }]}
        >
          <Input maxLength={200} placeholder="例如：社区党群服务中心一楼前台" data-testid="item-place" />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item
            name="pricePoints"
            label="兑换积分"
            rules={[
              { required: true, type: 'integer', min: 1, max: 100000, message: '兑换积分为 1–100000 的整数' },
            ]}
          >
            <InputNumber precision={0} min={1} style={{ width: 140 }} data-testid="item-price" />
          </Form.Item>
          {!item && (
            <Form.Item
              name="stock"
              label="初始库存"
              rules={[
                { required: true, type: 'integer', min: 0, max: 100000, message: '库存为 0–100000 的整数' },
              ]}
            >
              <InputNumber precision={0} min={0} style={{ width: 140 }} data-testid="item-stock" />
            </Form.Item>
          )}
          <Form.Item
            name="perPersonLimit"
            label="每人限兑（不填为不限）"
            rules={[{ type: 'integer', min: 1, max: 1000, message: '每人限兑为 1–1000 的整数' }]}
          >
            <InputNumber precision={0} min={1} style={{ width: 160 }} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}

function StockModal({ item, onClose }: { item: RewardItem; onClose: () => void }) {
  const [form] = Form.useForm<{ delta: number; reason: string }>();
  const m = useExchangeMutations();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      const r = await m.stock.mutateAsync({
        id: item.id,
        version: item.version,
        delta: v.delta,
        reason: v.reason.trim(),
      });
      message.success(`库存已调整为 ${r.stock} 件`);
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={`调整库存：${item.name}`}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={m.stock.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'stock-save' } as never}
    >
      <Typography.Paragraph type="secondary">
        当前库存 {item.stock} 件。增加填正数，减少填负数。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="delta"
          label="调整数量"
          rules={[
            { required: true, message: '请填写调整数量' },
            { type: 'integer', message: '调整数量须为整数' },
            {
              validator: (_, v) =>
                v === 0
                  ? Promise.reject(new Error('调整数量不能为 0'))
                  : typeof v === 'number' && item.stock + v < 0
                    ? Promise.reject(new Error('调整后库存不能为负数'))
                    : Promise.resolve(),
            },
          ]}
        >
          <InputNumber precision={0} style={{ width: 160 }} data-testid="stock-delta" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="原因"
          rules={[{ required: true, whitespace: true, min: 2, max: 200, message: '原因为 2–200 字' }]}
        >
          <Input maxLength={200} placeholder="例如：新到货、盘点损耗" data-testid="stock-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 积分兑换 · 商品：offers in the user's scope, with create/edit, stock and delisting. */
export default function ItemsPage() {
  const { filters, page, pageSize, update } = useUrlFilters(KEYS);
  const q = useRewardItems({ ...filters, page, pageSize });
  const m = useExchangeMutations();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<RewardItem | 'new' | null>(null);
  const [stocking, setStocking] = useState<RewardItem | null>(null);
  const [text, setText] = useState(filters.q ?? '');

  const toggle = async (item: RewardItem) => {
    try {
      await m.setStatus.mutateAsync({
        id: item.id,
        action: item.status === 'listed' ? 'delist' : 'relist',
        version: item.version,
      });
      message.success(item.status === 'listed' ? '已下架' : '已重新上架');
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  return (
    <div>
      <PageHeader
        title="积分兑换商品"
        sub="社区和合作商家用积分兑换的商品或服务；志愿者在手机端兑换，凭取货码领取"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="item-new"
          >
            发布商品
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="名称或提供方"
            style={{ width: 240 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            data-testid="items-search"
          />
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 120 }}
            value={filters.status}
            onChange={(v) => update({ status: v })}
            options={[
              { value: 'listed', label: '上架中' },
              { value: 'delisted', label: '已下架' },
            ]}
          />
          <Select
            allowClear
            placeholder="提供方类型"
            style={{ width: 140 }}
            value={filters.providerKind}
            onChange={(v) => update({ providerKind: v })}
            options={[
              { value: 'community', label: '社区' },
              { value: 'merchant', label: '合作商家' },
            ]}
          />
        </Space>
      </Card>
      {q.error ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<RewardItem>
            rowKey="id"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 1500 }}
            data-testid="items-table"
            locale={{ emptyText: '暂无兑换商品' }}
            pagination={{
              current: page,
              pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (p, s) => update({ page: String(p), pageSize: String(s) }, false),
            }}
            columns={[
              {
                title: '名称',
                dataIndex: 'name',
                width: 240,
                render: (n: string, r) => (
                  <Space orientation="vertical" size={0} style={{ maxWidth: 224 }}>
                    <Typography.Text strong>{n}</Typography.Text>
                    {r.description && (
                      <Typography.Text
                        type="secondary"
                        ellipsis={{ tooltip: r.description }}
                        style={{ maxWidth: 224 }}
                      >
                        {r.description}
                      </Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: '提供方',
                width: 180,
                render: (_, r) => (
                  <span>
                    <Tag>{r.providerKindLabel}</Tag>
                    {r.providerName}
                  </span>
                ),
              },
              { title: '所属', dataIndex: 'regionName', width: 150 },
              { title: '领取地点', dataIndex: 'pickupPlace', width: 180 },
              { title: '积分', dataIndex: 'pricePoints', width: 70, align: 'right' },
              {
                title: '库存',
                dataIndex: 'stock',
                width: 70,
                align: 'right',
                render: (s: number) => (s === 0 ? <Typography.Text type="danger">0</Typography.Text> : s),
              },
              { title: '待领/已领', width: 90, render: (_, r) => `${r.issuedCount} / ${r.pickedUpCount}` },
              {
                title: '限兑',
                dataIndex: 'perPersonLimit',
                width: 60,
                render: (n: number | null) => n ?? '不限',
              },
              {
                title: '状态',
                dataIndex: 'statusLabel',
                width: 80,
                render: (l: string, r) => <Tag color={r.status === 'listed' ? 'green' : 'default'}>{l}</Tag>,
              },
              { title: '更新时间', dataIndex: 'updatedAt', width: 150, render: formatDateTime },
              {
                title: '操作',
                key: 'op',
                width: 200,
                fixed: 'right',
                render: (_, r) => (
                  <Space size={4}>
                    <Button size="small" type="link" onClick={() => setEditing(r)} data-testid="item-edit">
                      修改
                    </Button>
                    <Button
                      size="small"
                      type="link"
                      onClick={() => setStocking(r)}
                      data-testid="item-stock-adjust"
                    >
                      库存
                    </Button>
                    <Popconfirm
                      title={r.status === 'listed' ? `确定下架“${r.name}”？` : `确定重新上架“${r.name}”？`}
                      description={
                        r.status === 'listed' ? '下架后志愿者不能再兑换，已发出的取货码仍可核销。' : undefined
                      }
                      okText="确定"
                      cancelText="取消"
                      onConfirm={() => toggle(r)}
                    >
                      <Button
                        size="small"
                        type="link"
                        danger={r.status === 'listed'}
                        data-testid="item-toggle"
                      >
                        {r.status === 'listed' ? '下架' : '上架'}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      )}
      {editing && <ItemModal item={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {stocking && <StockModal item={stocking} onClose={() => setStocking(null)} />}
    </div>
  );
}
