/**
 * Volunteer-scale HTTP benchmark: a volunteer's own record page, the district hours dashboard and
 * a burst of 1,000 check-ins, each against the real server and beside the ceiling (ceiling.ts, a bare
 * Fastify + pg server running the same SQL) in the same run, on the data set of ./generate.ts.
 *
 *   npm run bench:volunteers -w bench -- --scale 0.01          # generate linli_bench_vol when missing
 *   npm run bench:volunteers -w bench -- --scale 1 --fresh     # drop and regenerate at full scale
 *   npm run bench:volunteers -w bench                          # rerun the HTTP part on the existing database
 *
 * Both servers run as child processes (pool of 10 each) beside PostgreSQL and autocannon on the same
 * machine; requests are interleaved (app, ceiling, ceiling, app, …) so drift falls on both alike.
 * Writes bench/results/volunteers.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { sha256 } from '../../../apps/server/src/lib/crypto';
import { POOL_SIZE } from '../ceiling';
import { BENCH_PASSWORD, BENCH_SECRET } from '../generate';
import { BURST_SIGNUPS, generateVolunteers, VOL_DB, type VolunteerMeta } from './generate';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DISTRICT = '440305000000';
const TARGET = 50;

const { values: args } = parseArgs({
  options: {
    server: { type: 'string', default: process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432' },
    db: { type: 'string', default: VOL_DB },
    scale: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    connections: { type: 'string', default: '10' },
    'burst-connections': { type: 'string', default: '50' },
    duration: { type: 'string', default: '12' },
    warmup: { type: 'string', default: '2' },
    rounds: { type: 'string', default: '4' },
    'burst-rounds': { type: 'string', default: '2' },
    'slow-requests': { type: 'string', default: '3' },
    out: { type: 'string', default: path.join(root, 'bench/results/volunteers.md') },
    help: { type: 'boolean', short: 'h' },
  },
});

const log = (line: string) => console.log(`[vol] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Stats = {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  bad: number;
  errors: number;
};

function percentile(sorted: number[], p: number) {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function stats(times: number[], requests: number, seconds: number, bad: number, errors: number): Stats {
  const t = [...times].sort((a, b) => a - b);
  return {
    rps: requests / seconds,
    p50: percentile(t, 50),
    p95: percentile(t, 95),
    p99: percentile(t, 99),
    requests,
    bad,
    errors,
  };
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

type Proc = { base: string; child: ChildProcess; stop: () => Promise<void> };

/** A server as a child process in its own process group, healthy when `probe` answers. */
async function startProcess(
  name: string,
  argv: string[],
  env: Record<string, string>,
  port: number,
  probe: string,
) {
  const logFile = path.join(os.tmpdir(), `linli-bench-vol-${name}-${process.pid}.log`);
  const out = fs.openSync(logFile, 'w');
  const child = spawn('npx', ['tsx', ...argv], {
    cwd: root,
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, ...env },
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
      throw new Error(`${name} exited on start; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8')}`);
    try {
      const r = await fetch(base + probe);
      await r.arrayBuffer();
      if (r.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not start; see ${logFile}`);
    }
    await sleep(250);
  }
  return { base, child, stop } satisfies Proc;
}

async function startApp(url: string) {
  const port = await freePort();
  return startProcess(
    'app',
    ['apps/server/src/main.ts'],
    {
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: url,
      LINLI_DATA_DIR: path.join(os.tmpdir(), 'linli-bench-vol'),
      LINLI_SECRET: BENCH_SECRET,
      LINLI_SEED: 'none',
      LOG_LEVEL: 'warn',
      PG_POOL_MAX: String(POOL_SIZE),
      NODE_ENV: 'production',
    },
    port,
    '/api/health',
  );
}

async function startCeilingProcess(url: string) {
  const port = await freePort();
  return startProcess(
    'ceiling',
    [
      'bench/src/ceiling.ts',
      '--url',
      url,
      '--port',
      String(port),
      '--scope',
      DISTRICT,
      '--secret',
      BENCH_SECRET,
    ],
    { NODE_ENV: 'production' },
    port,
    '/api/v1/me/service-records',
  );
}

// ------------------------------------------------------------------ http helpers

async function staffLogin(base: string, username: string): Promise<string> {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: BENCH_PASSWORD }),
  });
  if (!r.ok) throw new Error(`login as ${username} answered ${r.status}: ${await r.text()}`);
  return r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

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

type Req = { method?: 'GET' | 'POST'; path: string; cookie: string; body?: string; csrf?: string };

/**
 * autocannon over a list of requests (each connection takes the next one; every request its own
 * cookie): a fixed amount or a duration. Keeps every response time.
 */
function cannon(
  base: string,
  reqs: Req[],
  o: { connections: number; seconds?: number; amount?: number },
): Promise<{
  times: number[];
  requests: number;
  seconds: number;
  bad: number;
  errors: number;
  codes: Record<string, number>;
}> {
  let next = 0;
  const times: number[] = [];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const tracker = autocannon(
      {
        url: base,
        connections: o.connections,
        ...(o.amount ? { amount: o.amount } : { duration: o.seconds }),
        timeout: 60,
        requests: [
          {
            method: reqs[0].method ?? 'GET',
            path: reqs[0].path,
            setupRequest: (req) => {
              const r = reqs[next++ % reqs.length];
              const headers: Record<string, string> = { cookie: r.cookie };
              if (r.body) headers['content-type'] = 'application/json';
              if (r.csrf) headers['x-csrf-token'] = r.csrf;
              return { ...req, method: r.method ?? 'GET', path: r.path, headers, body: r.body };
            },
          },
        ],
      },
      (err, res) => {
        if (err) return reject(err);
        const codes: Record<string, number> = {};
        for (const [k, v] of Object.entries(res.statusCodeStats ?? {})) codes[k] = v.count;
        resolve({
          times,
          requests: res.requests.total,
          seconds: o.amount ? (performance.now() - started) / 1000 : res.duration,
          bad: res.non2xx,
          errors: res.errors + res.timeouts,
          codes,
        });
      },
    );
    tracker.on('response', (_c, _s, _b, ms) => times.push(ms));
  });
}

/** Interleaved load (warm-up each, then rounds of A B / B A) on lists of requests. */
async function loadPair(
  targets: { base: string; reqs: Req[] }[],
  seconds: number,
  warmup: number,
  rounds: number,
) {
  const connections = Number(args.connections);
  const acc = targets.map(() => ({ times: [] as number[], requests: 0, seconds: 0, bad: 0, errors: 0 }));
  if (warmup > 0) for (const t of targets) await cannon(t.base, t.reqs, { connections, seconds: warmup });
  for (let r = 0; r < rounds; r++) {
    const order = targets.map((_, i) => i);
    if (r % 2 === 1) order.reverse();
    for (const i of order) {
      const res = await cannon(targets[i].base, targets[i].reqs, { connections, seconds: seconds / rounds });
      acc[i].times.push(...res.times);
      acc[i].requests += res.requests;
      acc[i].seconds += res.seconds;
      acc[i].bad += res.bad;
      acc[i].errors += res.errors;
    }
  }
  return acc.map((a) => stats(a.times, a.requests, a.seconds, a.bad, a.errors));
}

// ------------------------------------------------------------------ main

async function ensureData(): Promise<{ url: string; meta: VolunteerMeta; generated: boolean }> {
  const server = args.server!.replace(/\/$/, '');
  const url = `${server}/${args.db}`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  const exists =
    ((await admin.query('select 1 from pg_database where datname = $1', [args.db])).rowCount ?? 0) > 0;
  await admin.end();
  let meta: VolunteerMeta | null = null;
  if (exists && !args.fresh) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      meta = (await c.query(`select value from bench.meta where key = 'volunteers'`)).rows[0]?.value ?? null;
    } catch {
      meta = null;
    }
    await c.end();
    if (meta && args.scale && Number(args.scale) !== meta.scale)
      throw new Error(`${args.db} holds scale ${meta.scale}, not ${args.scale}: pass --fresh to regenerate`);
  }
  if (meta) return { url, meta, generated: false };
  const scale = Number(args.scale ?? '0.01');
  log(`generating ${args.db} at scale ${scale}…`);
  await generateVolunteers({ server, db: args.db, scale, fresh: true, log: (l) => log(`  ${l}`) });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  meta = (await c.query(`select value from bench.meta where key = 'volunteers'`)).rows[0]
    .value as VolunteerMeta;
  await c.end();
  return { url, meta, generated: true };
}

type Account = { volunteerId: string; userId: string; token: string; csrf: string; records: number };

async function main() {
  if (args.help) {
    console.log(
      'usage: npm run bench:volunteers -w bench -- [--scale 0.01] [--fresh] [--db linli_bench_vol]\n' +
        '       [--server postgres://postgres@127.0.0.1:5432] [--connections 10] [--burst-connections 50]\n' +
        '       [--duration 12] [--warmup 2] [--rounds 4] [--burst-rounds 2] [--slow-requests 3] [--out bench/results/volunteers.md]',
    );
    return;
  }
  const started = Date.now();
  const load0 = os.loadavg();
  const { url, meta, generated } = await ensureData();
  const db = new pg.Pool({ connectionString: url, max: 2 });
  const q = async <T extends pg.QueryResultRow = Record<string, unknown>>(text: string, params?: unknown[]) =>
    (await db.query<T>(text, params)).rows;
  const notes: string[] = [];

  // ---------------------------------------------------------------- sessions and the burst activity
  const accountRows = await q<{ volunteer_id: string; user_id: string; records: number; j: number }>(
    `select a.volunteer_id, u.id as user_id, coalesce(t.records, 0) as records, a.j
       from bench.accounts a join users u on u.volunteer_id = a.volunteer_id
       left join volunteer_totals t on t.volunteer_id = a.volunteer_id order by a.j`,
  );
  const accounts: Account[] = accountRows.map((r) => ({
    volunteerId: r.volunteer_id,
    userId: r.user_id,
    token: randomBytes(32).toString('base64url'),
    csrf: randomBytes(18).toString('base64url'),
    records: r.records,
  }));
  await q(`delete from sessions where user_agent = 'linli-bench-volunteers'`);
  await q(
    `insert into sessions (token_hash, user_id, created_at, expires_at, user_agent)
     select h, u, now(), now() + interval '12 hours', 'linli-bench-volunteers' from unnest($1::text[], $2::uuid[]) as x(h, u)`,
    [accounts.map((a) => sha256(a.token)), accounts.map((a) => a.userId)],
  );
  const burst = accounts.slice(0, BURST_SIGNUPS);
  const resetBurst = async () => {
    await q('delete from activity_attendance where activity_id = $1', [meta.burstActivityId]);
    // the check-in window opens 30 min before the start (volunteer config): open now, for 4 hours
    await q(
      `update service_activities set status = 'published', starts_at = date_trunc('minute', now()) + interval '20 minutes',
              ends_at = date_trunc('minute', now()) + interval '4 hours', updated_at = now() where id = $1`,
      [meta.burstActivityId],
    );
  };
  await resetBurst();
  const [dataFacts] = await q<{ size: string; version: string; volunteers: number; records: number }>(
    `select pg_size_pretty(pg_database_size(current_database())) as size, version() as version,
            (select count(*)::int from volunteers) as volunteers, (select count(*)::int from service_records) as records`,
  );
  const recordCounts = accounts.map((a) => a.records).sort((x, y) => x - y);
  log(
    `data: ${dataFacts.volunteers} volunteers, ${dataFacts.records} service records (${dataFacts.size}); ` +
      `${accounts.length} accounts (records each: median ${percentile(recordCounts, 50)}, max ${recordCounts.at(-1)})`,
  );

  const app = await startApp(url);
  const ceiling = await startCeilingProcess(url);
  log(`app on ${app.base}, ceiling on ${ceiling.base}`);
  type Row = { key: string; label: string; request: string; app: Stats; ceiling: Stats; extra?: string };
  const rows: Row[] = [];
  const burstRows: {
    label: string;
    app: Stats & { verified: string };
    ceiling: Stats & { verified: string };
    ceilingNoAudit?: Stats & { verified: string };
  }[] = [];
  const duration = Number(args.duration);
  const warmup = Number(args.warmup);
  const rounds = Number(args.rounds);
  try {
    const appCookie = (a: Account) => `linli_session=${a.token}; csrf=${a.csrf}`;
    const ceilCookie = (a: Account) => `vid=${a.volunteerId}`;
    // ---------------------------------------------------------------- own record page
    const recPath = '/api/v1/me/service-records?page=1&pageSize=20';
    const shuffled = [...accounts].sort(() => Math.random() - 0.5);
    {
      // same answer from both for a few volunteers (busiest first)
      for (const a of [accounts[0], accounts[Math.floor(accounts.length / 2)], accounts.at(-1)!]) {
        const x = await getJson(app.base + recPath, appCookie(a));
        const y = await getJson(ceiling.base + recPath, ceilCookie(a));
        const bx = x.body as { items?: { id: string }[]; total?: number; minutes?: number };
        const by = y.body as typeof bx;
        if (x.status !== 200)
          throw new Error(`app ${recPath} answered ${x.status}: ${JSON.stringify(x.body)}`);
        if (y.status !== 200) throw new Error(`ceiling ${recPath} answered ${y.status}`);
        const same =
          bx.total === by.total &&
          bx.minutes === by.minutes &&
          bx.items?.map((i) => i.id).join() === by.items?.map((i) => i.id).join();
        if (!same) throw new Error(`app and ceiling disagree on ${recPath} for ${a.volunteerId}`);
        if (bx.total !== a.records)
          throw new Error(`${recPath}: total ${bx.total}, volunteer_totals ${a.records}`);
      }
      log('ok record page: same rows, totals match volunteer_totals');
      log('load record page…');
      const [sa, sc] = await loadPair(
        [
          { base: app.base, reqs: shuffled.map((a) => ({ path: recPath, cookie: appCookie(a) })) },
          { base: ceiling.base, reqs: shuffled.map((a) => ({ path: recPath, cookie: ceilCookie(a) })) },
        ],
        duration,
        warmup,
        rounds,
      );
      rows.push({
        key: 'records',
        label: 'own record page',
        request: `GET ${recPath} (${accounts.length} volunteers with accounts, a different session each request; records each: median ${percentile(recordCounts, 50)}, max ${recordCounts.at(-1)})`,
        app: sa,
        ceiling: sc,
      });
      logRow(rows.at(-1)!);
    }

    // ---------------------------------------------------------------- district dashboard
    const dashPath = `/api/v1/volunteer-stats/overview?regionCode=${DISTRICT}`;
    let dashFacts = '';
    {
      const cookie = await staffLogin(app.base, 'district');
      const x = await getJson(app.base + dashPath, cookie);
      const y = await getJson(ceiling.base + dashPath);
      if (x.status === 404 && JSON.stringify(x.body).includes('接口不存在')) {
        notes.push(`${dashPath}: the app does not serve it yet (404 接口不存在) – not measured`);
        log('skipping the dashboard: not served by the app');
      } else if (x.status !== 200) {
        notes.push(
          `${dashPath}: the app answered ${x.status} ${JSON.stringify(x.body).slice(0, 200)} – not measured`,
        );
      } else if (y.status !== 200) {
        notes.push(`${dashPath}: the ceiling does not serve it (${y.status}) – not measured`);
      } else {
        type Dash = { totals?: { volunteers?: number; minutesThisYear?: number } };
        const tx = (x.body as Dash).totals;
        const ty = (y.body as Dash).totals;
        if (tx?.volunteers !== ty?.volunteers || tx?.minutesThisYear !== ty?.minutesThisYear)
          throw new Error(
            `app and ceiling disagree on ${dashPath}: ${JSON.stringify(tx).slice(0, 300)} / ${JSON.stringify(ty)}`,
          );
        dashFacts = `${tx?.volunteers} active volunteers, ${Math.round((tx?.minutesThisYear ?? 0) / 60)} hours this year in both`;
        log(`ok dashboard: ${dashFacts}`);
        // a slow dashboard (seconds per request) is measured one request at a time, alternating
        const t0 = performance.now();
        await getJson(app.base + dashPath, cookie);
        const single = performance.now() - t0;
        let sa: Stats;
        let sc: Stats;
        let mode = `${args.connections} connections`;
        if (single > 1500) {
          const n = Number(args['slow-requests']);
          mode = `sequential, ${n} requests each, alternating (one request took ${Math.round(single)} ms)`;
          log(`dashboard is slow (${Math.round(single)} ms): ${mode}`);
          const ta: number[] = [];
          const tc: number[] = [];
          for (let i = 0; i < n; i++) {
            for (const [base, ck, list] of [
              [app.base, cookie, ta],
              [ceiling.base, '', tc],
            ] as const) {
              const t = performance.now();
              const r = await getJson(base + dashPath, ck);
              if (r.status !== 200) throw new Error(`${base}${dashPath} answered ${r.status}`);
              list.push(performance.now() - t);
            }
          }
          const sumS = (l: number[]) => l.reduce((x, y) => x + y, 0) / 1000;
          sa = stats(ta, n, sumS(ta), 0, 0);
          sc = stats(tc, n, sumS(tc), 0, 0);
        } else {
          log('load district dashboard…');
          [sa, sc] = await loadPair(
            [
              { base: app.base, reqs: [{ path: dashPath, cookie }] },
              { base: ceiling.base, reqs: [{ path: dashPath, cookie: '' }] },
            ],
            duration,
            warmup,
            rounds,
          );
        }
        rows.push({
          key: 'dashboard',
          label: `hours dashboard 南山区 (${mode})`,
          request: `GET ${dashPath} as \`district\` (app ${x.bytes} B, ceiling ${y.bytes} B; ${dashFacts})`,
          app: sa,
          ceiling: sc,
        });
        logRow(rows.at(-1)!);
      }
    }

    // ---------------------------------------------------------------- check-in burst
    {
      const leader = await staffLogin(app.base, 'leader');
      const burstConnections = Number(args['burst-connections']);
      const freshCode = async () => {
        // wait for a new step when the current code has less than 20 s left (it stays valid one more step)
        for (;;) {
          const r = await getJson(
            `${app.base}/api/v1/activities/${meta.burstActivityId}/checkin-code?kind=in`,
            leader,
          );
          if (r.status !== 200)
            throw new Error(`checkin-code answered ${r.status}: ${JSON.stringify(r.body)}`);
          const b = r.body as { code: string; expiresAt: string };
          const left = Date.parse(b.expiresAt) - Date.now();
          if (left > 20_000) return b.code;
          await sleep(left + 200);
        }
      };
      const verify = async (label: string, res: Awaited<ReturnType<typeof cannon>>) => {
        const [v] = await q<{ n: number; d: number; s: number }>(
          `select count(*)::int as n, count(distinct volunteer_id)::int as d,
                  count(*) filter (where signup_id is not null)::int as s
             from activity_attendance where activity_id = $1`,
          [meta.burstActivityId],
        );
        const ok =
          v.n === BURST_SIGNUPS && v.d === BURST_SIGNUPS && res.requests === BURST_SIGNUPS && res.bad === 0;
        const text = `${res.requests} requests, ${JSON.stringify(res.codes)}; attendance rows ${v.n} (${v.d} distinct volunteers)`;
        if (!ok) notes.push(`check-in burst (${label}): NOT exact – ${text}`);
        log(`  ${label}: ${text} ${ok ? '✓' : '✗'}`);
        return `${ok ? '✓' : '✗'} ${v.n} rows, ${v.d} volunteers`;
      };
      const run = async (label: string, base: string, cookie: (a: Account) => string, query = '') => {
        await resetBurst();
        const code = await freshCode();
        const reqs: Req[] = burst.map((a) => ({
          method: 'POST',
          path: `/api/v1/me/checkins${query}`,
          cookie: cookie(a),
          csrf: a.csrf,
          body: JSON.stringify({ activityId: meta.burstActivityId, kind: 'in', code }),
        }));
        const res = await cannon(base, reqs, { connections: burstConnections, amount: BURST_SIGNUPS });
        const verified = await verify(label, res);
        return { ...stats(res.times, res.requests, res.seconds, res.bad, res.errors), verified };
      };
      const burstRounds = Math.max(1, Number(args['burst-rounds']));
      for (let r = 0; r < burstRounds; r++) {
        log(`check-in burst, round ${r + 1}: ${BURST_SIGNUPS} volunteers, ${burstConnections} connections`);
        const order = r % 2 === 0 ? (['app', 'ceiling'] as const) : (['ceiling', 'app'] as const);
        const out: Partial<Record<'app' | 'ceiling', Stats & { verified: string }>> = {};
        for (const who of order)
          out[who] =
            who === 'app'
              ? await run('app', app.base, appCookie)
              : await run('ceiling', ceiling.base, ceilCookie);
        const noAudit =
          r === 0 ? await run('ceiling without audit', ceiling.base, ceilCookie, '?audit=0') : undefined;
        burstRows.push({
          label: `round ${r + 1}`,
          app: out.app!,
          ceiling: out.ceiling!,
          ceilingNoAudit: noAudit,
        });
        log(
          `  app ${Math.round(out.app!.rps)} check-ins/s p99 ${out.app!.p99} ms | ceiling ${Math.round(out.ceiling!.rps)}/s p99 ${out.ceiling!.p99} ms` +
            (noAudit ? ` | ceiling without audit ${Math.round(noAudit.rps)}/s p99 ${noAudit.p99} ms` : ''),
        );
      }
      // leave the app's check-ins of a last run in place for inspection
      await run('app (final state)', app.base, appCookie);
    }
  } finally {
    await ceiling.stop();
    await app.stop();
    await q(`delete from sessions where user_agent = 'linli-bench-volunteers'`).catch(() => {});
    await db.end();
  }

  // ---------------------------------------------------------------- report
  const ms = (n: number) => (Number.isNaN(n) ? '–' : n >= 10 ? String(Math.round(n)) : n.toFixed(1));
  const pct = (a: number, c: number) => Math.round((100 * a) / c);
  const rate = (n: number) => (n >= 10 ? String(Math.round(n)) : n.toFixed(n >= 1 ? 1 : 2));
  const mark = (p: number) => (p >= TARGET ? '✓' : '✗');
  const L: string[] = [];
  L.push('# Linli volunteer-scale benchmark – latest run', '');
  L.push(
    `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · Node ${process.version} · nproc ${os.cpus().length} (${os.cpus()[0]?.model.trim()}) · ` +
      `${String(dataFacts.version).split(' on ')[0]} · command: \`npm run bench:volunteers -w bench\`${args.scale ? ` (--scale ${args.scale})` : ''}`,
    '',
  );
  L.push(
    `Data (\`bench/src/volunteers/generate.ts\`, scale ${meta.scale}, database \`${args.db}\`, ${dataFacts.size}): 深圳市 9 districts, 788 communities, ` +
      `20,000 organizations; ${meta.volunteers.toLocaleString('en')} volunteers (${meta.activeVolunteers.toLocaleString('en')} with service records), ` +
      `${meta.activities.toLocaleString('en')} activities, ${meta.records.toLocaleString('en')} service records over 3 years; ` +
      `${meta.accounts.toLocaleString('en')} volunteers with accounts. Generated ${meta.generatedAt.slice(0, 16).replace('T', ' ')} UTC in ${meta.seconds} s` +
      `${generated ? ' (this run)' : ''}.`,
    '',
    `App: the real server (\`apps/server/src/main.ts\`, sessions, zod, pool of ${POOL_SIZE}). Ceiling: bare Fastify + pg ` +
      `(\`bench/src/ceiling.ts\`, pool of ${POOL_SIZE}) running the same SQL, the volunteer taken from a cookie instead of a session. ` +
      `Both are child processes on the same ${os.cpus().length} cores as PostgreSQL and autocannon. Ratio = app ÷ ceiling throughput; target ≥ ${TARGET} %.`,
    '',
    `## Reads, ${args.connections} connections (autocannon: ${warmup} s warm-up each, then ${duration} s each in ${rounds} interleaved turns)`,
    '',
    '| endpoint | app req/s | app p50 / p95 / p99 ms | ceiling req/s | ceiling p50 / p95 / p99 ms | ratio |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const r of rows) {
    const p = pct(r.app.rps, r.ceiling.rps);
    L.push(
      `| ${r.label} | ${rate(r.app.rps)} | ${ms(r.app.p50)} / ${ms(r.app.p95)} / ${ms(r.app.p99)} | ${rate(r.ceiling.rps)} | ` +
        `${ms(r.ceiling.p50)} / ${ms(r.ceiling.p95)} / ${ms(r.ceiling.p99)} | ${p} % ${mark(p)} |`,
    );
  }
  L.push(
    '',
    ...rows.map((r) => `- ${r.label}: ${r.request}; non-2xx app ${r.app.bad}, ceiling ${r.ceiling.bad}`),
  );
  L.push(
    '',
    `## Check-in burst: ${BURST_SIGNUPS} approved volunteers check in once each, ${args['burst-connections']} connections, every request a different volunteer's session`,
    '',
    '`POST /api/v1/me/checkins {activityId, kind: "in", code}` with the current 6-digit code of `GET /api/v1/activities/:id/checkin-code?kind=in` (as `leader`). ' +
      'Before each run the attendance rows of the activity are deleted; afterwards SQL counts them (exactly ' +
      `${BURST_SIGNUPS} rows of ${BURST_SIGNUPS} distinct volunteers = none lost, none doubled). Throughput = ${BURST_SIGNUPS} ÷ wall time of the burst.`,
    '',
    '| run | app check-ins/s | app p50 / p95 / p99 ms | app rows | ceiling check-ins/s | ceiling p50 / p95 / p99 ms | ceiling rows | ratio |',
    '| --- | ---: | ---: | --- | ---: | ---: | --- | ---: |',
  );
  for (const b of burstRows) {
    const p = pct(b.app.rps, b.ceiling.rps);
    L.push(
      `| ${b.label} | ${Math.round(b.app.rps)} | ${ms(b.app.p50)} / ${ms(b.app.p95)} / ${ms(b.app.p99)} | ${b.app.verified} | ` +
        `${Math.round(b.ceiling.rps)} | ${ms(b.ceiling.p50)} / ${ms(b.ceiling.p95)} / ${ms(b.ceiling.p99)} | ${b.ceiling.verified} | ${p} % ${mark(p)} |`,
    );
  }
  const na = burstRows.find((b) => b.ceilingNoAudit)?.ceilingNoAudit;
  if (na)
    L.push(
      '',
      `Ceiling without the audit entry (\`?audit=0\`: no \`pg_advisory_xact_lock\`, no chain read, no audit insert): ` +
        `${Math.round(na.rps)} check-ins/s, p50 / p95 / p99 ${ms(na.p50)} / ${ms(na.p95)} / ${ms(na.p99)} ms, ${na.verified}.`,
    );
  if (notes.length) L.push('', '## Notes', '', ...notes.map((n) => `- ${n}`));
  L.push(
    '',
    `Run time ${Math.round((Date.now() - started) / 1000)} s; load average (1/5/15 min) ${load0.map((x) => x.toFixed(1)).join(' / ')} at the start, ` +
      `${os
        .loadavg()
        .map((x) => x.toFixed(1))
        .join(' / ')} at the end (the machine is shared; the ratio is measured side by side).`,
    '',
  );
  const report = L.join('\n');
  console.log(`\n${report}`);
  fs.mkdirSync(path.dirname(args.out!), { recursive: true });
  fs.writeFileSync(args.out!, report);
  log(`written to ${path.relative(process.cwd(), args.out!)}`);
}

function logRow(r: { label: string; app: Stats; ceiling: Stats }) {
  log(
    `  ${r.label}: app ${Math.round(r.app.rps)} req/s p95 ${r.app.p95} ms | ceiling ${Math.round(r.ceiling.rps)} req/s p95 ${r.ceiling.p95} ms | ${Math.round((100 * r.app.rps) / r.ceiling.rps)} %`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
