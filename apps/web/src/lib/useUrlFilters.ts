import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export type Filters = Record<string, string | undefined>;

/**
 * List state (filters, page, pageSize, sort) kept in the URL so that links, the back
 * button and exports see the same query. Changing a filter resets to page 1.
 */
export function useUrlFilters(keys: readonly string[], defaults: Filters = {}) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: Filters = {};
    for (const k of keys) f[k] = params.get(k) ?? defaults[k];
    return f;
  }, [params, keys, defaults]);
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const sort = params.get('sort') ?? undefined;

  const update = useCallback(
    (next: Filters & { page?: string; pageSize?: string; sort?: string }, resetPage = true) => {
      setParams(
        (prev) => {
          const p = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(next)) {
            if (v === undefined || v === null || v === '') p.delete(k);
            else p.set(k, String(v));
          }
          if (resetPage && !('page' in next)) p.delete('page');
          return p;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const reset = useCallback(() => {
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        for (const k of [...keys, 'page', 'sort']) p.delete(k);
        return p;
      },
      { replace: true },
    );
  }, [keys, setParams]);

  return { filters, page, pageSize, sort, update, reset };
}

/** antd Table sorter → `field` / `-field`. */
export function sortParam(sorter: unknown): string | undefined {
  const s = (Array.isArray(sorter) ? sorter[0] : sorter) as
    | { field?: string | string[]; columnKey?: string; order?: 'ascend' | 'descend' | null }
    | undefined;
  if (!s?.order) return undefined;
  const field = (s.columnKey as string) ?? (Array.isArray(s.field) ? s.field.join('.') : s.field);
  if (!field) return undefined;
  return s.order === 'descend' ? `-${field}` : field;
}

export function sortOrderOf(sort: string | undefined, field: string): 'ascend' | 'descend' | null {
  if (!sort) return null;
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}
