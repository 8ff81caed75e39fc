import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Coverage } from '../../lib/types';

export function useCoverage(regionCode: string | undefined, page = 1) {
  return useQuery({
    queryKey: ['coverage', regionCode ?? 'home', page],
    queryFn: ({ signal }) =>
      api<Coverage>('/v1/dashboard/coverage', {
        query: { regionCode, page: page > 1 ? page : undefined },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
