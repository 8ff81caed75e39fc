/**
 * Random spot checks (双随机抽查) and dormant organizations (长期未活动组织) in the console: the
 * district officer draws a plan at 3 %, sees the drawn checks and replays the draw (identical);
 * publishing is refused while checks are open (the server's reason shows); a drawn inspector
 * records a result with a rectification requirement; the 整改任务 list shows the task and the
 * district officer confirms it done; the street officer sees the 长期未活动组织 page.
 * Screenshots at 1440×900 and 390×844.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { apiAs, DESKTOP, failureShots, launchBrowser, PHONE, scrollWidth, shot, userPage } from './harness';
import { confirmVisible, expectText, pickOption, settle, tableRows } from './ui';

const J = 'spot-checks';
const T = 60_000;
const baseUrl = inject('baseUrl');
let browser: Browser;
const contexts: BrowserContext[] = [];

type Plan = {
  id: string;
  code: string;
  ratio: number;
  sampleSize: number;
  poolSize: number;
  status: string;
  checks: {
    id: string;
    organizationId: string;
    organizationName: string;
    inspectors: { id: string; name: string }[];
    status: string;
    result: string | null;
  }[];
};
type Tasks = { items: { id: string; spotCheckId: string | null; status: string; requirement: string }[] };

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

/** Types a date into the antd DatePicker of the visible modal found by its label. */
async function fillDate(page: Page, label: string, iso: string) {
  const input = page.locator('.ant-modal:visible').getByLabel(label);
  await input.click();
  await input.fill(iso);
  await input.press('Enter');
}

const shanghaiDay = (offsetDays = 0) =>
  new Date(Date.now() + offsetDays * 86_400_000).toLocaleDateString('sv', { timeZone: 'Asia/Shanghai' });

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

describe('console: random spot checks and dormant organizations', () => {
  it('the district draws a plan, replays it, is refused publishing; a drawn inspector records a result', async () => {
    const districtApi = await apiAs(baseUrl, 'district');

    // ── the district officer draws a plan at the default 3 %
    const district = await open('district');
    await district.goto('/');
    await expectText(district.locator('.ant-menu'), '综合监管', T);
    await district.goto('/spot-checks');
    await district.getByTestId('plan-table').waitFor();
    await district.getByTestId('plan-new').click();
    const modal = district.locator('.ant-modal:visible');
    await modal.getByTestId('plan-title').waitFor();
    expect(await modal.getByTestId('plan-ratio').inputValue()).toBe('3');
    await expectText(modal, '留空时由系统生成并记录', T);
    await expectText(modal.getByTestId('plan-region'), '南山区', T);
    await snap(district, 'new-plan');
    await modal.getByTestId('plan-title').fill('社会组织双随机抽查（e2e）');
    await district.getByTestId('plan-create-confirm').click();
    await district.waitForURL(/\/spot-checks\/[0-9a-f-]{36}$/, { timeout: T });
    const planId = district.url().split('/').pop() as string;
    const plan = async () => (await districtApi.get<Plan>(`/v1/spot-check-plans/${planId}`)).body;
    const p0 = await plan();
    expect(p0.ratio).toBe(0.03);
    expect(p0.sampleSize).toBe(Math.ceil(p0.poolSize * 0.03));
    expect(p0.checks.length).toBe(p0.sampleSize);

    const checks = district.getByTestId('check-table');
    await checks.waitFor();
    await expect.poll(() => rows(checks).count(), { timeout: T }).toBe(p0.sampleSize);
    await expectText(district.getByTestId('plan-status-tag'), '已抽取', T);
    await expectText(district.getByTestId('plan-sample'), `${p0.sampleSize} 个`, T);
    await expectText(checks, p0.checks[0].organizationName, T);
    await expectText(checks, p0.checks[0].inspectors[0].name, T);

    // the draw replays from the recorded seed to the same selection
    await district.getByTestId('plan-replay').click();
    await expectText(district.getByTestId('replay-result'), '结果与原抽取结果完全一致', T);

    // publishing is refused while checks are open: the server's reason shows
    await district.getByTestId('plan-publish').click();
    await confirm(district);
    await expectText(
      district.getByTestId('publish-refusal'),
      `还有 ${p0.sampleSize} 个组织未录入检查结果，不能公示`,
      T,
    );
    expect((await plan()).status).toBe('drawn');
    expect(await scrollWidth(district)).toBeLessThanOrEqual(DESKTOP.width);
    await snap(district, 'plan-detail');

    // ── a demo user drawn as inspector on one of the checks
    const ids: Record<string, string> = {};
    for (const u of ['district', 'street', 'street2']) {
      const me = await (await apiAs(baseUrl, u)).get<{ user: { id: string } }>('/v1/auth/me');
      ids[u] = me.body.user.id;
    }
    let inspector: string | undefined;
    const check = p0.checks.find((c) => {
      inspector = ['street', 'street2', 'district'].find((u) => c.inspectors.some((i) => i.id === ids[u]));
      return !!inspector;
    });
    expect(check, 'no check drawn for district, street or street2').toBeDefined();
    if (!check || !inspector) return;

    const insp = inspector === 'district' ? district : await open(inspector);
    // the check shows in 我的检查任务 (a street officer may not open a district plan itself)
    await insp.goto('/spot-checks?tab=mine');
    const mine = insp.getByTestId('mine-table');
    await expectText(mine, check.organizationName, T);
    const mineRow = rows(mine).filter({ hasText: check.organizationName }).filter({ hasText: p0.code });
    await expectText(mineRow.getByTestId('mine-status'), '待检查', T);
    await mineRow.getByTestId('mine-record').click();
    const rm = insp.locator('.ant-modal:visible');
    await pickOption(insp, rm.getByTestId('result-select'), '发现问题，责令整改');
    await rm.getByTestId('result-findings').fill('现场检查发现财务台账不完整，部分活动没有签到记录。');
    await rm.getByTestId('result-requirement').waitFor();
    await rm.getByTestId('result-requirement').fill('30 日内补齐财务台账和活动签到记录并报街道核查。');
    const deadline = shanghaiDay(30);
    await fillDate(insp, '整改期限', deadline);
    await snap(insp, 'record-result');
    await insp.getByTestId('result-confirm').click();
    await expect
      .poll(async () => (await plan()).checks.find((c) => c.id === check.id)?.status, { timeout: T })
      .toBe('recorded');
    const recorded = (await plan()).checks.find((c) => c.id === check.id);
    expect(recorded?.result).toBe('rectify');
    await expectText(mineRow.getByTestId('mine-status'), '已录入结果', T);
    await expectText(mineRow, '发现问题，责令整改', T);
    await snap(insp, 'mine');
    // the district officer's plan page shows the result
    await district.reload();
    const dRow = rows(district.getByTestId('check-table')).filter({ hasText: check.organizationName });
    await expectText(dRow.getByTestId('check-result'), '发现问题，责令整改', T);

    // ── the 整改任务 list shows the task; the district officer confirms it done
    const tasksOf = async () =>
      (await districtApi.get<Tasks>('/v1/rectification-tasks')).body.items.filter(
        (t) => t.spotCheckId === check.id,
      );
    expect((await tasksOf()).map((t) => t.status)).toEqual(['open']);
    await district.goto('/spot-checks?tab=tasks');
    const tasks = district.getByTestId('task-table');
    await expectText(tasks, check.organizationName, T);
    const taskRow = rows(tasks).filter({ hasText: check.organizationName });
    await expectText(taskRow.getByTestId('task-status'), '整改中', T);
    await expectText(taskRow, deadline, T);
    await snap(district, 'tasks');
    await taskRow.getByTestId('task-complete').click();
    await district
      .locator('.ant-modal:visible')
      .getByTestId('task-complete-note')
      .fill('已到现场核实，台账已补齐。');
    await district.getByTestId('task-complete-confirm').click();
    await expect.poll(async () => (await tasksOf())[0]?.status, { timeout: T }).toBe('completed');
    await expectText(taskRow.getByTestId('task-status'), '已完成', T);

    // ── phone: the plan detail fits the screen
    const phone = await open('district', PHONE);
    await phone.goto(`/spot-checks/${planId}`);
    await phone.getByTestId('check-table').waitFor();
    await expectText(phone.getByTestId('check-table'), check.organizationName, T);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await snap(phone, 'plan-detail-phone');
  });

  it('the street officer sees the dormant-organization list', async () => {
    const streetApi = await apiAs(baseUrl, 'street');
    const api = await streetApi.get<{
      items: { organizationName: string; statusLabel: string }[];
      total: number;
    }>('/v1/dormant-cases');
    expect(api.status).toBe(200);

    const street = await open('street');
    await street.goto('/');
    await street.locator('.ant-menu').getByText('综合监管').click();
    await expectText(street.locator('.ant-menu'), '长期未活动组织', T);
    await street.goto('/dormant-cases');
    const table = street.getByTestId('dormant-table');
    await table.waitFor();
    if (api.body.total > 0) await expectText(table, api.body.items[0].organizationName, T);
    else await expectText(table, '没有长期未活动的组织', T);
    await street.getByTestId('dormant-tab-proposed').click();
    await expect
      .poll(() => new URL(street.url()).searchParams.get('status'), { timeout: T })
      .toBe('proposed');
    // a click while the tab bar still animates may be lost: click until the tab changes
    await expect
      .poll(
        async () => {
          await street.getByTestId('dormant-tab-all').click();
          await street.waitForTimeout(300);
          return new URL(street.url()).searchParams.get('status');
        },
        { timeout: T },
      )
      .toBe(null);
    if (api.body.total > 0) {
      await expect.poll(() => rows(table).count(), { timeout: T }).toBe(Math.min(api.body.total, 20));
      await expectText(rows(table).first().getByTestId('dormant-status'), api.body.items[0].statusLabel, T);
    }
    expect(await scrollWidth(street)).toBeLessThanOrEqual(DESKTOP.width);
    await snap(street, 'dormant');

    const phone = await open('street', PHONE);
    await phone.goto('/dormant-cases');
    await phone.getByTestId('dormant-table').waitFor();
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await snap(phone, 'dormant-phone');
  });
});
