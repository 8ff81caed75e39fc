import { App, Form, Input, Modal } from 'antd';
import { useNavigate } from 'react-router-dom';
import { applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { useCreateTeam } from './api';

export function CreateTeamModal({
  orgId,
  open,
  onClose,
}: {
  orgId: string;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ name: string; description?: string }>();
  const create = useCreateTeam(orgId);
  const { message } = App.useApp();
  const navigate = useNavigate();

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    create.mutate(
      { name: v.name.trim(), description: v.description?.trim() ?? '' },
      {
        onSuccess: (t) => {
          message.success(`已新建服务队“${t.name}”`);
          form.resetFields();
          onClose();
          navigate(`/teams/${t.id}`);
        },
        onError: (err) => {
          applyFieldErrors(form, err);
          message.error(errorMessage(err));
        },
      },
    );
  };

  return (
    <Modal
      title="新建志愿服务队"
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'team-form-submit' }}
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="team-form">
        <Form.Item
          name="name"
          label="服务队名称"
          rules={[
            { required: true, whitespace: true, message: '请填写服务队名称' },
            { min: 2, max: 50, message: '服务队名称为 2–50 个字' },
          ]}
        >
          <Input maxLength={50} data-testid="team-name" />
        </Form.Item>
        <Form.Item name="description" label="简介" rules={[{ max: 500, message: '简介不超过 500 字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
