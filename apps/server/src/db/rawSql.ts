import { AsyncLocalStorage } from 'node:async_hooks';
import { type SQL, sql } from 'drizzle-orm';

/** `select … where a = $1` with positional parameters → a drizzle SQL object (each parameter bound once per use). */
export function rawSql(text: string, params: readonly unknown[] = []): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i % 2 === 0) {
      if (parts[i]) chunks.push(sql.raw(parts[i]));
    } else {
      chunks.push(sql`${sql.param(params[Number(parts[i]) - 1])}`);
    }
  }
  return sql.join(chunks);
}

export const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** The open transaction of the current async context, so raw queries made inside it join it. */
export const currentTx = new AsyncLocalStorage<{ execute(q: SQL): Promise<unknown> }>();
