import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Skeleton, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { AuditTable } from '../../components/AuditTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useCan } from '../auth/api';
import { VolunteerCreditTab } from '../credit/VolunteerCreditTab';
import { VolunteerPointsTab } from '../points/VolunteerPointsTab';
import { VolunteerRecordsTab } from '../service/VolunteerRecordsTab';
import { VolunteerCertificatesTab } from '../volunteerStats/VolunteerCertificatesTab';
import { useVolunteer, useVolunteerAudit } from './api';
import { ConsentPanel } from './ConsentPanel';
import { VolunteerEditModal } from './VolunteerEditModal';
import { VolunteerInfo, VolunteerSummary } from './VolunteerInfo';

function AuditTab({ volunteerId }: { volunteerId: string }) {
  const audit = useVolunteerAudit(volunteerId, true);
  return (
    <AuditTable
      items={audit.data?.items ?? []}
      loading={audit.isFetching}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
    />
  );
}

export default function VolunteerDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const vol = useVolunteer(id);
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const tab = params.get('tab') ?? 'info';

  if (vol.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (vol.error) return <QueryError error={vol.error} onRetry={() => vol.refetch()} />;
  const v = vol.data;
  const manage = v.allowedActions.includes('update');

  const items = [
    {
      key: 'info',
      label: '基本信息',
      children: (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <VolunteerInfo volunteer={v} />
          <Typography.Title level={5} style={{ margin: 0 }}>
            授权同意
          </Typography.Title>
          <ConsentPanel volunteer={v} canManage={v.allowedActions.includes('consent')} />
        </Space>
      ),
    },
    { key: 'records', label: '服务记录', children: <VolunteerRecordsTab volunteerId={v.id} /> },
    { key: 'points', label: '积分', children: <VolunteerPointsTab volunteerId={v.id} /> },
    { key: 'credit', label: '信用与培训表彰', children: <VolunteerCreditTab volunteerId={v.id} /> },
    { key: 'certificates', label: '证明', children: <VolunteerCertificatesTab volunteerId={v.id} /> },
    ...(can('audit.read')
      ? [{ key: 'audit', label: '审计', children: <AuditTab volunteerId={v.id} /> }]
      : []),
  ];

  return (
    <div>
      <PageHeader
        back="/volunteers"
        title={<span data-testid="volunteer-name">{v.realName}</span>}
        extra={
          manage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="volunteer-edit">
              编辑
            </Button>
          )
        }
      />
      <Card style={{ marginBottom: 12 }}>
        <VolunteerSummary volunteer={v} />
      </Card>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) =>
            setParams(
              (p) => {
                const n = new URLSearchParams(p);
                n.set('tab', k);
                return n;
              },
              { replace: true },
            )
          }
          items={items}
          destroyOnHidden
        />
      </Card>
      {manage && (
        <VolunteerEditModal
          volunteer={v}
          open={editing}
          onClose={() => setEditing(false)}
          onStale={() => vol.refetch()}
        />
      )}
    </div>
  );
}
