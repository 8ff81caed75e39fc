import { App, Form, Modal } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { useCurrentUser } from '../auth/api';
import { ActivityFields, type ActivityFormValues } from './ActivityFields';
import { useActivityMutations, useCreateActivity } from './api';
import type { Activity } from './types';

const TIMES = ['startsAt', 'endsAt', 'signupOpensAt', 'signupClosesAt'] as const;

function toBody(v: ActivityFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {
    title: v.title.trim(),
    category: v.category,
    place: v.place.trim(),
    content: v.content.trim(),
    wanted: v.wanted,
    coefficient: v.coefficient,
  };
  if (v.regionCode) body.regionCode = v.regionCode;
  for (const k of TIMES) {
    const d = v[k];
    if (d) body[k] = d.second(0).millisecond(0).toISOString();
  }
  return body;
}

/** New activity (a draft) or changes to one that has not started; only changed fields are sent on edit. */
export function ActivityFormModal({
  open,
  onClose,
  activity,
}: {
  open: boolean;
  onClose: () => void;
  activity?: Activity;
}) {
  const [form] = Form.useForm<ActivityFormValues>();
  const me = useCurrentUser();
  const ownOrg = me.grants.find((g) => g.organizationId)?.organizationId ?? undefined;
  const create = useCreateActivity();
  const update = useActivityMutations(activity?.id ?? '').update;
  const { message } = App.useApp();
  const navigate = useNavigate();

  useEffect(() => {
    if (!open) return;
    if (activity)
      form.setFieldsValue({
        title: activity.title,
        category: activity.category,
        place: activity.place,
        regionCode: activity.regionCode,
        startsAt: dayjs(activity.startsAt),
        endsAt: dayjs(activity.endsAt),
        signupOpensAt: dayjs(activity.signupOpensAt),
        signupClosesAt: dayjs(activity.signupClosesAt),
        wanted: activity.wanted,
        coefficient: activity.coefficient,
        content: activity.content,
      });
  }, [open, activity, form]);

  const fail = (err: unknown) => {
    applyFieldErrors(form, err);
    message.error(errorMessage(err));
  };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const body = toBody(v);
    if (!activity) {
      const orgId = v.orgId ?? ownOrg;
      if (!orgId) return form.setFields([{ name: 'orgId', errors: ['请选择组织方'] }]);
      create.mutate(
        { orgId, body },
        {
          onSuccess: (a) => {
            message.success('活动已保存为草稿，发布后开放报名');
            onClose();
            navigate(`/activities/${a.id}`);
          },
          onError: fail,
        },
      );
      return;
    }
    const patch: Record<string, unknown> = { version: activity.version };
    const before = activity as unknown as Record<string, unknown>;
    for (const [k, val] of Object.entries(body)) {
      const old = before[k];
      const same = TIMES.includes(k as (typeof TIMES)[number])
        ? new Date(String(old)).getTime() === new Date(String(val)).getTime()
        : old === val;
      if (!same) patch[k] = val;
    }
    if (Object.keys(patch).length === 1) {
      message.info('没有修改');
      onClose();
      return;
    }
    update.mutate(patch, {
      onSuccess: () => {
        message.success('已保存');
        onClose();
      },
      onError: (err) => {
        fail(err);
        if (err instanceof ApiError && err.status === 409) onClose();
      },
    });
  };

  return (
    <Modal
      title={activity ? '修改活动' : '新建服务活动'}
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={create.isPending || update.isPending}
      width={820}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'activity-form-submit' }}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={activity ? undefined : { coefficient: 1, wanted: 10, orgId: ownOrg }}
        data-testid="activity-form"
      >
        <ActivityFields withOrg={!activity && !ownOrg} />
      </Form>
    </Modal>
  );
}
