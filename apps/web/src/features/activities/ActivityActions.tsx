import {
  CloseCircleOutlined,
  EditOutlined,
  QrcodeOutlined,
  ScheduleOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, applyFieldErrors, errorMessage, validated } from '../../lib/api';
import { ActivityFormModal } from './ActivityFormModal';
import { useActivityMutations } from './api';
import type { Activity } from './types';

function CancelModal({
  activity: a,
  open,
  onClose,
}: {
  activity: Activity;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ reason: string }>();
  const { cancel } = useActivityMutations(a.id);
  const { message } = App.useApp();
  const live = a.counts.pending + a.counts.approved + a.counts.waitlisted;
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    cancel.mutate(
      { version: a.version, reason: v.reason.trim() },
      {
        onSuccess: () => {
          message.success('活动已取消');
          onClose();
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
      title={`取消活动“${a.title}”`}
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="确认取消活动"
      cancelText="返回"
      okButtonProps={{ danger: true, 'data-testid': 'activity-cancel-confirm' }}
      confirmLoading={cancel.isPending}
      destroyOnHidden
    >
      <p>
        取消后不能恢复
        {live > 0 ? `，${live} 条有效报名（待审核、已录用、候补）将同时取消` : ''}。
      </p>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label="取消原因"
          rules={[
            { required: true, whitespace: true, message: '请填写取消原因' },
            { max: 200, message: '取消原因不超过 200 字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="activity-cancel-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Edit / publish / cancel (as the server allows) and links to the check-in screen and attendance. */
export function ActivityActions({ activity: a, onStale }: { activity: Activity; onStale: () => void }) {
  const { publish } = useActivityMutations(a.id);
  const { modal, message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const allowed = new Set(a.allowedActions);

  const doPublish = () =>
    modal.confirm({
      title: `发布活动“${a.title}”？`,
      content: '发布后居民可在报名时间内报名，活动信息将公开显示。',
      okText: '发布',
      cancelText: '取消',
      onOk: () =>
        publish
          .mutateAsync(a.version)
          .then(() => message.success('活动已发布'))
          .catch((e) => {
            if (e instanceof ApiError && e.status === 409) onStale();
            message.error(errorMessage(e));
          }),
    });

  return (
    <>
      {allowed.has('update') && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="activity-edit">
          修改
        </Button>
      )}
      {allowed.has('publish') && (
        <Button type="primary" icon={<SendOutlined />} onClick={doPublish} data-testid="activity-publish">
          发布
        </Button>
      )}
      {a.status !== 'draft' && a.status !== 'cancelled' && (
        <>
          <Link to={`/activities/${a.id}/checkin`}>
            <Button icon={<QrcodeOutlined />}>签到码大屏</Button>
          </Link>
          <Link to={`/activities/${a.id}/attendance`}>
            <Button icon={<ScheduleOutlined />}>签到与补录</Button>
          </Link>
        </>
      )}
      {allowed.has('cancel') && (
        <Button
          danger
          icon={<CloseCircleOutlined />}
          onClick={() => setCancelling(true)}
          data-testid="activity-cancel"
        >
          取消活动
        </Button>
      )}
      <ActivityFormModal open={editing} onClose={() => setEditing(false)} activity={a} />
      <CancelModal activity={a} open={cancelling} onClose={() => setCancelling(false)} />
    </>
  );
}
