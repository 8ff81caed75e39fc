/**
 * A resident's whole volunteer service on a phone (Chromium at 390×844), against the real server:
 * registers on the H5 pages and sets a password (signed in); signs up for an activity the
 * organizer published; after the organizer approves, opens the organizer's check-in QR link →
 * 签到成功, later the check-out link → 签退成功 with the hours; 我的 shows the hours (scanned vs
 * backfilled) and the points; redeems a reward → pickup code; issues a service certificate,
 * downloads the PDF and opens its verification page → 有效. Staff steps (publish, approve, the
 * check-in codes, a points bonus, a reward item) are prepared through the API.
 * Every H5 page is also screenshotted at 390×844 and 360×740 (to /tmp/linli-h5-shots) and checked
 * for horizontal overflow.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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
  watchErrors,
} from './harness';
import { confirmDialog, expectText } from './ui';

const J = 'volunteer-service';
const baseUrl = inject('baseUrl');
const SHOTS = '/tmp/linli-h5-shots';
const NARROW = { width: 360, height: 740 };
const COMMUNITY_CODE = '440305001001';
const PASSWORD = 'lin2026abc';

let browser: Browser;
let ctx: BrowserContext | undefined;
let guest: BrowserContext | undefined;
let page: Page;

// ───────────────────────────── API helpers (staff preparation, never the journey itself) ─────────────────────────────

type Res = { status: number; body: unknown };
type Client = {
  get(url: string): Promise<Res>;
  post(url: string, body?: unknown): Promise<Res>;
};

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
const staff = (username: string) => signIn('/v1/auth/login', { username, password: DEMO_PASSWORD });

function ok(r: Res, what: string, status = [200, 201]): unknown {
  if (!status.includes(r.status)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid resident ID number (GB 11643 check character) for a birth date, unique per run. */
function idNumber(birth: string): string {
  const seq = String(100 + Math.floor(Math.random() * 899)).padStart(3, '0');
  const body = `440305${birth.replaceAll('-', '')}${seq}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * WEIGHTS[i], 0);
  return body + '10X98765432'[sum % 11];
}

// ───────────────────────────── page helpers ─────────────────────────────

async function expectNoOverflow(p: Page, what: string) {
  await p.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  const width = p.viewportSize()?.width ?? PHONE.width;
  const w = await scrollWidth(p);
  expect(w, `${what}: document scrollWidth ${w} > ${width}`).toBeLessThanOrEqual(width);
}

/** No raw codes on a resident's page: no enum codes, no ISO timestamps, no "undefined"/"null". */
async function expectPlainText(p: Page, what: string) {
  const text = ((await p.locator('.m-main').textContent()) ?? '').replace(/\s+/g, ' ');
  for (const raw of [
    /\bundefined\b/,
    /\bnull\b/,
    /\bNaN\b/,
    /\d{4}-\d{2}-\d{2}T\d{2}:/,
    /\b(pending|approved|waitlisted|withdrawn|checkin|backfill|issued|picked_up|valid|elderly)\b/,
  ])
    expect(text, `${what}: raw value ${raw} in ${JSON.stringify(text.slice(0, 300))}`).not.toMatch(raw);
}

let shotN = 0;
/** A screenshot to /tmp/linli-h5-shots/<nn>-<name>-<width>.png (full page). */
async function h5Shot(p: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await p.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  shotN += 1;
  const width = p.viewportSize()?.width ?? 0;
  await p.screenshot({
    path: path.join(SHOTS, `${String(shotN).padStart(2, '0')}-${name}-${width}.png`),
    fullPage: true,
  });
}

const field = (id: string) => page.locator(`input[data-testid="${id}"], [data-testid="${id}"] input`).first();

// ───────────────────────────── journey state ─────────────────────────────

const resident = { id: idNumber('1958-04-12'), name: '陈桂兰', phone: '13923456781', volunteerId: '' };
let orgId = '';
let activity: { id: string; title: string; startsAt: Date } = { id: '', title: '', startsAt: new Date() };
let leader: Client;
let community: Client;
let recordId = '';
let certNumber = '';
const REWARD = `环保帆布袋${Date.now() % 10_000}`;

beforeAll(async () => {
  browser = await launchBrowser();
  leader = await staff('leader');
  community = await staff('community');
  const me = ok(await leader.get('/v1/auth/me'), 'leader me') as {
    grants: { organizationId: string | null }[];
  };
  orgId = me.grants.find((g) => g.organizationId)!.organizationId!;
});
afterAll(async () => {
  await ctx?.close().catch(() => {});
  await guest?.close().catch(() => {});
  await browser?.close();
});
beforeEach(async ({ onTestFailed }) => {
  onTestFailed(() => failureShots(J, [ctx, guest]));
});

describe('a resident serves as a volunteer on a phone (H5)', () => {
  it('registers on the H5 pages and sets a password, which signs in', async () => {
    ctx = await newContext(browser, baseUrl, PHONE);
    page = await ctx.newPage();
    watchErrors(page, 'resident');

    await page.goto('/m');
    await expectText(page.getByTestId('m-login-link'), '登录');
    await page.getByTestId('m-register-link').click();
    await field('reg-realName').fill(resident.name);
    await field('reg-idNumber').fill(resident.id);
    await expectText(page.getByTestId('reg-id-info'), '周岁');
    await field('reg-phone').fill(resident.phone);
    await page.getByTestId('reg-next').click();
    await page.getByTestId('reg-street').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
        hasText: '南头街道',
      })
      .first()
      .click();
    const list = page.getByTestId('reg-community');
    const code = page.getByTestId('reg-regionCode');
    await expect.poll(async () => (await list.count()) + (await code.count())).toBeGreaterThan(0);
    if (await list.count()) {
      await list.click();
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
          hasText: '南头城',
        })
        .first()
        .click();
    } else await field('reg-regionCode').fill(COMMUNITY_CODE);
    await page.getByTestId('reg-next').click();
    await page.getByTestId('reg-interests').getByRole('button', { name: '助老' }).click();
    await page.getByTestId('reg-next').click();
    for (const p of ['record', 'sensitive_id', 'certificate', 'contact'])
      await field(`reg-consent-${p}`).check();
    await page.getByTestId('reg-next').click();
    await page.getByTestId('reg-submit').click();
    await expectText(page.getByTestId('reg-volunteer-number'), /\d{4,}/);

    // the last step: a password opens the sign-in account and signs in
    await page.getByTestId('reg-account').waitFor();
    await field('pw-new').fill('short1');
    await field('pw-again').fill('short2');
    await page.getByTestId('reg-account-submit').click();
    await expectText(page.locator('.ant-form-item-explain-error').first(), '至少 8 位');
    await field('pw-new').fill(PASSWORD);
    await field('pw-again').fill(PASSWORD);
    await expectNoOverflow(page, 'registration: set a password');
    await h5Shot(page, 'register-password');
    await page.getByTestId('reg-account-submit').click();
    await expectText(page.getByTestId('reg-account-opened'), '登录账号已开通');
    await expectText(page.getByTestId('m-who'), resident.name);
    await shot(page, J, 'account-opened');

    const mine = await signIn('/v1/public/volunteers/login', { idNumber: resident.id, password: PASSWORD });
    resident.volunteerId = (ok(await mine.get('/v1/me/volunteer'), 'me') as { id: string }).id;
  });

  it('signs up for a published activity; the organizer approves; checks in and out by the QR links', async () => {
    // the organizer publishes an activity that starts in a minute (sign-ups close at the start)
    const now = Date.now();
    const startsAt = new Date(now + 45_000);
    const title = `陪伴独居老人聊天${now % 10_000}`;
    const created = ok(
      await leader.post(`/v1/organizations/${orgId}/activities`, {
        title,
        content: '到独居老人家中陪伴聊天，帮忙整理房间。\n请带好志愿者马甲。',
        category: 'elderly',
        place: '南头城社区党群服务中心',
        startsAt: startsAt.toISOString(),
        endsAt: new Date(startsAt.getTime() + 2 * 3_600_000).toISOString(),
        wanted: 6,
      }),
      'create activity',
    ) as { id: string; version: number };
    ok(await leader.post(`/v1/activities/${created.id}/publish`, { version: created.version }), 'publish');
    activity = { id: created.id, title, startsAt };

    // the resident finds it in 活动 (their own community by default) and signs up
    await page.getByTestId('m-tabs').getByText('活动').click();
    await page.getByTestId('m-activities').waitFor();
    const card = page.getByTestId('m-activity-card').filter({ hasText: title });
    await card.first().waitFor();
    await expectNoOverflow(page, '/m/activities');
    await card.first().click();
    await expectText(page.getByTestId('m-activity-title'), title);
    await expectText(page.getByTestId('m-seats'), '还剩 6 个');
    await page.getByTestId('m-signup').click();
    await expectText(page.getByTestId('m-signup-state'), '待审核');
    expect(await page.getByTestId('m-withdraw').count()).toBe(1);
    await expectPlainText(page, 'activity detail');
    await shot(page, J, 'signed-up');

    // the organizer approves
    const signups = ok(await leader.get(`/v1/activities/${created.id}/signups`), 'signups') as {
      items: { id: string; version: number; volunteerId?: string; volunteer?: { id: string } }[];
    };
    expect(signups.items).toHaveLength(1);
    const s = signups.items[0];
    ok(await leader.post(`/v1/signups/${s.id}/decide`, { event: 'approve', version: s.version }), 'approve');
    await page.reload();
    await expectText(page.getByTestId('m-signup-state'), '已录用');
    await page.getByTestId('m-go-checkin').waitFor();

    // check-in: the organizer's QR encodes `${publicUrl}/m/checkin?t=…`; the phone opens it
    const codeIn = ok(await leader.get(`/v1/activities/${created.id}/checkin-code?kind=in`), 'code in') as {
      url: string;
      code: string;
    };
    expect(codeIn.url).toContain('/m/checkin?t=');
    await page.goto(codeIn.url);
    await expectText(page.getByTestId('checkin-title'), '签到成功');
    await expectText(page.getByTestId('checkin-time'), /签到时间 \d{2}:\d{2}/);
    await expectNoOverflow(page, 'check-in result');
    await h5Shot(page, 'checkin-success');

    // the same QR again: refused plainly
    await page.goto(codeIn.url);
    await expectText(page.getByTestId('checkin-error'), '已签到');
    await h5Shot(page, 'checkin-replayed');

    // the typed code form: the approved activity of today is offered; a wrong code is refused plainly
    await page.goto('/m/checkin');
    await page.getByTestId('checkin-code-form').waitFor();
    await expectText(page.getByTestId('checkin-activities'), title);
    expect(await page.getByTestId('checkin-scan').count(), 'no camera button without BarcodeDetector').toBe(
      0,
    );
    await page.getByTestId('checkin-kind-out').click();
    await field('checkin-code').fill('12');
    await page.getByTestId('checkin-submit').click();
    await expectText(page.locator('.ant-form-item-explain-error').first(), '6 位数字');
    const wrong = codeIn.code === '000000' ? '111111' : '000000';
    await field('checkin-code').fill(wrong);
    await page.getByTestId('checkin-submit').click();
    await expectText(page.getByTestId('checkin-error'), /签到码|过期|无效|不正确/);
    await expectNoOverflow(page, 'code form');
    await h5Shot(page, 'checkin-code-form');

    // check-out after at least one minute of the activity has passed: the hours are shown
    const wait = activity.startsAt.getTime() + 65_000 - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const codeOut = ok(
      await leader.get(`/v1/activities/${created.id}/checkin-code?kind=out`),
      'code out',
    ) as {
      url: string;
    };
    await page.goto(codeOut.url);
    await expectText(page.getByTestId('checkin-title'), '签退成功');
    await expectText(page.getByTestId('checkin-hours'), /本次服务 \d+ 分钟/);
    await expectPlainText(page, 'check-out');
    await expectNoOverflow(page, 'check-out result');
    await h5Shot(page, 'checkout-success');
    await shot(page, J, 'checked-out');
  }, 400_000);

  it('sees hours and points in 我的, redeems a reward, issues a certificate and verifies it', async () => {
    // community staff: a points bonus for the service and a reward item (exchange.manage)
    ok(
      await community.post(`/v1/volunteers/${resident.volunteerId}/points/adjustments`, {
        kind: 'bonus',
        points: 30,
        reason: '敬老月志愿服务奖励',
        idempotencyKey: `e2e-bonus-${Date.now()}`,
      }),
      'bonus',
    );
    ok(
      await community.post('/v1/exchange/items', {
        name: REWARD,
        description: '印有社区标志的帆布袋一个',
        providerKind: 'community',
        providerName: '南头城社区居委会',
        regionCode: COMMUNITY_CODE,
        pickupPlace: '社区党群服务中心一楼服务台',
        pricePoints: 20,
        stock: 3,
      }),
      'reward item',
    );

    await page.getByTestId('m-tabs').getByText('我的').click();
    await expectText(page.getByTestId('me-name'), resident.name);
    await expectText(page.getByTestId('me-points'), '30');
    await expectText(page.getByTestId('me-hours-split'), /扫码签到 \d+ 分钟，补录 0 小时/);
    await expectText(page.getByTestId('me-star'), /星|暂无/);
    await expectPlainText(page, '我的');
    await expectNoOverflow(page, '/m/me');
    await shot(page, J, 'me');

    // 服务记录 → the record, marked 扫码签到
    await page.getByTestId('me-records').click();
    const row = page.getByTestId('m-record').filter({ hasText: activity.title });
    await expectText(row.getByTestId('m-record-source'), '扫码签到');
    await row.click();
    await expectText(page.getByTestId('m-record-detail-source'), '扫码签到');
    recordId = page.url().split('/').pop() ?? '';
    await page.getByTestId('m-amend').waitFor();
    await page.goBack();

    // 积分: the balance and the bonus with its reason
    await page.goto('/m/me/points');
    await expectText(page.getByTestId('points-balance'), '30');
    await expectText(page.getByTestId('points-entry').first(), '敬老月志愿服务奖励');

    // 积分兑换: confirm → the pickup code, big
    await page.goto('/m/me/exchange');
    const item = page.getByTestId('reward-item').filter({ hasText: REWARD });
    await item.waitFor();
    await item.getByTestId('reward-redeem').click();
    await confirmDialog(page);
    const pickup = await expectText(page.getByTestId('pickup-code'), /[A-Z0-9]{4,}/);
    await expectText(page.getByTestId('exchange-balance'), '10');
    await expectText(page.getByTestId('my-redemptions'), pickup);
    await expectNoOverflow(page, 'redeemed');
    await h5Shot(page, 'exchange-redeemed');
    await shot(page, J, 'redeemed');
    // the item now costs more than what is left
    await expectText(item.getByTestId('reward-redeem'), '积分不够');

    // 服务证明: issue for the whole period → PDF download, verification page says 有效
    await page.goto('/m/me/certificates');
    await page.getByTestId('cert-issue').click();
    certNumber = await expectText(page.getByTestId('cert-number'), /\S+/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('cert-pdf').click(),
    ]);
    const file = await download.path();
    const pdf = readFileSync(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(2_000);
    await expectText(page.getByTestId('cert-list'), certNumber);
    await expectNoOverflow(page, 'certificate issued');
    await h5Shot(page, 'certificate-issued');

    const verifyHref = (await page.getByTestId('cert-verify').getAttribute('href')) ?? '';
    expect(verifyHref).toBe(`/public/service-cert/${encodeURIComponent(certNumber)}`);
    const api = await fetch(
      `${baseUrl}/api/v1/public/service-certificates/${encodeURIComponent(certNumber)}`,
    );
    expect(api.status).toBe(200);
    expect(((await api.json()) as { valid: boolean }).valid).toBe(true);
    const verify = await ctx!.newPage();
    await verify.goto(verifyHref);
    await expectText(verify.locator('body'), '有效');
    await shot(verify, J, 'certificate-verified');
    await verify.close();
  });

  it('every H5 page at 390×844 and 360×740: plain Chinese, no horizontal overflow', async () => {
    const pages: [string, string, string?][] = [
      ['home', '/m'],
      ['activities', '/m/activities', 'm-activities'],
      ['activity', `/m/activities/${activity.id}`, 'm-activity'],
      ['checkin', '/m/checkin', 'm-checkin'],
      ['me', '/m/me', 'm-me'],
      ['records', '/m/me/records', 'm-records'],
      ['record', `/m/me/records/${recordId}`, 'm-record-detail'],
      ['points', '/m/me/points', 'm-points'],
      ['exchange', '/m/me/exchange', 'm-exchange'],
      ['credit', '/m/me/credit', 'm-credit'],
      ['certificates', '/m/me/certificates', 'm-certificates'],
    ];
    for (const size of [PHONE, NARROW]) {
      await page.setViewportSize(size);
      for (const [name, url, testId] of pages) {
        await page.goto(url);
        if (testId) await page.getByTestId(testId).waitFor();
        await page.getByTestId('m-tabs').waitFor();
        await expectNoOverflow(page, `${url} at ${size.width}px`);
        await expectPlainText(page, `${url} at ${size.width}px`);
        await h5Shot(page, name);
      }
    }
    // withdrawing a sign-up before the activity starts, after a confirmation
    const later = new Date(Date.now() + 2 * 86_400_000);
    const next = ok(
      await leader.post(`/v1/organizations/${orgId}/activities`, {
        title: `重阳节包饺子${Date.now() % 10_000}`,
        content: '和社区长者一起包饺子。',
        category: 'elderly',
        place: '社区长者饭堂',
        startsAt: later.toISOString(),
        endsAt: new Date(later.getTime() + 3 * 3_600_000).toISOString(),
        wanted: 10,
      }),
      'second activity',
    ) as { id: string; version: number };
    ok(await leader.post(`/v1/activities/${next.id}/publish`, { version: next.version }), 'publish 2');
    await page.setViewportSize(PHONE);
    await page.goto(`/m/activities/${next.id}`);
    await page.getByTestId('m-signup').click();
    await expectText(page.getByTestId('m-signup-state'), '待审核');
    await page.getByTestId('m-withdraw').click();
    await confirmDialog(page);
    await expectText(page.getByTestId('m-signup-state'), '本人已取消');
    await page.getByTestId('m-signup').waitFor();
    expect(await page.getByTestId('m-withdraw').count()).toBe(0);
    await h5Shot(page, 'activity-withdrawn');

    // the amendment form on a record
    await page.goto(`/m/me/records/${recordId}`);
    await page.getByTestId('m-amend').click();
    await page.getByTestId('m-amend-form').waitFor();
    await expectNoOverflow(page, 'amendment form');
    await h5Shot(page, 'record-amend-form');
    await page.locator('[data-testid="amend-content"]').fill('陪伴独居老人聊天，并帮忙整理房间');
    await page.locator('[data-testid="amend-reason"]').fill('服务内容记录得不完整');
    await page.getByTestId('amend-submit').click();
    await expectText(page.getByTestId('m-amend-pending'), '等待组织方审核');
    await expectText(page.getByTestId('m-record-detail'), '待审核');

    // signed out: 我的 asks to sign in and comes back afterwards; a wrong password is refused plainly
    guest = await newContext(browser, baseUrl, PHONE);
    const g = await guest.newPage();
    watchErrors(g, 'guest');
    await g.goto('/m/me/points');
    await g.waitForURL(/\/m\/login\?next=/);
    await g.getByTestId('m-login').waitFor();
    await expectNoOverflow(g, '/m/login');
    await h5Shot(g, 'login');
    await g.locator('[data-testid="login-id"]').fill(resident.id);
    await g
      .locator('[data-testid="login-pw"] input, input[data-testid="login-pw"]')
      .first()
      .fill('wrong-pass-1');
    await g.getByTestId('login-submit').click();
    await expectText(g.getByTestId('login-error'), '身份证号或密码不对');
    await h5Shot(g, 'login-error');
    // too many failures for one ID number: the 429 is said plainly (another ID, so the resident is not locked)
    await g.goto('/m/login');
    await g.locator('[data-testid="login-id"]').fill(idNumber('1970-01-01'));
    for (let i = 0; i < 10; i += 1) {
      await g
        .locator('[data-testid="login-pw"] input, input[data-testid="login-pw"]')
        .first()
        .fill(`wrong-${i}a`);
      await g.getByTestId('login-submit').click();
      await g.getByTestId('login-error').waitFor();
      if (((await g.getByTestId('login-error').textContent()) ?? '').includes('次数过多')) break;
      await g.waitForTimeout(500);
    }
    await expectText(g.getByTestId('login-error'), '尝试次数过多，请 15 分钟后再试');
    await h5Shot(g, 'login-too-many');

    await g.goto(`/m/login?next=${encodeURIComponent('/m/me/points')}`);
    await g.locator('[data-testid="login-id"]').fill(resident.id);
    await g.locator('[data-testid="login-pw"] input, input[data-testid="login-pw"]').first().fill(PASSWORD);
    await g.getByTestId('login-submit').click();
    await g.waitForURL(/\/m\/me\/points$/);
    await expectText(g.getByTestId('points-balance'), '10');

    // a volunteer registered without an account opens one on /m/activate (ID + registered phone)
    const other = { id: idNumber('1966-10-01'), phone: '13712345670' };
    const reg = await fetch(`${baseUrl}/api/v1/public/volunteers/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        realName: '周建国',
        idNumber: other.id,
        phone: other.phone,
        regionCode: COMMUNITY_CODE,
        skills: [],
        interests: [],
        consents: ['record', 'sensitive_id'].map((purpose) => ({ purpose, granted: true })),
      }),
    });
    expect(reg.status).toBe(201);
    await guest.clearCookies();
    for (const size of [PHONE, NARROW]) {
      await g.setViewportSize(size);
      await g.goto('/m/activate');
      await g.getByTestId('m-activate').waitFor();
      await expectNoOverflow(g, `/m/activate at ${size.width}px`);
      await h5Shot(g, 'activate');
      await g.goto('/m/register');
      await g.getByTestId('reg-page').waitFor();
      await expectNoOverflow(g, `/m/register at ${size.width}px`);
      await h5Shot(g, 'register');
    }
    await g.setViewportSize(PHONE);
    await g.goto('/m/activate');
    await g.locator('[data-testid="act-id"]').fill(other.id);
    await g.locator('[data-testid="act-phone"]').fill('13700000000');
    await g.locator('[data-testid="pw-new"] input, input[data-testid="pw-new"]').first().fill(PASSWORD);
    await g.locator('[data-testid="pw-again"] input, input[data-testid="pw-again"]').first().fill(PASSWORD);
    await g.getByTestId('act-submit').click();
    await expectText(g.getByTestId('act-error'), '不匹配');
    await g.locator('[data-testid="act-phone"]').fill(other.phone);
    await g.getByTestId('act-submit').click();
    await g.waitForURL(/\/m\/me$/);
    await expectText(g.getByTestId('me-name'), '周建国');
  });
});
