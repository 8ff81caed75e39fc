import type {
  EvaluationCutoffs,
  EvaluationFinding,
  EvaluationResult,
  EvaluationScheme,
} from '@linli/core/supervision/evaluation';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Page, UserItem } from '../../lib/types';

export type EvalQuery = Record<string, string | number | undefined>;

export interface EvaluationRound {
  id: string;
  code: string;
  title: string;
  regionCode: string;
  year: number;
  status: string;
  statusLabel: string;
  statusReason: string | null;
  postingDays: number;
  publishedOn: string | null;
  postingEndsOn: string | null;
  evaluatorCount: number;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface RoundListItem extends EvaluationRound {
  targetCount: number;
  me: { manager: boolean; evaluator: boolean };
}

export interface EvaluationAppeal {
  id: string;
  roundId: string;
  organizationId: string;
  reason: string;
  status: string;
  statusLabel: string;
  decisionReason: string | null;
  submittedByName: string;
  decidedAt: string | null;
  createdAt: string;
  version: number;
}

export interface Excluded {
  organizationId: string;
  organizationName: string;
  reasons: string[];
}

export interface RoundAction {
  event: string;
  to: string;
  label: string;
  needsReason: boolean;
}

export interface RoundTarget {
  organizationId: string;
  organizationName: string;
  tier: string;
  regionCode: string;
  status: string;
  statusLabel: string;
  progress: { evaluators: number; complete: number; started: number };
  myScores: { started: boolean; complete: boolean } | null;
  scoringOpen: boolean;
  total: number | null;
  level: string | null;
  levelLabel: string | null;
  appeal: EvaluationAppeal | null;
}

export interface RoundDetail extends EvaluationRound {
  scheme: EvaluationScheme;
  cutoffs: EvaluationCutoffs;
  evaluators: { id: string; name: string }[];
  excluded: Excluded[];
  me: { manager: boolean; evaluator: boolean };
  actions: RoundAction[];
  targetCount: number;
  targets: RoundTarget[];
}

export interface TargetMetric {
  metric: string;
  label: string;
  kind: 'boolean' | 'count';
  unit: string | null;
  value: number | boolean;
  source: string;
}

export interface TargetDetail {
  round: EvaluationRound;
  organization: { id: string; name: string; tier: string; regionCode: string };
  status: string;
  statusLabel: string;
  scheme: EvaluationScheme;
  metrics: TargetMetric[] | null;
  metricsAt: string | null;
  scoringOpen: boolean;
  myScores: Record<string, number> | null;
  mySubmittedAt: string | null;
  scores:
    | {
        evaluatorId: string;
        evaluatorName: string;
        scores: Record<string, number>;
        submittedAt: string | null;
      }[]
    | null;
  result: Pick<EvaluationResult, 'dimensions' | 'total'> | EvaluationResult | null;
  total: number | null;
  level: string | null;
  levelLabel: string | null;
  strengths: EvaluationFinding[];
  weaknesses: EvaluationFinding[];
  appeals: EvaluationAppeal[];
  appealCheck: { allowed: true } | { allowed: false; reason: string } | null;
}

export interface PublicEvaluation {
  roundId: string;
  code: string;
  title: string;
  year: number;
  status: string;
  statusLabel: string;
  publishedOn: string | null;
  postingEndsOn: string | null;
  total: number;
  level: string | null;
  levelLabel: string | null;
  rescoring: boolean;
  dimensions: { code: string; name: string; weight: number; score: number }[];
  strengths: string[];
  weaknesses: string[];
}

export const evalKeys = {
  all: ['evaluations'] as const,
  list: (q: EvalQuery) => ['evaluations', 'list', q] as const,
  round: (id: string) => ['evaluations', 'round', id] as const,
  target: (id: string, orgId: string) => ['evaluations', 'target', id, orgId] as const,
  public: (orgId: string) => ['public', 'evaluations', orgId] as const,
};

const noRetry = (n: number, err: unknown) =>
  ![400, 403, 404].includes((err as { status?: number }).status ?? 0) && n < 2;

export function useRounds(query: EvalQuery) {
  return useQuery({
    queryKey: evalKeys.list(query),
    queryFn: ({ signal }) => api<Page<RoundListItem>>('/v1/evaluation-rounds', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRound(id: string) {
  return useQuery({
    queryKey: evalKeys.round(id),
    queryFn: ({ signal }) => api<RoundDetail>(`/v1/evaluation-rounds/${id}`, { signal }),
    retry: noRetry,
  });
}

export function useTarget(id: string, orgId: string) {
  return useQuery({
    queryKey: evalKeys.target(id, orgId),
    queryFn: ({ signal }) => api<TargetDetail>(`/v1/evaluation-rounds/${id}/targets/${orgId}`, { signal }),
    retry: noRetry,
  });
}

export function usePublicEvaluations(orgId: string) {
  return useQuery({
    queryKey: evalKeys.public(orgId),
    queryFn: ({ signal }) =>
      api<{ organization: { id: string; name: string }; items: PublicEvaluation[] }>(
        `/v1/public/organizations/${orgId}/evaluations`,
        { noAuthRedirect: true, signal },
      ),
    enabled: !!orgId,
  });
}

/** Officers who may evaluate (street and district officers in the user's scope). */
export function useEvaluatorCandidates(enabled: boolean) {
  return useQuery({
    queryKey: ['evaluations', 'evaluator-candidates'],
    queryFn: async ({ signal }) => {
      const lists = await Promise.all(
        ['district_officer', 'street_officer'].map((role) =>
          api<Page<UserItem>>('/v1/users', { query: { role, pageSize: 200 }, signal }),
        ),
      );
      const seen = new Set<string>();
      return lists
        .flatMap((l) => l.items)
        .filter((u) => u.status === 'active' && !seen.has(u.id) && seen.add(u.id));
    },
    enabled,
    staleTime: 5 * 60_000,
  });
}

export type RoundInput = {
  title: string;
  regionCode: string;
  year: number;
  evaluatorIds: string[];
  postingDays?: number;
  organizationIds?: string[];
};

export function useEvaluationMutations() {
  const qc = useQueryClient();
  const refresh = () => void qc.invalidateQueries({ queryKey: evalKeys.all });
  return {
    create: useMutation({
      mutationFn: (body: RoundInput) => api<RoundDetail>('/v1/evaluation-rounds', { body }),
      onSuccess: (r) => {
        qc.setQueryData(evalKeys.round(r.id), r);
        refresh();
      },
    }),
    event: useMutation({
      mutationFn: (v: { id: string; event: string; reason?: string; version: number }) => {
        const { id, ...body } = v;
        return api<RoundDetail>(`/v1/evaluation-rounds/${id}/events`, { body });
      },
      onSuccess: (r) => {
        qc.setQueryData(evalKeys.round(r.id), r);
        refresh();
      },
    }),
    score: useMutation({
      mutationFn: (v: { id: string; orgId: string; scores: Record<string, number> }) =>
        api<{ complete: boolean; missing: string[] }>(
          `/v1/evaluation-rounds/${v.id}/targets/${v.orgId}/scores`,
          { method: 'PUT', body: { scores: v.scores } },
        ),
      onSuccess: refresh,
    }),
    appeal: useMutation({
      mutationFn: (v: { id: string; orgId: string; reason: string }) =>
        api<EvaluationAppeal>(`/v1/evaluation-rounds/${v.id}/targets/${v.orgId}/appeals`, {
          body: { reason: v.reason },
        }),
      onSuccess: refresh,
    }),
    decide: useMutation({
      mutationFn: (v: { id: string; decision: string; reason?: string; version: number }) => {
        const { id, ...body } = v;
        return api<EvaluationAppeal>(`/v1/evaluation-appeals/${id}/decision`, { body });
      },
      onSuccess: refresh,
    }),
  };
}
