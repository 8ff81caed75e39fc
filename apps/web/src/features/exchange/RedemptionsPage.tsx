import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { downloadFile, errorMessage, validated } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useUrlFilters } from '../../lib/useUrlFilters';
import { type Redemption, useExchangeMutations, useRedemptions } from './api';

const KEYS = ['q', 'state', 'itemId'] as const;
const stateColor: Record<string, string> = { issued: 'orange', picked_up: 'green', cancelled: 'default' };

/** Type the code the volunteer shows; the result (or why not) stays visible for the next one. */
function VerifyBox() {
  const m = useExchangeMutations();
  const [code, setCode] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async () => {
    const c = code.trim().toUpperCase().replace(/[\s-]/g, '');
    if (!/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/.test(c)) {
      setResult({ ok: false, text: '取货码为 8 位字母或数字' });
      return;
    }
    try {
      const r = await m.verify.mutateAsync(c);
      setResult({
        ok: true,
        text: `核销成功：${r.volunteerName}（${r.volunteerNumber}）领取“${r.itemName}”`,
      });
      setCode('');
    } catch (e) {
      setResult({ ok: false, text: errorMessage(e) });
    }
  };
  return (
    <Card size="small" title="核销取货码" style={{ marginBottom: 12 }}>
      <Space wrap>
        <Input
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={submit}
          maxLength={12}
          placeholder="输入 8 位取货码"
          style={{ width: 220, fontFamily: 'monospace', letterSpacing: 2 }}
          data-testid="verify-code"
        />
        <Button type="primary" onClick={submit} loading={m.verify.isPending} data-testid="verify-submit">
          核销
        </Button>
      </Space>
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type={result.ok ? 'success' : 'error'}
          showIcon
          message={result.text}
          data-testid="verify-result"
        />
      )}
    </Card>
  );
}

function CancelModal({ r, onClose }: { r: Redemption; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const m = useExchangeMutations();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await m.cancel.mutateAsync({ id: r.id, reason: v.reason.trim() });
      message.success('已取消，库存和积分已退回');
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open
      title={`取消兑换：${r.itemName}`}
      okText="确定取消"
      okButtonProps={{ danger: true, 'data-testid': 'cancel-ok' } as never}
      cancelText="返回"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={m.cancel.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {r.volunteerName}（{r.volunteerNumber}）的 {r.points} 积分将退回，库存加 1，取货码 {r.pickupCode}{' '}
        作废。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label="原因"
          rules={[{ required: true, whitespace: true, min: 2, max: 200, message: '原因为 2–200 字' }]}
        >
          <Input maxLength={200} placeholder="例如：商家缺货" data-testid="cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 积分兑换 · 兑换记录：verify pickup codes, follow and export redemptions, cancel issued ones. */
export default function RedemptionsPage() {
  const { filters, page, pageSize, update } = useUrlFilters(KEYS);
  const q = useRedemptions({ ...filters, page, pageSize });
  const { message } = App.useApp();
  const [text, setText] = useState(filters.q ?? '');
  const [cancelling, setCancelling] = useState<Redemption | null>(null);

  return (
    <div>
      <PageHeader
        title="兑换记录与核销"
        extra={
          <Button
            icon={<DownloadOutlined />}
            data-testid="redemptions-export"
            onClick={() =>
              downloadFile('/v1/exchange/redemptions/export', filters, '兑换记录.xlsx').catch((e) =>
                message.error(errorMessage(e)),
              )
            }
          >
            导出 Excel
          </Button>
        }
      />
      <VerifyBox />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="志愿者姓名、编号或取货码"
            style={{ width: 260 }}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            data-testid="redemptions-search"
          />
          <Select
            allowClear
            placeholder="状态"
            style={{ width: 120 }}
            value={filters.state}
            onChange={(v) => update({ state: v })}
            options={[
              { value: 'issued', label: '待领取' },
              { value: 'picked_up', label: '已领取' },
              { value: 'cancelled', label: '已取消' },
            ]}
          />
          {filters.itemId && (
            <Tag closable onClose={() => update({ itemId: undefined })}>
              仅看一个商品
            </Tag>
          )}
        </Space>
      </Card>
      {q.error ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Redemption>
            rowKey="id"
            loading={q.isFetching}
            dataSource={q.data?.items ?? []}
            scroll={{ x: 1100 }}
            data-testid="redemptions-table"
            locale={{ emptyText: '暂无兑换记录' }}
            pagination={{
              current: page,
              pageSize,
              total: q.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (p, s) => update({ page: String(p), pageSize: String(s) }, false),
            }}
            columns={[
              { title: '兑换时间', dataIndex: 'createdAt', width: 150, render: formatDateTime },
              { title: '商品或服务', dataIndex: 'itemName' },
              { title: '提供方', dataIndex: 'providerName', width: 150 },
              { title: '志愿者', width: 200, render: (_, r) => `${r.volunteerName}（${r.volunteerNumber}）` },
              { title: '积分', dataIndex: 'points', width: 70, align: 'right' },
              {
                title: '取货码',
                dataIndex: 'pickupCode',
                width: 110,
                render: (c: string) => <Typography.Text code>{c}</Typography.Text>,
              },
              {
                title: '状态',
                dataIndex: 'stateLabel',
                width: 200,
                render: (l: string, r) => (
                  <Space orientation="vertical" size={0}>
                    <Tag color={stateColor[r.state]}>{l}</Tag>
                    {r.state === 'picked_up' && (
                      <Typography.Text type="secondary">
                        {formatDateTime(r.pickedUpAt)} {r.verifiedByName}
                      </Typography.Text>
                    )}
                    {r.state === 'cancelled' && (
                      <Typography.Text type="secondary">{r.cancelReason}</Typography.Text>
                    )}
                  </Space>
                ),
              },
              {
                title: '操作',
                key: 'op',
                width: 80,
                fixed: 'right',
                render: (_, r) =>
                  r.state === 'issued' ? (
                    <Button
                      size="small"
                      type="link"
                      danger
                      onClick={() => setCancelling(r)}
                      data-testid="redemption-cancel"
                    >
                      取消
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      )}
      {cancelling && <CancelModal r={cancelling} onClose={() => setCancelling(null)} />}
    </div>
  );
}
