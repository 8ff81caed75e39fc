import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Page } from '../../lib/types';

export interface DormantCase {
  id: string;
  organizationId: string;
  organizationName: string;
  tier: string;
  regionCode: string;
  status: 'warned' | 'proposed' | 'cleared';
  statusLabel: string;
  lastSign: string;
  lastSignLabel: string;
  lastSignOn: string;
  warnedOn: string;
  proposedOn: string | null;
  clearedOn: string | null;
  message: string;
}

export function useDormantCases(query: Record<string, string | number | undefined>) {
  return useQuery({
    queryKey: ['dormant-cases', query],
    queryFn: ({ signal }) => api<Page<DormantCase>>('/v1/dormant-cases', { query, signal }),
    placeholderData: keepPreviousData,
  });
}
