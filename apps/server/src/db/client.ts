import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { currentTx, rawSql, rowsOf } from './rawSql';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either the database or an open transaction. */
export type DbOrTx = Db | Tx;

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Raw query with positional parameters, for hot paths and tools. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
};

export async function openDatabase(opts: {
  url?: string;
  dataDir?: string;
  memory?: boolean;
}): Promise<Database> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: Number(process.env.PG_POOL_MAX ?? 10) });
    // an idle connection closed by the server (restart, failover) must not crash the process; the pool replaces it
    pool.on('error', (err) => console.error('PostgreSQL idle connection error:', err.message));
    const db = joinTransactions(drizzlePg(pool, { schema }) as unknown as Db);
    return {
      db,
      kind: 'postgres',
      migrate: () => migratePg(db as unknown as Parameters<typeof migratePg>[0], { migrationsFolder }),
      close: () => pool.end(),
      query: async <T>(text: string, params?: unknown[]) => {
        const tx = currentTx.getStore();
        if (tx) return rowsOf<T>(await tx.execute(rawSql(text, params)));
        return (await pool.query(text, params)).rows as T[];
      },
    };
  }
  let client: PGlite;
  if (opts.memory || !opts.dataDir) {
    client = new PGlite();
  } else {
    const dir = path.join(opts.dataDir, 'pglite');
    fs.mkdirSync(dir, { recursive: true });
    client = new PGlite(dir);
  }
  await client.waitReady;
  const db = joinTransactions(drizzlePglite(client, { schema }) as unknown as Db);
  return {
    db,
    kind: 'pglite',
    migrate: () => migratePglite(db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder }),
    close: () => client.close(),
    query: async <T>(text: string, params?: unknown[]) => {
      const tx = currentTx.getStore();
      if (tx) return rowsOf<T>(await tx.execute(rawSql(text, params)));
      return (await client.query<T>(text, params)).rows;
    },
  };
}

/**
 * Raw queries made while a transaction is open in the same async context run inside it: they see its writes,
 * and on PGlite (one connection) they would otherwise wait for it forever.
 */
function joinTransactions(db: Db): Db {
  const begin = db.transaction.bind(db);
  db.transaction = ((fn: (tx: Tx) => Promise<unknown>, config?: Parameters<Db['transaction']>[1]) =>
    begin((tx) => currentTx.run(tx, () => fn(tx)), config)) as Db['transaction'];
  return db;
}

/** Names of migrations in the folder, to compare with what has been applied. */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}
