import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config';
import { type Database, openDatabase } from './db/client';
import { type Audit, createAudit } from './lib/audit';
import { type Clock, systemClock } from './lib/clock';
import { createPii, type Pii, resolveSecret } from './lib/crypto';

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

export type Runtime = { database: Database; pii: Pii; audit: Audit; clock: Clock };

/** Open the configured database, apply migrations and build the shared dependencies. */
export async function openRuntime(config: Config): Promise<Runtime> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  await database.migrate();
  const pii = createPii(resolveSecret(config.secret, config.dataDir));
  const clock = systemClock;
  return { database, pii, audit: createAudit({ clock }), clock };
}
