import { annualReportStatusLabels } from '@linli/core/supervision/annualReport';
import { App, Button, Empty, Form, Input, Modal, Skeleton, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, validated } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { maxLen } from '../../lib/rules';
import { type AnnualReport, type ReportAction, useReportHistory, useReportMutations } from './api';
import { cleanMessage, historyEventLabels } from './labels';

const DANGER = new Set(['fail', 'return']);
const statusLabel = (s: string) =>
  Object.hasOwn(annualReportStatusLabels, s) ? annualReportStatusLabels[s as 'draft'] : s;

/** The reviewer's buttons (合格 / 基本合格 / 不合格 / 退回修改) from the report's `actions`. */
export function ReviewActions({ report, onStale }: { report: AnnualReport; onStale: () => void }) {
  const { event } = useReportMutations(report.organization.id, report.reportYear);
  const { message, modal } = App.useApp();
  const [asking, setAsking] = useState<ReportAction | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const actions = report.actions.filter((a) => a.event !== 'submit');
  if (!report.id || actions.length === 0) return null;
  const id = report.id;

  const fire = (a: ReportAction, reason?: string) =>
    event
      .mutateAsync({ id, event: a.event, reason, version: report.version })
      .then(() => {
        message.success(`已审核：${a.label}`);
        setAsking(null);
      })
      .catch((err) => {
        message.error(cleanMessage(err));
        if (err instanceof ApiError && (err.status === 409 || err.status === 422 || err.status === 403)) {
          setAsking(null);
          onStale();
          return;
        }
        if (err instanceof ApiError && err.fields.reason)
          form.setFields([{ name: 'reason', errors: [err.fields.reason] }]);
      });

  const click = (a: ReportAction) => {
    if (a.needsReason) {
      form.resetFields();
      setAsking(a);
      return;
    }
    modal.confirm({
      title: `审核结果：${a.label}？`,
      content: `「${report.organization.name}」${report.reportYear}年度报告将评为“${a.label}”，审核结果确定后不能更改。`,
      okText: a.label,
      cancelText: '取消',
      onOk: () => fire(a),
    });
  };

  const submitAsk = async () => {
    if (!asking) return;
    const v = await validated(form);
    if (!v) return;
    await fire(asking, v.reason.trim());
  };

  return (
    <>
      {actions.map((a) => (
        <Button
          key={a.event}
          type={a.event === 'pass' ? 'primary' : 'default'}
          danger={DANGER.has(a.event)}
          onClick={() => click(a)}
          loading={event.isPending && event.variables?.event === a.event}
          data-testid={`review-${a.event}`}
        >
          {a.label}
        </Button>
      ))}
      <Modal
        title={asking ? `${asking.label}：${report.organization.name}` : ''}
        open={!!asking}
        onOk={submitAsk}
        onCancel={() => setAsking(null)}
        okText={asking?.label ?? '确定'}
        cancelText="取消"
        okButtonProps={{ danger: true, 'data-testid': 'review-confirm' }}
        confirmLoading={event.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={asking?.event === 'return' ? '退回原因' : '不合格原因'}
            rules={[{ required: true, whitespace: true, message: '请填写原因' }, maxLen(500)]}
            extra={
              asking?.event === 'return'
                ? '组织负责人将看到此意见，请写明需要补充或更正的内容'
                : '请写明年度报告不符合要求之处；不合格将按规定列入活动异常名录'
            }
          >
            <Input.TextArea rows={4} maxLength={500} data-testid="review-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** Every submission and review decision, oldest first. */
export function ReportHistory({ reportId }: { reportId: string | null }) {
  const history = useReportHistory(reportId);
  if (!reportId) return <Empty description="尚未保存或提交" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  if (history.isPending) return <Skeleton active paragraph={{ rows: 3 }} />;
  const items = history.data?.items ?? [];
  if (!items.length) return <Empty description="尚未提交" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="report-history"
      items={items.map((h) => {
        const bad = h.event === 'return' || h.event === 'fail';
        const label =
          h.event === 'submit' && h.fromStatus === 'returned'
            ? '重新提交'
            : (historyEventLabels[h.event] ?? h.event);
        return {
          key: h.id,
          color: bad ? 'red' : h.event === 'submit' ? 'blue' : 'green',
          content: (
            <div data-testid="report-history-item">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(h.at)}
              </Typography.Text>
              <div>
                <Typography.Text strong>{label}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {statusLabel(h.fromStatus)} → {statusLabel(h.toStatus)}
                </Typography.Text>
              </div>
              <div>{h.actorName}</div>
              {h.reason && (
                <div
                  style={{
                    marginTop: 4,
                    padding: '4px 8px',
                    background: bad ? '#fff2f0' : '#f6f8fa',
                    borderRadius: 4,
                  }}
                >
                  意见：{h.reason}
                </div>
              )}
            </div>
          ),
        };
      })}
    />
  );
}
