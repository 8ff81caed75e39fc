import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { CertificateCheck, Page, PublicFilters, PublicOrg } from '../../lib/types';

const pub = { noAuthRedirect: true } as const;

export function usePublicFilters() {
  return useQuery({
    queryKey: ['public', 'filters'],
    queryFn: ({ signal }) => api<PublicFilters>('/v1/public/filters', { ...pub, signal }),
    staleTime: 10 * 60_000,
  });
}

export function usePublicOrgs(query: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: ['public', 'orgs', query],
    queryFn: ({ signal }) => api<Page<PublicOrg>>('/v1/public/organizations', { ...pub, query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function usePublicOrg(id: string) {
  return useQuery({
    queryKey: ['public', 'org', id],
    queryFn: ({ signal }) => api<PublicOrg>(`/v1/public/organizations/${id}`, { ...pub, signal }),
  });
}

export function useCertificate(number: string | undefined) {
  return useQuery({
    queryKey: ['public', 'certificate', number],
    queryFn: ({ signal }) =>
      api<CertificateCheck>(`/v1/public/certificates/${encodeURIComponent(number!)}`, { ...pub, signal }),
    enabled: !!number,
    retry: false,
  });
}
