import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUpload } from '../../lib/api';
import type {
  AuditEntry,
  ImportResult,
  LedgerActivity,
  Member,
  OrgDetail,
  OrgItem,
  Page,
  Revision,
} from '../../lib/types';

export type OrgQuery = Record<string, string | number | undefined>;

export const orgKeys = {
  all: ['organizations'] as const,
  list: (q: OrgQuery) => ['organizations', 'list', q] as const,
  detail: (id: string) => ['organizations', 'detail', id] as const,
  sub: (id: string, what: string, q?: unknown) => ['organizations', 'detail', id, what, q] as const,
};

export function useOrgList(query: OrgQuery) {
  return useQuery({
    queryKey: orgKeys.list(query),
    queryFn: ({ signal }) => api<Page<OrgItem>>('/v1/organizations', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useOrg(id: string) {
  return useQuery({
    queryKey: orgKeys.detail(id),
    queryFn: ({ signal }) => api<OrgDetail>(`/v1/organizations/${id}`, { signal }),
  });
}

export function useOrgHistory(id: string, enabled: boolean) {
  return useQuery({
    queryKey: orgKeys.sub(id, 'history'),
    queryFn: ({ signal }) => api<{ items: Revision[] }>(`/v1/organizations/${id}/history`, { signal }),
    enabled,
  });
}

export function useOrgAudit(id: string, enabled: boolean) {
  return useQuery({
    queryKey: orgKeys.sub(id, 'audit'),
    queryFn: ({ signal }) => api<{ items: AuditEntry[] }>(`/v1/organizations/${id}/audit`, { signal }),
    enabled,
  });
}

export function useMembers(
  id: string,
  query: { q?: string; page: number; pageSize?: number },
  enabled: boolean,
) {
  return useQuery({
    queryKey: orgKeys.sub(id, 'members', query),
    queryFn: ({ signal }) =>
      api<{ items: Member[]; total?: number; page?: number; pageSize?: number }>(
        `/v1/organizations/${id}/members`,
        {
          query,
          signal,
        },
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useLedger(id: string, enabled: boolean) {
  return useQuery({
    queryKey: orgKeys.sub(id, 'ledger'),
    queryFn: ({ signal }) =>
      api<{ items: LedgerActivity[]; total?: number }>(`/v1/organizations/${id}/ledger-activities`, {
        signal,
      }),
    enabled,
  });
}

/** Mutations on one organization; every success refreshes its detail and sub-lists. */
export function useOrgMutations(id: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: orgKeys.detail(id) });
  const m = <V, R>(fn: (v: V) => Promise<R>) => ({ mutationFn: fn, onSuccess: refresh });
  return {
    update: useMutation(
      m((body: Record<string, unknown>) =>
        api<OrgDetail>(`/v1/organizations/${id}`, { method: 'PATCH', body }),
      ),
    ),
    reveal: useMutation({
      mutationFn: (field: 'leaderIdNumber' | 'leaderPhone' | 'contactPhone') =>
        api<{ value: string }>(`/v1/organizations/${id}/reveal`, { body: { field } }),
    }),
    recommendFiling: useMutation(
      m(() => api<{ id: string }>(`/v1/organizations/${id}/recommend-filing`, { body: {} })),
    ),
    recommendRegistration: useMutation(
      m(() => api<{ id: string }>(`/v1/organizations/${id}/recommend-registration`, { body: {} })),
    ),
    change: useMutation(
      m((body: { changes: Record<string, string>; note: string }) =>
        api<{ id: string }>(`/v1/organizations/${id}/change`, { body }),
      ),
    ),
    exit: useMutation(
      m((body: { kind: 'dissolution' | 'cancellation'; reason: string }) =>
        api<{ id: string }>(`/v1/organizations/${id}/exit`, { body }),
      ),
    ),
    addMember: useMutation(
      m((body: { name: string; role: string; phone?: string; joinedOn?: string }) =>
        api<Member>(`/v1/organizations/${id}/members`, { body }),
      ),
    ),
    leaveMember: useMutation(
      m((v: { memberId: string; leftOn: string }) =>
        api<Member>(`/v1/organizations/${id}/members/${v.memberId}/leave`, { body: { leftOn: v.leftOn } }),
      ),
    ),
    addLedger: useMutation(
      m((body: Omit<LedgerActivity, 'id' | 'createdAt'>) =>
        api<LedgerActivity>(`/v1/organizations/${id}/ledger-activities`, { body }),
      ),
    ),
    importMembers: useMutation({
      mutationFn: (v: { file: File; dryRun: boolean }) =>
        apiUpload<ImportResult>(
          `/v1/organizations/${id}/members/import`,
          v.file,
          {},
          {
            query: { dryRun: String(v.dryRun) },
          },
        ),
      onSuccess: (r) => {
        if (r.committed) refresh();
      },
    }),
  };
}

export function useCreateGroup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<OrgDetail>('/v1/organizations', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.all }),
  });
}

export function useOrgImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; dryRun: boolean }) =>
      apiUpload<ImportResult>(
        '/v1/organizations/import',
        v.file,
        {},
        { query: { dryRun: String(v.dryRun) } },
      ),
    onSuccess: (r) => {
      if (r.committed) qc.invalidateQueries({ queryKey: orgKeys.all });
    },
  });
}
