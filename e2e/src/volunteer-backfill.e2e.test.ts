/**
 * A forgotten check-out: the volunteer checked in by the QR code but never checked out. The
 * organization leader enters a backfill on the console's attendance page (desktop), the community
 * account – a second person – approves it on the reviews page, and the volunteer's H5 records
 * (phone, 390×844) show the record marked 补录, counted apart from scanned hours.
 * The activity, the sign-up, its approval and the check-in are prepared through the API.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import {
  DEMO_PASSWORD,
  failureShots,
  launchBrowser,
  newContext,
  PHONE,
  scrollWidth,
  shot,
  userPage,
  watchErrors,
} from './harness';
import { expectText } from './ui';

const J = 'volunteer-backfill';
const baseUrl = inject('baseUrl');
const COMMUNITY_CODE = '440305001001';
const PASSWORD = 'lin2026abc';

let browser: Browser;
const contexts: BrowserContext[] = [];

type Res = { status: number; body: unknown };
type Client = { get(url: string): Promise<Res>; post(url: string, body?: unknown): Promise<Res> };

async function signIn(path: string, body: unknown): Promise<Client> {
  const res = await fetch(`${baseUrl}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  const jar = new Map(
    res.headers.getSetCookie().map((c) => {
      const [k, ...v] = c.split(';')[0].split('=');
      return [k, v.join('=')] as const;
    }),
  );
  const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const call = async (method: string, url: string, b?: unknown): Promise<Res> => {
    const r = await fetch(`${baseUrl}/api${url}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': decodeURIComponent(jar.get('csrf') ?? ''),
        ...(b !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: b !== undefined ? JSON.stringify(b) : undefined,
    });
    const t = await r.text();
    return { status: r.status, body: t ? JSON.parse(t) : null };
  };
  return { get: (u) => call('GET', u), post: (u, b) => call('POST', u, b ?? {}) };
}

function ok(r: Res, what: string): unknown {
  if (r.status !== 200 && r.status !== 201) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNumber(birth: string): string {
  const seq = String(100 + Math.floor(Math.random() * 899)).padStart(3, '0');
  const body = `440305${birth.replaceAll('-', '')}${seq}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return body + '10X98765432'[sum % 11];
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
});
beforeEach(async ({ onTestFailed }) => {
  onTestFailed(() => failureShots(J, contexts));
});

describe('a forgotten check-out is backfilled and approved by a second person', () => {
  it('leader enters it on the attendance page, community approves on the reviews page, H5 shows 补录', async () => {
    // ── preparation through the API: a volunteer with an account, an activity, approval, check-in
    const person = { id: idNumber('1963-07-21'), name: '黄美玲', phone: '13612345098' };
    const reg = await fetch(`${baseUrl}/api/v1/public/volunteers/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        realName: person.name,
        idNumber: person.id,
        phone: person.phone,
        regionCode: COMMUNITY_CODE,
        skills: [],
        interests: ['elderly'],
        consents: ['record', 'sensitive_id', 'certificate'].map((purpose) => ({ purpose, granted: true })),
      }),
    });
    expect(reg.status).toBe(201);
    const volunteer = (await reg.json()) as { id: string; volunteerNumber: string };
    const mine = await signIn('/v1/public/volunteers/account', {
      idNumber: person.id,
      phone: person.phone,
      password: PASSWORD,
    });
    const leader = await signIn('/v1/auth/login', { username: 'leader', password: DEMO_PASSWORD });
    const me = ok(await leader.get('/v1/auth/me'), 'leader me') as {
      grants: { organizationId: string | null }[];
    };
    const orgId = me.grants.find((g) => g.organizationId)?.organizationId;
    const startsAt = new Date(Date.now() + 25_000);
    const title = `楼道清洁${Date.now() % 10_000}`;
    const created = ok(
      await leader.post(`/v1/organizations/${orgId}/activities`, {
        title,
        content: '清理楼道杂物，擦洗扶手。',
        category: 'environment',
        place: '南头城社区 3 栋',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
        wanted: 4,
      }),
      'activity',
    ) as { id: string; version: number };
    ok(await leader.post(`/v1/activities/${created.id}/publish`, { version: created.version }), 'publish');
    ok(await mine.post('/v1/me/signups', { activityId: created.id }), 'sign-up');
    const su = ok(await leader.get(`/v1/activities/${created.id}/signups`), 'sign-ups') as {
      items: { id: string; version: number }[];
    };
    ok(
      await leader.post(`/v1/signups/${su.items[0].id}/decide`, {
        event: 'approve',
        version: su.items[0].version,
      }),
      'approve',
    );
    const codeIn = ok(await leader.get(`/v1/activities/${created.id}/checkin-code?kind=in`), 'code') as {
      token: string;
    };
    ok(await mine.post('/v1/me/checkins', { token: codeIn.token }), 'check-in');
    // a backfill is possible once the activity has started
    const wait = startsAt.getTime() + 2_000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));

    // ── the organization leader enters the backfill on the attendance page (desktop console)
    const l = await userPage(browser, baseUrl, 'leader');
    contexts.push(l.ctx);
    await l.page.goto(`/activities/${created.id}/attendance`);
    await l.page.getByTestId('attendance-table').waitFor();
    await l.page.getByTestId(`backfill-${volunteer.volunteerNumber}`).click();
    const modal = l.page.locator('.ant-modal').filter({ hasText: '补录服务时长' });
    await modal.waitFor();
    // 漏签退 is preselected for a volunteer who checked in
    expect(
      await modal.getByTestId('backfill-kind').locator('input[value="missing_checkout"]').isChecked(),
    ).toBe(true);
    await modal.getByText('服务时长', { exact: true }).click();
    await modal
      .locator('[data-testid="backfill-hours"] input, input[data-testid="backfill-hours"]')
      .first()
      .fill('2.5');
    await modal
      .locator('[data-testid="backfill-reason"]')
      .fill('志愿者忘记扫码签退，负责人现场确认服务到结束');
    await shot(l.page, J, 'leader-backfill-form');
    await l.page.getByTestId('backfill-submit').click();
    await expectText(l.page.locator('.ant-message'), '请另一人复核');
    await expectText(l.page.getByTestId('attendance-table'), '待他人复核');
    // the one who entered it cannot approve it
    expect(await l.page.getByTestId(`review-backfill-${volunteer.volunteerNumber}`).count()).toBe(0);
    await shot(l.page, J, 'leader-backfill-pending');

    // ── the community account approves it on the reviews page
    const community = await signIn('/v1/auth/login', { username: 'community', password: DEMO_PASSWORD });
    const pending = ok(await community.get('/v1/backfills?state=pending&pageSize=100'), 'backfills') as {
      items: { id: string; volunteerId: string }[];
    };
    const backfill = pending.items.find((b) => b.volunteerId === volunteer.id);
    expect(backfill, 'pending backfill of the volunteer').toBeTruthy();
    const c = await userPage(browser, baseUrl, 'community');
    contexts.push(c.ctx);
    await c.page.goto('/service/reviews');
    await c.page.getByTestId('backfills-table').waitFor();
    await c.page.getByTestId(`review-backfill-${backfill?.id}`).click();
    await c.page.getByTestId('backfill-review-submit').click();
    await c.page.getByTestId('backfill-review-confirm').click();
    await expectText(c.page.locator('.ant-message'), '已通过');
    await shot(c.page, J, 'community-approved');

    // ── the volunteer signs in on the phone: the record is marked 补录, hours counted apart
    const ctx = await newContext(browser, baseUrl, PHONE);
    contexts.push(ctx);
    const page: Page = await ctx.newPage();
    watchErrors(page, 'volunteer');
    await page.goto('/m/me/records');
    await page.waitForURL(/\/m\/login\?next=/);
    await page.locator('[data-testid="login-id"]').fill(person.id);
    await page
      .locator('[data-testid="login-pw"] input, input[data-testid="login-pw"]')
      .first()
      .fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/m\/me\/records$/);
    const row = page.getByTestId('m-record').filter({ hasText: title });
    await expectText(row.getByTestId('m-record-source'), '补录');
    await expectText(row, '2.5 小时');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, J, 'h5-records');
    await row.click();
    await expectText(page.getByTestId('m-record-detail-source'), '补录');
    await page.goto('/m/me');
    await expectText(page.getByTestId('me-hours-split'), '补录 2.5 小时');
    await expectText(page.getByTestId('me-hours'), '2.5');
    await shot(page, J, 'h5-me');
  });
});
