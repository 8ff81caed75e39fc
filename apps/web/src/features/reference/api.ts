import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { ActiveCategories, RegionChild } from '../../lib/types';

export function useCategories() {
  return useQuery({
    queryKey: ['categories'],
    queryFn: ({ signal }) => api<ActiveCategories>('/v1/categories', { signal }),
    staleTime: 10 * 60_000,
  });
}

export const fetchRegionChildren = (code: string) =>
  api<{ items: RegionChild[] }>(`/v1/regions/${code}/children`).then((r) => r.items);

export function useRegionChildren(code: string | null | undefined) {
  return useQuery({
    queryKey: ['region-children', code],
    queryFn: () => fetchRegionChildren(code!),
    enabled: !!code,
    staleTime: 60 * 60_000,
  });
}

/** category code → name, for places where the server sent only the code. */
export function useCategoryName() {
  const { data } = useCategories();
  const map = new Map((data?.categories ?? []).map((c) => [c.code, c.name]));
  return (code: string | null | undefined) => (code ? (map.get(code) ?? code) : '—');
}
