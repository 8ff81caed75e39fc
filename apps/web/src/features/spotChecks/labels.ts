import { reportingTierLabels } from '@linli/core/supervision/annualReport';
import {
  type SpotCheckResult,
  spotCheckResultLabels,
  spotCheckResults,
  spotCheckStatusLabels,
} from '@linli/core/supervision/spotCheck';

const has = (m: object, k: string) => Object.hasOwn(m, k);

export const spotPlanPath = (id: string) => `/spot-checks/${id}`;

export const resultOptions = spotCheckResults.map((value) => ({
  value,
  label: spotCheckResultLabels[value],
}));
export const resultLabel = (r: string | null | undefined, server?: string | null) =>
  r ? (has(spotCheckResultLabels, r) ? spotCheckResultLabels[r as SpotCheckResult] : (server ?? r)) : '—';
export const resultColor: Record<string, string> = {
  compliant: 'green',
  rectify: 'orange',
  violation: 'red',
};

export const statusLabel = (s: string, server?: string) =>
  server ?? (has(spotCheckStatusLabels, s) ? spotCheckStatusLabels[s as 'drawn'] : s);
export const planStatusColor: Record<string, string> = { drawn: 'processing', published: 'success' };
export const checkStatusColor: Record<string, string> = { drawn: 'default', recorded: 'blue' };

export const tierOptions = Object.entries(reportingTierLabels).map(([value, label]) => ({ value, label }));
export const tierLabel = (t: string | null | undefined) =>
  t ? (has(reportingTierLabels, t) ? reportingTierLabels[t as 'filed'] : t) : '全部';

/** 0.03 → "3%", 0.025 → "2.5%". */
export const ratioLabel = (r: number) => `${Number((r * 100).toFixed(2))}%`;

export const taskColor = (t: { status: string; overdue: boolean }) =>
  t.status === 'completed' ? 'green' : t.overdue ? 'red' : 'orange';
