/**
 * Scope: a street officer sees only the organizations of their street; another street's
 * organization answers not-found with no data; and the same holds the other way round.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { apiAs, failureShots, launchBrowser, shot, userPage } from './harness';
import { expectText } from './ui';

const J = 'scope';
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

type OrgList = { items: { id: string; name: string; streetName: string }[]; total: number };
type Me = { homeRegion: { code: string; name: string; level: number } };

/** The street shown in every row of the organization table (the 所属社区 column's second line). */
async function streetColumn(page: Page): Promise<string[]> {
  const table = page.getByTestId('org-table');
  await table.locator('tbody tr.ant-table-row').first().waitFor();
  await page.waitForLoadState('networkidle').catch(() => {});
  await table
    .locator('.ant-spin-spinning')
    .waitFor({ state: 'detached' })
    .catch(() => {});
  const headers = await table.locator('thead th').allInnerTexts();
  const col = headers.findIndex((h) => h.includes('所属社区'));
  expect(col, `所属社区 column in ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(0);
  const rows = table.locator('tbody tr.ant-table-row');
  const out: string[] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    out.push(((await rows.nth(i).locator('td').nth(col).textContent()) ?? '').trim());
  }
  return out;
}

async function listAll(page: Page) {
  await page.goto('/organizations?pageSize=100');
  return streetColumn(page);
}

async function expectNotFound(page: Page, url: string, secretName: string) {
  await page.goto(url);
  const result = page.locator('.ant-result');
  await result.waitFor();
  await expectText(result, /未找到|不存在|没有权限|无权/);
  expect(await page.getByTestId('org-name').count()).toBe(0);
  expect(await page.getByTestId('org-info').count()).toBe(0);
  expect(await page.locator('body').textContent()).not.toContain(secretName);
}

describe('regional scope', () => {
  it("a street officer sees only their street, and not another street's organization", async () => {
    const streetApi = await apiAs(baseUrl, 'street');
    const street2Api = await apiAs(baseUrl, 'street2');
    const home1 = (await streetApi.get<Me>('/v1/auth/me')).body.homeRegion;
    const home2 = (await street2Api.get<Me>('/v1/auth/me')).body.homeRegion;
    expect(home1.level).toBe(4);
    expect(home2.level).toBe(4);
    expect(home1.name).not.toBe(home2.name);
    const total1 = (await streetApi.get<OrgList>('/v1/organizations?pageSize=1')).body.total;
    const total2 = (await street2Api.get<OrgList>('/v1/organizations?pageSize=1')).body.total;
    expect(total1).toBeGreaterThan(0);
    expect(total2).toBeGreaterThan(0);
    expect(total1).toBeLessThanOrEqual(100);

    // ── street (南头街道): every row is theirs ──
    const s1 = await userPage(browser, baseUrl, 'street');
    contexts.push(s1.ctx);
    const streets1 = await listAll(s1.page);
    await shot(s1.page, J, 'street-list');
    expect(streets1.length).toBe(total1);
    for (const cell of streets1) expect(cell).toContain(home1.name);
    await expectText(s1.page.locator('.ant-pagination-total-text'), String(total1));

    // an organization of the other street: not found, no data
    const other = (await street2Api.get<OrgList>('/v1/organizations?pageSize=1&sort=name')).body.items[0];
    expect(other.streetName).toBe(home2.name);
    expect((await streetApi.get(`/v1/organizations/${other.id}`)).status).toBe(404);
    await expectNotFound(s1.page, `/organizations/${other.id}`, other.name);
    await shot(s1.page, J, 'street-other-street-org');

    // searching by the other street's organization name finds nothing
    await s1.page.goto('/organizations');
    await s1.page.getByTestId('org-filter-q').fill(other.name);
    await s1.page.getByTestId('org-filter-q').press('Enter');
    await s1.page.waitForURL(/[?&]q=/);
    await s1.page.getByTestId('org-table').locator('.ant-empty').waitFor();
    expect(await s1.page.getByTestId('org-table').locator('tbody tr.ant-table-row').count()).toBe(0);

    // ── street2 (南山街道): the mirror image ──
    const s2 = await userPage(browser, baseUrl, 'street2');
    contexts.push(s2.ctx);
    const streets2 = await listAll(s2.page);
    await shot(s2.page, J, 'street2-list');
    expect(streets2.length).toBe(Math.min(total2, 100));
    for (const cell of streets2) {
      expect(cell).toContain(home2.name);
      expect(cell).not.toContain(home1.name);
    }
    const mine = (await streetApi.get<OrgList>('/v1/organizations?pageSize=1&sort=name')).body.items[0];
    await expectNotFound(s2.page, `/organizations/${mine.id}`, mine.name);
    await shot(s2.page, J, 'street2-other-street-org');
  });
});
