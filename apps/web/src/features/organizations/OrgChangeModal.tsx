import { App, Col, Form, Input, Modal, Row } from 'antd';
import { useNavigate } from 'react-router-dom';
import { applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { idNumberRule, maxLen, phoneRule, required } from '../../lib/rules';
import type { OrgDetail } from '../../lib/types';
import { useOrgMutations } from './api';

const FIELDS = ['name', 'leaderName', 'leaderIdNumber', 'leaderPhone', 'venue', 'businessScope'] as const;

/** 变更申请: name, leader, venue, scope of a filed/registered organization go through review. */
export function OrgChangeModal({
  org,
  open,
  onClose,
}: {
  org: OrgDetail;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  const { change } = useOrgMutations(org.id);
  const { message } = App.useApp();
  const navigate = useNavigate();

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const changes: Record<string, string> = {};
    for (const k of FIELDS) if (v[k]?.trim()) changes[k] = v[k].trim();
    if (!Object.keys(changes).length) {
      message.warning('请至少填写一项要变更的内容');
      return;
    }
    change.mutate(
      { changes, note: v.note.trim() },
      {
        onSuccess: (r) => {
          message.success('变更申请已创建');
          onClose();
          navigate(`/applications/${r.id}`);
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
      title="申请变更"
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="提交变更申请"
      confirmLoading={change.isPending}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="org-change-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label="新名称" extra={`现为：${org.name}`} rules={[maxLen(60)]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="leaderName"
              label="新负责人"
              extra={`现为：${org.leaderName}`}
              rules={[maxLen(30)]}
            >
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="leaderIdNumber" label="新负责人身份证号" rules={[idNumberRule]}>
              <Input maxLength={18} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="leaderPhone" label="新负责人电话" rules={[phoneRule]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="venue" label="新活动场所" extra={org.venue ? `现为：${org.venue}` : undefined}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="businessScope" label="新业务范围">
              <Input.TextArea rows={2} placeholder={org.businessScope} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label="变更说明" rules={[required('变更说明'), maxLen(500)]}>
              <Input.TextArea
                rows={2}
                placeholder="说明变更原因，如：原负责人迁居外地"
                data-testid="change-note"
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
