/**
 * Smoke test of the less common paths against a live server: registration with a USCC,
 * concurrent reviewers (409), organization edit with version, change and exit applications,
 * attachment checks, English switch, phone drawer.
 *   npx tsx apps/web/scripts/journey-more.ts [baseUrl]
 */
import { makeUscc } from '@linli/core/identifiers/uscc';
import { type Browser, chromium, type Page } from 'playwright-core';

const base = process.argv[2] ?? 'http://localhost:3000';
const password = process.env.LINLI_DEMO_PASSWORD ?? 'demo-pass-2026';
const shots = process.env.SHOTS ?? '/tmp/shots';
const step = (m: string) => console.log(`• ${m}`);

async function as(
  browser: Browser,
  username: string,
  viewport = { width: 1440, height: 900 },
): Promise<Page> {
  const ctx = await browser.newContext({ viewport, acceptDownloads: true });
  const res = await ctx.request.post(`${base}/api/v1/auth/login`, { data: { username, password } });
  if (!res.ok()) throw new Error(`login ${username} ${res.status()}`);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.log(`  pageerror: ${e.message}`));
  return page;
}
const confirm = (page: Page) => page.locator('.ant-modal-confirm-btns .ant-btn-primary').click();
const state = (page: Page, label: string) =>
  page.waitForFunction(
    (l) => document.querySelector('[data-testid=app-state]')?.textContent?.trim() === l,
    label,
    {
      timeout: 10_000,
    },
  );

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
    const street = await as(browser, 'street');
    const filed = await (
      await street.request.get(`${base}/api/v1/organizations?tier=filed&status=active&pageSize=50`)
    ).json();
    const candidates = filed.items as { id: string; name: string }[];
    // pick a filed organization the street may recommend
    let orgId = '';
    for (const c of candidates) {
      const d = await (await street.request.get(`${base}/api/v1/organizations/${c.id}`)).json();
      if (d.allowedActions.includes('recommendRegistration') && !d.openApplications.length) {
        orgId = c.id;
        break;
      }
    }
    if (!orgId) throw new Error('no filed organization to recommend');
    await street.goto(`${base}/organizations/${orgId}`);

    // edit with version (street may edit the free fields of a filed organization)
    await street.getByTestId('action-update').click();
    await street.getByLabel('联系人').fill('测试联系人');
    await street.locator('.ant-modal-footer .ant-btn-primary').click();
    await street.locator('.ant-message-success').last().waitFor();
    step('filed organization edited (contact person)');

    await street.getByTestId('action-recommendRegistration').click();
    await confirm(street);
    await street.waitForURL(/\/applications\//);
    const appUrl = street.url();
    await street.getByTestId('app-state').waitFor();
    if (await street.getByTestId('event-recommend').count()) {
      await street.getByTestId('event-recommend').click();
      await confirm(street);
    }
    await state(street, '区级审核');
    step('registration recommended → 区级审核');

    const district = await as(browser, 'district');
    const district2 = await as(browser, 'district');
    await district.goto(appUrl);
    await district2.goto(appUrl);
    await district.getByTestId('event-register').click();
    await district.getByTestId('event-uscc').fill('52440305MJ9000145');
    await district.getByTestId('event-confirm').click();
    await district.getByText('统一社会信用代码应为18位').waitFor();
    step('USCC length checked in the form');
    const uscc = makeUscc(`5244030500${String(Date.now()).slice(-6)}`);
    await district.getByTestId('event-uscc').fill(uscc);
    await district.getByTestId('event-confirm').click();
    await state(district, '已登记');
    step(`registered with ${uscc}`);

    // the second district page is stale: its return must answer 409 and refresh
    await district2.getByTestId('event-return').click();
    await district2.getByTestId('event-reason').fill('材料不全');
    await district2.getByTestId('event-confirm').click();
    const err = await district2.locator('.ant-message-error').last().textContent({ timeout: 10_000 });
    await state(district2, '已登记');
    step(`stale reviewer: "${err?.trim()}", page refreshed to 已登记`);

    // change application (community, on a filed organization of its community)
    const community = await as(browser, 'community');
    const mine = await (
      await community.request.get(`${base}/api/v1/organizations?tier=filed&status=active&pageSize=50`)
    ).json();
    let changeOrg = '';
    for (const c of mine.items as { id: string }[]) {
      const d = await (await community.request.get(`${base}/api/v1/organizations/${c.id}`)).json();
      if (d.allowedActions.includes('change') && !d.openApplications.length) {
        changeOrg = c.id;
        break;
      }
    }
    if (changeOrg) {
      await community.goto(`${base}/organizations/${changeOrg}`);
      await community.getByTestId('action-change').click();
      await community.getByLabel('新活动场所').fill('社区党群服务中心三楼');
      await community.getByTestId('change-note').fill('原场所装修');
      await community.locator('.ant-modal-footer .ant-btn-primary').click();
      await community.waitForURL(/\/applications\//);
      step(`change application created: ${await community.getByTestId('app-state').textContent()}`);
      await community.screenshot({ path: `${shots}/journey-change-desktop.png`, fullPage: true });
    } else step('no organization available for a change application');

    // attachments on a draft filing: wrong type refused in the browser, a PDF uploaded
    const drafts = await (
      await community.request.get(`${base}/api/v1/applications?kind=filing&state=draft&pageSize=1`)
    ).json();
    if (drafts.items.length) {
      await community.goto(`${base}/applications/${drafts.items[0].id}`);
      const upload = community.locator('[data-testid=attachments] input[type=file]');
      await upload.setInputFiles({
        name: 'a.exe',
        mimeType: 'application/octet-stream',
        buffer: Buffer.from('x'),
      });
      step(`bad type: ${await community.locator('.ant-message-error').last().textContent()}`);
      await upload.setInputFiles({
        name: '场所证明.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
      });
      await community.getByText('场所证明.pdf').first().waitFor({ timeout: 10_000 });
      step('PDF attachment uploaded and listed');
      const [dl] = await Promise.all([
        community.waitForEvent('download'),
        community.getByText('场所证明.pdf').first().click(),
      ]);
      step(`attachment downloaded as ${dl.suggestedFilename()}`);
      await community.getByTestId('app-edit').click();
      await community.getByTestId('filing-members').fill('12');
      await community.getByTestId('app-save').click();
      await community.locator('.ant-message-success').last().waitFor();
      step('draft form saved with version');
    }

    // English switch and the phone drawer
    const phone = await as(browser, 'street', { width: 390, height: 844 });
    await phone.goto(`${base}/`);
    await phone.getByTestId('lang-switch').click();
    await phone.getByTestId('menu-toggle').click();
    await phone.getByText('Organizations').waitFor();
    step('English menu in the phone drawer');
    await phone.screenshot({ path: `${shots}/journey-drawer-en-phone.png` });
    console.log('more journeys OK');
  } finally {
    await browser.close();
  }
}

main().catch((err) => {
  console.error('more journeys FAILED:', err);
  process.exit(1);
});
