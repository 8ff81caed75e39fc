/**
 * Fast bulk inserts for generated data: one statement per batch, one text[] parameter per
 * column (`insert … select … from unnest($1::text[], …)`), cast to the column types in SQL.
 * Works the same on PostgreSQL and PGlite and never hits the 65,535-parameter limit.
 */
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';
import type { Database } from '../client';

function toText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * Inserts rows (objects keyed like the Drizzle table's properties) in batches. Columns are
 * those present in the first row; missing values are NULL (no column defaults), so give
 * every not-null column.
 */
export async function bulkInsert<T extends Table>(
  database: Pick<Database, 'query'>,
  table: T,
  rows: readonly T['$inferInsert'][],
  opts: { batch?: number; concurrency?: number } = {},
): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in (rows[0] as object));
  const names = columns.map(([, c]) => `"${c.name}"`).join(', ');
  const params = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const casts = columns.map(([, c], i) => `u.c${i}::${c.getSQLType()}`).join(', ');
  const aliases = columns.map((_, i) => `c${i}`).join(', ');
  const text = `insert into "${getTableName(table)}" (${names}) select ${casts} from unnest(${params}) as u(${aliases})`;
  const size = opts.batch ?? 2000;
  const batches: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += size) batches.push(rows.slice(i, i + size));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      const values = columns.map(([key]) => batch.map((r) => toText((r as Record<string, unknown>)[key])));
      await database.query(text, values);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker));
  return rows.length;
}
