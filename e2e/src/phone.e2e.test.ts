/**
 * Phone size (390×844): the public directory, an organization's public page and the certificate
 * verification page fit the screen without horizontal scrolling, and staff can log in.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  failureShots,
  launchBrowser,
  loginAs,
  newContext,
  PHONE,
  publicGet,
  scrollWidth,
  shot,
  watchErrors,
} from './harness';
import { expectText } from './ui';

const J = 'phone';
const baseUrl = inject('baseUrl');
let browser: Browser;
let ctx: BrowserContext | undefined;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await ctx?.close().catch(() => {});
  await browser?.close();
});
beforeEach(async ({ onTestFailed }) => {
  ctx = await newContext(browser, baseUrl, PHONE);
  page = await ctx.newPage();
  watchErrors(page, 'phone');
  onTestFailed(() => failureShots(J, [ctx]));
});

type PublicOrg = { id: string; name: string; filingNumber: string | null };

async function expectNoOverflow(p: Page, what: string) {
  await p.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  const w = await scrollWidth(p);
  expect(w, `${what}: document scrollWidth ${w} > ${PHONE.width}`).toBeLessThanOrEqual(PHONE.width);
}

describe('phone size 390×844', () => {
  it('public directory, organization page and certificate verification fit the screen', async () => {
    await page.goto('/public');
    const cards = page.getByTestId('public-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(0);
    await expectText(page.locator('h1'), '社区社会组织名录');
    await expectNoOverflow(page, 'directory');
    await shot(page, J, 'directory');

    // search narrows the list
    const list = await publicGet<{ items: PublicOrg[]; total: number }>(
      baseUrl,
      '/v1/public/organizations?pageSize=50',
    );
    const filed = list.items.find((o) => o.filingNumber);
    expect(filed, 'a filed organization in the public directory').toBeTruthy();
    const org = filed as PublicOrg;
    const q = page.locator('input[data-testid="public-q"], [data-testid="public-q"] input').first();
    await q.fill(org.name);
    await q.press('Enter');
    await expectText(cards.first(), org.name);
    await expectNoOverflow(page, 'directory search');

    // the organization's public page
    await cards.filter({ hasText: org.name }).first().click();
    await expectText(page.getByTestId('public-org-name'), org.name);
    await expectNoOverflow(page, 'public organization page');
    await shot(page, J, 'organization');

    // certificate verification
    await page.goto(`/public/verify/${encodeURIComponent(org.filingNumber ?? '')}`);
    const verdict = page.getByTestId('verify-result');
    await expectText(verdict, '有效');
    await expectText(page.getByTestId('verify-particulars'), org.name);
    await expectNoOverflow(page, 'verification page');
    await shot(page, J, 'verify');

    // an unknown number says so
    await page.goto(`/public/verify/${encodeURIComponent('备440305001-1999-9999')}`);
    await expectText(page.getByTestId('verify-result'), '未找到');
    expect(await page.getByTestId('verify-result').getAttribute('data-status')).toBe('missing');
    await expectNoOverflow(page, 'verification page (not found)');
    await shot(page, J, 'verify-missing');
  });

  it('staff can log in on a phone', async () => {
    await page.goto('/login');
    await page.getByTestId('login-form').waitFor();
    await expectNoOverflow(page, 'login page');
    await shot(page, J, 'login');

    // a wrong password is refused with a message
    await page.getByTestId('login-username').fill('community');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expectText(page.getByTestId('login-error'), /错误|失败/);
    expect(new URL(page.url()).pathname).toBe('/login');

    await loginAs(page, 'community');
    expect(new URL(page.url()).pathname).toBe('/');
    await expectText(page.locator('body'), '南头城社区居委会');
    await expectNoOverflow(page, 'workbench');
    await shot(page, J, 'workbench');
  });
});
