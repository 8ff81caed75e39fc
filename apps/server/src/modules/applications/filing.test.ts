import { makeIdNumber } from '@linli/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const leaderId = makeIdNumber('44030519800101123');

async function homeCommunity(agent: Awaited<ReturnType<TestEnv['login']>>) {
  const me = (await agent.get('/api/v1/auth/me')).json();
  return me.homeRegion.code as string;
}

function form(name: string) {
  return {
    name,
    category: 'wenti',
    businessScope: '组织社区居民开展太极拳晨练和交流活动',
    venue: '社区党群服务中心广场',
    foundedOn: '2024-03-01',
    charter: '本组织是社区居民自愿组成的文体活动团体，遵守法律法规，服务社区居民。',
    leaderName: '李建国',
    leaderIdNumber: leaderId,
    leaderPhone: '13812345678',
    memberCount: 12,
    contactName: '王芳',
    contactPhone: '13912345678',
    note: '',
  };
}

describe('filing workflow over HTTP', () => {
  it('goes community → street → returned → resubmitted → filed, with a certificate that verifies publicly', async () => {
    const community = await env.login('community');
    const street = await env.login('street');
    const regionCode = await homeCommunity(community);

    const created = await community.post('/api/v1/applications', {
      kind: 'filing',
      regionCode,
      form: form('测试太极拳协会'),
    });
    expect(created.statusCode, created.body).toBe(201);
    const app = created.json();
    expect(app.state).toBe('draft');
    expect(app.form.leaderIdMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(app)).not.toContain(leaderId);

    let r = await community.post(`/api/v1/applications/${app.id}/events`, {
      event: 'submit',
      version: app.version,
    });
    expect(r.statusCode, r.body).toBe(200);
    r = await community.post(`/api/v1/applications/${app.id}/events`, {
      event: 'pass',
      version: r.json().version,
    });
    expect(r.json().state).toBe('street_review');

    // the street officer returns it – a reason is required
    const noReason = await street.post(`/api/v1/applications/${app.id}/events`, {
      event: 'return',
      version: r.json().version,
    });
    expect(noReason.statusCode).toBe(422);
    r = await street.post(`/api/v1/applications/${app.id}/events`, {
      event: 'return',
      version: r.json().version,
      reason: '章程缺少议事规则',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().state).toBe('returned');

    // fixed and resubmitted
    const fixed = {
      ...form('测试太极拳协会'),
      charter: `${form('x').charter} 重大事项由成员大会议事决定。`,
      leaderIdNumber: undefined,
    };
    r = await community.patch(`/api/v1/applications/${app.id}`, { version: r.json().version, form: fixed });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().form.leaderIdMasked).toBeTruthy();
    r = await community.post(`/api/v1/applications/${app.id}/events`, {
      event: 'resubmit',
      version: r.json().version,
    });
    r = await community.post(`/api/v1/applications/${app.id}/events`, {
      event: 'pass',
      version: r.json().version,
    });
    const v = r.json().version;

    // two reviewers at once: exactly one wins
    const [a, b] = await Promise.all([
      street.post(`/api/v1/applications/${app.id}/events`, { event: 'file', version: v }),
      street.post(`/api/v1/applications/${app.id}/events`, { event: 'file', version: v }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const filed = (a.statusCode === 200 ? a : b).json();
    expect(filed.state).toBe('filed');
    expect(filed.certificateNumber).toMatch(/^备\d{9}-\d{4}-\d{4}$/);
    expect(filed.steps.map((s: { event: string }) => s.event)).toEqual([
      'submit',
      'pass',
      'return',
      'resubmit',
      'pass',
      'file',
    ]);
    expect(filed.steps[2].reason).toBe('章程缺少议事规则');

    const org = (await street.get(`/api/v1/organizations/${filed.organizationId}`)).json();
    expect(org.tier).toBe('filed');
    expect(org.filingNumber).toBe(filed.certificateNumber);

    const pdf = await street.get(`/api/v1/certificates/${encodeURIComponent(filed.certificateNumber)}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    const pub = await env.anonymous.get(
      `/api/v1/public/certificates/${encodeURIComponent(filed.certificateNumber)}`,
    );
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({
      valid: true,
      particulars: { name: '测试太极拳协会', leaderNameMasked: '李**', tierLabel: '备案类' },
    });

    const street2 = await env.login('street2');
    expect((await street2.get(`/api/v1/organizations/${filed.organizationId}`)).statusCode).toBe(404);
    expect((await street2.get(`/api/v1/applications/${app.id}`)).statusCode).toBe(404);
  });

  it('refuses bad input with field messages and changes nothing', async () => {
    const community = await env.login('community');
    const regionCode = await homeCommunity(community);
    const before = (await community.get('/api/v1/applications?pageSize=1')).json().total;
    const bad = await community.post('/api/v1/applications', {
      kind: 'filing',
      regionCode,
      form: { ...form('坏数据协会'), leaderIdNumber: '110105194912310021', leaderPhone: '12345' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields['form.leaderIdNumber']).toContain('校验');
    expect(bad.json().error.fields['form.leaderPhone']).toBeTruthy();
    expect((await community.get('/api/v1/applications?pageSize=1')).json().total).toBe(before);
  });

  it('requires login and the CSRF header', async () => {
    expect((await env.anonymous.get('/api/v1/applications')).statusCode).toBe(401);
    const community = await env.login('community');
    const r = await community.request({
      method: 'POST',
      url: '/api/v1/applications',
      payload: {},
      headers: { 'x-csrf-token': 'wrong' },
    });
    expect(r.statusCode).toBe(403);
  });

  it('exports the filtered application list and lists the to-do inbox', async () => {
    const street = await env.login('street');
    const todo = (await street.get('/api/v1/todo')).json();
    expect(todo.count).toBeGreaterThan(0);
    expect(todo.items.every((a: { state: string }) => a.state === 'street_review')).toBe(true);
    const x = await street.get('/api/v1/applications/export?kind=filing');
    expect(x.statusCode).toBe(200);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
