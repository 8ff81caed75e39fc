/** Small helpers for Ant Design widgets, and polling assertions (playwright-core has no `expect`). */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** Waits until the locator's text contains `text` (or matches it), failing with the text it last saw. */
export async function expectText(locator: Locator, text: string | RegExp, timeout = 20_000): Promise<string> {
  let last = '';
  await expect
    .poll(
      async () => {
        last = (
          (await locator
            .first()
            .textContent({ timeout: 2_000 })
            .catch(() => null)) ?? ''
        ).trim();
        return typeof text === 'string' ? last.includes(text) : text.test(last);
      },
      { timeout, interval: 200, message: `expected ${String(text)} in ${locator}` },
    )
    .toBe(true)
    .catch((e: Error) => {
      throw new Error(`${e.message}\n  last text seen: ${JSON.stringify(last.slice(0, 500))}`);
    });
  return last;
}

/** The text of a statistic / tag as a number. */
export async function numberIn(locator: Locator): Promise<number> {
  const t = ((await locator.first().textContent()) ?? '').replace(/[,\s]/g, '');
  const m = t.match(/-?\d+/);
  if (!m) throw new Error(`no number in ${JSON.stringify(t)} (${locator})`);
  return Number(m[0]);
}

/** Opens an antd Select (found by its form label or a locator) and picks the option with that label. */
export async function pickOption(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  const option = page.locator(
    '.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option',
    {
      hasText: label,
    },
  );
  await option.first().click();
}

/** Clicks the OK button of the open antd confirm dialog (modal.confirm). */
export async function confirmDialog(page: Page): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm').last();
  await dialog.waitFor();
  await dialog.locator('.ant-modal-confirm-btns .ant-btn').last().click();
  await dialog
    .waitFor({ state: 'detached', timeout: 20_000 })
    .catch(() => dialog.waitFor({ state: 'hidden' }));
}

/** The visible antd message toast containing `text`. */
export function toast(page: Page, text: string): Locator {
  return page.locator('.ant-message-notice', { hasText: text });
}

/**
 * OK on the visible confirm dialog (a closed one may linger hidden in the DOM), then wait for it to
 * close. The dialog zooms in from the clicked button: a click during the animation can miss, so it
 * waits for the animation and clicks again while the dialog is open and not busy.
 */
export async function confirmVisible(page: Page, timeout = 60_000): Promise<void> {
  const ok = page.locator('.ant-modal-confirm:visible .ant-modal-confirm-btns .ant-btn-primary');
  await ok.waitFor();
  await page.waitForTimeout(400);
  for (let attempt = 0; attempt < 3; attempt++) {
    if ((await ok.count()) === 0) return;
    const busy = await ok.evaluate((b) => b.classList.contains('ant-btn-loading')).catch(() => false);
    if (!busy) await ok.click().catch(() => {});
    const closed = await expect
      .poll(() => ok.count(), { timeout: attempt < 2 ? 5_000 : timeout })
      .toBe(0)
      .then(
        () => true,
        () => false,
      );
    if (closed) return;
  }
  throw new Error('the confirm dialog did not close');
}

/** Scrolls to the top and waits until no spinner or skeleton is visible (before a screenshot). */
export async function settle(page: Page, timeout = 60_000): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect
    .poll(() => page.locator('.ant-spin-spinning:visible, .ant-skeleton:visible').count(), { timeout })
    .toBe(0);
  await page.waitForTimeout(300);
}

/** Data rows of an antd table (not the measure or placeholder rows). */
export const tableRows = (table: Locator) => table.locator('tbody tr.ant-table-row');
