import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUpload } from '../../lib/api';
import type { AppDetail, AppItem, Attachment, FilingForm, Page } from '../../lib/types';
import { todoKey } from '../todo/api';

export const appKeys = {
  all: ['applications'] as const,
  list: (q: unknown) => ['applications', 'list', q] as const,
  detail: (id: string) => ['applications', 'detail', id] as const,
};

export function useAppList(query: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: appKeys.list(query),
    queryFn: ({ signal }) => api<Page<AppItem>>('/v1/applications', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useApp(id: string) {
  return useQuery({
    queryKey: appKeys.detail(id),
    queryFn: ({ signal }) => api<AppDetail>(`/v1/applications/${id}`, { signal }),
  });
}

export function useAppMutations(id: string) {
  const qc = useQueryClient();
  const settle = (data?: AppDetail) => {
    if (data && typeof data === 'object' && 'id' in data) qc.setQueryData(appKeys.detail(id), data);
    qc.invalidateQueries({ queryKey: appKeys.all });
    qc.invalidateQueries({ queryKey: todoKey });
    qc.invalidateQueries({ queryKey: ['organizations'] });
  };
  return {
    patch: useMutation({
      mutationFn: (body: { version: number; form: FilingForm }) =>
        api<AppDetail>(`/v1/applications/${id}`, { method: 'PATCH', body }),
      onSuccess: settle,
    }),
    event: useMutation({
      mutationFn: (body: { event: string; version: number; reason?: string; uscc?: string }) =>
        api<AppDetail>(`/v1/applications/${id}/events`, { body }),
      onSuccess: settle,
    }),
    upload: useMutation({
      mutationFn: (v: { file: File; purpose: string }) =>
        apiUpload<Attachment>(`/v1/applications/${id}/attachments`, v.file, { purpose: v.purpose }),
      onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.detail(id) }),
    }),
  };
}

export function useCreateFiling() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: 'filing'; organizationId?: string; regionCode: string; form: FilingForm }) =>
      api<AppDetail>('/v1/applications', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: appKeys.all }),
  });
}
