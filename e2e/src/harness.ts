/**
 * Browser-journey harness: builds the web app when stale, runs the real server as a child
 * process on a fresh PGlite data directory, drives Debian's chromium through playwright-core.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshotDir = path.join(repoRoot, 'e2e/screenshots');
export const DEMO_PASSWORD = 'e2e-pass-2026';

// ───────────────────────────── web build ─────────────────────────────

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(p)) {
    if (e === 'node_modules' || e === 'dist') continue;
    max = Math.max(max, newestMtime(path.join(p, e)));
  }
  return max;
}

/** Builds apps/web when apps/web/dist is missing or older than anything it is built from. */
export function ensureWebBuilt(): void {
  const web = path.join(repoRoot, 'apps/web');
  const built = path.join(web, 'dist/index.html');
  const sources = [
    path.join(web, 'src'),
    path.join(web, 'public'),
    path.join(web, 'index.html'),
    path.join(web, 'vite.config.ts'),
    path.join(web, 'package.json'),
    path.join(repoRoot, 'packages/core/src'),
  ];
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const newest = Math.max(...sources.map(newestMtime));
  if (builtAt && builtAt >= newest) return;
  console.log(builtAt ? 'e2e: apps/web/dist is stale – rebuilding' : 'e2e: building apps/web');
  const t = Date.now();
  execFileSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: repoRoot, stdio: 'inherit' });
  console.log(`e2e: web built in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}

// ───────────────────────────── server ─────────────────────────────

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export type RunningServer = { baseUrl: string; dataDir: string; stop(): Promise<void>; log(): string };

/** Starts `tsx apps/server/src/main.ts` on a free port with an empty PGlite directory (seeds the demo). */
export async function startServer(opts: { timeoutMs?: number } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-'));
  const tsx = path.join(repoRoot, 'node_modules/.bin/tsx');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LINLI_DATA_DIR: dataDir,
    LINLI_DEMO_PASSWORD: DEMO_PASSWORD,
    LINLI_SEED: 'demo',
    LINLI_PUBLIC_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  delete env.DATABASE_URL; // the journeys always run on PGlite
  delete env.INIT_CWD;
  const child: ChildProcess = spawn(tsx, ['apps/server/src/main.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const l of chunk.toString().split('\n')) if (l.trim()) lines.push(l);
    if (lines.length > 400) lines.splice(0, lines.length - 400);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null = null;
  const exitedP = new Promise<void>((r) =>
    child.once('exit', (code, sig) => {
      exited = code ?? (sig ? 128 : 1);
      r();
    }),
  );

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited === null) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exitedP;
      clearTimeout(t);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const log = () => lines.join('\n');

  const deadline = Date.now() + (opts.timeoutMs ?? 180_000);
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`server exited with ${exited} before it was healthy:\n${log()}`);
    }
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server not healthy after ${opts.timeoutMs ?? 180_000} ms:\n${log()}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return { baseUrl, dataDir, stop, log };
}

// ───────────────────────────── browser ─────────────────────────────

/** Debian's chromium binary, or null when it is not installed. */
export function chromiumPath(): string | null {
  try {
    const p = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
    if (p) return p;
  } catch {
    /* not on PATH */
  }
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : null;
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('chromium not found: apt-get install -y chromium fonts-noto-cjk');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function newContext(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<BrowserContext> {
  const phone = viewport.width < 600;
  const ctx = await browser.newContext({
    baseURL,
    viewport,
    deviceScaleFactor: 1,
    isMobile: phone,
    hasTouch: phone,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
  });
  ctx.setDefaultTimeout(20_000);
  ctx.setDefaultNavigationTimeout(30_000);
  return ctx;
}

/** Logs in through the login page and waits until the console has loaded. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
  await page.getByTestId('user-menu').waitFor();
}

/** A fresh context logged in as `username` with one page. */
export async function userPage(
  browser: Browser,
  baseURL: string,
  username: string,
  viewport = DESKTOP,
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await newContext(browser, baseURL, viewport);
  const page = await ctx.newPage();
  watchErrors(page, username);
  await loginAs(page, username);
  return { ctx, page };
}

/** Uncaught page errors are printed (they do not fail a journey by themselves). */
export function watchErrors(page: Page, who: string): void {
  page.on('pageerror', (e) => console.warn(`[${who}] page error: ${e.message}`));
}

// ───────────────────────────── screenshots ─────────────────────────────

const shotSeq = new Map<string, number>();
/** Saves a full-page screenshot to e2e/screenshots/<journey>-<nn>-<step>.png. */
export async function shot(page: Page, journey: string, step: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const n = (shotSeq.get(journey) ?? 0) + 1;
  shotSeq.set(journey, n);
  const file = path.join(screenshotDir, `${journey}-${String(n).padStart(2, '0')}-${step}.png`);
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  await page
    .screenshot({ path: file, fullPage: true })
    .catch((e) => console.warn(`screenshot ${file}: ${e}`));
  return file;
}

/** Screenshots of every open page of the given contexts, for a failed journey. */
export async function failureShots(journey: string, contexts: (BrowserContext | undefined)[]): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  let i = 0;
  for (const ctx of contexts) {
    for (const p of ctx?.pages() ?? []) {
      i += 1;
      const file = path.join(screenshotDir, `FAILED-${journey}-${i}.png`);
      await p.screenshot({ path: file, fullPage: true }).catch(() => {});
      console.warn(`e2e: failure screenshot ${file} (${p.url()})`);
    }
  }
}

// ───────────────────────────── API look-ups ─────────────────────────────

/** A logged-in API client for looking up ids and verifying outcomes (never to drive the journey). */
export async function apiAs(baseUrl: string, username: string) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const cookies = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return {
    async get<T = Record<string, unknown>>(url: string): Promise<{ status: number; body: T }> {
      const r = await fetch(`${baseUrl}/api${url}`, { headers: { cookie: cookies } });
      const text = await r.text();
      return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
    },
  };
}

export async function publicGet<T = Record<string, unknown>>(baseUrl: string, url: string): Promise<T> {
  const r = await fetch(`${baseUrl}/api${url}`);
  if (!r.ok) throw new Error(`GET ${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

/** True when `text` occurs in a PDF as Latin-1 bytes or as a UTF-16BE string (pdfkit's info strings). */
export function pdfContains(pdf: Buffer, text: string): boolean {
  if (pdf.includes(Buffer.from(text, 'latin1')) && /^[\x20-\x7e]*$/.test(text)) return true;
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1];
    be[i + 1] = le[i];
  }
  return pdf.includes(be);
}

/** Horizontal overflow of the page: scrollWidth of the document element vs. the viewport width. */
export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}
