import { reportingTierLabels } from '@linli/core/supervision/annualReport';
import {
  evaluationLevelLabels,
  evaluationRoundStatusLabels,
  indicatorSourceLabels,
} from '@linli/core/supervision/evaluation';

const has = (m: object, k: string) => Object.hasOwn(m, k);

export const roundPath = (id: string) => `/evaluations/${id}`;
export const targetPath = (id: string, orgId: string) => `/evaluations/${id}/targets/${orgId}`;

export const roundStatusOptions = Object.entries(evaluationRoundStatusLabels).map(([value, label]) => ({
  value,
  label,
}));
export const roundStatusLabel = (s: string, server?: string) =>
  server ?? (has(evaluationRoundStatusLabels, s) ? evaluationRoundStatusLabels[s as 'draft'] : s);
export const roundStatusColor: Record<string, string> = {
  draft: 'default',
  scoring: 'processing',
  reviewing: 'orange',
  published: 'success',
  closed: 'default',
};

export const levelLabel = (l: string | null | undefined, server?: string | null) =>
  l ? (server ?? (has(evaluationLevelLabels, l) ? evaluationLevelLabels[l as 'good'] : l)) : '—';
export const levelColor: Record<string, string> = {
  excellent: 'green',
  good: 'blue',
  qualified: 'gold',
  unqualified: 'red',
};

export const targetStatusColor: Record<string, string> = {
  pending: 'default',
  scoring: 'processing',
  scored: 'success',
  rescoring: 'warning',
};

export const appealStatusColor: Record<string, string> = {
  submitted: 'orange',
  upheld: 'processing',
  rejected: 'default',
  rescored: 'success',
};

export const sourceLabel = (s: string) =>
  has(indicatorSourceLabels, s) ? indicatorSourceLabels[s as 'manual'] : s;

export const tierLabel = (t: string) => (has(reportingTierLabels, t) ? reportingTierLabels[t as 'filed'] : t);

/** A metric value as shown: 是/否 for facts, the number and unit for counts. */
export const metricValue = (v: number | boolean | undefined, unit?: string | null) =>
  typeof v === 'boolean' ? (v ? '是' : '否') : v === undefined ? '—' : `${v}${unit ? ` ${unit}` : ''}`;

/** 12.5 → "12.5", 12 → "12". */
export const points = (n: number | null | undefined) => (n === null || n === undefined ? '—' : `${n}`);
