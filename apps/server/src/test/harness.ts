import { randomBytes } from 'node:crypto';
import { makeIdNumber } from '@linli/core';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../app';
import { type Database, openDatabase } from '../db/client';
import { seedDemo } from '../db/seed/demo';
import { type Audit, createAudit } from '../lib/audit';
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
  /** the app's audit log writer (for jobs a test runs directly) */
  audit: Audit;
  close(): Promise<void>;
  login(username: string, password?: string): Promise<Agent>;
  /**
   * A resident who registers as a volunteer on the H5 page (in `regionCode`, default the
   * `community` account's community), opens an account and signs in: the agent's session is the
   * volunteer's own.
   */
  volunteer(opts?: { regionCode?: string; realName?: string }): Promise<VolunteerAgent>;
  anonymous: Agent;
};

export type VolunteerAgent = Agent & {
  volunteerId: string;
  idNumber: string;
  phone: string;
  volunteerNumber: string;
};

export const VOLUNTEER_PASSWORD = 'resident-2026';
let volunteerSeq = 0;

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
  if (opts.seed !== false)
    await seedDemo({ database, pii, audit, clock, password: DEMO_PASSWORD, volunteers: false });
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

  const env: TestEnv = {
    app,
    database,
    clock,
    audit,
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
    async volunteer(o = {}) {
      let regionCode = o.regionCode;
      if (!regionCode) {
        const c = await env.login('community');
        regionCode = (await c.get('/api/v1/auth/me')).json().homeRegion.code as string;
      }
      const n = volunteerSeq++;
      const idNumber = makeIdNumber(
        `44030519${50 + Math.floor(n / 1000)}0615${String(n % 1000).padStart(3, '0')}`,
      );
      // a distinct client address per registration keeps the H5 rate limit out of the way
      const remoteAddress = `10.77.${(n >> 8) & 255}.${n & 255}`;
      const phone = `139${String(10000000 + volunteerSeq).slice(-8)}`;
      const reg = await app.inject({
        method: 'POST',
        url: '/api/v1/public/volunteers/register',
        remoteAddress,
        payload: {
          realName: o.realName ?? '陈志愿',
          idNumber,
          phone,
          regionCode,
          skills: [],
          interests: [],
          consents: [
            { purpose: 'record', granted: true },
            { purpose: 'sensitive_id', granted: true },
          ],
        },
      });
      if (reg.statusCode !== 201) throw new Error(`volunteer register failed: ${reg.statusCode} ${reg.body}`);
      const acc = await app.inject({
        method: 'POST',
        url: '/api/v1/public/volunteers/account',
        remoteAddress,
        payload: { idNumber, phone, password: VOLUNTEER_PASSWORD },
      });
      if (acc.statusCode !== 201) throw new Error(`volunteer account failed: ${acc.statusCode} ${acc.body}`);
      const cookies = Object.fromEntries(acc.cookies.map((c) => [c.name, c.value]));
      return {
        ...agent(reg.json().volunteerNumber, cookies),
        volunteerId: reg.json().id as string,
        volunteerNumber: reg.json().volunteerNumber as string,
        idNumber,
        phone,
      };
    },
    async close() {
      await app.close();
      await database.close();
      await drop?.();
    },
  };
  return env;
}
