import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Todo } from '../../lib/types';

export const todoKey = ['todo'] as const;

export function useTodo(enabled = true) {
  return useQuery({
    queryKey: todoKey,
    queryFn: ({ signal }) => api<Todo>('/v1/todo', { signal }),
    enabled,
    refetchInterval: 60_000,
  });
}
