import { Alert, App, Checkbox, Divider, Form, Modal, Select, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { useCurrentUser } from '../auth/api';
import { consentItems } from '../resident/vocab';
import { useCreateVolunteer, useTeams } from './api';
import { ageFromId, GUARDIAN_AGE, GuardianFields, VolunteerFields } from './VolunteerFields';

const REQUIRED = consentItems.filter((c) => c.required).map((c) => c.purpose);

interface Values {
  realName: string;
  idNumber: string;
  phone: string;
  regionCode: string;
  skills?: string[];
  interests?: string[];
  consents?: string[];
  guardianName?: string;
  guardianPhone?: string;
  guardianConsent?: boolean;
  teamId?: string;
}

/** A leader registers into one of their organization's teams (their grant is on the organization). */
function TeamField() {
  const me = useCurrentUser();
  const orgId = me.grants.find((g) => g.organizationId)?.organizationId ?? undefined;
  const teams = useTeams(orgId);
  if (!orgId) return null;
  return (
    <Form.Item name="teamId" label="加入服务队" extra="由本组织服务队登记时须选择服务队">
      <Select
        allowClear
        loading={teams.isPending}
        options={(teams.data?.items ?? []).map((t) => ({ value: t.id, label: t.name }))}
        placeholder="选择服务队"
      />
    </Form.Item>
  );
}

/** Staff register a volunteer in person: the resident's (or guardian's) consent is recorded on their behalf. */
export function RegisterVolunteerModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateVolunteer();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const idNumber = Form.useWatch('idNumber', form);
  const age = ageFromId(idNumber);
  const minor = age !== null && age < GUARDIAN_AGE;

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const granted = new Set(v.consents ?? []);
    const body = {
      realName: v.realName.trim(),
      idNumber: v.idNumber.trim().toUpperCase(),
      phone: v.phone.trim(),
      regionCode: v.regionCode,
      skills: v.skills ?? [],
      interests: v.interests ?? [],
      consents: consentItems.map((c) => ({ purpose: c.purpose, granted: granted.has(c.purpose) })),
      ...(minor
        ? {
            guardianName: v.guardianName?.trim(),
            guardianPhone: v.guardianPhone?.trim(),
            guardianConsent: v.guardianConsent === true,
          }
        : {}),
      ...(v.teamId ? { teamId: v.teamId } : {}),
    };
    create.mutate(body, {
      onSuccess: (r) => {
        message.success(`已登记志愿者 ${r.realName}（${r.volunteerNumber}）`);
        form.resetFields();
        onClose();
        navigate(`/volunteers/${r.id}`);
      },
      onError: (err) => {
        applyFieldErrors(form, err);
        message.error(errorMessage(err));
      },
    });
  };

  return (
    <Modal
      title="代为登记志愿者"
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="登记"
      cancelText="取消"
      confirmLoading={create.isPending}
      width={760}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'volunteer-form-submit' }}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ consents: REQUIRED }}
        data-testid="volunteer-form"
      >
        <VolunteerFields mode="create" />
        <TeamField />
        {minor && (
          <>
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={`该居民未满 ${GUARDIAN_AGE} 周岁（${age} 岁），须由监护人到场登记并同意`}
            />
            <GuardianFields withConsent />
          </>
        )}
        <Divider titlePlacement="start" plain>
          {minor ? '监护人同意事项' : '本人同意事项'}
        </Divider>
        <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
          请向{minor ? '监护人' : '居民本人'}逐项说明并勾选其同意的事项，系统将记录为“工作人员代为记录”。
          前两项为登记所必需。
        </Typography.Paragraph>
        <Form.Item
          name="consents"
          rules={[
            {
              validator: (_, v: string[] = []) =>
                REQUIRED.every((p) => v.includes(p))
                  ? Promise.resolve()
                  : Promise.reject(new Error('须同意记录志愿者信息和处理身份证号才能登记')),
            },
          ]}
        >
          <Checkbox.Group style={{ width: '100%' }} data-testid="volunteer-consents">
            <Space orientation="vertical">
              {consentItems.map((c) => (
                <Checkbox key={c.purpose} value={c.purpose}>
                  {c.title}
                  {c.required && <Typography.Text type="danger">（必选）</Typography.Text>}
                </Checkbox>
              ))}
            </Space>
          </Checkbox.Group>
        </Form.Item>
      </Form>
    </Modal>
  );
}
