import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError, applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { maxLen, usccRule } from '../../lib/rules';
import type { AllowedEvent, AppDetail } from '../../lib/types';
import { useAppMutations } from './api';

const DANGER = new Set(['reject', 'return', 'withdraw', 'revoke']);
const PRIMARY = new Set(['submit', 'resubmit', 'pass', 'file', 'approve', 'register', 'complete']);

/** One button per server-allowed event; reasons and USCC are asked in a modal. */
export function AppEvents({ app, onStale }: { app: AppDetail; onStale: () => void }) {
  const { event } = useAppMutations(app.id);
  const { message, modal } = App.useApp();
  const [asking, setAsking] = useState<AllowedEvent | null>(null);
  const [form] = Form.useForm<{ reason?: string; uscc?: string }>();

  const fire = (ev: AllowedEvent, extra: { reason?: string; uscc?: string } = {}) =>
    event
      .mutateAsync({ event: ev.event, version: app.version, ...extra })
      .then(() => {
        message.success(`已${ev.label}`);
        setAsking(null);
      })
      .catch((err) => {
        if (err instanceof ApiError && err.status === 409) {
          message.error(err.message);
          setAsking(null);
          onStale();
          return;
        }
        applyFieldErrors(form, err);
        message.error(errorMessage(err));
      });

  const click = (ev: AllowedEvent) => {
    if (ev.needsReason || ev.event === 'register') {
      form.resetFields();
      setAsking(ev);
      return;
    }
    modal.confirm({
      title: `确认${ev.label}？`,
      content: `「${app.name}」的${app.kindLabel}将${ev.label}。`,
      okText: ev.label,
      cancelText: '取消',
      okButtonProps: DANGER.has(ev.event) ? { danger: true } : undefined,
      onOk: () => fire(ev),
    });
  };

  const submitAsk = async () => {
    if (!asking) return;
    const v = await validated(form);
    if (!v) return;
    await fire(asking, {
      reason: v.reason?.trim() || undefined,
      uscc: v.uscc?.trim().toUpperCase() || undefined,
    });
  };

  return (
    <>
      {app.allowedEvents.map((ev) => (
        <Button
          key={ev.event}
          type={PRIMARY.has(ev.event) ? 'primary' : 'default'}
          danger={DANGER.has(ev.event)}
          onClick={() => click(ev)}
          loading={event.isPending && event.variables?.event === ev.event}
          data-testid={`event-${ev.event}`}
        >
          {ev.label}
        </Button>
      ))}
      <Modal
        title={asking ? `${asking.label}：${app.name}` : ''}
        open={!!asking}
        onOk={submitAsk}
        onCancel={() => setAsking(null)}
        okText={asking?.label ?? '确定'}
        okButtonProps={{ danger: !!asking && DANGER.has(asking.event), 'data-testid': 'event-confirm' }}
        confirmLoading={event.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {asking?.event === 'register' && (
            <Form.Item
              name="uscc"
              label="统一社会信用代码"
              rules={[{ required: true, whitespace: true, message: '请填写统一社会信用代码' }, usccRule]}
              extra="18位，登记证书上的代码"
            >
              <Input maxLength={18} style={{ textTransform: 'uppercase' }} data-testid="event-uscc" />
            </Form.Item>
          )}
          {asking?.needsReason && (
            <Form.Item
              name="reason"
              label="理由"
              rules={[{ required: true, whitespace: true, message: '请填写理由' }, maxLen(1000)]}
              extra="申请人将看到此理由，请写明需要补正或不予办理的具体原因"
            >
              <Input.TextArea rows={4} data-testid="event-reason" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
