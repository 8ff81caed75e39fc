import { App, Form, Input, Modal, Radio, Typography } from 'antd';
import type { ReactNode } from 'react';
import { applyFieldErrors, errorMessage } from '../../lib/api';
import type { Decision } from './api';

export const checkinStateLabel: Record<string, string> = {
  not_checked_in: '未签到',
  checked_in: '已签到',
  checked_out: '已签退',
  backfill_pending: '补录待复核',
  backfilled: '已补录',
  no_show: '缺席',
};
export const checkinStateColor: Record<string, string> = {
  not_checked_in: 'default',
  checked_in: 'processing',
  checked_out: 'success',
  backfill_pending: 'warning',
  backfilled: 'cyan',
  no_show: 'error',
};
export const reviewStateColor: Record<string, string> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/**
 * Approve or reject a backfill or an amendment. A rejection needs a reason; the second
 * step is a confirmation because an approval writes a service record.
 */
export function ReviewModal({
  open,
  title,
  summary,
  version,
  onClose,
  onSubmit,
  pending,
  testId,
}: {
  open: boolean;
  title: string;
  summary: ReactNode;
  version: number;
  onClose: () => void;
  onSubmit: (d: Decision) => Promise<unknown>;
  pending: boolean;
  testId: string;
}) {
  const [form] = Form.useForm<{ decision: 'approve' | 'reject'; reason?: string }>();
  const { message, modal } = App.useApp();
  const decision = Form.useWatch('decision', form);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    modal.confirm({
      title: v.decision === 'approve' ? '确认通过？' : '确认驳回？',
      content:
        v.decision === 'approve'
          ? '通过后将生成（或更正）服务记录，时长和积分随之变化，操作将记入审计日志。'
          : '驳回后申请人可以看到驳回理由。',
      okText: '确认',
      cancelText: '再想想',
      okButtonProps: { 'data-testid': `${testId}-confirm` } as never,
      onOk: async () => {
        try {
          await onSubmit({ decision: v.decision, reason: v.reason?.trim() || undefined, version });
          message.success(v.decision === 'approve' ? '已通过' : '已驳回');
          form.resetFields();
          onClose();
        } catch (err) {
          applyFieldErrors(form, err);
          message.error(errorMessage(err));
        }
      },
    });
  };
  return (
    <Modal
      title={title}
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="提交"
      cancelText="取消"
      confirmLoading={pending}
      okButtonProps={{ 'data-testid': `${testId}-submit` }}
      destroyOnHidden
    >
      <div style={{ marginBottom: 12 }}>{summary}</div>
      <Form form={form} layout="vertical" initialValues={{ decision: 'approve' }} preserve={false}>
        <Form.Item name="decision" label="复核意见">
          <Radio.Group data-testid={`${testId}-decision`}>
            <Radio value="approve">通过</Radio>
            <Radio value="reject">驳回</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label="理由"
          rules={[
            { required: decision === 'reject', message: '驳回须填写理由' },
            { max: 500, message: '理由不超过 500 字' },
          ]}
        >
          <Input.TextArea rows={3} data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">复核人须与录入人不同。</Typography.Text>
    </Modal>
  );
}
