import { App, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { applyFieldErrors, errorMessage, validated } from '../../lib/api';

type Submit<T> = (values: T) => Promise<unknown>;

/** A modal form that submits, shows field errors from the server and closes on success. */
function FormModal<T extends object>({
  title,
  open,
  onClose,
  onSubmit,
  success,
  children,
  testId,
  okText = '保存',
}: {
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  onSubmit: Submit<T>;
  success: string;
  children: ReactNode;
  testId: string;
  okText?: string;
}) {
  const [form] = Form.useForm<T>();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    try {
      await onSubmit(v);
      message.success(success);
      form.resetFields();
      onClose();
    } catch (err) {
      applyFieldErrors(form, err);
      message.error(errorMessage(err));
    }
  };
  return (
    <Modal
      title={title}
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText={okText}
      cancelText="取消"
      destroyOnHidden
      okButtonProps={{ 'data-testid': `${testId}-submit` }}
    >
      <Form form={form} layout="vertical" preserve={false} data-testid={testId}>
        {children}
      </Form>
    </Modal>
  );
}

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const reasonRule = (label: string, min = 2, max = 500) => [
  { required: true, whitespace: true, message: `请填写${label}` },
  { min, message: `${label}至少 ${min} 个字` },
  { max, message: `${label}不超过 ${max} 字` },
];

export const creditEventKindOptions = [
  { value: 'no_show', label: '录用后未到场' },
  { value: 'left_early', label: '中途早退' },
  { value: 'misconduct', label: '经组织方确认的不当行为' },
  { value: 'false_record', label: '虚假服务记录' },
];

export function CreditEventModal(p: {
  open: boolean;
  onClose: () => void;
  onSubmit: Submit<Record<string, unknown>>;
}) {
  return (
    <FormModal<{ kind: string; title: string; occurredAt: Dayjs; note?: string }>
      title="登记失信事项"
      open={p.open}
      onClose={p.onClose}
      success="已登记，信用分已重新计算"
      testId="credit-event-form"
      onSubmit={(v) =>
        p.onSubmit({
          kind: v.kind,
          title: v.title.trim(),
          occurredAt: v.occurredAt.toISOString(),
          note: v.note?.trim() ?? '',
        })
      }
    >
      <Form.Item name="kind" label="事项类型" rules={[{ required: true, message: '请选择事项类型' }]}>
        <Select options={creditEventKindOptions} data-testid="credit-event-kind" />
      </Form.Item>
      <Form.Item name="title" label="事项说明（如活动名称）" rules={reasonRule('事项说明', 2, 100)}>
        <Input maxLength={100} data-testid="credit-event-title" />
      </Form.Item>
      <Form.Item name="occurredAt" label="发生时间" rules={[{ required: true, message: '请选择发生时间' }]}>
        <DatePicker showTime style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item name="note" label="备注" rules={[{ max: 500, message: '备注不超过 500 字' }]}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

export function RestrictModal(p: {
  open: boolean;
  onClose: () => void;
  onSubmit: Submit<{ reason: string; untilDate: string }>;
}) {
  return (
    <FormModal<{ reason: string; untilDate: Dayjs }>
      title="限制报名"
      open={p.open}
      onClose={p.onClose}
      success="已限制该志愿者报名"
      testId="restrict-form"
      onSubmit={(v) => p.onSubmit({ reason: v.reason.trim(), untilDate: day(v.untilDate) })}
    >
      <Form.Item name="reason" label="限制原因（志愿者可见）" rules={reasonRule('限制原因')}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="restrict-reason" />
      </Form.Item>
      <Form.Item
        name="untilDate"
        label="限制至（含当日）"
        rules={[{ required: true, message: '请选择限制截止日期' }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
      </Form.Item>
    </FormModal>
  );
}

/** A reason (and, for appeals, a decision) with the row's version. */
export function ReasonModal(p: {
  title: string;
  label: string;
  open: boolean;
  withDecision?: boolean;
  okText?: string;
  success: string;
  onClose: () => void;
  onSubmit: Submit<{ reason: string; decision?: 'uphold' | 'dismiss' }>;
}) {
  return (
    <FormModal<{ reason: string; decision?: 'uphold' | 'dismiss' }>
      title={p.title}
      open={p.open}
      onClose={p.onClose}
      success={p.success}
      okText={p.okText ?? '确定'}
      testId="reason-form"
      onSubmit={(v) => p.onSubmit({ reason: v.reason.trim(), decision: v.decision })}
    >
      {p.withDecision && (
        <Form.Item name="decision" label="处理结果" rules={[{ required: true, message: '请选择处理结果' }]}>
          <Radio.Group
            options={[
              { value: 'uphold', label: '申诉成立（作废该记录或解除限制）' },
              { value: 'dismiss', label: '驳回申诉' },
            ]}
          />
        </Form.Item>
      )}
      <Form.Item name="reason" label={p.label} rules={reasonRule(p.label)}>
        <Input.TextArea rows={3} maxLength={500} showCount data-testid="reason-text" />
      </Form.Item>
    </FormModal>
  );
}

export function TrainingModal(p: {
  open: boolean;
  onClose: () => void;
  onSubmit: Submit<Record<string, unknown>>;
}) {
  return (
    <FormModal<{ course: string; content?: string; minutes: number; organizer: string; heldOn: Dayjs }>
      title="登记培训"
      open={p.open}
      onClose={p.onClose}
      success="已登记培训，并计入信用"
      testId="training-form"
      onSubmit={(v) =>
        p.onSubmit({
          course: v.course.trim(),
          content: v.content?.trim() ?? '',
          minutes: v.minutes,
          organizer: v.organizer.trim(),
          heldOn: day(v.heldOn),
        })
      }
    >
      <Form.Item name="course" label="课程名称" rules={reasonRule('课程名称', 2, 100)}>
        <Input maxLength={100} data-testid="training-course" />
      </Form.Item>
      <Form.Item name="content" label="培训内容" rules={[{ max: 2000, message: '培训内容不超过 2000 字' }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="minutes"
        label="培训时长（分钟）"
        rules={[{ required: true, message: '请填写培训时长' }]}
      >
        <InputNumber min={1} max={1440} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="organizer" label="主办单位" rules={reasonRule('主办单位', 2, 100)}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="heldOn" label="培训日期" rules={[{ required: true, message: '请选择培训日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
    </FormModal>
  );
}

export function AwardModal(p: {
  open: boolean;
  onClose: () => void;
  onSubmit: Submit<Record<string, unknown>>;
}) {
  return (
    <FormModal<{ title: string; awardedBy: string; awardedOn: Dayjs; note?: string }>
      title="登记表彰奖励"
      open={p.open}
      onClose={p.onClose}
      success="已登记表彰，并计入信用"
      testId="award-form"
      onSubmit={(v) =>
        p.onSubmit({
          title: v.title.trim(),
          awardedBy: v.awardedBy.trim(),
          awardedOn: day(v.awardedOn),
          note: v.note?.trim() ?? '',
        })
      }
    >
      <Form.Item name="title" label="表彰名称" rules={reasonRule('表彰名称', 2, 100)}>
        <Input maxLength={100} data-testid="award-title" />
      </Form.Item>
      <Form.Item name="awardedBy" label="授予单位" rules={reasonRule('授予单位', 2, 100)}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="awardedOn" label="表彰日期" rules={[{ required: true, message: '请选择表彰日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item name="note" label="备注" rules={[{ max: 500, message: '备注不超过 500 字' }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
