import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { staleVersion } from '../lib/errors';
import type { DbOrTx } from './client';

type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

/**
 * Optimistic concurrency in one place: update the row only if it still has the version the caller
 * read, bump the version, and return the new row – or throw `onStale()` (409) when someone else won.
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: DbOrTx,
  table: T,
  before: { id: string; version: number },
  changes: Partial<T['$inferInsert']>,
  onStale: () => Error = staleVersion,
): Promise<T['$inferSelect']> {
  const rows = (await tx
    .update(table)
    .set({ ...changes, version: before.version + 1 } as never)
    .where(and(eq(table.id, before.id), eq(table.version, before.version)))
    .returning()) as T['$inferSelect'][];
  if (!rows[0]) throw onStale();
  return rows[0];
}
