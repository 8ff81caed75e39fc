/**
 * Supervision in the console (综合监管): the leader fills last year's annual report, saves it and
 * submits it (a short summary is refused by the server, on the field); the street officer finds it
 * 待审核 in the 年度报告 list and returns it with a reason; the leader corrects and resubmits; the
 * street passes it (合格) and the list shows 合格. The district officer sees the filed
 * organization's report without review buttons, the other street's officer does not see it. The
 * 信用名录 page shows both lists for the street officer and a removal refused by the two-year rule
 * shows the server's reason; the organization page shows its credit state and last year's report.
 * Screenshots at 1440×900 and 390×844.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { apiAs, DESKTOP, failureShots, launchBrowser, PHONE, scrollWidth, shot, userPage } from './harness';
import { confirmVisible, expectText, pickOption, settle, tableRows } from './ui';

const J = 'supervision';
const T = 60_000;
const baseUrl = inject('baseUrl');
let browser: Browser;
const contexts: BrowserContext[] = [];

type Report = {
  id: string | null;
  exists: boolean;
  status: string;
  version: number;
  canEdit: boolean;
  actions: { event: string }[];
  content: { summary: string; members: { count: number }; income: { source: string; amountFen: number }[] };
};
type ReportList = { items: { organization: { id: string; name: string }; status: string }[]; total: number };

const confirm = (page: Page) => confirmVisible(page, T);

async function snap(page: Page, step: string) {
  await settle(page, T);
  await shot(page, J, step);
}

const rows = tableRows;

async function open(username: string, viewport = DESKTOP) {
  const u = await userPage(browser, baseUrl, username, viewport);
  contexts.push(u.ctx);
  u.ctx.setDefaultTimeout(T);
  return u.page;
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

describe('console: annual reports and credit lists', () => {
  it('the leader submits last year’s report, the street returns it, then passes the corrected one', async () => {
    const leaderApi = await apiAs(baseUrl, 'leader');
    const me = await leaderApi.get<{ grants: { organizationId: string | null }[] }>('/v1/auth/me');
    const orgId = me.body.grants.find((g) => g.organizationId)?.organizationId as string;
    // the year being reported now; an organization filed later reports on the first year it was live
    let year = Number(new Date().toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' }).slice(0, 4)) - 1;
    for (let y = year; y >= year - 3; y--) {
      const l = await leaderApi.get<ReportList>(`/v1/annual-reports?year=${y}`);
      if (l.body.items.some((i) => i.organization.id === orgId)) {
        year = y;
        break;
      }
    }
    const reportUrl = `/v1/organizations/${orgId}/annual-reports/${year}`;
    const report = async () => (await leaderApi.get<Report>(reportUrl)).body;
    const before = await report();
    expect(before.exists).toBe(false);
    expect(before.canEdit).toBe(true);

    // ── the leader opens the report from the 年度报告 list
    const leader = await open('leader');
    await leader.goto('/');
    await expectText(leader.locator('.ant-menu'), '综合监管', T);
    await leader.goto(`/annual-reports?year=${year}`);
    await leader.getByTestId('report-table').waitFor();
    await leader.getByTestId('report-link').first().click();
    await leader.waitForURL(`**/annual-reports/${orgId}/${year}`);
    const form = leader.getByTestId('report-form');
    await form.waitFor();
    await expectText(leader.getByTestId('report-title'), `${year}年度报告`, T);

    // a summary that is too short saves as a draft, but the submission is refused on the field
    await leader.getByTestId('report-summary').fill('组织开展了探访活动。');
    await leader.getByTestId('report-save').click();
    await expect.poll(async () => (await report()).exists, { timeout: T }).toBe(true);
    expect((await report()).content.summary).toBe('组织开展了探访活动。');
    await leader.getByTestId('report-submit').click();
    await confirm(leader);
    await expectText(form, '年度工作总结不少于 20 字', T);
    expect((await report()).status).toBe('draft');

    // the required fields, and an income line entered in yuan (stored as fen)
    const summary = `${year}年度本会组织志愿者开展独居老人上门探访、困难家庭生活帮扶和邻里互助活动，建立了结对帮扶台账。`;
    await leader.getByTestId('report-summary').fill(summary);
    await leader.getByTestId('report-members').fill('21');
    await leader.getByTestId('report-income-add').click();
    await pickOption(leader, leader.getByTestId('report-income').locator('.ant-select').first(), '社会捐赠');
    await leader.getByTestId('report-income').getByLabel('金额（元）').fill('1234.56');
    await expectText(leader.getByTestId('report-totals'), '¥1,234.56', T);
    await leader.getByTestId('report-save').click();
    await expect.poll(async () => (await report()).content.summary, { timeout: T }).toBe(summary);
    const saved = await report();
    expect(saved.content.summary).toBe(summary);
    expect(saved.content.members.count).toBe(21);
    expect(saved.content.income).toEqual([{ source: 'donation', amountFen: 123456 }]);

    await leader.getByTestId('report-submit').click();
    await confirm(leader);
    await expect.poll(async () => (await report()).status, { timeout: T }).toBe('submitted');
    await expectText(leader.getByTestId('report-status-tag'), '待审核', T);
    expect(await leader.getByTestId('report-save').count()).toBe(0);
    expect(await scrollWidth(leader)).toBeLessThanOrEqual(DESKTOP.width);
    await snap(leader, 'report-submitted-desktop');

    // ── the street officer finds it 待审核 and returns it with a reason
    const street = await open('street');
    const streetApi = await apiAs(baseUrl, 'street');
    await street.goto(`/annual-reports?year=${year}`);
    await street.getByTestId('report-table').waitFor();
    await expectText(street.locator('.ant-menu'), '年度报告', T);
    await pickOption(street, street.getByTestId('report-filter-state'), '待审核');
    await street.getByTestId('report-filter-search').click();
    await expect
      .poll(() => new URL(street.url()).searchParams.get('state'), { timeout: T })
      .toBe('pending_review');
    const orgName = (await streetApi.get<{ name: string }>(`/v1/organizations/${orgId}`)).body.name;
    const pending = await streetApi.get<ReportList>(`/v1/annual-reports?year=${year}&state=pending_review`);
    expect(pending.body.items.some((i) => i.organization.id === orgId)).toBe(true);
    await expect
      .poll(() => rows(street.getByTestId('report-table')).count(), { timeout: T })
      .toBe(pending.body.items.length);
    const orgRow = street.getByTestId('report-table').locator('tbody tr', { hasText: orgName });
    await expectText(orgRow, '待审核', T);
    expect(await scrollWidth(street)).toBeLessThanOrEqual(DESKTOP.width);
    await snap(street, 'list-pending-desktop');

    await orgRow.getByTestId('report-link').click();
    await street.getByTestId('report-form').waitFor();
    for (const ev of ['pass', 'basic_pass', 'fail', 'return'])
      expect(await street.getByTestId(`review-${ev}`).count()).toBe(1);
    await street.getByTestId('review-return').click();
    await street.getByTestId('review-confirm').click();
    await expectText(street.locator('.ant-modal:visible'), '请填写原因', T);
    const reason = '请补充本年度服务项目情况和收支明细的支出部分';
    await street.getByTestId('review-reason').fill(reason);
    await street.getByTestId('review-confirm').click();
    await expect.poll(async () => (await report()).status, { timeout: T }).toBe('returned');
    await expectText(street.getByTestId('report-status-tag'), '退回修改', T);

    // ── the leader sees the reason, corrects and resubmits
    await leader.reload();
    await expectText(leader.getByTestId('report-review-reason'), reason, T);
    await leader.getByTestId('report-projects-add').click();
    await leader.getByTestId('report-projects').getByLabel('项目名称').fill('独居老人探访');
    await leader.getByTestId('report-projects').getByLabel('项目支出（元）').fill('800');
    await expectText(leader.getByTestId('report-submit'), '重新提交', T);
    await leader.getByTestId('report-submit').click();
    await confirm(leader);
    await expect.poll(async () => (await report()).status, { timeout: T }).toBe('submitted');
    const resubmitted = await report();
    expect(resubmitted.content).toMatchObject({ projects: [{ name: '独居老人探访', spentFen: 80_000 }] });

    // ── the street passes it; the history shows every step; the list shows 合格
    await street.reload();
    await street.getByTestId('review-pass').click();
    await confirm(street);
    await expect.poll(async () => (await report()).status, { timeout: T }).toBe('pass');
    await expectText(street.getByTestId('report-status-tag'), '合格', T);
    await expect.poll(() => street.getByTestId('report-history-item').count(), { timeout: T }).toBe(4);
    await expectText(street.getByTestId('report-history'), reason, T);
    await expectText(street.getByTestId('report-history'), '重新提交', T);
    expect(await street.getByTestId('review-pass').count()).toBe(0);
    await snap(street, 'report-passed-desktop');

    await street.goto(`/annual-reports?year=${year}&state=pass`);
    await expectText(street.getByTestId('report-table').locator('tbody tr', { hasText: orgName }), '合格', T);
    const passed = await streetApi.get<ReportList>(`/v1/annual-reports?year=${year}&state=pass&pageSize=100`);
    expect(passed.body.items.find((i) => i.organization.id === orgId)?.status).toBe('pass');
    await expect
      .poll(() => rows(street.getByTestId('report-table')).count(), { timeout: T })
      .toBe(Math.min(20, passed.body.total));
    for (const tag of await street.getByTestId('report-status').allTextContents()) expect(tag).toBe('合格');

    // ── the district sees a filed organization's report but does not review it
    const districtApi = await apiAs(baseUrl, 'district');
    const districtView = await districtApi.get<Report>(reportUrl);
    expect(districtView.status).toBe(200);
    expect(districtView.body.actions).toEqual([]);
    const district = await open('district');
    await district.goto(`/annual-reports/${orgId}/${year}`);
    await district.getByTestId('report-form').waitFor();
    await expectText(district.getByTestId('report-status-tag'), '合格', T);
    for (const ev of ['pass', 'basic_pass', 'fail', 'return'])
      expect(await district.getByTestId(`review-${ev}`).count()).toBe(0);

    // ── the other street's officer does not see it at all
    const street2Api = await apiAs(baseUrl, 'street2');
    expect((await street2Api.get(reportUrl)).status).toBe(404);
    const list2 = await street2Api.get<ReportList>(`/v1/annual-reports?year=${year}&pageSize=100`);
    expect(list2.body.items.some((i) => i.organization.id === orgId)).toBe(false);
    const street2 = await open('street2');
    await street2.goto(`/annual-reports?year=${year}&q=${encodeURIComponent(orgName)}`);
    await street2.getByTestId('report-table').waitFor();
    await expectText(street2.getByTestId('report-table'), '没有符合条件', T);
    await street2.goto(`/annual-reports/${orgId}/${year}`);
    await expectText(street2.locator('.ant-result'), '未找到', T);

    // ── phone: the list and the report fit the screen
    const phoneStreet = await open('street', PHONE);
    await phoneStreet.goto(`/annual-reports?year=${year}`);
    await phoneStreet.getByTestId('report-table').waitFor();
    await expectText(phoneStreet.getByTestId('report-table'), '逾期未报', T);
    expect(await scrollWidth(phoneStreet)).toBeLessThanOrEqual(PHONE.width);
    await snap(phoneStreet, 'list-phone');
    const phoneLeader = await open('leader', PHONE);
    await phoneLeader.goto(`/annual-reports/${orgId}/${year}`);
    await phoneLeader.getByTestId('report-form').waitFor();
    await expectText(phoneLeader.getByTestId('report-history'), '审核：合格', T);
    expect(await scrollWidth(phoneLeader)).toBeLessThanOrEqual(PHONE.width);
    await snap(phoneLeader, 'report-phone');
  });

  it('the street officer reads both credit lists; a removal before two years shows the server’s reason', async () => {
    const streetApi = await apiAs(baseUrl, 'street');
    const street = await open('street');
    await street.goto('/credit-lists');
    await street.getByTestId('credit-table').waitFor();
    await expectText(street.locator('.ant-menu'), '信用名录', T);
    await expectText(street.getByTestId('credit-tab-abnormal'), '活动异常名录', T);
    await expectText(street.getByTestId('credit-tab-serious'), '严重违法失信名单', T);
    const abnormal = await streetApi.get<{ total: number }>('/v1/credit-listings?list=abnormal&pageSize=1');
    await expect
      .poll(() => rows(street.getByTestId('credit-table')).count(), { timeout: T })
      .toBe(Math.min(20, abnormal.body.total));
    expect(await scrollWidth(street)).toBeLessThanOrEqual(DESKTOP.width);
    await snap(street, 'credit-abnormal-desktop');

    await street.getByTestId('credit-tab-serious').click();
    await expect.poll(() => new URL(street.url()).searchParams.get('list'), { timeout: T }).toBe('serious');
    const serious = await streetApi.get<{
      items: { id: string; organizationName: string; enteredOn: string; leftOn: string | null }[];
      total: number;
    }>('/v1/credit-listings?list=serious&pageSize=100');
    const today = new Date().toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' });
    const twoYearsAgo = `${Number(today.slice(0, 4)) - 2}${today.slice(4)}`;
    const recent = serious.body.items.find((l) => l.enteredOn > twoYearsAgo);
    await expect
      .poll(() => rows(street.getByTestId('credit-table')).count(), { timeout: T })
      .toBe(Math.min(20, serious.body.total));
    await snap(street, 'credit-serious-desktop');
    if (recent) {
      const row = street
        .getByTestId('credit-table')
        .locator('tbody tr', { hasText: recent.organizationName });
      await row.first().getByTestId('credit-remove').click();
      await street.getByTestId('remove-note').fill('组织申请移出，经核实期间未再发生失信情形');
      await street.getByTestId('remove-confirm').click();
      await expectText(
        street.getByTestId('remove-refusal'),
        /未满2年.*起可申请移出|重新计算.*起可申请移出/,
        T,
      );
      await snap(street, 'credit-remove-refused-desktop');
      const after = await streetApi.get<{ items: { id: string }[] }>(
        '/v1/credit-listings?list=serious&pageSize=100',
      );
      expect(after.body.items.some((l) => l.id === recent.id)).toBe(true);
      await street
        .locator('.ant-modal:visible')
        .getByRole('button', { name: /取\s*消/ })
        .click();
    }

    // the organization page: credit state and last year's report
    const leaderApi = await apiAs(baseUrl, 'leader');
    const me = await leaderApi.get<{ grants: { organizationId: string | null }[] }>('/v1/auth/me');
    const orgId = me.body.grants.find((g) => g.organizationId)?.organizationId as string;
    const state = await streetApi.get<{ stateLabel: string }>(`/v1/organizations/${orgId}/credit-listings`);
    await street.goto(`/organizations/${orgId}?tab=supervision`);
    await street.getByTestId('org-supervision').waitFor();
    await expectText(street.getByTestId('org-credit-state'), state.body.stateLabel, T);
    const listings = await streetApi.get<{ listings: unknown[] }>(
      `/v1/organizations/${orgId}/credit-listings`,
    );
    await expect
      .poll(() => rows(street.getByTestId('org-credit-table')).count(), { timeout: T })
      .toBe(listings.body.listings.length);
    await expectText(street.getByTestId('org-last-report'), '年度报告', T);
    expect(await street.getByTestId('credit-enter').count()).toBe(1);
    expect(await scrollWidth(street)).toBeLessThanOrEqual(DESKTOP.width);
    await snap(street, 'org-credit-desktop');

    // phone
    const phone = await open('street', PHONE);
    await phone.goto('/credit-lists?list=serious');
    await phone.getByTestId('credit-table').waitFor();
    await expectText(phone.getByTestId('credit-tab-serious'), '严重违法失信名单', T);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await snap(phone, 'credit-phone');
  });
});
