import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiUpload } from '../../lib/api';
import type { AuditEntry, ImportResult, Page } from '../../lib/types';
import type { Membership, Team, VolunteerDetail, VolunteerItem } from './types';

export type VolunteerQuery = Record<string, string | number | undefined>;

export const volunteerKeys = {
  all: ['volunteers'] as const,
  list: (q: VolunteerQuery) => ['volunteers', 'list', q] as const,
  detail: (id: string) => ['volunteers', 'detail', id] as const,
};

export const teamKeys = {
  all: ['teams'] as const,
  ofOrg: (orgId: string) => ['teams', 'org', orgId] as const,
  members: (teamId: string) => ['teams', 'members', teamId] as const,
};

export function useVolunteerList(query: VolunteerQuery, enabled = true) {
  return useQuery({
    queryKey: volunteerKeys.list(query),
    queryFn: ({ signal }) => api<Page<VolunteerItem>>('/v1/volunteers', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useVolunteer(id: string) {
  return useQuery({
    queryKey: volunteerKeys.detail(id),
    queryFn: ({ signal }) => api<VolunteerDetail>(`/v1/volunteers/${id}`, { signal }),
    retry: (n, err) => (err as { status?: number }).status !== 404 && n < 2,
  });
}

export function useVolunteerAudit(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...volunteerKeys.detail(id), 'audit'],
    queryFn: ({ signal }) =>
      api<Page<AuditEntry>>('/v1/audit', {
        query: { entityType: 'volunteer', entityId: id, pageSize: 100 },
        signal,
      }),
    enabled,
  });
}

export function useCreateVolunteer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<VolunteerDetail>('/v1/volunteers', { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: volunteerKeys.all }),
  });
}

/** Edit and consent changes on one volunteer; the answer is the fresh detail. */
export function useVolunteerMutations(id: string) {
  const qc = useQueryClient();
  const onSuccess = (v: VolunteerDetail) => {
    qc.setQueryData(volunteerKeys.detail(id), v);
    void qc.invalidateQueries({ queryKey: volunteerKeys.all });
  };
  return {
    update: useMutation({
      mutationFn: (body: Record<string, unknown>) =>
        api<VolunteerDetail>(`/v1/volunteers/${id}`, { method: 'PATCH', body }),
      onSuccess,
    }),
    consent: useMutation({
      mutationFn: (body: { purpose: string; granted: boolean; how: 'staff_recorded' | 'guardian' }) =>
        api<VolunteerDetail>(`/v1/volunteers/${id}/consents`, { body }),
      onSuccess,
    }),
  };
}

export function useVolunteerImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; dryRun: boolean }) =>
      apiUpload<ImportResult>('/v1/volunteers/import', v.file, {}, { query: { dryRun: String(v.dryRun) } }),
    onSuccess: (r) => {
      if (r.committed) void qc.invalidateQueries({ queryKey: volunteerKeys.all });
    },
  });
}

export function useTeams(orgId: string | undefined) {
  return useQuery({
    queryKey: teamKeys.ofOrg(orgId ?? ''),
    queryFn: ({ signal }) => api<{ items: Team[] }>(`/v1/organizations/${orgId}/teams`, { signal }),
    enabled: !!orgId,
  });
}

export function useCreateTeam(orgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) => api<Team>(`/v1/organizations/${orgId}/teams`, { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: teamKeys.all }),
  });
}

export function useMemberships(teamId: string) {
  return useQuery({
    queryKey: teamKeys.members(teamId),
    queryFn: ({ signal }) =>
      api<{ team: Team; items: Membership[] }>(`/v1/teams/${teamId}/memberships`, { signal }),
    retry: (n, err) => (err as { status?: number }).status !== 404 && n < 2,
  });
}

export function useTeamMutations(teamId: string) {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: teamKeys.all });
  return {
    join: useMutation({
      mutationFn: (volunteerId: string) =>
        api<Membership>(`/v1/teams/${teamId}/join`, { body: { volunteerId } }),
      onSuccess,
    }),
    decide: useMutation({
      mutationFn: (v: { membershipId: string; decision: 'approve' | 'reject'; reason?: string }) =>
        api<Membership>(`/v1/teams/${teamId}/memberships/${v.membershipId}/decide`, {
          body: { decision: v.decision, reason: v.reason },
        }),
      onSuccess,
    }),
  };
}

/** Name of an organization (for headers and links). */
export function useOrgName(orgId: string | undefined) {
  return useQuery({
    queryKey: ['organizations', 'detail', orgId],
    queryFn: ({ signal }) => api<{ id: string; name: string }>(`/v1/organizations/${orgId}`, { signal }),
    enabled: !!orgId,
  });
}
