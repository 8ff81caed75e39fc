/**
 * HTTP benchmark of the scoped organization list, search and district dashboard, beside a bare
 * Fastify + pg server running the same SQL (the ceiling, ceiling.ts).
 *
 *   npm run bench -w bench                 # reuse database linli_bench (generated when missing)
 *   npm run bench -w bench -- --fresh      # drop and regenerate it
 *   npm run bench -w bench -- --duration 5 --no-pglite
 *
 * 1. PostgreSQL: creates or reuses the database (20,000 organizations, 100,000 members in 深圳市),
 *    starts the real server (child process, LINLI_SEED=none, LOG_LEVEL=warn) and the ceiling,
 *    logs in as `district` (南山区), checks that both answer each request with the same rows,
 *    then measures each request with autocannon (10 connections, warm-up, then --duration s)
 *    against the app and the ceiling in turn, and single-user latency (sequential requests).
 * 2. PGlite: generates the same data set into a temporary data directory, starts the server on it
 *    and measures single-user latency of the same requests.
 * Prints a table and writes it to bench/results/latest.md. Everything listens on 127.0.0.1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import { POOL_SIZE, startCeiling } from './ceiling';
import { BENCH_PASSWORD, BENCH_SECRET, generateBench } from './generate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DISTRICT = '440305000000';

type Endpoint = { key: string; label: string; path: string; kind: 'list' | 'dashboard' };

const ENDPOINTS: Endpoint[] = [
  { key: 'list', label: 'list, page 1', path: '/api/v1/organizations?page=1&pageSize=20', kind: 'list' },
  {
    key: 'deep',
    label: 'list, page 100',
    path: '/api/v1/organizations?page=100&pageSize=20',
    kind: 'list',
  },
  {
    key: 'search',
    label: 'search q=互助',
    path: `/api/v1/organizations?page=1&pageSize=20&q=${encodeURIComponent('互助')}`,
    kind: 'list',
  },
  {
    key: 'dashboard',
    label: 'dashboard 南山区',
    path: `/api/v1/dashboard/coverage?regionCode=${DISTRICT}`,
    kind: 'dashboard',
  },
];

const CITY_ENDPOINTS: Endpoint[] = [
  { key: 'list', label: 'list, page 1', path: '/api/v1/organizations?page=1&pageSize=20', kind: 'list' },
  {
    key: 'dashboard',
    label: 'dashboard 深圳市',
    path: '/api/v1/dashboard/coverage?regionCode=440300000000',
    kind: 'dashboard',
  },
];

type Load = { rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number };
type Seq = { n: number; p50: number; p99: number; mean: number };

const { values: args } = parseArgs({
  options: {
    server: { type: 'string', default: process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432' },
    db: { type: 'string', default: 'linli_bench' },
    fresh: { type: 'boolean', default: false },
    connections: { type: 'string', default: '10' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '4' },
    seq: { type: 'string', default: '200' },
    city: { type: 'string', default: '5' },
    'no-pglite': { type: 'boolean', default: false },
    'pglite-orgs': { type: 'string', default: '20000' },
    'pglite-members': { type: 'string', default: '100000' },
    out: { type: 'string', default: path.join(root, 'bench/results/latest.md') },
    help: { type: 'boolean', short: 'h' },
  },
});

const log = (line: string) => console.log(`[bench] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

// ------------------------------------------------------------------ database

async function ensureDatabase(server: string, db: string, fresh: boolean): Promise<string> {
  const url = `${server.replace(/\/$/, '')}/${db}`;
  const admin = new pg.Client({ connectionString: `${server.replace(/\/$/, '')}/postgres` });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [db])).rowCount! > 0;
    let generate = fresh || !exists;
    if (exists && fresh) await admin.query(`drop database "${db}" with (force)`);
    if (exists && !fresh) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        const { rows } = await c.query(
          `select (select count(*)::int from organizations) as orgs, (select count(*)::int from organization_members) as members`,
        );
        log(`reusing database ${db}: ${rows[0].orgs} organizations, ${rows[0].members} members`);
        if (rows[0].orgs === 0) throw new Error('empty');
      } catch {
        log(`database ${db} is not a bench database: regenerating`);
        await c.end();
        await admin.query(`drop database "${db}" with (force)`);
        generate = true;
      } finally {
        await c.end().catch(() => {});
      }
    }
    if (generate) {
      await admin.query(`create database "${db}"`);
      log(`generating ${db} (深圳市, 20,000 organizations, 100,000 members)…`);
      const r = await generateBench({ url, log: (l) => log(`  ${l}`) });
      log(`  ${JSON.stringify(r.counts)}`);
    }
  } finally {
    await admin.end();
  }
  return url;
}

async function datasetFacts(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `select (select count(*)::int from regions where level = 3) as districts,
              (select count(*)::int from regions where level = 4) as streets,
              (select count(*)::int from regions where level = 5) as communities,
              (select count(*)::int from organizations) as organizations,
              (select count(*)::int from organization_members) as members,
              (select count(*)::int from organizations where region_code between $1 and $2 and status <> 'exited') as scoped,
              version() as version, pg_size_pretty(pg_database_size(current_database())) as size`,
      ['440305000000', '440305999999'],
    );
    return rows[0] as Record<string, string | number>;
  } finally {
    await c.end();
  }
}

// ------------------------------------------------------------------ processes

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

type AppProcess = { base: string; child: ChildProcess; stop: () => Promise<void>; logFile: string };

/** The real Linli server as `npx tsx apps/server/src/main.ts`, in its own process group. */
async function startApp(env: Record<string, string>, name: string): Promise<AppProcess> {
  const port = await freePort();
  const logFile = path.join(os.tmpdir(), `linli-bench-${name}-${process.pid}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn('npx', ['tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LINLI_SECRET: BENCH_SECRET,
      LINLI_SEED: 'none',
      LOG_LEVEL: 'warn',
      PG_POOL_MAX: String(POOL_SIZE),
      NODE_ENV: 'production',
      ...env,
    },
  });
  fs.closeSync(out);
  let exited = false;
  const exit = new Promise<void>((r) =>
    child.once('exit', () => {
      exited = true;
      r();
    }),
  );
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited || !child.pid) return;
    process.kill(-child.pid, 'SIGTERM');
    const t = setTimeout(() => !exited && child.pid && process.kill(-child.pid, 'SIGKILL'), 5000);
    await exit;
    clearTimeout(t);
  };
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited)
      throw new Error(`the server exited on start; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8')}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not become healthy; see ${logFile}`);
    }
    await sleep(250);
  }
  return { base, child, stop, logFile };
}

async function login(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!r.ok) throw new Error(`login as ${username} answered ${r.status}: ${await r.text()}`);
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie.includes('linli_session=')) throw new Error('login set no session cookie');
  return cookie;
}

// ------------------------------------------------------------------ measuring

async function getJson(url: string, cookie?: string) {
  const r = await fetch(url, { headers: cookie ? { cookie } : {} });
  const text = await r.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: r.status, bytes: Buffer.byteLength(text), body };
}

type ListBody = { items: { id: string }[]; total: number };
type DashBody = { totals?: { organizations: number }; region?: { code: string } };

/** Both answer 200 with a non-empty body, and the same rows (same SQL, same database). */
async function verify(e: Endpoint, appBase: string, cookie: string, ceilingBase: string | null) {
  const a = await getJson(appBase + e.path, cookie);
  if (a.status !== 200 || a.bytes === 0)
    throw new Error(`app ${e.path} answered ${a.status} (${a.bytes} bytes)`);
  const facts: string[] = [`app ${a.bytes} B`];
  if (e.kind === 'list') {
    const b = a.body as ListBody;
    if (!b.items?.length) throw new Error(`app ${e.path}: no items`);
    facts.push(`${b.items.length} items of ${b.total}`);
  }
  if (!ceilingBase) return facts.join(', ');
  const c = await getJson(ceilingBase + e.path);
  if (c.status !== 200 || c.bytes === 0) throw new Error(`ceiling ${e.path} answered ${c.status}`);
  facts.push(`ceiling ${c.bytes} B`);
  if (e.kind === 'list') {
    const x = a.body as ListBody;
    const y = c.body as ListBody;
    const same = x.total === y.total && x.items.map((i) => i.id).join() === y.items.map((i) => i.id).join();
    if (!same) throw new Error(`app and ceiling disagree on ${e.path}: totals ${x.total} / ${y.total}`);
    facts.push('same rows');
  } else {
    const x = a.body as DashBody;
    const y = c.body as DashBody;
    if (x.totals?.organizations !== y.totals?.organizations)
      throw new Error(
        `app and ceiling disagree on ${e.path}: ${x.totals?.organizations} / ${y.totals?.organizations} live organizations`,
      );
    facts.push(`${x.totals?.organizations} live organizations in both`);
  }
  return facts.join(', ');
}

type Target = { name: string; url: string; cookie?: string };

/** One autocannon run; every response time is kept (autocannon's own summary has no merge). */
function cannon(t: Target, seconds: number, times?: number[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const tracker = autocannon(
      {
        url: t.url,
        connections: Number(args.connections),
        duration: seconds,
        headers: t.cookie ? { cookie: t.cookie } : undefined,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    if (times) tracker.on('response', (_c, _s, _b, ms) => times.push(ms));
  });
}

/**
 * Load on several targets, interleaved: a warm-up each, then `rounds` turns of duration/rounds
 * seconds (A B, B A, …) so drift on a shared machine falls on both alike.
 */
async function loadInterleaved(targets: Target[], seconds: number, warmup: number, rounds: number) {
  const acc = targets.map(() => ({ times: [] as number[], requests: 0, seconds: 0, non2xx: 0, errors: 0 }));
  if (warmup > 0) for (const t of targets) await cannon(t, warmup);
  const slice = seconds / rounds;
  for (let r = 0; r < rounds; r++) {
    const order = targets.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      const res = await cannon(targets[i], slice, acc[i].times);
      acc[i].requests += res.requests.total;
      acc[i].seconds += res.duration;
      acc[i].non2xx += res.non2xx;
      acc[i].errors += res.errors + res.timeouts;
    }
  }
  return acc.map((a): Load => {
    a.times.sort((x, y) => x - y);
    return {
      rps: a.requests / a.seconds,
      p50: percentile(a.times, 50),
      p99: percentile(a.times, 99),
      requests: a.requests,
      non2xx: a.non2xx,
      errors: a.errors,
    };
  });
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number) {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function sequential(
  url: string,
  cookie: string | undefined,
  n: number,
  warm = Math.max(10, Math.round(n / 10)),
): Promise<Seq> {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const times: number[] = [];
  for (let i = 0; i < warm + n; i++) {
    const t = performance.now();
    const r = await fetch(url, { headers });
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${url} answered ${r.status}`);
    if (i >= warm) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    n,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((s, x) => s + x, 0) / times.length,
  };
}

/**
 * The same list and dashboard for the city officer (the whole data set in scope), a few
 * sequential requests only: at 20,000 organizations these are the slow ones.
 */
async function cityProbe(base: string, n: number, endpointsServed: Endpoint[]) {
  const cookie = await login(base, 'city');
  const out = new Map<string, Seq>();
  for (const e of CITY_ENDPOINTS) {
    if (!endpointsServed.some((x) => x.kind === e.kind)) continue;
    const s = await sequential(base + e.path, cookie, n, 1);
    out.set(e.key, s);
    log(`  city ${e.label}: p50 ${round(s.p50, 1)} ms, p99 ${round(s.p99, 1)} ms (${n} requests)`);
  }
  return out;
}

/** Does the app serve this endpoint yet? (The dashboard arrived later than the list.) */
async function served(base: string, cookie: string, e: Endpoint) {
  const r = await getJson(base + e.path, cookie);
  const code = (r.body as { error?: { code?: string } } | null)?.error?.code;
  return !(r.status === 404 && code === 'not_found' && JSON.stringify(r.body).includes('接口不存在'));
}

// ------------------------------------------------------------------ main

async function main() {
  if (args.help) {
    console.log(
      'usage: npm run bench -w bench -- [--fresh] [--db linli_bench] [--server postgres://postgres@127.0.0.1:5432]\n' +
        '       [--connections 10] [--duration 10] [--warmup 2] [--rounds 4] [--seq 200] [--city 5] [--no-pglite] [--pglite-orgs 20000]\n' +
        '       [--pglite-members 100000] [--out bench/results/latest.md]',
    );
    return;
  }
  const started = Date.now();
  const load0 = os.loadavg()[0];
  const duration = Number(args.duration);
  const warmup = Number(args.warmup);
  const nSeq = Number(args.seq);
  const rounds = Math.max(1, Number(args.rounds));
  const nCity = Number(args.city);

  // ---------------------------------------------------------------- PostgreSQL
  const url = await ensureDatabase(args.server!, args.db!, args.fresh!);
  const facts = await datasetFacts(url);
  log(
    `data: ${facts.districts} districts, ${facts.streets} streets, ${facts.communities} communities, ` +
      `${facts.organizations} organizations, ${facts.members} members (${facts.size}); 南山区 scope ${facts.scoped} live`,
  );
  const app = await startApp(
    { DATABASE_URL: url, LINLI_DATA_DIR: path.join(os.tmpdir(), 'linli-bench-pg') },
    'pg',
  );
  const ceiling = await startCeiling({ url, scope: DISTRICT });
  const pgLoad = new Map<string, { app: Load; ceiling: Load }>();
  const pgSeq = new Map<string, { app: Seq; ceiling: Seq }>();
  const notes: string[] = [];
  const verified = new Map<string, string>();
  let pgCity = new Map<string, Seq>();
  let endpoints = ENDPOINTS;
  try {
    const cookie = await login(app.base, 'district');
    log(`app on ${app.base} (pid ${app.child.pid}), ceiling on ${ceiling.url}; logged in as district`);
    endpoints = [];
    for (const e of ENDPOINTS) {
      if (!(await served(app.base, cookie, e))) {
        notes.push(`${e.path}: the server does not serve it (404 接口不存在) – not measured`);
        log(`skipping ${e.label}: not served by the app`);
        continue;
      }
      verified.set(e.key, await verify(e, app.base, cookie, ceiling.url));
      log(`ok ${e.label}: ${verified.get(e.key)}`);
      endpoints.push(e);
    }
    for (const e of endpoints) {
      log(`load ${e.label}: app and ceiling, interleaved…`);
      const [a, c] = await loadInterleaved(
        [
          { name: 'app', url: app.base + e.path, cookie },
          { name: 'ceiling', url: ceiling.url + e.path },
        ],
        duration,
        warmup,
        rounds,
      );
      if (a.non2xx || a.errors || c.non2xx || c.errors)
        notes.push(
          `${e.label}: app ${a.non2xx} non-2xx / ${a.errors} errors, ceiling ${c.non2xx} non-2xx / ${c.errors} errors`,
        );
      pgLoad.set(e.key, { app: a, ceiling: c });
      log(
        `  app ${round(a.rps)} req/s p50 ${a.p50} p99 ${a.p99} ms | ceiling ${round(c.rps)} req/s p50 ${c.p50} p99 ${c.p99} ms | ${Math.round((100 * a.rps) / c.rps)} %`,
      );
    }
    for (const e of endpoints) {
      const a = await sequential(app.base + e.path, cookie, nSeq);
      const c = await sequential(ceiling.url + e.path, undefined, nSeq);
      pgSeq.set(e.key, { app: a, ceiling: c });
      log(`single user ${e.label}: app p50 ${round(a.p50, 2)} ms, ceiling p50 ${round(c.p50, 2)} ms`);
    }
    log('city scope, single user (PostgreSQL):');
    pgCity = await cityProbe(app.base, nCity, endpoints);
  } finally {
    await ceiling.close();
    await app.stop();
  }

  // ---------------------------------------------------------------- PGlite
  let pglite: { size: string; genSeconds: number; seq: Map<string, Seq>; city: Map<string, Seq> } | null =
    null;
  if (!args['no-pglite']) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-bench-pglite-'));
    try {
      const orgs = Number(args['pglite-orgs']);
      const members = Number(args['pglite-members']);
      log(`PGlite: generating ${orgs} organizations, ${members} members into ${dir}…`);
      const t = performance.now();
      const r = await generateBench({ dataDir: dir, orgs, members, log: (l) => log(`  ${l}`) });
      const genSeconds = (performance.now() - t) / 1000;
      const size = `${r.counts.organizations} organizations, ${r.counts.members} members`;
      const lite = await startApp({ LINLI_DATA_DIR: dir, DATABASE_URL: '' }, 'pglite');
      const seq = new Map<string, Seq>();
      let city = new Map<string, Seq>();
      try {
        const cookie = await login(lite.base, 'district');
        for (const e of endpoints) {
          try {
            log(`PGlite ok ${e.label}: ${await verify(e, lite.base, cookie, null)}`);
          } catch (err) {
            // a smaller PGlite data set may have no page 100
            notes.push(`PGlite ${e.label}: ${(err as Error).message} – not measured`);
            continue;
          }
          const s = await sequential(lite.base + e.path, cookie, nSeq);
          seq.set(e.key, s);
          log(`PGlite single user ${e.label}: p50 ${round(s.p50, 2)} ms, p99 ${round(s.p99, 2)} ms`);
        }
        log('city scope, single user (PGlite):');
        city = await cityProbe(lite.base, nCity, endpoints);
      } finally {
        await lite.stop();
      }
      pglite = { size, genSeconds, seq, city };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  // ---------------------------------------------------------------- report
  const ms = (n: number) => (n >= 10 ? String(Math.round(n)) : n.toFixed(n >= 1 ? 1 : 2));
  const lines: string[] = [];
  lines.push('# Linli HTTP benchmark – latest run', '');
  lines.push(
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model.trim()} · ` +
      `${String(facts.version).split(' on ')[0]} · command: \`npm run bench -w bench\``,
    '',
  );
  lines.push(
    `Data (generated, deterministic seed 4403): 深圳市 ${facts.districts} districts, ${facts.streets} streets, ${facts.communities} communities, ` +
      `${facts.organizations} organizations, ${facts.members} members (database ${facts.size}). ` +
      `Actor: \`district\` (district officer of 南山区, scope 440305000000–440305999999: ${facts.scoped} live organizations).`,
    '',
  );
  lines.push(
    `## PostgreSQL, ${args.connections} connections (autocannon: ${warmup} s warm-up, then ${duration} s each for app and ceiling in ${rounds} interleaved turns)`,
    '',
    'App: the real server (`apps/server/src/main.ts`, session cookie, zod validation and serialization, pool of 10). ' +
      'Ceiling: bare Fastify + pg (pool of 10) running the same SQL for the same fixed scope, no auth (`bench/src/ceiling.ts`). ' +
      'Both share the machine with PostgreSQL and autocannon. Ratio = app req/s ÷ ceiling req/s; target ≥ 60 %. ' +
      'p50/p99 over every response of the measured turns.',
    '',
    '| endpoint | app req/s | app p50 / p99 ms | ceiling req/s | ceiling p50 / p99 ms | ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const e of endpoints) {
    const r = pgLoad.get(e.key);
    if (!r) continue;
    const ratio = (100 * r.app.rps) / r.ceiling.rps;
    lines.push(
      `| ${e.label} | ${Math.round(r.app.rps)} | ${ms(r.app.p50)} / ${ms(r.app.p99)} | ${Math.round(r.ceiling.rps)} | ` +
        `${ms(r.ceiling.p50)} / ${ms(r.ceiling.p99)} | ${Math.round(ratio)} % ${ratio >= 60 ? '✓' : '✗'} |`,
    );
  }
  lines.push('', 'Requests:', '');
  for (const e of endpoints) lines.push(`- ${e.label}: \`GET ${e.path}\` – ${verified.get(e.key) ?? ''}`);
  lines.push(
    '',
    `## Single user (sequential requests, ${nSeq} after a warm-up; p50 / p99 ms)`,
    '',
    pglite
      ? `PGlite: the same generator into a temporary data directory (${pglite.size}; generated in ${Math.round(pglite.genSeconds)} s), the real server on it.`
      : 'PGlite: not run (--no-pglite).',
    '',
    '| endpoint | PostgreSQL app | PostgreSQL ceiling | PGlite app |',
    '| --- | ---: | ---: | ---: |',
  );
  for (const e of endpoints) {
    const s = pgSeq.get(e.key);
    const l = pglite?.seq.get(e.key);
    lines.push(
      `| ${e.label} | ${s ? `${ms(s.app.p50)} / ${ms(s.app.p99)}` : '–'} | ${s ? `${ms(s.ceiling.p50)} / ${ms(s.ceiling.p99)}` : '–'} | ${l ? `${ms(l.p50)} / ${ms(l.p99)}` : '–'} |`,
    );
  }
  if (pgCity.size || pglite?.city.size) {
    lines.push(
      '',
      `## City scope, single user (\`city\`, 440300000000–440399999999: every organization of the data set; ${nCity} sequential requests after 1; p50 / p99 ms)`,
      '',
      '| endpoint | PostgreSQL app | PGlite app |',
      '| --- | ---: | ---: |',
    );
    for (const e of CITY_ENDPOINTS) {
      const a = pgCity.get(e.key);
      const l = pglite?.city.get(e.key);
      if (!a && !l) continue;
      lines.push(
        `| ${e.label} \`${e.path}\` | ${a ? `${ms(a.p50)} / ${ms(a.p99)}` : '–'} | ${l ? `${ms(l.p50)} / ${ms(l.p99)}` : '–'} |`,
      );
    }
  }
  if (notes.length) lines.push('', '## Notes', '', ...notes.map((n) => `- ${n}`));
  lines.push(
    '',
    `Total run time ${Math.round((Date.now() - started) / 1000)} s; 1-minute load average ${load0.toFixed(1)} at the start, ` +
      `${os.loadavg()[0].toFixed(1)} at the end (other work on the machine makes absolute figures vary; the ratio is measured side by side).`,
    '',
  );
  const report = lines.join('\n');
  console.log(`\n${report}`);
  fs.mkdirSync(path.dirname(args.out!), { recursive: true });
  fs.writeFileSync(args.out!, report);
  log(`written to ${path.relative(process.cwd(), args.out!)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
