import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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

// ───────────────────────────── signed-in resident ─────────────────────────────

/** `GET /api/v1/me/volunteer`: the signed-in volunteer's profile, hours, star and points. */
export interface MyVolunteer {
  id: string;
  volunteerNumber: string;
  realName: string;
  idNumberMasked: string;
  phoneMasked: string;
  regionCode: string;
  regionName: string | null;
  streetName: string | null;
  registeredAt: string;
  minutes: number;
  checkinMinutes: number;
  backfillMinutes: number;
  records: number;
  star: { level: number; label: string; hoursToNext?: number | null; minutesToNext?: number | null };
  points: number;
}

export const meKey = ['m', 'me'] as const;

/**
 * The signed-in volunteer, or null when nobody (or a staff account) is signed in.
 * Never sends the browser to the console login.
 */
export function useMyVolunteer() {
  return useQuery({
    queryKey: meKey,
    queryFn: async ({ signal }) => {
      try {
        return await api<MyVolunteer>('/v1/me/volunteer', { ...pub, signal });
      } catch (e) {
        if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return null;
        throw e;
      }
    },
    retry: false,
    // hours and points change elsewhere (check-out, staff bonus): re-read on every page
    staleTime: 0,
  });
}

/** GET for the signed-in pages (401 is handled by the page, not by a redirect to /login). */
export const meGet = <T>(path: string, signal?: AbortSignal, query?: Record<string, string | number>) =>
  api<T>(path, { ...pub, signal, query });
export const mePost = <T>(path: string, body?: unknown) =>
  api<T>(path, { ...pub, method: 'POST', body: body ?? {} });

export function useResidentLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { idNumber: string; password: string }) =>
      api<{ volunteerId: string; displayName: string }>('/v1/public/volunteers/login', {
        ...pub,
        method: 'POST',
        body,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['m'] }),
  });
}

export function useOpenAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { idNumber: string; phone: string; password: string }) =>
      api<{ volunteerId: string; volunteerNumber: string }>('/v1/public/volunteers/account', {
        ...pub,
        method: 'POST',
        body,
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['m'] }),
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<{ ok: boolean }>('/v1/auth/logout', { ...pub, method: 'POST' }),
    onSettled: () => {
      qc.setQueryData(meKey, null);
      qc.removeQueries({ queryKey: ['m'], predicate: (q) => q.queryKey[1] !== 'me' });
    },
  });
}

// ───────────────────────────── activities ─────────────────────────────

export interface PublicActivity {
  id: string;
  title: string;
  content: string;
  category: string;
  categoryLabel: string;
  place: string;
  regionCode: string;
  communityName: string | null;
  streetName: string | null;
  organizationName: string;
  startsAt: string;
  endsAt: string;
  wanted: number;
  signupOpensAt: string;
  signupClosesAt: string;
  status: string;
  statusLabel: string;
  cancelReason: string | null;
  coefficient: number;
  approvedCount: number;
  seatsLeft: number;
  signupOpen: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const ACTIVITY_PAGE_SIZE = 10;

export function usePublicActivities(filter: { category?: string; regionCode?: string }) {
  return useInfiniteQuery({
    queryKey: ['public', 'activities', filter],
    initialPageParam: 1,
    queryFn: ({ pageParam, signal }) =>
      api<Page<PublicActivity>>('/v1/public/activities', {
        ...pub,
        signal,
        query: { ...filter, page: pageParam, pageSize: ACTIVITY_PAGE_SIZE },
      }),
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}

export function usePublicActivity(id: string | undefined) {
  return useQuery({
    queryKey: ['public', 'activity', id],
    queryFn: ({ signal }) => api<PublicActivity>(`/v1/public/activities/${id}`, { ...pub, signal }),
    enabled: !!id,
    retry: false,
  });
}

/** A sign-up of mine, as `GET /api/v1/me/signups` lists it. */
export interface MySignup {
  id: string;
  activityId: string;
  state: string;
  stateLabel?: string;
  reason?: string | null;
  createdAt?: string;
  version?: number;
  canWithdraw?: boolean;
  activity?: Partial<PublicActivity> & { id?: string; title?: string; startsAt?: string; endsAt?: string };
  title?: string;
  startsAt?: string;
  endsAt?: string;
  place?: string;
  attendance?: MyAttendance | null;
}

export interface MyAttendance {
  state?: string;
  stateLabel?: string;
  checkedInAt?: string | null;
  checkedOutAt?: string | null;
  minutes?: number | null;
}

/** My sign-ups: 'upcoming' (not yet ended, soonest first) or all of them (up to 100). */
export function useMySignups(filter?: 'upcoming') {
  const query = { pageSize: 100, ...(filter ? { filter } : {}) };
  return useQuery({
    queryKey: ['m', 'signups', query],
    queryFn: ({ signal }) => meGet<Page<MySignup>>('/v1/me/signups', signal, query),
    retry: false,
  });
}

/** `GET /api/v1/me/activities/:id`: the activity with my latest sign-up. */
export interface MyActivityState extends Partial<PublicActivity> {
  mySignUp: MySignup | null;
  canSignUp: boolean;
}

export function useMyActivity(id: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['m', 'activity', id],
    queryFn: ({ signal }) => meGet<MyActivityState>(`/v1/me/activities/${id}`, signal),
    enabled: !!id && enabled,
    retry: false,
  });
}

export function useInvalidateMine() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['m'] });
}

/** Page or plain list → items. */
export const itemsOf = <T>(d: { items: T[] } | T[] | undefined | null): T[] =>
  Array.isArray(d) ? d : (d?.items ?? []);
