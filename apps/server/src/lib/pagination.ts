import { z } from 'zod';

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  q: z.string().trim().max(100).optional(),
  sort: z.string().max(40).optional(),
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const pageOf = <S extends z.ZodType>(item: S) =>
  z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });

/** `name` or `-name` → column key and direction, restricted to an allow-list. */
export function parseSort<K extends string>(sort: string | undefined, allowed: readonly K[], fallback: K) {
  const desc = !!sort?.startsWith('-');
  const key = (sort?.replace(/^-/, '') ?? '') as K;
  return allowed.includes(key) ? { key, desc } : { key: fallback, desc: fallback === ('updatedAt' as K) };
}

/** Escape LIKE wildcards in user search text. */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
