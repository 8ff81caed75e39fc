import { Badge, Tag } from 'antd';
import { labelOf, statusLabels, tierLabels } from '../../lib/labels';

const tierColors: Record<string, string> = { group: 'default', filed: 'blue', registered: 'green' };
const statusBadge: Record<string, 'success' | 'warning' | 'processing' | 'default' | 'error'> = {
  active: 'success',
  dormant: 'warning',
  exiting: 'processing',
  exited: 'default',
};

export function TierTag({ tier, label }: { tier: string; label?: string | null }) {
  return (
    <Tag color={tierColors[tier] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {labelOf(tierLabels, tier, label)}
    </Tag>
  );
}

export function StatusBadge({ status, label }: { status: string; label?: string | null }) {
  return <Badge status={statusBadge[status] ?? 'default'} text={labelOf(statusLabels, status, label)} />;
}
