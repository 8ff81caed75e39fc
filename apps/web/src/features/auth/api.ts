import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Me, Region } from '../../lib/types';

export const meKey = ['auth', 'me'] as const;

export function useMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: ({ signal }) => api<Me>('/v1/auth/me', { noAuthRedirect: true, signal }),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** The signed-in user; only call below <RequireAuth>. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside RequireAuth');
  return data;
}

export function useCan() {
  const me = useMe().data;
  return (permission: string) => !!me?.permissions.includes(permission);
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      api<{ user: Me['user'] }>('/v1/auth/login', { body, noAuthRedirect: true }),
    onSuccess: async () => {
      qc.clear();
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<void>('/v1/auth/logout', { method: 'POST', noAuthRedirect: true }),
    onSettled: () => {
      qc.clear();
      window.location.assign('/login');
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<void>('/v1/auth/password', { body }),
  });
}

export function useRegion(code: string | null | undefined) {
  return useQuery({
    queryKey: ['region', code],
    queryFn: ({ signal }) => api<Region>(`/v1/regions/${code}`, { signal }),
    enabled: !!code,
    staleTime: 60 * 60_000,
  });
}
