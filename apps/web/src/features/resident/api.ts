import { useMutation, useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../lib/api';
import type { PublicFilters } from '../../lib/types';

/** Resident pages need no login: never send the browser to /login. */
const pub = { noAuthRedirect: true } as const;

export interface RegistrationBody {
  realName: string;
  idNumber: string;
  phone: string;
  regionCode: string;
  skills: string[];
  interests: string[];
  consents: { purpose: string; granted: boolean }[];
  guardianName?: string;
  guardianPhone?: string;
  guardianConsent?: boolean;
}

export interface Registered {
  id: string;
  volunteerNumber: string;
  realName: string;
  idNumberMasked: string;
  phoneMasked: string;
  regionCode: string;
  status: string;
  createdAt: string;
}

export interface RegionItem {
  code: string;
  name: string;
}

export function useStreets() {
  return useQuery({
    queryKey: ['public', 'filters'],
    queryFn: ({ signal }) => api<PublicFilters>('/v1/public/filters', { ...pub, signal }),
    staleTime: 10 * 60_000,
  });
}

/**
 * The communities of a street, from a public region endpoint. `null` when the server has no such
 * endpoint (404/401/405): the page then asks for the community code instead.
 */
export function useCommunities(streetCode: string | undefined) {
  return useQuery({
    queryKey: ['public', 'communities', streetCode],
    queryFn: async ({ signal }) => {
      try {
        const r = await api<{ items: RegionItem[] }>(`/v1/public/regions/${streetCode}/children`, {
          ...pub,
          signal,
        });
        return r.items;
      } catch (e) {
        if (e instanceof ApiError && [401, 403, 404, 405].includes(e.status)) return null;
        throw e;
      }
    },
    enabled: !!streetCode,
    staleTime: 10 * 60_000,
    retry: false,
  });
}

export function useRegisterVolunteer() {
  return useMutation({
    mutationFn: (body: RegistrationBody) =>
      api<Registered>('/v1/public/volunteers/register', { ...pub, method: 'POST', body }),
  });
}
