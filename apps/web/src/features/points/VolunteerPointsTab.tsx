import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { QueryError } from '../../components/QueryError';
import { applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useCan } from '../auth/api';
import { newRequestKey, type PointEntry, useAdjustPoints, useVolunteerPoints } from './api';

const kindColor: Record<string, string> = {
  earn: 'green',
  bonus: 'cyan',
  deduction: 'red',
  redeem: 'orange',
  expire: 'default',
  reversal: 'purple',
};

type AdjustForm = { kind: 'bonus' | 'deduction'; points: number; reason: string };

/** Bonus / deduction with a required reason; the key stays the same while the modal is open (a retry is not a second entry). */
function AdjustModal({
  volunteerId,
  balance,
  onClose,
}: {
  volunteerId: string;
  balance: number;
  onClose: () => void;
}) {
  const [form] = Form.useForm<AdjustForm>();
  const [key] = useState(newRequestKey);
  const adjust = useAdjustPoints(volunteerId);
  const { message } = App.useApp();
  const kind = Form.useWatch('kind', form);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      const r = await adjust.mutateAsync({ ...v, reason: v.reason.trim(), idempotencyKey: key });
      message.success(
        `${v.kind === 'bonus' ? '已奖励' : '已扣减'} ${v.points} 积分，当前余额 ${r.balance} 分`,
      );
      onClose();
    } catch (e) {
      if (!applyFieldErrors(form, e)) message.error(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title="调整积分"
      okText="确定"
      onOk={submit}
      onCancel={onClose}
      confirmLoading={adjust.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'points-adjust-ok' } as never}
    >
      <Form form={form} layout="vertical" initialValues={{ kind: 'bonus' }} data-testid="points-adjust-form">
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择奖励或扣减' }]}>
          <Radio.Group
            options={[
              { value: 'bonus', label: '奖励积分' },
              { value: 'deduction', label: '扣减积分' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="points"
          label="积分"
          extra={kind === 'deduction' ? `当前余额 ${balance} 分，扣减不能超过余额` : undefined}
          rules={[
            { required: true, message: '请填写积分' },
            { type: 'integer', min: 1, max: 100000, message: '积分须为 1–100000 的整数' },
          ]}
        >
          <InputNumber style={{ width: 200 }} precision={0} min={1} data-testid="points-adjust-points" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="原因"
          rules={[
            { required: true, whitespace: true, message: '请填写原因' },
            { min: 2, max: 200, message: '原因为 2–200 字' },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={200}
            showCount
            placeholder="例如：年度优秀志愿者奖励"
            data-testid="points-adjust-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The 积分 tab of the volunteer detail page: balance, what expires soon, every entry with its cause. */
export function VolunteerPointsTab({ volunteerId }: { volunteerId: string }) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = useVolunteerPoints(volunteerId, page, pageSize);
  const can = useCan();
  const [adjusting, setAdjusting] = useState(false);

  if (q.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (q.error) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const p = q.data;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="points-tab">
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="积分余额" value={p.balance} suffix="分" data-testid="points-balance" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="累计获得" value={p.earned} suffix="分" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title="累计使用/过期" value={p.spent} suffix="分" />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={p.expiring.date ? `60 天内到期（最早 ${formatDate(p.expiring.date)}）` : '60 天内到期'}
              value={p.expiring.points}
              suffix="分"
              data-testid="points-expiring"
            />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title="积分明细"
        extra={
          <Space>
            <Typography.Text type="secondary">{p.expiryRule}；服务时长永久有效</Typography.Text>
            {can('volunteer.manage') && (
              <Button
                size="small"
                type="primary"
                onClick={() => setAdjusting(true)}
                data-testid="points-adjust"
              >
                调整积分
              </Button>
            )}
          </Space>
        }
      >
        <Table<PointEntry>
          rowKey="id"
          size="small"
          loading={q.isFetching}
          dataSource={p.entries.items}
          locale={{ emptyText: '暂无积分记录' }}
          data-testid="points-entries"
          pagination={{
            current: page,
            pageSize,
            total: p.entries.total,
            hideOnSinglePage: true,
            showSizeChanger: true,
            onChange: (np, ns) => {
              setPage(np);
              setPageSize(ns);
            },
          }}
          columns={[
            { title: '时间', dataIndex: 'at', width: 160, render: formatDateTime },
            {
              title: '类型',
              dataIndex: 'kindLabel',
              width: 100,
              render: (l: string, e) => <Tag color={kindColor[e.kind] ?? 'default'}>{l}</Tag>,
            },
            {
              title: '积分',
              dataIndex: 'points',
              width: 90,
              align: 'right',
              render: (n: number) => (
                <Typography.Text type={n < 0 ? 'danger' : 'success'} strong>
                  {n > 0 ? `+${n}` : n}
                </Typography.Text>
              ),
            },
            { title: '原因', dataIndex: 'reason' },
            {
              title: '来源',
              width: 150,
              render: (_, e) => (
                <Typography.Text type="secondary" title={e.causeId ?? undefined}>
                  {e.causeLabel}
                  {e.causeId ? ` · ${e.causeId.slice(0, 8)}` : ''}
                </Typography.Text>
              ),
            },
            {
              title: '有效期至',
              dataIndex: 'expiresOn',
              width: 110,
              render: (d: string | null) => (d ? formatDate(d) : '—'),
            },
            { title: '经办', dataIndex: 'createdByName', width: 110 },
          ]}
        />
      </Card>
      {adjusting && (
        <AdjustModal volunteerId={volunteerId} balance={p.balance} onClose={() => setAdjusting(false)} />
      )}
    </Space>
  );
}
