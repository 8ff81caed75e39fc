import { makeUscc } from '@linli/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
let community: Agent;
let street: Agent;
let district: Agent;
beforeAll(async () => {
  env = await createTestEnv();
  community = await env.login('community');
  street = await env.login('street');
  district = await env.login('district');
});
afterAll(async () => env?.close());

async function fire(agent: Agent, id: string, event: string, extra: Record<string, unknown> = {}) {
  const cur = (await agent.get(`/api/v1/applications/${id}`)).json();
  return agent.post(`/api/v1/applications/${id}/events`, { event, version: cur.version, ...extra });
}

async function firstOrg(agent: Agent, query: string) {
  return (await agent.get(`/api/v1/organizations?${query}&status=active&pageSize=50`)).json().items as {
    id: string;
    name: string;
    openApplications?: unknown;
  }[];
}

describe('promotion, change and exit', () => {
  it('street recommends a filed organization; the district registers it with a valid credit code', async () => {
    const candidates = await firstOrg(street, 'tier=filed');
    let orgId = '';
    let appId = '';
    for (const c of candidates) {
      const r = await street.post(`/api/v1/organizations/${c.id}/recommend-registration`, {
        note: '运作规范，推荐登记',
      });
      if (r.statusCode === 201) {
        orgId = c.id;
        appId = r.json().id;
        break;
      }
    }
    expect(appId).toBeTruthy();
    const app = (await district.get(`/api/v1/applications/${appId}`)).json();
    expect(app.state).toBe('district_review');
    expect(app.allowedEvents.map((e: { event: string }) => e.event)).toContain('register');

    const bad = await fire(district, appId, 'register', { uscc: '91110000600037341X' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.fields.uscc).toBeTruthy();
    const missing = await fire(district, appId, 'register');
    expect(missing.statusCode).toBe(422);
    expect((await district.get(`/api/v1/applications/${appId}`)).json().state).toBe('district_review');

    const uscc = makeUscc('52440305MJL0001' + '8');
    const ok = await fire(district, appId, 'register', { uscc });
    expect(ok.statusCode, ok.body).toBe(200);
    const org = (await district.get(`/api/v1/organizations/${orgId}`)).json();
    expect(org).toMatchObject({ tier: 'registered', uscc });
    // the street officer cannot register – the district decides
    expect((await street.get(`/api/v1/applications/${appId}`)).json().allowedEvents).toEqual([]);
  });

  it('a change of venue goes community → street and updates the organization with history', async () => {
    const orgs = await firstOrg(community, 'tier=filed');
    const details = await Promise.all(
      orgs.map(async (o) => (await community.get(`/api/v1/organizations/${o.id}`)).json()),
    );
    const target = details.find((d) => d.allowedActions.includes('change'));
    const before = target;
    const r = await community.post(`/api/v1/organizations/${target.id}/change`, {
      changes: { venue: '社区新活动室（变更后）' },
      note: '原场地改造',
    });
    expect(r.statusCode, r.body).toBe(201);
    const id = r.json().id;
    expect((await fire(community, id, 'pass')).statusCode).toBe(200);
    const approved = await fire(street, id, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    const after = (await community.get(`/api/v1/organizations/${target.id}`)).json();
    expect(after.venue).toBe('社区新活动室（变更后）');
    expect(after.version).toBe(before.version + 1);
    const hist = (await community.get(`/api/v1/organizations/${target.id}/history`)).json();
    expect(hist.items[0]).toMatchObject({
      cause: 'change_approved',
      changes: [expect.objectContaining({ field: 'venue' })],
    });
  });

  it('exit: the organization leaves the counts but stays on record; its certificate no longer verifies', async () => {
    const orgs = await firstOrg(community, 'tier=filed');
    const target = (await community.get(`/api/v1/organizations/${orgs[orgs.length - 1].id}`)).json();
    const r = await community.post(`/api/v1/organizations/${target.id}/exit`, {
      kind: 'dissolution',
      reason: '成员大会决议解散',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect((await community.get(`/api/v1/organizations/${target.id}`)).json().status).toBe('exiting');
    const done = await fire(street, r.json().id, 'approve');
    expect(done.statusCode, done.body).toBe(200);
    const exited = (await community.get(`/api/v1/organizations/${target.id}`)).json();
    expect(exited).toMatchObject({ status: 'exited', statusLabel: '已退出' });
    expect(exited.exitReason).toContain('成员大会决议解散');
    const live = (await community.get('/api/v1/organizations?pageSize=200'))
      .json()
      .items.map((o: { id: string }) => o.id);
    expect(live).not.toContain(target.id);
    if (target.filingNumber) {
      const pub = (
        await env.anonymous.get(`/api/v1/public/certificates/${encodeURIComponent(target.filingNumber)}`)
      ).json();
      expect(pub.valid).toBe(false);
    }
    // the name is free again in that street
    const again = await community.post('/api/v1/organizations', {
      name: target.name,
      category: target.category,
      regionCode: target.regionCode,
      leaderName: '新负责人',
    });
    expect(again.statusCode, again.body).toBe(201);
  });

  it('attachments: type and size are checked; the file round-trips', async () => {
    const me = (await community.get('/api/v1/auth/me')).json();
    const app = await community.post('/api/v1/applications', {
      kind: 'filing',
      regionCode: me.homeRegion.code,
      form: {
        name: '附件测试志愿队',
        category: 'gongyi',
        businessScope: '助老探访',
        venue: '社区服务站',
        charter: '本队为社区居民自愿组成的志愿服务团队，服务社区。',
        leaderName: '黄志强',
        leaderIdNumber: '11010519491231002X',
        leaderPhone: '13800001111',
        memberCount: 5,
      },
    });
    expect(app.statusCode, app.body).toBe(201);
    const id = app.json().id;
    const upload = (name: string, content: Buffer) => {
      const b = '----x';
      return community.request({
        method: 'POST',
        url: `/api/v1/applications/${id}/attachments`,
        payload: Buffer.concat([
          Buffer.from(
            `--${b}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          content,
          Buffer.from(`\r\n--${b}--\r\n`),
        ]),
        headers: { 'content-type': `multipart/form-data; boundary=${b}` },
      });
    };
    const exe = await upload('virus.pdf', Buffer.from('MZ this is not a pdf'));
    expect(exe.statusCode).toBe(400);
    expect(exe.json().error.fields.file).toBeTruthy();
    const big = await upload(
      'big.pdf',
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024, 32)]),
    );
    expect([400, 413]).toContain(big.statusCode);
    const pdf = Buffer.from('%PDF-1.4\n% linli test\n%%EOF\n');
    const ok = await upload('章程.pdf', pdf);
    expect(ok.statusCode, ok.body).toBe(201);
    const detail = (await community.get(`/api/v1/applications/${id}`)).json();
    expect(detail.attachments).toHaveLength(1);
    const dl = await community.get(`/api/v1/attachments/${ok.json().id}`);
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    const street2 = await env.login('street2');
    expect((await street2.get(`/api/v1/attachments/${ok.json().id}`)).statusCode).toBe(404);
  });

  it('login is rate limited and passwords can be changed', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await env.anonymous.post('/api/v1/auth/login', {
        username: 'city',
        password: 'wrong-password',
      });
      expect(r.statusCode).toBe(401);
    }
    const blocked = await env.anonymous.post('/api/v1/auth/login', {
      username: 'city',
      password: 'wrong-password',
    });
    expect(blocked.statusCode).toBe(429);
    const leader = await env.login('leader');
    const r = await leader.post('/api/v1/auth/password', {
      currentPassword: 'nope-nope',
      newPassword: 'new-password-1',
    });
    expect(r.statusCode).toBe(400);
    const ok = await leader.post('/api/v1/auth/password', {
      currentPassword: 'test-pass-2026',
      newPassword: 'new-password-1',
    });
    expect(ok.statusCode).toBe(200);
    await expect(env.login('leader')).rejects.toThrow();
    await env.login('leader', 'new-password-1');
  });
});
