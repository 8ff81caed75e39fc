import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, applyFieldErrors, validated } from '../../lib/api';
import { maxLen } from '../../lib/rules';
import { type CreditListing, useCreditMutations } from './api';
import { causeOptions, cleanMessage, removalReasonLabels } from './labels';

const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');
const iso = (d: Dayjs) => d.format('YYYY-MM-DD');

type RemoveForm = { reason: 'rectified' | 'removed_on_application'; leftOn: Dayjs; note: string };

/**
 * 移出: an abnormal listing after a verified rectification, a serious one on application two
 * years on. The server decides whether it may leave and says why not (shown in the dialog).
 */
export function RemoveListingModal({
  listing,
  onClose,
}: {
  listing: CreditListing | null;
  onClose: () => void;
}) {
  const { remove } = useCreditMutations();
  const { message } = App.useApp();
  const [form] = Form.useForm<RemoveForm>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const close = () => {
    setRefusal(null);
    onClose();
  };

  const submit = async () => {
    if (!listing) return;
    const v = await validated(form);
    if (!v) return;
    setRefusal(null);
    try {
      await remove.mutateAsync({
        id: listing.id,
        reason: v.reason,
        leftOn: iso(v.leftOn),
        note: v.note.trim(),
        version: listing.version,
      });
      message.success(`已将「${listing.organizationName ?? '该组织'}」移出${listing.listLabel}`);
      close();
    } catch (err) {
      // the refusal (列入未满2年…) comes as the `reason` field: it is shown once, above the form
      setRefusal(cleanMessage(err));
      if (err instanceof ApiError) {
        const { reason: _refusal, ...fields } = err.fields;
        applyFieldErrors(form, new ApiError(err.status, err.code, err.message, fields));
      }
    }
  };

  return (
    <Modal
      title={listing ? `移出${listing.listLabel}` : ''}
      open={!!listing}
      onOk={submit}
      onCancel={close}
      okText="移出"
      cancelText="取消"
      okButtonProps={{ 'data-testid': 'remove-confirm' }}
      confirmLoading={remove.isPending}
      destroyOnHidden
    >
      {listing && (
        <>
          <Typography.Paragraph>
            {listing.organizationName && <Typography.Text strong>{listing.organizationName}</Typography.Text>}
            {listing.organizationName && '：'}
            {listing.causeLabel}（{listing.enteredOn} 列入）
          </Typography.Paragraph>
          {refusal && (
            <Alert
              type="error"
              showIcon
              title={refusal}
              style={{ marginBottom: 12 }}
              data-testid="remove-refusal"
            />
          )}
          <Form<RemoveForm>
            form={form}
            layout="vertical"
            preserve={false}
            initialValues={{
              reason: listing.list === 'serious' ? 'removed_on_application' : 'rectified',
              leftOn: dayjs(),
            }}
            onValuesChange={() => setRefusal(null)}
          >
            <Form.Item name="reason" label="移出原因" rules={[{ required: true, message: '请选择移出原因' }]}>
              <Radio.Group
                style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                options={[
                  {
                    value: 'rectified',
                    label: removalReasonLabels.rectified,
                    disabled: listing.list !== 'abnormal',
                  },
                  {
                    value: 'removed_on_application',
                    label: removalReasonLabels.removed_on_application,
                    disabled: listing.list !== 'serious',
                  },
                ]}
              />
            </Form.Item>
            <Form.Item name="leftOn" label="移出日期" rules={[{ required: true, message: '请选择移出日期' }]}>
              <DatePicker disabledDate={notFuture} style={{ width: '100%' }} data-testid="remove-date" />
            </Form.Item>
            <Form.Item
              name="note"
              label="核实情况"
              rules={[
                { required: true, whitespace: true, message: '请填写核实情况' },
                { min: 4, message: '核实情况不少于 4 字' },
                maxLen(1000),
              ]}
              extra="写明整改完成情况或申请移出的核实结论，将随记录存档"
            >
              <Input.TextArea rows={3} maxLength={1000} data-testid="remove-note" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

type EnterForm = { cause: string; reason: string; enteredOn: Dayjs; documentNo?: string; note?: string };

/** 列入名录 by an officer, for the causes that are decided rather than derived from records. */
export function EnterListingModal({
  orgId,
  orgName,
  open,
  onClose,
}: {
  orgId: string;
  orgName: string;
  open: boolean;
  onClose: () => void;
}) {
  const { enter } = useCreditMutations();
  const { message } = App.useApp();
  const [form] = Form.useForm<EnterForm>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const options = [
    { label: '活动异常名录', options: causeOptions('abnormal', true) },
    { label: '严重违法失信名单', options: causeOptions('serious', true) },
  ];
  const close = () => {
    setRefusal(null);
    onClose();
  };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setRefusal(null);
    try {
      const l = await enter.mutateAsync({
        orgId,
        cause: v.cause,
        reason: v.reason.trim(),
        enteredOn: iso(v.enteredOn),
        evidence: {
          documentNo: v.documentNo?.trim() || undefined,
          note: v.note?.trim() || undefined,
        },
      });
      message.success(`已将「${orgName}」列入${l.listLabel}`);
      close();
    } catch (err) {
      setRefusal(cleanMessage(err));
      applyFieldErrors(form, err, ['evidence']);
    }
  };

  return (
    <Modal
      title={`列入信用名录：${orgName}`}
      open={open}
      onOk={submit}
      onCancel={close}
      okText="列入"
      cancelText="取消"
      okButtonProps={{ danger: true, 'data-testid': 'enter-confirm' }}
      confirmLoading={enter.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        逾期未报年报、年报不合格、未按期整改、受到处罚等情形由系统按记录自动列入；这里只办理须由工作人员认定的情形。
      </Typography.Paragraph>
      {refusal && <Alert type="error" showIcon title={refusal} style={{ marginBottom: 12 }} />}
      <Form<EnterForm> form={form} layout="vertical" preserve={false} initialValues={{ enteredOn: dayjs() }}>
        <Form.Item name="cause" label="列入情形" rules={[{ required: true, message: '请选择列入情形' }]}>
          <Select options={options} placeholder="选择列入情形" data-testid="enter-cause" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="列入事实和理由"
          rules={[
            { required: true, whitespace: true, message: '请填写列入事实和理由' },
            { min: 4, message: '列入事实和理由不少于 4 字' },
            maxLen(1000),
          ]}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="enter-reason" />
        </Form.Item>
        <Form.Item name="enteredOn" label="列入日期" rules={[{ required: true, message: '请选择列入日期' }]}>
          <DatePicker disabledDate={notFuture} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="documentNo" label="文书编号" rules={[maxLen(100)]}>
          <Input maxLength={100} placeholder="如 南民决字〔2026〕12号" />
        </Form.Item>
        <Form.Item name="note" label="证据说明" rules={[maxLen(1000)]}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
