import { UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Form, Modal, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { applyFieldErrors, errorMessage } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useCan } from '../auth/api';
import { useMemberships, useOrgName, useTeamMutations } from './api';
import { VolunteerPicker } from './Pickers';
import { RegionName } from './RegionName';
import { TeamMembersTable } from './TeamMembersTable';

function AddMemberModal({ teamId, open, onClose }: { teamId: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ volunteerId?: string }>();
  const { join } = useTeamMutations(teamId);
  const { message } = App.useApp();
  const submit = async () => {
    const { volunteerId } = form.getFieldsValue();
    if (!volunteerId) {
      form.setFields([{ name: 'volunteerId', errors: ['请选择志愿者'] }]);
      return;
    }
    join.mutate(volunteerId, {
      onSuccess: () => {
        message.success('已提交入队申请，请在“待审核”中审核');
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
      title="添加志愿者到服务队"
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="提交入队申请"
      cancelText="取消"
      confirmLoading={join.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="volunteerId" label="志愿者" extra="只能选择您负责范围内、状态正常的志愿者">
          <VolunteerPicker testId="team-add-volunteer" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function TeamDetailPage() {
  const { id = '' } = useParams();
  const data = useMemberships(id);
  const can = useCan();
  const org = useOrgName(data.data?.team.organizationId);
  const [adding, setAdding] = useState(false);

  if (data.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (data.error) return <QueryError error={data.error} onRetry={() => data.refetch()} />;
  const { team, items } = data.data;
  // the server checks the team's organization and region on every change
  const manage = can('team.manage');

  return (
    <div>
      <PageHeader
        back={`/teams?orgId=${team.organizationId}`}
        title={<span data-testid="team-title">{team.name}</span>}
        extra={
          manage && (
            <Button
              type="primary"
              icon={<UserAddOutlined />}
              onClick={() => setAdding(true)}
              data-testid="team-add"
            >
              添加志愿者
            </Button>
          )
        }
      />
      <Card style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label="所属组织">
            {org.data ? <Link to={`/organizations/${team.organizationId}`}>{org.data.name}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="所在社区">
            <RegionName code={team.regionCode} />
          </Descriptions.Item>
          <Descriptions.Item label="建立日期">{formatDate(team.createdAt)}</Descriptions.Item>
          <Descriptions.Item label="简介" span={3}>
            {team.description || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title="成员与入队申请">
        <TeamMembersTable teamId={team.id} items={items} loading={data.isFetching} canManage={manage} />
      </Card>
      <AddMemberModal teamId={team.id} open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}
