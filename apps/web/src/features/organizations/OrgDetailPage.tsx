import { Alert, Card, Skeleton, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { AuditTable } from '../../components/AuditTable';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { appStateLabels, kindLabels, labelOf } from '../../lib/labels';
import { useCan } from '../auth/api';
import { OrgSupervisionTab } from '../supervision/OrgSupervisionTab';
import { useOrg, useOrgAudit } from './api';
import { HistoryTab } from './HistoryTab';
import { LedgerTab } from './LedgerTab';
import { MembersTab } from './MembersTab';
import { OrgActions } from './OrgActions';
import { OrgAppsTab } from './OrgAppsTab';
import { OrgInfo, OrgSummary, type Revealed } from './OrgInfo';

function AuditTab({ orgId }: { orgId: string }) {
  const audit = useOrgAudit(orgId, true);
  return (
    <AuditTable
      items={audit.data?.items ?? []}
      loading={audit.isFetching}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
    />
  );
}

export default function OrgDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const org = useOrg(id);
  const can = useCan();
  const [revealed, setRevealed] = useState<Revealed>({});
  const tab = params.get('tab') ?? 'info';

  if (org.isPending) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (org.error) return <QueryError error={org.error} onRetry={() => org.refetch()} />;
  const o = org.data;
  const allowed = new Set(o.allowedActions ?? []);
  const exited = o.status === 'exited';
  const canMembers =
    !exited && (allowed.has('manageMembers') || allowed.has('members') || can('org.members.manage'));
  const canLedger = !exited && (allowed.has('ledger') || allowed.has('addLedger') || can('ledger.manage'));

  const items = [
    { key: 'info', label: '基本信息', children: <OrgInfo org={o} revealed={revealed} /> },
    {
      key: 'members',
      label: `成员（${o.memberCount}）`,
      children: <MembersTab org={o} canManage={canMembers} />,
    },
    ...(o.tier === 'group'
      ? [{ key: 'ledger', label: '活动台账', children: <LedgerTab org={o} canManage={canLedger} /> }]
      : []),
    { key: 'applications', label: '申请', children: <OrgAppsTab org={o} /> },
    ...(can('supervision.read')
      ? [{ key: 'supervision', label: '信用与年报', children: <OrgSupervisionTab org={o} /> }]
      : []),
    { key: 'history', label: '历史', children: <HistoryTab orgId={o.id} /> },
    ...(can('audit.read') || allowed.has('viewAudit')
      ? [{ key: 'audit', label: '审计', children: <AuditTab orgId={o.id} /> }]
      : []),
  ];

  return (
    <div>
      <PageHeader
        back="/organizations"
        title={
          <Space wrap size={8}>
            <span data-testid="org-name">{o.name}</span>
            {o.isHub && <Tag color="gold">枢纽型</Tag>}
          </Space>
        }
        extra={
          <OrgActions
            org={o}
            onRevealed={(r) => setRevealed((prev) => ({ ...prev, ...r }))}
            onStale={() => org.refetch()}
          />
        }
      />
      {o.openApplications?.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <span>
              办理中：
              {o.openApplications.map((a, i) => (
                <span key={a.id}>
                  {i > 0 && '；'}
                  <Link to={`/applications/${a.id}`}>
                    {labelOf(kindLabels, a.kind, a.kindLabel)}（
                    {labelOf(appStateLabels, a.state, a.stateLabel)}）
                  </Link>
                </span>
              ))}
            </span>
          }
        />
      )}
      <Card style={{ marginBottom: 12 }}>
        <OrgSummary org={o} />
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
    </div>
  );
}
