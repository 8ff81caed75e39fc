import { UserAddOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { applyFieldErrors, errorMessage } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { VolunteerPicker } from '../volunteers/Pickers';
import { useActivityMutations, useSignUps } from './api';
import { signUpEvent, signUpStateColor, signUpStateLabel } from './labels';
import type { Activity, SignUp } from './types';

function AddSignUpModal({
  activityId,
  open,
  onClose,
}: {
  activityId: string;
  open: boolean;
  onClose: () => void;
}) {
  const [form] = Form.useForm<{ volunteerId?: string }>();
  const { signUp } = useActivityMutations(activityId);
  const { message } = App.useApp();
  const submit = () => {
    const { volunteerId } = form.getFieldsValue();
    if (!volunteerId) return form.setFields([{ name: 'volunteerId', errors: ['请选择志愿者'] }]);
    signUp.mutate(volunteerId, {
      onSuccess: () => {
        message.success('已为志愿者报名，请审核');
        form.resetFields();
        onClose();
      },
      onError: (err) => {
        applyFieldErrors(form, err);
        message.error(errorMessage(err));
      },
    });
  };
  return (
    <Modal
      title="为志愿者报名"
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="报名"
      cancelText="取消"
      confirmLoading={signUp.isPending}
      okButtonProps={{ 'data-testid': 'signup-add-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="volunteerId" label="志愿者" extra="须在报名时间内，且志愿者已同意记录志愿服务信息">
          <VolunteerPicker testId="signup-volunteer" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The sign-up list of one activity with the organizer's decisions. */
export function SignUpsTable({ activity: a }: { activity: Activity }) {
  const list = useSignUps(a.id);
  const { decide } = useActivityMutations(a.id);
  const { modal, message } = App.useApp();
  const [adding, setAdding] = useState(false);

  const act = (s: SignUp, event: string) => {
    const { label, needsReason } = signUpEvent(s.state, event);
    let reason = '';
    modal.confirm({
      title: `${label}：${s.realName ?? ''}`,
      content: needsReason ? (
        <Input.TextArea
          rows={3}
          maxLength={200}
          placeholder="请填写理由（必填）"
          onChange={(e) => {
            reason = e.target.value;
          }}
          data-testid="signup-reason"
        />
      ) : (
        `确认对 ${s.realName ?? '该志愿者'} 执行“${label}”？`
      ),
      okText: label,
      cancelText: '取消',
      okButtonProps: { danger: needsReason },
      onOk: async () => {
        if (needsReason && !reason.trim()) {
          message.error('请填写理由');
          throw new Error('reason');
        }
        await decide
          .mutateAsync({ signUpId: s.id, event, reason: reason.trim() || undefined, version: s.version })
          .then(() => message.success(`已${label}`))
          .catch((e) => message.error(errorMessage(e)));
      },
    });
  };

  const manage = a.allowedActions.length > 0;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <span>
          已录用 {a.counts.approved} / 招募 {a.wanted} 人，待审核 {a.counts.pending}，候补{' '}
          {a.counts.waitlisted}
        </span>
        {a.allowedActions.includes('signup') && (
          <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)} data-testid="signup-add">
            为志愿者报名
          </Button>
        )}
      </Space>
      <Table<SignUp>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        data-testid="signup-table"
        scroll={{ x: 960 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description="暂无报名" /> }}
        columns={[
          {
            title: '姓名',
            dataIndex: 'realName',
            width: 100,
            render: (n: string, r) => <Link to={`/volunteers/${r.volunteerId}`}>{n ?? '—'}</Link>,
          },
          { title: '志愿者编号', dataIndex: 'volunteerNumber', width: 190 },
          { title: '手机号', dataIndex: 'phoneMasked', width: 130 },
          {
            title: '状态',
            dataIndex: 'state',
            width: 110,
            render: (s: string) => <Tag color={signUpStateColor[s]}>{signUpStateLabel(s)}</Tag>,
          },
          { title: '报名时间', dataIndex: 'requestedAt', width: 150, render: formatDateTime },
          {
            title: '审核',
            key: 'decided',
            width: 210,
            render: (_, r) =>
              r.decidedAt ? (
                <div>
                  <div>
                    {r.decidedByName ?? '—'}
                    {r.reason ? `：${r.reason}` : ''}
                  </div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatDateTime(r.decidedAt)}
                  </Typography.Text>
                </div>
              ) : (
                '—'
              ),
          },
          ...(manage
            ? [
                {
                  title: '操作',
                  key: 'act',
                  width: 220,
                  fixed: 'right' as const,
                  render: (_: unknown, r: SignUp) => (
                    <Space size={0} wrap>
                      {r.allowedActions
                        .filter((e) => e !== 'withdraw')
                        .map((e) => (
                          <Button
                            key={e}
                            size="small"
                            type="link"
                            danger={e === 'reject' || e === 'cancel'}
                            onClick={() => act(r, e)}
                            data-testid={`signup-${e}`}
                          >
                            {signUpEvent(r.state, e).label}
                          </Button>
                        ))}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <AddSignUpModal activityId={a.id} open={adding} onClose={() => setAdding(false)} />
    </Space>
  );
}
