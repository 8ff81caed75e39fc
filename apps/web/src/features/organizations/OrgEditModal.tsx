import { App, Form, Modal } from 'antd';
import dayjs from 'dayjs';
import { ApiError, applyFieldErrors, errorMessage, validated } from '../../lib/api';
import type { OrgDetail } from '../../lib/types';
import { useOrgMutations } from './api';
import { cleanValues } from './CreateGroupModal';
import { GroupFields } from './GroupFields';

const GROUP_FIELDS = [
  'name',
  'category',
  'foundedOn',
  'businessScope',
  'venue',
  'leaderName',
  'leaderIdNumber',
  'leaderPhone',
];
const ALWAYS = ['contactName', 'contactPhone', 'partyStatus', 'isHub', 'charter'];

/** Edit form: activity groups edit everything; filed/registered organizations only the free fields. */
export function OrgEditModal({
  org,
  open,
  onClose,
  onStale,
}: {
  org: OrgDetail;
  open: boolean;
  onClose: () => void;
  onStale: () => void;
}) {
  const [form] = Form.useForm();
  const { update } = useOrgMutations(org.id);
  const { message } = App.useApp();
  const restricted = org.tier !== 'group';

  const initialValues = {
    name: org.name,
    category: org.category,
    foundedOn: org.foundedOn ? dayjs(org.foundedOn) : undefined,
    businessScope: org.businessScope,
    venue: org.venue,
    leaderName: org.leaderName,
    contactName: org.contactName,
    partyStatus: org.partyStatus,
    isHub: org.isHub,
    charter: org.charter,
  };

  const submit = async () => {
    const raw = await validated(form);
    if (!raw) return;
    const values = cleanValues(raw);
    const allowed = restricted ? ALWAYS : [...GROUP_FIELDS, ...ALWAYS];
    const body: Record<string, unknown> = { version: org.version };
    for (const k of allowed) if (k in values) body[k] = values[k];
    // a cleared free-text field is sent as '' so it can be emptied
    for (const k of ['contactName', 'charter'])
      if (!(k in values) && (org as unknown as Record<string, unknown>)[k]) body[k] = '';
    update.mutate(body, {
      onSuccess: () => {
        message.success('已保存');
        onClose();
      },
      onError: (err) => {
        applyFieldErrors(form, err);
        message.error(errorMessage(err));
        if (err instanceof ApiError && err.status === 409) {
          onStale();
          onClose();
        }
      },
    });
  };

  return (
    <Modal
      title={restricted ? '修改组织信息（名称、负责人、场所、业务范围须走变更申请）' : '编辑活动小组台账'}
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="保存"
      confirmLoading={update.isPending}
      width={760}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={initialValues}
        data-testid="org-edit-form"
      >
        <GroupFields mode={restricted ? 'restricted' : 'edit'} />
      </Form>
    </Modal>
  );
}
