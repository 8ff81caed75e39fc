import { App, Form, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { useCreateGroup } from './api';
import { GroupFields } from './GroupFields';

/** Drops empty strings and turns dates into YYYY-MM-DD. */
export function cleanValues(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (val === undefined || val === null || val === '') continue;
    if (typeof val === 'object' && val && 'format' in val) out[k] = (val as Dayjs).format('YYYY-MM-DD');
    else out[k] = typeof val === 'string' ? val.trim() : val;
  }
  return out;
}

export function CreateGroupModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const create = useCreateGroup();
  const { message } = App.useApp();
  const navigate = useNavigate();

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    create.mutate(cleanValues(values), {
      onSuccess: (org) => {
        message.success('活动小组已登记入台账');
        onClose();
        form.resetFields();
        if (org?.id) navigate(`/organizations/${org.id}`);
      },
      onError: (err) => {
        applyFieldErrors(form, err);
        message.error(errorMessage(err));
      },
    });
  };

  return (
    <Modal
      title="新建活动小组"
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="保存"
      confirmLoading={create.isPending}
      width={760}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'org-form-submit' }}
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="org-create-form">
        <GroupFields mode="create" />
      </Form>
    </Modal>
  );
}
