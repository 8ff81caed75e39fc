import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Coverage } from '../../lib/types';

export function useCoverage(regionCode: string | undefined) {
  return useQuery({
    queryKey: ['coverage', regionCode ?? 'home'],
    queryFn: ({ signal }) => api<Coverage>('/v1/dashboard/coverage', { query: { regionCode }, signal }),
    placeholderData: keepPreviousData,
  });
}
