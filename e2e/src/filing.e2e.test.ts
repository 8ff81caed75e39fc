/**
 * Filing journey (备案): community staff fills the 备案申请表 and passes the first review; the
 * street officer returns it with a reason; the community fixes and resubmits; the street files
 * it; the certificate PDF downloads and verifies publicly without login.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  failureShots,
  launchBrowser,
  newContext,
  pdfContains,
  publicGet,
  screenshotDir,
  shot,
  userPage,
  watchErrors,
} from './harness';
import { confirmDialog, expectText, pickOption, toast } from './ui';

const J = 'filing';
const baseUrl = inject('baseUrl');
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(({ onTestFailed }) => {
  onTestFailed(() => failureShots(J, contexts));
});

const stamp = [...String(Date.now()).slice(-4)].map((d) => '零一二三四五六七八九'[Number(d)]).join('');
const orgName = `南头城社区${stamp}太极拳协会`;
const reason = '章程缺少议事规则，请补充';
const fixedCharter =
  '本组织是社区居民自愿组成的文体活动团体，遵守法律法规，服务社区居民。重大事项由成员大会议事决定，须过半数成员同意。';

/** Fires an application event through its button (with confirm dialog or reason modal). */
async function fireEvent(page: Page, event: string, opts: { reason?: string } = {}) {
  await page.getByTestId(`event-${event}`).click();
  if (opts.reason !== undefined) {
    await page.getByTestId('event-reason').fill(opts.reason);
    await page.getByTestId('event-confirm').click();
  } else {
    await confirmDialog(page);
  }
}

async function openApplicationFromList(page: Page, name: string) {
  await page.goto('/applications');
  await page.getByTestId('app-filter-q').fill(name);
  await page.getByTestId('app-filter-q').press('Enter');
  const link = page.getByTestId('app-table').getByTestId('app-link').filter({ hasText: name });
  await link.first().click();
  await page.waitForURL(/\/applications\/[0-9a-f-]{36}/);
  await expectText(page.getByTestId('app-name'), name);
}

describe('filing journey', () => {
  it('community applies → street returns → community fixes → street files → certificate verifies', async () => {
    // ── community staff: new 备案申请表, submit, first review ──
    const community = await userPage(browser, baseUrl, 'community');
    contexts.push(community.ctx);
    const cp = community.page;
    await cp.goto('/applications/new');
    await cp.getByText('直接填写申请表').click();
    const form = cp.getByTestId('filing-form');
    await form.waitFor();
    await cp.getByTestId('filing-name').fill(orgName);
    await pickOption(cp, form.getByLabel('类别'), '文体活动');
    await form.getByLabel('业务范围').fill('组织社区居民开展太极拳晨练、交流和比赛活动');
    await form.getByLabel('活动场所').fill('南头城社区党群服务中心广场');
    await cp.getByTestId('filing-leader').fill('李建国');
    await cp.getByTestId('filing-id').fill('440305198001011235');
    await cp.getByTestId('filing-phone').fill('13812345678');
    await cp.getByTestId('filing-members').fill('15');
    await form.getByLabel('联系人').fill('王芳');
    await form
      .getByLabel('简易章程')
      .fill('本组织是社区居民自愿组成的文体活动团体，遵守法律法规，服务社区居民。');
    await shot(cp, J, 'community-form-filled');
    await cp.getByTestId('filing-submit').click();
    await cp.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    const appUrl = new URL(cp.url()).pathname;
    await expectText(cp.getByTestId('app-name'), orgName);
    await expectText(cp.getByTestId('app-state'), '社区初审');
    await expectText(cp.getByTestId('app-form'), '李建国');
    // PII is masked on the page
    expect(await cp.getByTestId('app-form').textContent()).not.toContain('440305198001011235');
    await shot(cp, J, 'community-submitted');

    await fireEvent(cp, 'pass');
    await expectText(cp.getByTestId('app-state'), '街道审核');
    await expectText(cp.getByTestId('app-steps'), '初审通过');
    await shot(cp, J, 'community-passed');

    // ── street officer: returns it with a reason ──
    const street = await userPage(browser, baseUrl, 'street');
    contexts.push(street.ctx);
    const sp = street.page;
    await openApplicationFromList(sp, orgName);
    const streetUrl = new URL(sp.url()).pathname;
    expect(streetUrl).toBe(appUrl);
    await expectText(sp.getByTestId('app-state'), '街道审核');
    await shot(sp, J, 'street-review');
    // a reason is required
    await sp.getByTestId('event-return').click();
    await sp.getByTestId('event-confirm').click();
    await expectText(sp.locator('.ant-modal .ant-form-item-explain-error'), '请填写理由');
    await sp.getByTestId('event-reason').fill(reason);
    await shot(sp, J, 'street-return-reason');
    await sp.getByTestId('event-confirm').click();
    await expectText(sp.getByTestId('app-state'), '已退回');
    await expectText(sp.getByTestId('app-steps'), reason);
    await shot(sp, J, 'street-returned');

    // ── community: sees the reason, fixes the form, resubmits, passes again ──
    await cp.reload();
    await expectText(cp.getByTestId('app-state'), '已退回');
    await expectText(cp.locator('.ant-alert-warning'), `已退回：${reason}`);
    await shot(cp, J, 'community-sees-return');
    await cp.getByTestId('app-edit').click();
    const edit = cp.getByTestId('app-edit-form');
    await edit.waitFor();
    await edit.getByLabel('简易章程').fill(fixedCharter);
    await cp.getByTestId('app-save').click();
    await toast(cp, '申请表已保存').waitFor();
    await expectText(cp.getByTestId('app-form'), '重大事项由成员大会议事决定');
    // PII kept on file (masked) although the ID field was left blank
    await expectText(cp.getByTestId('app-form'), /\d{6}\*+\d{3}[\dX]/);
    await fireEvent(cp, 'resubmit');
    await expectText(cp.getByTestId('app-state'), '社区初审');
    await fireEvent(cp, 'pass');
    await expectText(cp.getByTestId('app-state'), '街道审核');
    await shot(cp, J, 'community-resubmitted');

    // ── street: files it; certificate ──
    await sp.reload();
    await expectText(sp.getByTestId('app-state'), '街道审核');
    await expectText(sp.getByTestId('app-form'), '重大事项由成员大会议事决定');
    await fireEvent(sp, 'file');
    await expectText(sp.getByTestId('app-state'), '已备案');
    const certAlert = await expectText(sp.locator('.ant-alert-success'), /已发备案证书：备\d{9}-\d{4}-\d{4}/);
    const number = certAlert.match(/备\d{9}-\d{4}-\d{4}/)?.[0] ?? '';
    expect(number.startsWith('备440305001-')).toBe(true);
    await shot(sp, J, 'street-filed');

    const [download] = await Promise.all([
      sp.waitForEvent('download', { timeout: 30_000 }),
      sp.getByTestId('certificate-download').click(),
    ]);
    expect(download.suggestedFilename()).toContain(number);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdfFile = path.join(screenshotDir, `${J}-certificate.pdf`);
    await download.saveAs(pdfFile);
    const pdf = await readFile(pdfFile);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfContains(pdf, number), `certificate number ${number} in the PDF`).toBe(true);
    expect(pdf.length).toBeGreaterThan(5_000);

    // the organization now is a filed organization of the community
    await sp.getByRole('link', { name: '查看组织档案' }).click();
    await expectText(sp.getByTestId('org-name'), orgName);
    await expectText(sp.getByTestId('org-summary'), number);
    await shot(sp, J, 'street-org-filed');

    // ── public verification page, no login ──
    const anon = await newContext(browser, baseUrl);
    contexts.push(anon);
    const ap = await anon.newPage();
    watchErrors(ap, 'anonymous');
    await ap.goto(`/public/verify/${encodeURIComponent(number)}`);
    const verdict = ap.getByTestId('verify-result');
    await expectText(verdict, '有效');
    expect(await verdict.getAttribute('data-status')).toBe('valid');
    await expectText(verdict, number);
    await expectText(ap.getByTestId('verify-particulars'), orgName);
    await expectText(ap.getByTestId('verify-particulars'), '李**');
    await shot(ap, J, 'public-verify');

    // and the public API agrees (outcome check)
    const pub = await publicGet<{ valid: boolean; particulars: { name: string } }>(
      baseUrl,
      `/v1/public/certificates/${encodeURIComponent(number)}`,
    );
    expect(pub).toMatchObject({ valid: true, particulars: { name: orgName } });

    for (const c of contexts.splice(0)) await c.close();
  });
});
