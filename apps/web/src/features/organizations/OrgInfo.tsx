import { Descriptions, Typography } from 'antd';
import { dash, formatDate, formatDateTime } from '../../lib/format';
import { labelOf, partyStatusLabels } from '../../lib/labels';
import type { OrgDetail } from '../../lib/types';
import { StatusBadge, TierTag } from './OrgTags';

export type Revealed = Partial<Record<'leaderIdNumber' | 'leaderPhone' | 'contactPhone', string>>;

export function OrgSummary({ org }: { org: OrgDetail }) {
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 2, lg: 3 }}
      data-testid="org-summary"
      items={[
        { key: 'tier', label: '层级', children: <TierTag tier={org.tier} label={org.tierLabel} /> },
        { key: 'category', label: '类别', children: dash(org.categoryName) },
        {
          key: 'status',
          label: '状态',
          children: <StatusBadge status={org.status} label={org.statusLabel} />,
        },
        {
          key: 'community',
          label: '所属社区',
          children: [org.streetName, org.communityName].filter(Boolean).join(' / ') || '—',
        },
        { key: 'leader', label: '负责人', children: dash(org.leaderName) },
        {
          key: 'number',
          label: org.uscc ? '统一社会信用代码' : '备案编号',
          children: dash(org.uscc || org.filingNumber),
        },
      ]}
    />
  );
}

export function OrgInfo({ org, revealed }: { org: OrgDetail; revealed: Revealed }) {
  const pii = (v: string | undefined, masked: string | null) =>
    v ? (
      <Typography.Text mark data-testid="revealed-value">
        {v}
      </Typography.Text>
    ) : (
      dash(masked)
    );
  const items = [
    { key: 'name', label: '组织名称', children: org.name },
    { key: 'category', label: '类别', children: dash(org.categoryName) },
    { key: 'businessScope', label: '业务范围', children: dash(org.businessScope), span: 'filled' as const },
    { key: 'venue', label: '活动场所', children: dash(org.venue), span: 'filled' as const },
    { key: 'leaderName', label: '负责人', children: dash(org.leaderName) },
    { key: 'leaderId', label: '负责人身份证号', children: pii(revealed.leaderIdNumber, org.leaderIdMasked) },
    { key: 'leaderPhone', label: '负责人电话', children: pii(revealed.leaderPhone, org.leaderPhoneMasked) },
    { key: 'contactName', label: '联系人', children: dash(org.contactName) },
    { key: 'contactPhone', label: '联系电话', children: pii(revealed.contactPhone, org.contactPhoneMasked) },
    { key: 'memberCount', label: '成员数', children: org.memberCount },
    { key: 'isHub', label: '枢纽型组织', children: org.isHub ? '是' : '否' },
    {
      key: 'party',
      label: '党建情况',
      children: labelOf(partyStatusLabels, org.partyStatus, org.partyStatusLabel),
    },
    { key: 'foundedOn', label: '成立日期', children: formatDate(org.foundedOn) },
    ...(org.filingNumber
      ? [
          { key: 'filingNumber', label: '备案编号', children: org.filingNumber },
          { key: 'filedOn', label: '备案日期', children: formatDate(org.filedOn) },
        ]
      : []),
    ...(org.uscc
      ? [
          { key: 'uscc', label: '统一社会信用代码', children: org.uscc },
          { key: 'registeredOn', label: '登记日期', children: formatDate(org.registeredOn) },
        ]
      : []),
    ...(org.exitedOn
      ? [
          { key: 'exitedOn', label: '退出日期', children: formatDate(org.exitedOn) },
          { key: 'exitReason', label: '退出原因', children: dash(org.exitReason) },
        ]
      : []),
    { key: 'createdAt', label: '建档时间', children: formatDateTime(org.createdAt) },
    { key: 'updatedAt', label: '最近更新', children: formatDateTime(org.updatedAt) },
    {
      key: 'charter',
      label: '简易章程',
      span: 'filled' as const,
      children: org.charter ? <div style={{ whiteSpace: 'pre-wrap' }}>{org.charter}</div> : '—',
    },
  ];
  return (
    <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} data-testid="org-info" />
  );
}
