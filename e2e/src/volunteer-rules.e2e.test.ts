/**
 * Volunteer rules and targets in the console, and the Excel exports of the volunteer and activity
 * lists: the city officer sees a wrong star ladder refused with the server's message on the field,
 * saves a valid one and a new volunteer target (both survive a reload and reach the audit log); a
 * street officer sees the same page read-only; the street officer downloads the volunteer and
 * activity lists as .xlsx with Chinese headers and masked ID numbers. The rules are put back at
 * the end so the other journeys see the defaults.
 */
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  apiAs,
  DEMO_PASSWORD,
  DESKTOP,
  failureShots,
  launchBrowser,
  PHONE,
  scrollWidth,
  shot,
  userPage,
} from './harness';
import { expectText } from './ui';

const J = 'volunteer-rules';
const CSRF_COOKIE = 'csrf';
const T = 60_000;
const baseUrl = inject('baseUrl');
let browser: Browser;
const contexts: BrowserContext[] = [];

/** PUT as `username` (the harness' apiAs only reads). */
async function put(username: string, url: string, body: unknown) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  const pairs = login.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = pairs.find((p) => p.startsWith(`${CSRF_COOKIE}=`))?.slice(CSRF_COOKIE.length + 1) ?? '';
  const r = await fetch(`${baseUrl}/api${url}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', cookie: pairs.join('; '), 'x-csrf-token': csrf },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: await r.json() };
}

/** OK on the visible confirm dialog (a closed one may linger hidden in the DOM), then wait for it to close. */
async function confirm(page: Page) {
  const ok = page.locator('.ant-modal-confirm:visible .ant-modal-confirm-btns .ant-btn-primary');
  await ok.click();
  await expect.poll(() => ok.count(), { timeout: T }).toBe(0);
}

async function sheetOf(page: Page, testId: string) {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: T }),
    page.getByTestId(testId).click(),
  ]);
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  const rows: string[][] = [];
  ws.eachRow((row) => {
    rows.push(
      (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))),
    );
  });
  return { name: download.suggestedFilename(), headers: rows[0] ?? [], rows: rows.slice(1) };
}

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

describe('console: volunteer rules, targets and list exports', () => {
  it('the city officer edits the star ladder and the volunteer target; a street officer reads them', async () => {
    const cityApi = await apiAs(baseUrl, 'city');
    const original = (await cityApi.get<{ stars: unknown; version: number }>('/v1/settings/volunteer')).body;
    const originalTargets = (
      await cityApi.get<{ volunteerRatio: number; orgPerResident: number; version: number }>(
        '/v1/settings/volunteer-targets',
      )
    ).body;
    const restored: number[] = [];
    try {
      const { ctx, page } = await userPage(browser, baseUrl, 'city');
      contexts.push(ctx);
      ctx.setDefaultTimeout(T);
      await page.goto('/system/volunteer-rules');
      const rules = page.getByTestId('volunteer-rules-form');
      await rules.waitFor();
      await expectText(page.locator('.ant-menu'), '志愿服务规则', T);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(DESKTOP.width);
      await shot(page, J, 'rules-desktop');

      // a ladder that does not rise: the server refuses and says why, next to the ladder
      const second = rules.getByLabel('二星（小时）');
      await second.fill('50');
      await page.getByTestId('volunteer-rules-save').click();
      await confirm(page);
      await expectText(rules, /递增|高于|大于/, T);
      const unchanged = await cityApi.get<{ stars: { thresholds: number[] } }>('/v1/settings/volunteer');
      expect(unchanged.body.stars).toEqual(original.stars);

      // a valid ladder is saved and survives a reload
      await second.fill('350');
      await page.getByTestId('volunteer-rules-save').click();
      await confirm(page);
      await expect
        .poll(async () => (await cityApi.get<{ version: number }>('/v1/settings/volunteer')).body.version, {
          timeout: T,
        })
        .toBe(original.version + 1);
      const saved = await cityApi.get<{ stars: { thresholds: number[] }; version: number }>(
        '/v1/settings/volunteer',
      );
      expect(saved.body.stars.thresholds[1]).toBe(350);
      expect(saved.body.version).toBe(original.version + 1);
      await page.reload();
      await expect
        .poll(() => page.getByTestId('volunteer-rules-form').getByLabel('二星（小时）').inputValue())
        .toBe('350');

      // the volunteer target, edited as a percentage, stored as a share
      const targets = page.getByTestId('volunteer-targets-form');
      await targets.getByLabel('注册志愿者占常住人口比例').fill('15');
      await page.getByTestId('volunteer-targets-save').click();
      await expect
        .poll(
          async () => (await cityApi.get<{ version: number }>('/v1/settings/volunteer-targets')).body.version,
          {
            timeout: T,
          },
        )
        .toBe(originalTargets.version + 1);
      const t = await cityApi.get<{ volunteerRatio: number }>('/v1/settings/volunteer-targets');
      expect(t.body.volunteerRatio).toBeCloseTo(0.15, 6);

      // both changes are in the audit log
      const audit = await cityApi.get<{ items: { action: string }[] }>('/v1/audit?pageSize=50');
      const actions = audit.body.items.map((a) => a.action);
      expect(actions).toContain('setting.volunteer');
      expect(actions).toContain('setting.volunteer_targets');

      // a street officer sees the rules without a save button; on a phone the page fits
      const street = await userPage(browser, baseUrl, 'street', PHONE);
      contexts.push(street.ctx);
      street.ctx.setDefaultTimeout(T);
      await street.page.goto('/system/volunteer-rules');
      await street.page.getByTestId('volunteer-rules-form').waitFor();
      await expectText(street.page.getByTestId('volunteer-rules'), '只有市民政局或平台管理员可以修改', T);
      expect(await street.page.getByTestId('volunteer-rules-save').count()).toBe(0);
      expect(await street.page.getByTestId('volunteer-targets-save').count()).toBe(0);
      await expect
        .poll(() => street.page.getByTestId('volunteer-rules-form').getByLabel('二星（小时）').inputValue())
        .toBe('350');
      expect(await scrollWidth(street.page)).toBeLessThanOrEqual(PHONE.width);
      await shot(street.page, J, 'rules-phone-readonly');
    } finally {
      // put the defaults back for the other journeys (checked below, so a failure above is not masked)
      const now = (await cityApi.get<{ version: number }>('/v1/settings/volunteer')).body;
      const { version: _v, ...rest } = original;
      restored.push((await put('city', '/v1/settings/volunteer', { ...rest, version: now.version })).status);
      const nowT = (await cityApi.get<{ version: number }>('/v1/settings/volunteer-targets')).body;
      const { version: _t, ...restT } = originalTargets;
      restored.push(
        (await put('city', '/v1/settings/volunteer-targets', { ...restT, version: nowT.version })).status,
      );
    }
    expect(restored).toEqual([200, 200]);
  });

  it('the street officer downloads the volunteer and activity lists as Excel', async () => {
    const { ctx, page } = await userPage(browser, baseUrl, 'street');
    contexts.push(ctx);
    ctx.setDefaultTimeout(T);
    const streetApi = await apiAs(baseUrl, 'street');

    await page.goto('/volunteers');
    await page.getByTestId('volunteer-table').waitFor();
    const v = await sheetOf(page, 'volunteer-export');
    expect(v.name).toMatch(/^志愿者名单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(v.headers.slice(0, 5)).toEqual([
      '志愿者编号',
      '姓名',
      '性别',
      '身份证号（脱敏）',
      '手机号（脱敏）',
    ]);
    const total = (await streetApi.get<{ total: number }>('/v1/volunteers?pageSize=1')).body.total;
    expect(v.rows.length).toBe(total);
    expect(v.rows.length).toBeGreaterThan(0);
    for (const r of v.rows) {
      expect(r[3]).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(r[4]).toMatch(/^\d{3}\*{4}\d{4}$/);
    }

    await page.goto('/activities');
    await page.getByTestId('activity-export').waitFor();
    const a = await sheetOf(page, 'activity-export');
    expect(a.name).toMatch(/^志愿服务活动-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(a.headers.slice(0, 3)).toEqual(['活动名称', '发布组织', '服务类别']);
    const activities = (await streetApi.get<{ total: number }>('/v1/activities?pageSize=1')).body.total;
    expect(a.rows.length).toBe(activities);
    for (const r of a.rows) expect(r[2]).toMatch(/[\u4e00-\u9fff]/);
  });
});
