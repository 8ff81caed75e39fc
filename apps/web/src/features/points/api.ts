import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Page } from '../../lib/types';

export interface PointEntry {
  id: string;
  kind: 'earn' | 'bonus' | 'deduction' | 'redeem' | 'expire' | 'reversal';
  kindLabel: string;
  /** signed change of the balance */
  points: number;
  reason: string;
  causeType: string;
  causeLabel: string;
  causeId: string | null;
  reverses: string | null;
  creditedOn: string;
  expiresOn: string | null;
  createdByName: string;
  at: string;
}

export interface PointsSummary {
  volunteerId: string;
  balance: number;
  earned: number;
  spent: number;
  expiryRule: string;
  expiring: { points: number; date: string | null; lots: { points: number; lastValidDay: string }[] };
  entries: Page<PointEntry>;
}

export interface AdjustmentResult {
  entryId: string;
  balance: number;
  duplicate: boolean;
}

export const pointsKeys = {
  all: ['points'] as const,
  volunteer: (id: string, page: number, pageSize: number) =>
    ['points', 'volunteer', id, page, pageSize] as const,
};

export function useVolunteerPoints(volunteerId: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: pointsKeys.volunteer(volunteerId, page, pageSize),
    queryFn: ({ signal }) =>
      api<PointsSummary>(`/v1/volunteers/${volunteerId}/points`, { query: { page, pageSize }, signal }),
  });
}

export function useAdjustPoints(volunteerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: {
      kind: 'bonus' | 'deduction';
      points: number;
      reason: string;
      idempotencyKey: string;
    }) => api<AdjustmentResult>(`/v1/volunteers/${volunteerId}/points/adjustments`, { body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: pointsKeys.all }),
  });
}

/** A fresh idempotency key (one per form submission; a retried submit reuses it). */
export const newRequestKey = () =>
  `web-${typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`}`;
