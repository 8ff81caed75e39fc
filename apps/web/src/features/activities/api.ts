import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Page } from '../../lib/types';
import type { Activity, SignUp } from './types';

export type ActivityQuery = Record<string, string | number | undefined>;

export const activityKeys = {
  all: ['activities'] as const,
  list: (q: ActivityQuery) => ['activities', 'list', q] as const,
  detail: (id: string) => ['activities', 'detail', id] as const,
  signUps: (id: string) => ['activities', 'detail', id, 'signups'] as const,
};

const notFoundNoRetry = (n: number, err: unknown) => (err as { status?: number }).status !== 404 && n < 2;

export function useActivityList(query: ActivityQuery) {
  return useQuery({
    queryKey: activityKeys.list(query),
    queryFn: ({ signal }) => api<Page<Activity>>('/v1/activities', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: string) {
  return useQuery({
    queryKey: activityKeys.detail(id),
    queryFn: ({ signal }) => api<Activity>(`/v1/activities/${id}`, { signal }),
    retry: notFoundNoRetry,
  });
}

export function useSignUps(id: string, enabled = true) {
  return useQuery({
    queryKey: activityKeys.signUps(id),
    queryFn: ({ signal }) =>
      api<{ activity: Activity; items: SignUp[] }>(`/v1/activities/${id}/signups`, { signal }),
    enabled,
  });
}

export function useCreateActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { orgId: string; body: Record<string, unknown> }) =>
      api<Activity>(`/v1/organizations/${v.orgId}/activities`, { body: v.body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: activityKeys.all }),
  });
}

/** Changes to one activity and its sign-ups; every success refreshes the activity and its lists. */
export function useActivityMutations(id: string) {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: activityKeys.all });
  return {
    update: useMutation({
      mutationFn: (body: Record<string, unknown>) =>
        api<Activity>(`/v1/activities/${id}`, { method: 'PATCH', body }),
      onSuccess,
    }),
    publish: useMutation({
      mutationFn: (version: number) => api<Activity>(`/v1/activities/${id}/publish`, { body: { version } }),
      onSuccess,
    }),
    cancel: useMutation({
      mutationFn: (body: { version: number; reason: string }) =>
        api<Activity>(`/v1/activities/${id}/cancel`, { body }),
      onSuccess,
    }),
    signUp: useMutation({
      mutationFn: (volunteerId: string) =>
        api<SignUp>(`/v1/activities/${id}/signups`, { body: { volunteerId } }),
      onSuccess,
    }),
    decide: useMutation({
      mutationFn: (v: { signUpId: string; event: string; reason?: string; version: number }) =>
        api<SignUp>(`/v1/signups/${v.signUpId}/decide`, {
          body: { event: v.event, reason: v.reason, version: v.version },
        }),
      onSuccess,
    }),
  };
}
