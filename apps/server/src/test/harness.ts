import { randomBytes } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app';
import { type Database, openDatabase } from '../db/client';
import { seedDemo } from '../db/seed/demo';
import { createAudit } from '../lib/audit';
import type { Clock } from '../lib/clock';
import { createPii } from '../lib/crypto';

export const DEMO_PASSWORD = 'test-pass-2026';

/** Which database the HTTP tests run on: PGlite in memory, or a fresh database on TEST_DATABASE_URL when LINLI_TEST_DB=postgres. */
export const testDbKind = process.env.LINLI_TEST_DB === 'postgres' ? 'postgres' : 'pglite';

async function freshPostgres(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('LINLI_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `linli_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export type TestEnv = {
  app: FastifyInstance;
  database: Database;
  clock: Clock & { set(d: Date): void };
  close(): Promise<void>;
  login(username: string, password?: string): Promise<Agent>;
  anonymous: Agent;
};

export type Agent = {
  username: string;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
};

/** A seeded app over a real database (the demo data set: 南山区 with demo accounts). */
export async function createTestEnv(opts: { seed?: boolean } = {}): Promise<TestEnv> {
  let drop: (() => Promise<void>) | undefined;
  let database: Database;
  if (testDbKind === 'postgres') {
    const fresh = await freshPostgres();
    drop = fresh.drop;
    database = await openDatabase({ url: fresh.url });
  } else {
    database = await openDatabase({ memory: true });
  }
  await database.migrate();
  let now: Date | null = null;
  const clock = { now: () => now ?? new Date(), set: (d: Date) => (now = d) };
  const pii = createPii('test-secret-for-linli-0123456789abcdef');
  const audit = createAudit({ clock });
  if (opts.seed !== false) await seedDemo({ database, pii, audit, clock, password: DEMO_PASSWORD });
  const app = await buildApp({
    database,
    pii,
    audit,
    clock,
    config: { publicUrl: 'http://linli.test', logLevel: 'warn' },
  });

  const agent = (username: string, cookies: Record<string, string>): Agent => {
    const request = (o: InjectOptions): Promise<LightMyRequestResponse> =>
      app.inject({
        ...o,
        cookies: { ...cookies, ...(o.cookies ?? {}) },
        headers: { ...(cookies.csrf ? { 'x-csrf-token': cookies.csrf } : {}), ...(o.headers ?? {}) },
      });
    return {
      username,
      request,
      get: (url) => request({ method: 'GET', url }),
      post: (url, body) => request({ method: 'POST', url, payload: body as InjectOptions['payload'] }),
      patch: (url, body) => request({ method: 'PATCH', url, payload: body as InjectOptions['payload'] }),
      put: (url, body) => request({ method: 'PUT', url, payload: body as InjectOptions['payload'] }),
    };
  };

  return {
    app,
    database,
    clock,
    anonymous: agent('anonymous', {}),
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookies = Object.fromEntries(res.cookies.map((c) => [c.name, c.value]));
      return agent(username, cookies);
    },
    async close() {
      await app.close();
      await database.close();
      await drop?.();
    },
  };
}
