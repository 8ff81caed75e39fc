import { App, Form, Input, Modal, Radio } from 'antd';
import { useNavigate } from 'react-router-dom';
import { applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { exitKindLabels } from '../../lib/labels';
import { maxLen, required } from '../../lib/rules';
import type { OrgDetail } from '../../lib/types';
import { useOrgMutations } from './api';

export function OrgExitModal({ org, open, onClose }: { org: OrgDetail; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ kind: 'dissolution' | 'cancellation'; reason: string }>();
  const { exit } = useOrgMutations(org.id);
  const { message, modal } = App.useApp();
  const navigate = useNavigate();

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    modal.confirm({
      title: `确认为「${org.name}」发起退出申请？`,
      content: '退出经审核后生效。组织记录和历史将完整保留，不会删除。',
      okText: '确认发起',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        exit
          .mutateAsync({ kind: v.kind, reason: v.reason.trim() })
          .then((r) => {
            message.success('退出申请已创建');
            onClose();
            navigate(`/applications/${r.id}`);
          })
          .catch((err) => {
            applyFieldErrors(form, err);
            message.error(errorMessage(err));
          }),
    });
  };

  return (
    <Modal
      title="办理退出"
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="下一步"
      okButtonProps={{ danger: true }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ kind: 'dissolution' }}>
        <Form.Item name="kind" label="退出方式" rules={[{ required: true }]}>
          <Radio.Group options={Object.entries(exitKindLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="reason" label="退出原因" rules={[required('退出原因'), maxLen(500)]}>
          <Input.TextArea rows={3} data-testid="exit-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
