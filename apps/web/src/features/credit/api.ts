import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUpload } from '../../lib/api';
import type { ImportResult, Page } from '../../lib/types';
import type { Appeal, Award, CreditOverview, Restriction, Training } from './types';

export const creditKeys = {
  all: ['credit'] as const,
  volunteer: (id: string) => ['credit', 'volunteer', id] as const,
  trainings: (id: string) => ['credit', 'volunteer', id, 'trainings'] as const,
  awards: (id: string) => ['credit', 'volunteer', id, 'awards'] as const,
  restrictions: (q: Record<string, unknown>) => ['credit', 'restrictions', q] as const,
  appeals: (q: Record<string, unknown>) => ['credit', 'appeals', q] as const,
};

export function useVolunteerCredit(volunteerId: string) {
  return useQuery({
    queryKey: creditKeys.volunteer(volunteerId),
    queryFn: ({ signal }) => api<CreditOverview>(`/v1/volunteers/${volunteerId}/credit`, { signal }),
  });
}

export function useTrainings(volunteerId: string) {
  return useQuery({
    queryKey: creditKeys.trainings(volunteerId),
    queryFn: ({ signal }) =>
      api<{ items: Training[] }>(`/v1/volunteers/${volunteerId}/trainings`, { signal }),
  });
}

export function useAwards(volunteerId: string) {
  return useQuery({
    queryKey: creditKeys.awards(volunteerId),
    queryFn: ({ signal }) => api<{ items: Award[] }>(`/v1/volunteers/${volunteerId}/awards`, { signal }),
  });
}

export function useRestrictions(query: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: creditKeys.restrictions(query),
    queryFn: ({ signal }) => api<Page<Restriction>>('/v1/credit/restrictions', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAppeals(query: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: creditKeys.appeals(query),
    queryFn: ({ signal }) => api<Page<Appeal>>('/v1/credit/appeals', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every credit mutation refreshes all credit queries (score, lists). */
export function useCreditMutations(volunteerId?: string) {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: creditKeys.all });
  return {
    recordEvent: useMutation({
      mutationFn: (body: Record<string, unknown>) =>
        api(`/v1/volunteers/${volunteerId}/credit-events`, { body }),
      onSuccess,
    }),
    restrict: useMutation({
      mutationFn: (body: { reason: string; untilDate: string }) =>
        api<Restriction>(`/v1/volunteers/${volunteerId}/restrictions`, { body }),
      onSuccess,
    }),
    lift: useMutation({
      mutationFn: (v: { id: string; reason: string; version: number }) =>
        api<Restriction>(`/v1/credit/restrictions/${v.id}/lift`, {
          body: { reason: v.reason, version: v.version },
        }),
      onSuccess,
    }),
    decide: useMutation({
      mutationFn: (v: { id: string; decision: 'uphold' | 'dismiss'; reason: string; version: number }) =>
        api<Appeal>(`/v1/credit/appeals/${v.id}/decision`, {
          body: { decision: v.decision, reason: v.reason, version: v.version },
        }),
      onSuccess,
    }),
    addTraining: useMutation({
      mutationFn: (body: Record<string, unknown>) =>
        api<Training>(`/v1/volunteers/${volunteerId}/trainings`, { body }),
      onSuccess,
    }),
    addAward: useMutation({
      mutationFn: (body: Record<string, unknown>) =>
        api<Award>(`/v1/volunteers/${volunteerId}/awards`, { body }),
      onSuccess,
    }),
  };
}

/** Training roster (Excel): dry run first, then all rows or none. */
export function useTrainingImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; dryRun: boolean }) =>
      apiUpload<ImportResult>('/v1/trainings/import', v.file, {}, { query: { dryRun: String(v.dryRun) } }),
    onSuccess: (r) => {
      if (r.committed) void qc.invalidateQueries({ queryKey: creditKeys.all });
    },
  });
}
