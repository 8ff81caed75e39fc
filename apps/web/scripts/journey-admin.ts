/**
 * Smoke test of the management screens against a live server: users and grants, targets,
 * members and ledger, PII reveal, Excel export/template/import dry run, dashboard drill-down.
 *   npx tsx apps/web/scripts/journey-admin.ts [baseUrl]
 */
import { readFileSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:3000';
const password = process.env.LINLI_DEMO_PASSWORD ?? 'demo-pass-2026';
const step = (m: string) => console.log(`• ${m}`);

async function as(browser: Browser, username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const res = await ctx.request.post(`${base}/api/v1/auth/login`, { data: { username, password } });
  if (!res.ok()) throw new Error(`login ${username} ${res.status()}`);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log(`  pageerror: ${e.message}`));
  return page;
}

const ok = (page: Page) => page.locator('.ant-message-success').last().waitFor({ timeout: 10_000 });
const confirm = (page: Page) => page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();

async function main() {
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
    // users and grants (admin)
    const admin = await as(browser, 'admin');
    await admin.goto(`${base}/system/users`);
    await admin.getByTestId('user-create').click();
    const uname = `u${Date.now() % 1_000_000}`;
    await admin.getByTestId('user-username').fill(uname);
    await admin.getByTestId('user-displayname').fill('测试 社工');
    await admin.getByTestId('user-password').fill('temp-pass-123');
    await admin.getByTestId('grant-role').click();
    await admin.locator('.ant-select-item-option', { hasText: '街道办事处' }).click();
    await admin.getByTestId('grant-region').click();
    await admin.locator('.ant-cascader-menu-item', { hasText: '深圳市' }).click();
    await admin.locator('.ant-cascader-menu-item', { hasText: '南山区' }).click();
    await admin.locator('.ant-cascader-menu-item', { hasText: '南头街道' }).click();
    await admin.keyboard.press('Escape');
    await admin.locator('.ant-modal-footer .ant-btn-primary').click();
    await ok(admin);
    step(`user ${uname} created with a street grant`);
    await admin.getByTestId('user-filter-q').fill(uname);
    await admin.getByRole('button', { name: '查 询' }).click();
    const row = admin.locator('[data-testid=user-table] tr', { hasText: uname });
    await row.getByTestId('grant-tag').waitFor();
    step(`grant shown: ${await row.getByTestId('grant-tag').textContent()}`);
    await row.getByTestId('grant-tag').locator('.ant-tag-close-icon').click();
    await confirm(admin);
    await ok(admin);
    step('grant revoked');

    // targets (city)
    const city = await as(browser, 'city');
    await city.goto(`${base}/system/categories`);
    await city.getByTestId('targets-save').click();
    await ok(city);
    step('coverage targets saved (same values, version round-trip)');

    // dashboard drill-down (city → district → street)
    await city.goto(`${base}/dashboard`);
    await city.getByTestId('dashboard-child-row').first().click();
    await city.waitForURL(/region=/);
    await city.getByTestId('dashboard-child-row').first().click();
    await city.waitForFunction(
      () =>
        new URL(location.href).searchParams.get('region')?.endsWith('000') &&
        !new URL(location.href).searchParams.get('region')?.endsWith('000000'),
    );
    step(`drilled down to ${new URL(city.url()).searchParams.get('region')}`);
    const [dl] = await Promise.all([
      city.waitForEvent('download'),
      city.getByTestId('dashboard-export').click(),
    ]);
    step(`dashboard export: ${dl.suggestedFilename()}`);

    // members, ledger (community)
    const community = await as(browser, 'community');
    const groups = await (
      await community.request.get(`${base}/api/v1/organizations?tier=group&status=active&pageSize=1`)
    ).json();
    const gid = groups.items[0].id as string;
    await community.goto(`${base}/organizations/${gid}?tab=members`);
    await community.getByTestId('member-add').click();
    await community.getByTestId('member-name').fill('测试成员');
    await community.locator('.ant-modal-footer .ant-btn-primary').click();
    await ok(community);
    step('member added');
    await community.getByTestId('member-leave').first().click();
    await confirm(community);
    await ok(community);
    step('member marked as left');
    await community.goto(`${base}/organizations/${gid}?tab=ledger`);
    await community.getByTestId('ledger-add').click();
    await community.getByTestId('ledger-title').fill('测试活动');
    await community.locator('.ant-modal-footer .ant-btn-primary').click();
    await ok(community);
    step('ledger activity recorded');

    // export and import dry run
    await community.goto(`${base}/organizations`);
    const [xl] = await Promise.all([
      community.waitForEvent('download'),
      community.getByTestId('org-export').click(),
    ]);
    step(`organization export: ${xl.suggestedFilename()}`);
    await community.goto(`${base}/organizations/import`);
    const [tpl] = await Promise.all([
      community.waitForEvent('download'),
      community.getByTestId('import-template').click(),
    ]);
    const tplPath = await tpl.path();
    step(`template: ${tpl.suggestedFilename()} (${readFileSync(tplPath).length} bytes)`);
    await community.locator('[data-testid=import-upload] input[type=file]').setInputFiles({
      name: '模板.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: readFileSync(tplPath),
    });
    await community.getByTestId('import-ok').or(community.getByTestId('import-has-errors')).first().waitFor();
    step(`dry run: ${await community.locator('.ant-alert-title').first().textContent()}`);

    // reveal (street, filed organization)
    const street = await as(browser, 'street');
    const filed = await (
      await street.request.get(`${base}/api/v1/organizations?tier=filed&pageSize=1`)
    ).json();
    await street.goto(`${base}/organizations/${filed.items[0].id}`);
    await street.getByTestId('action-reveal').click();
    await confirm(street);
    await street.getByTestId('revealed-value').first().waitFor();
    step(`revealed: ${await street.getByTestId('revealed-value').first().textContent()}`);
    console.log('admin journey OK');
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error('admin journey FAILED:', err);
  process.exit(1);
});
