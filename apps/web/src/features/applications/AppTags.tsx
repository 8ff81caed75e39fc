import { Tag } from 'antd';
import { appStateLabels, kindLabels, labelOf, shortKind } from '../../lib/labels';

const stateColors: Record<string, string> = {
  draft: 'default',
  community_review: 'processing',
  street_review: 'processing',
  district_review: 'processing',
  returned: 'warning',
  filed: 'success',
  registered: 'success',
  approved: 'success',
  completed: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export function StateTag({ state, label }: { state: string; label?: string | null }) {
  return (
    <Tag color={stateColors[state] ?? 'processing'} data-testid="app-state" style={{ marginInlineEnd: 0 }}>
      {labelOf(appStateLabels, state, label)}
    </Tag>
  );
}

export function KindTag({ kind, label }: { kind: string; label?: string | null }) {
  const colors: Record<string, string> = {
    filing: 'blue',
    change: 'purple',
    registration: 'green',
    exit: 'volcano',
  };
  return (
    <Tag color={colors[kind]} style={{ marginInlineEnd: 0 }}>
      {shortKind(labelOf(kindLabels, kind, label))}
    </Tag>
  );
}
