import type { SpotCheckResult } from '@linli/core/supervision/spotCheck';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Page } from '../../lib/types';

export type SpotQuery = Record<string, string | number | undefined>;

export interface SpotCheckPlan {
  id: string;
  code: string;
  title: string;
  regionCode: string;
  year: number;
  ratio: number;
  filters: { tier: string | null } | null;
  seed: string;
  poolSize: number;
  inspectorPoolSize: number;
  sampleSize: number;
  status: 'drawn' | 'published';
  statusLabel: string;
  createdByName: string;
  createdAt: string;
  publishedAt: string | null;
  version: number;
}

export interface SpotCheck {
  id: string;
  organizationId: string;
  organizationName: string;
  tier: string;
  drawOrder: number;
  inspectors: { id: string; name: string }[];
  status: 'drawn' | 'recorded';
  statusLabel: string;
  result: SpotCheckResult | null;
  resultLabel: string | null;
  findings: string | null;
  checkedOn: string | null;
  version: number;
  mine: boolean;
}

export interface SpotCheckPlanDetail extends SpotCheckPlan {
  canManage: boolean;
  checks: SpotCheck[];
}

export interface MyCheck {
  id: string;
  plan_id: string;
  code: string;
  title: string;
  organization: string;
  status: 'drawn' | 'recorded';
  statusLabel: string;
  result: string | null;
  resultLabel: string | null;
  version: number;
}

export interface Replay {
  seed: string;
  identical: boolean;
  message: string;
}

export interface RectificationTask {
  id: string;
  organizationId: string;
  organizationName: string;
  regionCode: string;
  spotCheckId: string | null;
  requirement: string;
  deadline: string;
  status: 'open' | 'completed';
  statusLabel: string;
  overdue: boolean;
  completedOn: string | null;
  completionNote: string | null;
  version: number;
  createdAt: string;
}

export const spotKeys = {
  all: ['spot-checks'] as const,
  plans: (q: SpotQuery) => ['spot-checks', 'plans', q] as const,
  plan: (id: string) => ['spot-checks', 'plan', id] as const,
  mine: ['spot-checks', 'mine'] as const,
  tasks: (q: SpotQuery) => ['rectification-tasks', q] as const,
};

export function useSpotCheckPlans(query: SpotQuery) {
  return useQuery({
    queryKey: spotKeys.plans(query),
    queryFn: ({ signal }) => api<Page<SpotCheckPlan>>('/v1/spot-check-plans', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSpotCheckPlan(id: string) {
  return useQuery({
    queryKey: spotKeys.plan(id),
    queryFn: ({ signal }) => api<SpotCheckPlanDetail>(`/v1/spot-check-plans/${id}`, { signal }),
    retry: (n, err) => ![400, 403, 404].includes((err as { status?: number }).status ?? 0) && n < 2,
  });
}

export function useMyChecks() {
  return useQuery({
    queryKey: spotKeys.mine,
    queryFn: ({ signal }) => api<{ items: MyCheck[] }>('/v1/spot-checks/mine', { signal }),
  });
}

export function useRectificationTasks(query: SpotQuery, enabled = true) {
  return useQuery({
    queryKey: spotKeys.tasks(query),
    queryFn: ({ signal }) => api<Page<RectificationTask>>('/v1/rectification-tasks', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export type PlanInput = {
  title: string;
  regionCode: string;
  ratio: number;
  tier?: 'filed' | 'registered';
  seed?: string;
};

export type ResultInput = {
  result: SpotCheckResult;
  findings: string;
  checkedOn: string;
  rectification?: { requirement: string; deadline: string };
  version: number;
};

export function useSpotCheckMutations() {
  const qc = useQueryClient();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: spotKeys.all });
    void qc.invalidateQueries({ queryKey: ['rectification-tasks'] });
  };
  return {
    create: useMutation({
      mutationFn: (body: PlanInput) => api<SpotCheckPlanDetail>('/v1/spot-check-plans', { body }),
      onSuccess: (p) => {
        qc.setQueryData(spotKeys.plan(p.id), p);
        refresh();
      },
    }),
    publish: useMutation({
      mutationFn: (v: { id: string; version: number }) =>
        api<SpotCheckPlan>(`/v1/spot-check-plans/${v.id}/publish`, { body: { version: v.version } }),
      onSuccess: refresh,
    }),
    record: useMutation({
      mutationFn: (v: ResultInput & { id: string }) => {
        const { id, ...body } = v;
        return api<{ id: string; rectificationTaskId: string | null }>(`/v1/spot-checks/${id}/result`, {
          body,
        });
      },
      onSuccess: refresh,
    }),
    complete: useMutation({
      mutationFn: (v: { id: string; completedOn: string; note: string; version: number }) => {
        const { id, ...body } = v;
        return api<RectificationTask & { onTime: boolean }>(`/v1/rectification-tasks/${id}/complete`, {
          body,
        });
      },
      onSuccess: refresh,
    }),
  };
}

export const replayPlan = (id: string) => api<Replay>(`/v1/spot-check-plans/${id}/replay`);
