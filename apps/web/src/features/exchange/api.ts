import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Page } from '../../lib/types';

export interface RewardItem {
  id: string;
  name: string;
  description: string;
  providerKind: 'community' | 'merchant';
  providerKindLabel: string;
  providerName: string;
  regionCode: string;
  regionName: string;
  pickupPlace: string;
  pricePoints: number;
  stock: number;
  perPersonLimit: number | null;
  status: 'listed' | 'delisted';
  statusLabel: string;
  version: number;
  issuedCount: number;
  pickedUpCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Redemption {
  id: string;
  itemId: string;
  itemName: string;
  providerName: string;
  pickupPlace: string;
  regionCode: string;
  volunteerId: string;
  volunteerName: string;
  volunteerNumber: string;
  points: number;
  pickupCode: string;
  state: 'issued' | 'picked_up' | 'cancelled';
  stateLabel: string;
  createdAt: string;
  pickedUpAt: string | null;
  verifiedByName: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  version: number;
}

export type ItemInput = {
  name: string;
  description?: string;
  providerKind: 'community' | 'merchant';
  providerName: string;
  regionCode: string;
  pickupPlace: string;
  pricePoints: number;
  stock: number;
  perPersonLimit?: number | null;
};

type Query = Record<string, string | number | undefined>;

export const exchangeKeys = {
  all: ['exchange'] as const,
  items: (q: Query) => ['exchange', 'items', q] as const,
  redemptions: (q: Query) => ['exchange', 'redemptions', q] as const,
};

export function useRewardItems(query: Query) {
  return useQuery({
    queryKey: exchangeKeys.items(query),
    queryFn: ({ signal }) => api<Page<RewardItem>>('/v1/exchange/items', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useRedemptions(query: Query) {
  return useQuery({
    queryKey: exchangeKeys.redemptions(query),
    queryFn: ({ signal }) => api<Page<Redemption>>('/v1/exchange/redemptions', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Every exchange mutation refreshes items and redemptions (stock and states move together). */
export function useExchangeMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: exchangeKeys.all });
  return {
    create: useMutation({
      mutationFn: (body: ItemInput) => api<RewardItem>('/v1/exchange/items', { body }),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: Partial<ItemInput> & { id: string; version: number }) =>
        api<RewardItem>(`/v1/exchange/items/${id}`, { method: 'PATCH', body }),
      onSuccess,
    }),
    stock: useMutation({
      mutationFn: ({ id, ...body }: { id: string; version: number; delta: number; reason: string }) =>
        api<RewardItem>(`/v1/exchange/items/${id}/stock`, { body }),
      onSuccess,
    }),
    setStatus: useMutation({
      mutationFn: ({
        id,
        action,
        ...body
      }: {
        id: string;
        action: 'delist' | 'relist';
        version: number;
        reason?: string;
      }) => api<RewardItem>(`/v1/exchange/items/${id}/${action}`, { body }),
      onSuccess,
    }),
    verify: useMutation({
      mutationFn: (pickupCode: string) =>
        api<Redemption>('/v1/exchange/redemptions/verify', { body: { pickupCode } }),
      onSuccess,
    }),
    cancel: useMutation({
      mutationFn: ({ id, reason }: { id: string; reason: string }) =>
        api<Redemption>(`/v1/exchange/redemptions/${id}/cancel`, { body: { reason } }),
      onSuccess,
    }),
  };
}
