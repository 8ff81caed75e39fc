import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { AuditEntry, CategoryScheme, CoverageTargets, Page, UserItem } from '../../lib/types';

export type GrantInput = { role: string; regionCode?: string; organizationId?: string };

export function useUsers(query: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: ['users', query],
    queryFn: ({ signal }) => api<Page<UserItem>>('/v1/users', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUserMutations() {
  const qc = useQueryClient();
  const done = () => qc.invalidateQueries({ queryKey: ['users'] });
  return {
    create: useMutation({
      mutationFn: (body: { username: string; displayName: string; password: string; grants: GrantInput[] }) =>
        api<UserItem>('/v1/users', { body }),
      onSuccess: done,
    }),
    update: useMutation({
      mutationFn: (v: { id: string; version?: number; displayName?: string; status?: string }) =>
        api<UserItem>(`/v1/users/${v.id}`, {
          method: 'PATCH',
          body: { version: v.version, displayName: v.displayName, status: v.status },
        }),
      onSuccess: done,
    }),
    resetPassword: useMutation({
      mutationFn: (v: { id: string; password: string }) =>
        api<void>(`/v1/users/${v.id}/password`, { body: { password: v.password } }),
    }),
    grant: useMutation({
      mutationFn: (v: { id: string } & GrantInput) =>
        api<unknown>(`/v1/users/${v.id}/grants`, {
          body: { role: v.role, regionCode: v.regionCode, organizationId: v.organizationId },
        }),
      onSuccess: done,
    }),
    revoke: useMutation({
      mutationFn: (v: { id: string; grantId: string }) =>
        api<unknown>(`/v1/users/${v.id}/grants/${v.grantId}/revoke`, { body: {} }),
      onSuccess: done,
    }),
  };
}

export function useSchemes() {
  return useQuery({
    queryKey: ['category-schemes'],
    queryFn: ({ signal }) => api<{ items: CategoryScheme[] }>('/v1/category-schemes', { signal }),
  });
}

export function useSchemeMutations() {
  const qc = useQueryClient();
  const done = () => {
    qc.invalidateQueries({ queryKey: ['category-schemes'] });
    qc.invalidateQueries({ queryKey: ['categories'] });
    qc.invalidateQueries({ queryKey: ['coverage'] });
  };
  return {
    activate: useMutation({
      mutationFn: (code: string) =>
        api<unknown>('/v1/settings/category-scheme', { method: 'PUT', body: { code } }),
      onSuccess: done,
    }),
    save: useMutation({
      mutationFn: (s: CategoryScheme & { version?: number }) =>
        api<unknown>(`/v1/category-schemes/${s.code}`, {
          method: 'PUT',
          body: { name: s.name, fivePlusX: s.fivePlusX, categories: s.categories, version: s.version },
        }),
      onSuccess: done,
    }),
  };
}

export function useTargets() {
  return useQuery({
    queryKey: ['coverage-targets'],
    queryFn: ({ signal }) => api<CoverageTargets>('/v1/settings/coverage-targets', { signal }),
  });
}

export function useSaveTargets() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CoverageTargets) =>
      api<CoverageTargets>('/v1/settings/coverage-targets', { method: 'PUT', body }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['coverage-targets'] });
      qc.invalidateQueries({ queryKey: ['coverage'] });
    },
  });
}

export function useAudit(query: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => api<Page<AuditEntry>>('/v1/audit', { query, signal }),
    placeholderData: keepPreviousData,
  });
}
