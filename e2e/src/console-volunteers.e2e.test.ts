/**
 * Console volunteer service: community staff register a volunteer for a resident (consents
 * recorded on the resident's behalf), create and publish a service activity, sign the volunteer
 * up and approve the sign-up; an officer of another street cannot open that volunteer (未找到).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { apiAs, DESKTOP, failureShots, launchBrowser, scrollWidth, shot, userPage } from './harness';
import { confirmDialog, expectText, pickOption } from './ui';

const J = 'console-volunteers';
/** step timeout: the shared 2-core machine can be slow */
const T = 60_000;
const baseUrl = inject('baseUrl');
let browser: Browser;
const contexts: BrowserContext[] = [];

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid resident ID number (GB 11643 check character), unique per run. */
function idNumber(birth: string): string {
  const seq = String(100 + Math.floor(Math.random() * 899)).padStart(3, '0');
  const body = `440305${birth.replaceAll('-', '')}${seq}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return body + '10X98765432'[sum % 11];
}

/** "YYYY-MM-DD HH:mm" in Asia/Shanghai, `days` from now at `hour`:00. */
function shanghai(days: number, hour: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
  return `${ymd} ${String(hour).padStart(2, '0')}:00`;
}

async function fillDate(page: Page, testId: string, value: string) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  // close the picker's panel by clicking the dialog's title
  await page.locator('.ant-modal-title').last().click();
}

async function expectNoOverflow(page: Page, what: string) {
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  expect(await scrollWidth(page), `${what}: no horizontal overflow`).toBeLessThanOrEqual(DESKTOP.width);
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

describe('console: volunteers and activities', () => {
  it('community staff register a volunteer, publish an activity and approve the sign-up; street2 cannot see the volunteer', async () => {
    const communityApi = await apiAs(baseUrl, 'community');
    const orgs = await communityApi.get<{ items: { id: string; name: string; status: string }[] }>(
      '/v1/organizations?pageSize=50&status=active',
    );
    expect(orgs.status).toBe(200);
    const org = orgs.body.items[0];
    expect(org, 'an active organization in the community').toBeTruthy();

    const { ctx, page } = await userPage(browser, baseUrl, 'community');
    contexts.push(ctx);
    // the shared 2-core machine can be slow: give each step more time than the harness default
    ctx.setDefaultTimeout(T);
    ctx.setDefaultNavigationTimeout(T);

    // ── the menu group and the volunteer list ──
    await page.goto('/volunteers');
    await expectText(page.locator('.ant-menu'), '志愿服务', T);
    await page.getByTestId('volunteer-table').waitFor();
    await expectNoOverflow(page, 'volunteer list');
    await shot(page, J, 'volunteer-list');

    // ── register a resident ──
    const suffix = String(Math.floor(Math.random() * 9000) + 1000);
    const name = `林晓${'春夏秋冬'[Number(suffix) % 4]}${suffix}`;
    const id = idNumber('1988-06-15');
    await page.getByTestId('volunteer-register').click();
    const form = page.getByTestId('volunteer-form');
    await form.waitFor();
    // a missing required consent is refused on the form
    await page.getByTestId('volunteer-realName').fill(name);
    await page.getByTestId('volunteer-idNumber').fill(id);
    await page.getByTestId('volunteer-phone').fill(`139${suffix}${suffix}`);
    await page.getByTestId('volunteer-consents').getByText('向全国志愿服务信息系统报送').click();
    await shot(page, J, 'register-form');
    await page.getByTestId('volunteer-form-submit').click();
    await page.waitForURL(/\/volunteers\/[0-9a-f-]{36}/);
    const volunteerId = page.url().split('/volunteers/')[1].split(/[?#]/)[0];
    await expectText(page.getByTestId('volunteer-name'), name, T);
    await expectText(page.getByTestId('volunteer-summary'), id.slice(0, 3), T);
    expect(await page.getByTestId('volunteer-summary').textContent()).not.toContain(id);
    await expectText(page.getByTestId('consent-history'), '工作人员代为记录本人同意', T);
    await expectText(page.getByTestId('consent-history'), '向全国志愿服务信息系统报送', T);
    await expectNoOverflow(page, 'volunteer detail');
    await shot(page, J, 'volunteer-detail');

    // ── the same ID number again: the server's Chinese message sits on the ID field, nothing is added ──
    await page.goto('/volunteers');
    await page.getByTestId('volunteer-register').click();
    await page.getByTestId('volunteer-form').waitFor();
    await page.getByTestId('volunteer-realName').fill(`${name}重`);
    await page.getByTestId('volunteer-idNumber').fill(id);
    await page.getByTestId('volunteer-phone').fill(`138${suffix}${suffix}`);
    await page.getByTestId('volunteer-form-submit').click();
    await expectText(
      page.getByTestId('volunteer-form').locator('.ant-form-item-explain-error'),
      '该身份证号已登记为志愿者',
      T,
    );
    await shot(page, J, 'duplicate-id');
    await page.locator('.ant-modal-close').click();
    const dup = await communityApi.get<{ total: number }>(`/v1/volunteers?q=${encodeURIComponent(name)}`);
    expect(dup.body.total).toBe(1);

    // ── create and publish an activity ──
    const title = `邻里助老走访${suffix}`;
    await page.goto('/activities');
    await page.getByTestId('activity-create').click();
    await page.getByTestId('activity-form').waitFor();
    await page.getByTestId('activity-org').locator('input').fill(org.name.slice(0, 4));
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: org.name,
      })
      .first()
      .click();
    await page.getByTestId('activity-title').fill(title);
    await pickOption(page, page.getByTestId('activity-category'), '助老');
    await page.getByTestId('activity-place').fill('社区党群服务中心');
    await fillDate(page, 'activity-startsAt', shanghai(3, 9));
    await fillDate(page, 'activity-endsAt', shanghai(3, 11));
    await page.getByTestId('activity-content').fill('上门看望独居老人，帮助整理家务。');
    expect(await page.getByTestId('activity-wanted').inputValue()).toBe('10');
    await shot(page, J, 'activity-form');
    await page.getByTestId('activity-form-submit').click();
    await page.waitForURL(/\/activities\/[0-9a-f-]{36}/);
    await expectText(page.getByTestId('activity-title-text'), title, T);
    await expectText(page.getByTestId('activity-status'), '草稿', T);
    await page.getByTestId('activity-publish').click();
    await confirmDialog(page);
    await expectText(page.getByTestId('activity-status'), '已发布', T);

    // ── sign the volunteer up and approve ──
    await page.getByTestId('signup-add').click();
    const picker = page.getByTestId('signup-volunteer');
    await picker.locator('input').fill(name);
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: name,
      })
      .first()
      .click();
    await page.getByTestId('signup-add-submit').click();
    const table = page.getByTestId('signup-table');
    await expectText(table, name, T);
    await expectText(table, '待审核', T);
    await table.getByTestId('signup-approve').first().click();
    await confirmDialog(page);
    await expectText(table, '已录用', T);
    await expectNoOverflow(page, 'activity detail');
    await shot(page, J, 'activity-approved');

    const signUps = await communityApi.get<{ items: { volunteerId: string; state: string }[] }>(
      `/v1/activities/${page.url().split('/activities/')[1].split(/[?#]/)[0]}/signups`,
    );
    expect(signUps.body.items.find((s) => s.volunteerId === volunteerId)?.state).toBe('approved');

    // ── another street's officer: not found, nothing shown ──
    const s2 = await userPage(browser, baseUrl, 'street2');
    contexts.push(s2.ctx);
    s2.ctx.setDefaultTimeout(T);
    await s2.page.goto(`/volunteers/${volunteerId}`);
    const result = s2.page.locator('.ant-result');
    await result.waitFor();
    await expectText(result, '未找到', T);
    expect(await s2.page.getByTestId('volunteer-name').count()).toBe(0);
    expect(await s2.page.locator('body').textContent()).not.toContain(name);
    await shot(s2.page, J, 'street2-not-found');
    const direct = await (await apiAs(baseUrl, 'street2')).get(`/v1/volunteers/${volunteerId}`);
    expect(direct.status).toBe(404);
  }, 480_000);
});
