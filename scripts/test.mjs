#!/usr/bin/env node
/**
 * `npm test`: every check, in order, stopping at the first failure.
 *   typecheck → lint → core unit tests → server HTTP tests on PGlite → the same on PostgreSQL
 *   (TEST_DATABASE_URL) → browser journeys (Debian's chromium).
 * Missing PostgreSQL or chromium is a failure under CI=true and a printed skip otherwise.
 * The last line is `N passed, M failed[, K skipped]` (stages) for CI parsers.
 * `npm test -- --keep-going` (or TEST_KEEP_GOING=1) runs the later stages after a failure too.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CI = process.env.CI === 'true' || process.env.CI === '1';
const MIN = 60_000;
const keepGoing = process.argv.includes('--keep-going') || process.env.TEST_KEEP_GOING === '1';

function chromiumPath() {
  try {
    const p = execFileSync('which', ['chromium'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    if (p) return p;
  } catch {
    /* not on PATH */
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

/**
 * Each stage: a command, or a reason to skip it (`skip`) or to fail without running (`missing`).
 * `timeout` stops a hung stage (its whole process group).
 */
const stages = [
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'], timeout: 8 * MIN },
  { name: 'lint', cmd: ['npm', 'run', '--silent', 'lint'], timeout: 3 * MIN },
  { name: 'unit (core)', cmd: ['npx', 'vitest', 'run', '--project', 'core'], timeout: 5 * MIN },
  { name: 'http (server, PGlite)', cmd: ['npx', 'vitest', 'run', '--project', 'server'], timeout: 20 * MIN },
  (() => {
    const stage = {
      name: 'http (server, PostgreSQL)',
      cmd: ['npx', 'vitest', 'run', '--project', 'server'],
      env: { LINLI_TEST_DB: 'postgres' },
      timeout: 20 * MIN,
    };
    if (process.env.TEST_DATABASE_URL) return stage;
    const why = 'TEST_DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)';
    return CI ? { ...stage, missing: why } : { ...stage, skip: why };
  })(),
  (() => {
    const stage = {
      name: 'browser journeys (e2e)',
      cmd: ['npm', 'run', 'test', '-w', 'e2e'],
      timeout: 25 * MIN,
    };
    if (chromiumPath()) return stage;
    const why = "Debian's chromium is not installed (apt-get install -y chromium fonts-noto-cjk)";
    return CI ? { ...stage, missing: why } : { ...stage, skip: why };
  })(),
];

let current = null;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (current?.pid) {
      try {
        process.kill(-current.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    process.exit(130);
  });
}

function run(stage) {
  return new Promise((resolve) => {
    const [cmd, ...args] = stage.cmd;
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...(stage.env ?? {}) },
      detached: true, // own process group, so a timeout stops its children too
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\n✗ ${stage.name}: no result after ${stage.timeout / MIN} min – stopping it`);
      try {
        process.kill(-child.pid, 'SIGTERM');
        setTimeout(() => {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, 10_000).unref();
      } catch {
        /* gone */
      }
    }, stage.timeout);
    child.on('error', (err) => {
      clearTimeout(timer);
      current = null;
      console.error(`✗ ${stage.name}: could not start ${cmd}: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      current = null;
      resolve(timedOut ? 124 : (code ?? (signal ? 128 : 1)));
    });
  });
}

const fmt = (ms) =>
  ms >= MIN
    ? `${Math.floor(ms / MIN)}m${String(Math.round((ms % MIN) / 1000)).padStart(2, '0')}s`
    : `${(ms / 1000).toFixed(1)}s`;
const results = [];
const started = Date.now();
let failed = false;

for (const stage of stages) {
  if (failed && !keepGoing) {
    results.push({ name: stage.name, status: 'not run' });
    continue;
  }
  if (stage.skip) {
    console.log(`\n⚠ skipping ${stage.name}: ${stage.skip}`);
    results.push({ name: stage.name, status: 'skipped', note: stage.skip });
    continue;
  }
  if (stage.missing) {
    console.error(`\n✗ ${stage.name}: ${stage.missing} – required under CI`);
    results.push({ name: stage.name, status: 'failed', note: stage.missing });
    failed = true;
    continue;
  }
  console.log(
    `\n━━ ${stage.name}: ${stage.cmd.join(' ')}${
      stage.env
        ? ` (${Object.entries(stage.env)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')})`
        : ''
    }`,
  );
  const t = Date.now();
  const code = await run(stage);
  const ms = Date.now() - t;
  if (code === 0) {
    console.log(`✓ ${stage.name} passed in ${fmt(ms)}`);
    results.push({ name: stage.name, status: 'passed', ms });
  } else {
    console.error(
      `✗ ${stage.name} FAILED (exit ${code}) after ${fmt(ms)}${keepGoing ? '' : ' – stopping here'}`,
    );
    results.push({ name: stage.name, status: 'failed', ms, note: `exit ${code}` });
    failed = true;
  }
}

console.log(`\n━━ summary (${fmt(Date.now() - started)})`);
for (const r of results) {
  const mark = { passed: '✓', failed: '✗', skipped: '⚠', 'not run': '·' }[r.status];
  const time = r.ms !== undefined ? ` ${fmt(r.ms)}` : '';
  console.log(`${mark} ${r.name.padEnd(28)} ${r.status}${time}${r.note ? ` – ${r.note}` : ''}`);
}
const n = (s) => results.filter((r) => r.status === s).length;
const skipped = n('skipped') + n('not run');
console.log(`${n('passed')} passed, ${n('failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(n('failed') ? 1 : 0);
