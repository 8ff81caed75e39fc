/**
 * Dashboard: the community's count and gap on the coverage dashboard move by one when the
 * community registers a new activity group through the console.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { apiAs, failureShots, launchBrowser, shot, userPage } from './harness';
import { expectText, numberIn, pickOption, toast } from './ui';

const J = 'dashboard';
const baseUrl = inject('baseUrl');
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts.splice(0)) await c.close().catch(() => {});
  await browser?.close();
});
beforeEach(({ onTestFailed }) => {
  onTestFailed(() => failureShots(J, contexts));
});

type Me = { homeRegion: { code: string; name: string; level: number } };
type Coverage = {
  totals: { organizations: number };
  communities: { code: string; name: string; count: number; target: number; gap: number; lacks: string[] }[];
};

/** Reads the community's row of 社区达标情况: "count / target" and the "还差 N 个组织" gap (0 when absent). */
async function readCommunity(page: Page, communityName: string) {
  await page.goto('/dashboard');
  await page.getByTestId('stat-total').waitFor();
  const only = page.getByTestId('dashboard-only-below');
  if ((await only.getAttribute('aria-checked')) === 'true') await only.click();
  const table = page.getByTestId('dashboard-communities');
  const headers = await table.locator('thead th').allInnerTexts();
  const countCol = headers.findIndex((h) => h.includes('组织数'));
  const gapCol = headers.findIndex((h) => h.includes('差距'));
  expect(countCol, JSON.stringify(headers)).toBeGreaterThanOrEqual(0);
  expect(gapCol, JSON.stringify(headers)).toBeGreaterThanOrEqual(0);
  const row = table.locator('tbody tr.ant-table-row', { hasText: communityName }).first();
  await row.waitFor();
  const countText = ((await row.locator('td').nth(countCol).textContent()) ?? '').trim();
  const gapText = ((await row.locator('td').nth(gapCol).textContent()) ?? '').trim();
  const m = countText.match(/(\d+)\s*\/\s*(\d+)/);
  if (!m) throw new Error(`count cell ${JSON.stringify(countText)}`);
  const g = gapText.match(/还差\s*(\d+)\s*个/);
  const streetCol = headers.findIndex((h) => h.includes('街道'));
  const street = streetCol >= 0 ? ((await row.locator('td').nth(streetCol).textContent()) ?? '').trim() : '';
  // names, never raw codes
  if (streetCol >= 0 && !/街道$|镇$|乡$/.test(street))
    throw new Error(`街道 column shows ${JSON.stringify(street)}, not a street name`);
  return {
    total: await numberIn(page.getByTestId('stat-total')),
    count: Number(m[1]),
    target: Number(m[2]),
    gap: g ? Number(g[1]) : 0,
    gapText,
  };
}

describe('coverage dashboard', () => {
  it("a new activity group raises the community's count by one and shrinks its gap by one", async () => {
    const api = await apiAs(baseUrl, 'community');
    const home = (await api.get<Me>('/v1/auth/me')).body.homeRegion;
    expect(home.level).toBe(5);

    const { ctx, page } = await userPage(browser, baseUrl, 'community');
    contexts.push(ctx);
    const before = await readCommunity(page, home.name);
    await shot(page, J, 'before');
    expect(before.gap, `the demo community should be below target (${before.gapText})`).toBeGreaterThan(0);
    expect(before.gap).toBe(before.target - before.count);

    // create an activity group (社区活动小组) in the console
    const name = `南头城社区${[...String(Date.now()).slice(-4)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}书法兴趣小组`;
    await page.goto('/organizations');
    await page.getByTestId('org-create').click();
    const form = page.getByTestId('org-create-form');
    await form.waitFor();
    await page.getByTestId('org-form-name').fill(name);
    await pickOption(page, page.getByTestId('org-form-category'), '文体活动');
    await form.getByLabel('业务范围').fill('组织社区书法爱好者开展练习、交流和展览');
    await form.getByLabel('活动场所').fill('南头城社区党群服务中心二楼活动室');
    await page.getByTestId('org-form-leader').fill('陈书文');
    await shot(page, J, 'create-group');
    await page.getByTestId('org-form-submit').click();
    await toast(page, '活动小组已登记入台账').waitFor();
    await page.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
    await expectText(page.getByTestId('org-name'), name);
    await shot(page, J, 'group-created');

    const after = await readCommunity(page, home.name);
    await shot(page, J, 'after');
    expect(after.count).toBe(before.count + 1);
    expect(after.gap).toBe(before.gap - 1);
    expect(after.total).toBe(before.total + 1);
    expect(after.target).toBe(before.target);

    // the API agrees with what the page shows
    const cov = (await api.get<Coverage>(`/v1/dashboard/coverage?regionCode=${home.code}`)).body;
    const c = cov.communities.find((x) => x.code === home.code);
    expect(c).toMatchObject({ count: after.count, gap: after.gap });
  });
});
