import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { ServiceCertCheck, ServiceCertificate, VolunteerStats } from './types';

export function useVolunteerStats(regionCode: string | undefined) {
  return useQuery({
    queryKey: ['volunteer-stats', regionCode ?? 'home'],
    queryFn: ({ signal }) =>
      api<VolunteerStats>('/v1/volunteer-stats/overview', { query: { regionCode }, signal }),
    placeholderData: keepPreviousData,
  });
}

const certKey = (volunteerId: string) => ['service-certificates', volunteerId] as const;

export function useVolunteerCertificates(volunteerId: string) {
  return useQuery({
    queryKey: certKey(volunteerId),
    queryFn: ({ signal }) =>
      api<{ items: ServiceCertificate[] }>(`/v1/volunteers/${volunteerId}/certificates`, { signal }),
  });
}

export function useCertificateMutations(volunteerId: string) {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: certKey(volunteerId) });
  return {
    issue: useMutation({
      mutationFn: (body: { from: string; to: string; organizationId?: string }) =>
        api<ServiceCertificate>(`/v1/volunteers/${volunteerId}/certificates`, { body }),
      onSuccess,
    }),
    revoke: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) =>
        api<ServiceCertificate>(`/v1/service-certificates/${id}/revoke`, {
          method: 'POST',
          body: { reason },
        }),
      onSuccess,
    }),
  };
}

/** Public verification (no login). */
export function useServiceCertCheck(number: string | undefined) {
  return useQuery({
    queryKey: ['public-service-cert', number],
    enabled: !!number,
    retry: false,
    queryFn: ({ signal }) =>
      api<ServiceCertCheck>(`/v1/public/service-certificates/${encodeURIComponent(number!)}`, {
        signal,
        noAuthRedirect: true,
      }),
  });
}
