import { App, Form, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { ApiError, applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { useVolunteerMutations } from './api';
import { statusOptions } from './labels';
import type { VolunteerDetail } from './types';
import { GUARDIAN_AGE, GuardianFields, VolunteerFields } from './VolunteerFields';

/** Edits name, phone, community, skills, status and the guardian; only changed fields are sent. */
export function VolunteerEditModal({
  volunteer: v,
  open,
  onClose,
  onStale,
}: {
  volunteer: VolunteerDetail;
  open: boolean;
  onClose: () => void;
  onStale: () => void;
}) {
  const [form] = Form.useForm();
  const { update } = useVolunteerMutations(v.id);
  const { message } = App.useApp();
  const minor = v.age < GUARDIAN_AGE;

  useEffect(() => {
    if (open)
      form.setFieldsValue({
        realName: v.realName,
        regionCode: v.regionCode,
        skills: v.skills,
        interests: v.interests,
        status: v.status,
        guardianName: v.guardianName ?? undefined,
      });
  }, [open, v, form]);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    const body: Record<string, unknown> = { version: v.version };
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (values.realName?.trim() !== v.realName) body.realName = values.realName.trim();
    if (values.phone?.trim()) body.phone = values.phone.trim();
    if (values.regionCode && values.regionCode !== v.regionCode) body.regionCode = values.regionCode;
    if (!same(values.skills ?? [], v.skills)) body.skills = values.skills ?? [];
    if (!same(values.interests ?? [], v.interests)) body.interests = values.interests ?? [];
    if (values.status !== v.status) body.status = values.status;
    if (minor && values.guardianName?.trim() && values.guardianName.trim() !== v.guardianName)
      body.guardianName = values.guardianName.trim();
    if (minor && values.guardianPhone?.trim()) body.guardianPhone = values.guardianPhone.trim();
    if (Object.keys(body).length === 1) {
      message.info('没有修改');
      onClose();
      return;
    }
    update.mutate(body, {
      onSuccess: () => {
        message.success('已保存');
        onClose();
      },
      onError: (err) => {
        if (err instanceof ApiError && err.status === 409) onStale();
        applyFieldErrors(form, err);
        message.error(errorMessage(err));
      },
    });
  };

  return (
    <Modal
      title="编辑志愿者信息"
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={update.isPending}
      width={760}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'volunteer-edit-submit' }}
    >
      <Form form={form} layout="vertical" preserve={false} data-testid="volunteer-edit-form">
        <VolunteerFields mode="edit" />
        <Form.Item
          name="status"
          label="状态"
          extra="停用后不能报名活动；撤回“记录志愿服务信息”的同意也会停用"
        >
          <Select options={statusOptions} style={{ maxWidth: 200 }} />
        </Form.Item>
        {minor && <GuardianFields withConsent={false} />}
      </Form>
    </Modal>
  );
}
