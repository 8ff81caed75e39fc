/**
 * A filing journey through the real UI against a live server (smoke test for the web client):
 * login errors → new activity group (ID check) → recommend filing → submit → community pass →
 * street return with reason → resubmit → pass → street files → public verification.
 *   npx tsx apps/web/scripts/journey.ts [baseUrl]
 */
import { type Browser, chromium, type Page } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:3000';
const password = process.env.LINLI_DEMO_PASSWORD ?? 'demo-pass-2026';
const shots = process.env.SHOTS ?? '/tmp/shots';

function step(msg: string) {
  console.log(`• ${msg}`);
}

async function loginPage(
  browser: Browser,
  username: string,
  viewport = { width: 1440, height: 900 },
): Promise<Page> {
  const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log(`  pageerror: ${e.message}`));
  await page.goto(`${base}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

async function confirmModal(page: Page) {
  await page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
}

async function fireEvent(page: Page, event: string, reason?: string) {
  await page.getByTestId(`event-${event}`).click();
  if (reason) {
    await page.getByTestId('event-reason').fill(reason);
    await page.getByTestId('event-confirm').click();
  } else {
    await confirmModal(page);
  }
  await page
    .waitForSelector(`[data-testid=event-${event}]`, { state: 'detached', timeout: 10_000 })
    .catch(() => {});
}

async function expectState(page: Page, label: string) {
  await page.waitForFunction(
    (l) => document.querySelector('[data-testid=app-state]')?.textContent?.trim() === l,
    label,
    { timeout: 10_000 },
  );
  step(`state is ${label}`);
}

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
    // wrong password shows the server's message
    {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${base}/login`);
      await page.getByTestId('login-submit').click();
      await page.getByText('请输入用户名').waitFor();
      await page.getByTestId('login-username').fill('community');
      await page.getByTestId('login-password').fill('wrong-password');
      await page.getByTestId('login-submit').click();
      step(`wrong password → ${await page.getByTestId('login-error').textContent()}`);
      await ctx.close();
    }

    const community = await loginPage(browser, 'community');
    step(`community logged in at ${community.url()}`);
    await community.goto(`${base}/organizations`);
    await community.getByTestId('org-create').click();
    const name = `测试合唱队${Date.now() % 100000}`;
    await community.getByTestId('org-form-name').fill(name);
    await community.getByTestId('org-form-category').click();
    await community.locator('.ant-select-item-option').first().click();
    await community.getByLabel('业务范围').fill('组织居民合唱排练和社区演出');
    await community.getByLabel('活动场所').fill('社区党群服务中心二楼');
    await community.getByTestId('org-form-leader').fill('王小明');
    await community.getByTestId('org-form-id').fill('110105194912310021');
    await community.getByTestId('org-form-phone').fill('1380013800');
    await community.getByTestId('org-form-submit').click();
    await community.getByText('身份证号码校验位错误').waitFor();
    await community.getByText('手机号码应为').or(community.getByText('电话号码格式不正确')).first().waitFor();
    step('client-side ID and phone checks shown in Chinese');
    await community.getByTestId('org-form-id').fill('11010519491231002X');
    await community.getByTestId('org-form-phone').fill('13800138000');
    await community.getByTestId('org-form-submit').click();
    await community.waitForURL(/\/organizations\/[0-9a-f-]{36}$/);
    step(`group created: ${await community.getByTestId('org-name').textContent()}`);

    await community.getByTestId('action-recommendFiling').click();
    await confirmModal(community);
    await community.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    const appUrl = community.url();
    await expectState(community, '草稿');
    await fireEvent(community, 'submit');
    await expectState(community, '社区初审');
    await fireEvent(community, 'pass');
    await expectState(community, '街道审核');

    const street = await loginPage(browser, 'street');
    await street.goto(appUrl);
    await street.getByTestId('event-return').waitFor();
    await fireEvent(street, 'return', '章程缺少成员权利义务条款，请补充后重新提交');
    await expectState(street, '已退回');

    await community.reload();
    await community.getByText('已退回：章程缺少成员权利义务条款').waitFor();
    step('community sees the return reason');
    await fireEvent(community, 'resubmit');
    await expectState(community, '社区初审');
    await fireEvent(community, 'pass');
    await expectState(community, '街道审核');

    // a stale page: street opened before the community acted again → 409 message
    await street.reload();
    await fireEvent(street, 'file');
    await expectState(street, '已备案');
    const cert = street.getByTestId('certificate-download');
    await cert.waitFor({ timeout: 10_000 });
    const alert = await street.locator('.ant-alert-success').first().textContent();
    const number = /已发备案证书：(\S+?)下载/.exec(alert ?? '')?.[1];
    step(`certificate issued: ${number}`);
    await street.screenshot({ path: `${shots}/journey-filed-desktop.png`, fullPage: true });

    if (number) {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const pub = await ctx.newPage();
      await pub.goto(`${base}/public/verify/${encodeURIComponent(number)}`);
      await pub.getByTestId('verify-result').waitFor();
      step(`public verification: ${await pub.getByTestId('verify-result').getAttribute('data-status')}`);
      await pub.screenshot({ path: `${shots}/journey-verify-phone.png`, fullPage: true });
    }
    console.log('journey OK');
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error('journey FAILED:', err);
  process.exit(1);
});
