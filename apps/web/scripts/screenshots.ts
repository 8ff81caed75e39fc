/**
 * Screenshots of the main pages at desktop and phone sizes, for a human (or a model) to look at.
 *   npx tsx apps/web/scripts/screenshots.ts [baseUrl] [outDir] [filter]
 * Needs the server on baseUrl (default http://localhost:3000) serving apps/web/dist, the demo
 * accounts with LINLI_DEMO_PASSWORD (default demo-pass-2026), and Debian's chromium.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { fixtureFor } from './fixtures';

const base = process.argv[2] ?? process.env.LINLI_URL ?? 'http://localhost:3000';
const out = process.argv[3] ?? '/tmp/shots';
const only = process.argv[4];
const password = process.env.LINLI_DEMO_PASSWORD ?? 'demo-pass-2026';
const mocked = new Set<string>();
const sizes = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;

type Shot = { name: string; url: string | ((ids: Ids) => string | null | undefined); waitFor?: string };
type Ids = Record<string, string | undefined>;

async function login(ctx: BrowserContext, username: string) {
  const res = await ctx.request.post(`${base}/api/v1/auth/login`, { data: { username, password } });
  if (!res.ok()) throw new Error(`login ${username}: ${res.status()} ${await res.text()}`);
}

async function firstId(
  ctx: BrowserContext,
  url: string,
  pick?: (items: Record<string, unknown>[]) => unknown,
) {
  const res = await ctx.request.get(`${base}/api${url}`);
  if (!res.ok()) return undefined;
  const body = (await res.json()) as { items?: Record<string, unknown>[] };
  const items = body.items ?? [];
  const item = (pick ? pick(items) : items[0]) as Record<string, unknown> | undefined;
  return item?.id as string | undefined;
}

async function settle(page: Page, waitFor?: string) {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
  if (waitFor) await page.waitForSelector(waitFor, { timeout: 10_000 }).catch(() => {});
  await page.waitForTimeout(600); // charts animate, fonts settle
}

async function shoot(
  browser: Browser,
  who: string | null,
  shots: Shot[],
  idsFor?: (ctx: BrowserContext) => Promise<Ids>,
) {
  for (const [sizeName, viewport] of Object.entries(sizes)) {
    const ctx = await browser.newContext({
      viewport,
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    if (who) await login(ctx, who);
    const ids = idsFor ? await idsFor(ctx) : {};
    // endpoints the server lacks (404 接口不存在) answer from contract fixtures, logged as MOCK
    await ctx.route('**/api/v1/**', async (route) => {
      const res = await route.fetch();
      if (res.status() === 404 && (await res.text()).includes('接口不存在')) {
        const url = new URL(route.request().url());
        const body = fixtureFor(url);
        if (body !== undefined) {
          mocked.add(url.pathname.replace(/[0-9a-f-]{36}/g, ':id'));
          return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
        }
      }
      return route.fulfill({ response: res });
    });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    for (const s of shots) {
      const name = `${who ?? 'public'}-${s.name}-${sizeName}`;
      if (only && !name.includes(only)) continue;
      const url = typeof s.url === 'function' ? s.url(ids) : s.url;
      if (!url) {
        console.log(`skip ${name} (no id)`);
        continue;
      }
      await page.goto(`${base}${url}`);
      await settle(page, s.waitFor);
      const file = path.join(out, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      console.log(`${file}${overflow > 1 ? `  ⚠ horizontal overflow ${overflow}px` : ''}`);
    }
    if (errors.length)
      console.log(
        `  console errors (${who} ${sizeName}):\n   ${[...new Set(errors)].slice(0, 8).join('\n   ')}`,
      );
    await ctx.close();
  }
}

async function main() {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
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
  try {
    await shoot(browser, null, [
      { name: 'login', url: '/login', waitFor: '[data-testid=login-form]' },
      { name: 'directory', url: '/public', waitFor: '[data-testid=public-card]' },
      { name: 'verify-missing', url: '/public/verify/NO-SUCH-1', waitFor: '[data-testid=verify-result]' },
    ]);
    await shoot(
      browser,
      null,
      [
        { name: 'public-org', url: (ids) => ids.pub && `/public/organizations/${ids.pub}` },
        {
          name: 'verify-valid',
          url: (ids) => ids.cert && `/public/verify/${encodeURIComponent(ids.cert)}`,
          waitFor: '[data-testid=verify-result]',
        },
      ],
      async (ctx) => {
        const res = await ctx.request.get(`${base}/api/v1/public/organizations?pageSize=50`);
        const items = ((await res.json()) as { items: { id: string; filingNumber: string | null }[] }).items;
        return { pub: items[0]?.id, cert: items.find((i) => i.filingNumber)?.filingNumber ?? undefined };
      },
    );
    await shoot(
      browser,
      'community',
      [
        { name: 'workbench', url: '/' },
        { name: 'organizations', url: '/organizations', waitFor: '[data-testid=org-table] tbody tr' },
        { name: 'group', url: (ids) => ids.group && `/organizations/${ids.group}` },
        { name: 'group-ledger', url: (ids) => ids.group && `/organizations/${ids.group}?tab=ledger` },
        { name: 'new-filing', url: '/applications/new' },
        { name: 'import', url: '/organizations/import' },
      ],
      async (ctx) => ({ group: await firstId(ctx, '/v1/organizations?tier=group&pageSize=5') }),
    );
    await shoot(
      browser,
      'street',
      [
        { name: 'workbench', url: '/' },
        { name: 'applications', url: '/applications', waitFor: '[data-testid=app-table] tbody tr' },
        {
          name: 'application',
          url: (ids) => ids.app && `/applications/${ids.app}`,
          waitFor: '[data-testid=app-form]',
        },
        {
          name: 'change',
          url: (ids) => ids.change && `/applications/${ids.change}`,
          waitFor: '[data-testid=app-form]',
        },
        { name: 'filed-org', url: (ids) => ids.filed && `/organizations/${ids.filed}` },
        { name: 'filed-history', url: (ids) => ids.filed && `/organizations/${ids.filed}?tab=history` },
        { name: 'dashboard', url: '/dashboard', waitFor: '[data-testid=chart-tier] canvas' },
      ],
      async (ctx) => ({
        app: await firstId(ctx, '/v1/todo'),
        change: await firstId(ctx, '/v1/applications?kind=change&pageSize=1'),
        filed: await firstId(ctx, '/v1/organizations?tier=filed&pageSize=5'),
      }),
    );
    await shoot(browser, 'city', [
      { name: 'dashboard', url: '/dashboard', waitFor: '[data-testid=chart-tier] canvas' },
      { name: 'categories', url: '/system/categories' },
    ]);
    await shoot(browser, 'admin', [
      { name: 'users', url: '/system/users' },
      { name: 'audit', url: '/system/audit' },
      { name: 'organizations', url: '/organizations', waitFor: '[data-testid=org-table] tbody tr' },
    ]);
    await shoot(browser, 'leader', [
      { name: 'workbench', url: '/' },
      { name: 'organizations', url: '/organizations' },
    ]);
  } finally {
    await browser.close();
    if (mocked.size)
      console.log(
        `MOCK (missing on the server, answered from fixtures):\n  ${[...mocked].sort().join('\n  ')}`,
      );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
