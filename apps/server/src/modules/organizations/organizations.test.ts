import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
let community: Agent;
let street: Agent;
let home: string;
beforeAll(async () => {
  env = await createTestEnv();
  community = await env.login('community');
  street = await env.login('street');
  home = (await community.get('/api/v1/auth/me')).json().homeRegion.code;
});
afterAll(async () => env?.close());

const group = (name: string) => ({
  name,
  category: 'wenti',
  regionCode: home,
  businessScope: '合唱排练与社区演出',
  venue: '社区党群服务中心三楼',
  leaderName: '陈美玲',
  leaderPhone: '13700001111',
});

function multipart(fileName: string, content: Buffer, field = 'file') {
  const boundary = '----linli-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

describe('organizations', () => {
  it('creates an activity group, keeps history, rejects duplicates and stale versions', async () => {
    const r = await community.post('/api/v1/organizations', group('南头城合唱团测试'));
    expect(r.statusCode, r.body).toBe(201);
    const org = r.json();
    expect(org).toMatchObject({
      tier: 'group',
      tierLabel: '社区活动小组',
      leaderPhoneMasked: '137****1111',
      regionCode: home,
    });
    expect(org.allowedActions).toContain('recommendFiling');

    const dup = await community.post('/api/v1/organizations', group('南头城合唱团测试'));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields.name).toContain('同名');

    const upd = await community.patch(`/api/v1/organizations/${org.id}`, {
      version: org.version,
      venue: '社区广场',
    });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().venue).toBe('社区广场');
    const stale = await community.patch(`/api/v1/organizations/${org.id}`, {
      version: org.version,
      venue: '别处',
    });
    expect(stale.statusCode).toBe(409);

    const hist = (await community.get(`/api/v1/organizations/${org.id}/history`)).json();
    expect(hist.items).toHaveLength(2);
    expect(hist.items[0].changes).toEqual([
      {
        field: 'venue',
        label: '活动场所',
        from: '社区党群服务中心三楼',
        to: '社区广场',
        fromLabel: '社区党群服务中心三楼',
        toLabel: '社区广场',
      },
    ]);
    expect(hist.items[1].changes).toContainEqual(
      expect.objectContaining({ field: 'tier', toLabel: '社区活动小组' }),
    );
    expect(hist.items[1].causeLabel).toBe('登记');

    const list = (await community.get(`/api/v1/organizations?q=${encodeURIComponent('合唱团测试')}`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(org.id);
  });

  it('refuses invalid fields with Chinese field messages', async () => {
    const r = await community.post('/api/v1/organizations', {
      ...group('x'),
      leaderIdNumber: '440305198001011234',
      category: '',
    });
    expect(r.statusCode).toBe(400);
    const f = r.json().error.fields;
    expect(f.name).toBeTruthy();
    expect(f.leaderIdNumber).toBeTruthy();
    const district = await env.login('district');
    const other = (await district.get('/api/v1/regions/440305002000/children')).json().items[0].code;
    const outside = await community.post('/api/v1/organizations', {
      ...group('越界小组'),
      regionCode: other,
    });
    expect(outside.statusCode).toBe(403);
  });

  it('sends name/leader changes of a filed organization through review', async () => {
    const filed = (await street.get('/api/v1/organizations?tier=filed&pageSize=1')).json().items[0];
    const org = (await street.get(`/api/v1/organizations/${filed.id}`)).json();
    const r = await street.patch(`/api/v1/organizations/${org.id}`, {
      version: org.version,
      name: '改个名字',
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.fields.name).toContain('变更申请');
  });

  it('reveals full personal data only to roles that need it, and audits it', async () => {
    const created = (
      await community.post('/api/v1/organizations', {
        ...group('身份信息测试队'),
        leaderIdNumber: '11010519491231002X',
      })
    ).json();
    expect(
      (await community.post(`/api/v1/organizations/${created.id}/reveal`, { field: 'leaderIdNumber' }))
        .statusCode,
    ).toBe(403);
    const r = await street.post(`/api/v1/organizations/${created.id}/reveal`, { field: 'leaderIdNumber' });
    expect(r.json().value).toBe('11010519491231002X');
    const [{ n }] = await env.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'organization.pii_revealed' and entity_id = $1`,
      [created.id],
    );
    expect(n).toBe(1);
    const [{ plain }] = await env.database.query<{ plain: number }>(
      `select count(*)::int as plain from organizations where leader_id_enc like '%11010519491231002X%'`,
    );
    expect(plain).toBe(0);
  });

  it('keeps a member roster and counts current members', async () => {
    const org = (await community.post('/api/v1/organizations', group('成员测试小组'))).json();
    const m = await community.post(`/api/v1/organizations/${org.id}/members`, {
      name: '周小红',
      role: '骨干',
      phone: '13600001234',
    });
    expect(m.statusCode, m.body).toBe(201);
    expect((await community.get(`/api/v1/organizations/${org.id}`)).json().memberCount).toBe(1);
    const renamed = await community.patch(`/api/v1/organizations/${org.id}/members/${m.json().id}`, {
      version: 1,
      role: '队长',
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.json()).toMatchObject({ role: '队长', version: 2, phoneMasked: '136****1234' });
    const stale = await community.patch(`/api/v1/organizations/${org.id}/members/${m.json().id}`, {
      version: 1,
      role: '成员',
    });
    expect(stale.statusCode).toBe(409);
    const left = await community.post(`/api/v1/organizations/${org.id}/members/${m.json().id}/leave`, {
      leftOn: '2026-01-01',
      version: 2,
    });
    expect(left.statusCode, left.body).toBe(200);
    expect((await community.get(`/api/v1/organizations/${org.id}`)).json().memberCount).toBe(0);
    const members = (await community.get(`/api/v1/organizations/${org.id}/members`)).json();
    expect(members.items[0]).toMatchObject({
      name: '周小红',
      leftOn: '2026-01-01',
      phoneMasked: '136****1234',
    });
  });

  it('imports a roster all-or-nothing with row errors in Chinese, and exports the list', async () => {
    const tpl = await community.get('/api/v1/organizations/import/template');
    expect(tpl.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as string[]).slice(1);
    const col = (h: string) => header.findIndex((x) => String(x).replace('*', '') === h) + 1;
    const put = (row: number, values: Record<string, string>) => {
      for (const [h, v] of Object.entries(values)) ws.getRow(row).getCell(col(h)).value = v;
    };
    const base = { 组织层级: '社区活动小组', 组织类别: '文体活动', 所属社区: home, 负责人姓名: '刘德明' };
    put(3, { ...base, 组织名称: '导入测试书法社' });
    put(4, { ...base, 组织名称: '导入测试象棋队', 负责人身份证号: '440305198001011234' });
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const before = (await community.get('/api/v1/organizations?pageSize=1')).json().total;
    const dry = await community.request({
      method: 'POST',
      url: '/api/v1/organizations/import?dryRun=true',
      ...multipart('roster.xlsx', bad),
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().errors).toEqual([expect.objectContaining({ row: 4, column: '负责人身份证号' })]);
    const commit = await community.request({
      method: 'POST',
      url: '/api/v1/organizations/import?dryRun=false',
      ...multipart('roster.xlsx', bad),
    });
    expect(commit.statusCode).toBe(422);
    expect((await community.get('/api/v1/organizations?pageSize=1')).json().total).toBe(before);

    put(4, { 负责人身份证号: '' });
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const ok = await community.request({
      method: 'POST',
      url: '/api/v1/organizations/import?dryRun=false',
      ...multipart('roster.xlsx', good),
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ committed: true, created: 2 });
    expect((await community.get('/api/v1/organizations?pageSize=1')).json().total).toBe(before + 2);

    const notExcel = await community.request({
      method: 'POST',
      url: '/api/v1/organizations/import?dryRun=true',
      ...multipart('x.xlsx', Buffer.from('hello')),
    });
    expect(notExcel.statusCode).toBe(422);

    const xlsx = await community.get('/api/v1/organizations/export?tier=group');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
