import { makeIdNumber } from '@linli/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFirstSheet } from '../../lib/documents/excel';
import { type Agent, createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
let community: Agent;
let street: Agent;
let street2: Agent;
let leader: Agent;
let home: string;
let leaderOrgId: string;
beforeAll(async () => {
  env = await createTestEnv();
  community = await env.login('community');
  street = await env.login('street');
  street2 = await env.login('street2');
  leader = await env.login('leader');
  home = (await community.get('/api/v1/auth/me')).json().homeRegion.code;
  leaderOrgId = (await leader.get('/api/v1/auth/me')).json().grants[0].organizationId;
});
afterAll(async () => env?.close());

let seq = 100;
const adultId = () => makeIdNumber(`44030519880101${String(++seq).padStart(3, '0')}`);
const childId = () => makeIdNumber(`44030520180101${String(++seq).padStart(3, '0')}`);
const form = (idNumber: string, extra: Record<string, unknown> = {}) => ({
  realName: '林志愿',
  idNumber,
  phone: '13912345678',
  regionCode: home,
  skills: ['急救', '摄影'],
  interests: ['助老'],
  consents: [
    { purpose: 'record', granted: true },
    { purpose: 'sensitive_id', granted: true },
    { purpose: 'publicity', granted: false },
  ],
  ...extra,
});
const count = async () =>
  (await env.database.query<{ n: number }>('select count(*)::int as n from volunteers'))[0].n;
const register = (body: unknown) => env.anonymous.post('/api/v1/public/volunteers/register', body);

describe('volunteer registration', () => {
  it('registers a resident from the H5 page: number, masked data, consents, audit', async () => {
    const id = adultId();
    const r = await register(form(id));
    expect(r.statusCode, r.body).toBe(201);
    const v = r.json();
    expect(v.volunteerNumber).toMatch(/^V\d{6}-\d{4}-\d{6}$/);
    expect(v.idNumberMasked).toBe(`${id.slice(0, 6)}********${id.slice(-4)}`);
    expect(v.phoneMasked).toBe('139****5678');
    expect(r.body).not.toContain(id);

    const d = await community.get(`/api/v1/volunteers/${v.id}`);
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({
      volunteerNumber: v.volunteerNumber,
      consents: { record: true, publicity: false },
      skills: ['急救', '摄影'],
    });
    expect(d.json().consentHistory[0].how).toBe('self');
    expect(d.body).not.toContain(id);
    expect(d.body).not.toContain('13912345678');

    // plaintext never at rest
    const rows = await env.database.query<Record<string, unknown>>('select * from volunteers where id = $1', [
      v.id,
    ]);
    expect(JSON.stringify(rows)).not.toContain(id);
    expect(JSON.stringify(rows)).not.toContain('13912345678');
    const audit = await env.database.query<{ a: string }>(
      `select action as a, after::text as t from audit_log where entity_id = $1`,
      [v.id],
    );
    expect(audit.map((x) => x.a)).toContain('volunteer.self_registered');
    expect(JSON.stringify(audit)).not.toContain(id);

    const list = await community.get(`/api/v1/volunteers?q=${encodeURIComponent('林志愿')}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(v.id);
  });

  it('refuses an invalid ID number with a field message and writes nothing', async () => {
    const before = await count();
    const bad = adultId().slice(0, 17) + (adultId().endsWith('0') ? '1' : '0');
    const r = await register(form(bad.slice(0, 17) + (bad[17] === 'X' ? '1' : 'X')));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields.idNumber).toMatch(/身份证/);
    expect(await count()).toBe(before);
  });

  it('one person, one record: a duplicate ID number is 409 and writes nothing', async () => {
    const id = adultId();
    expect((await register(form(id))).statusCode).toBe(201);
    const before = await count();
    const dup = await register(form(id.toLowerCase(), { realName: '林另一' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields.idNumber).toBe('该身份证号已登记为志愿者');
    expect(await count()).toBe(before);
  });

  it('needs the record consent and, under 14, a guardian', async () => {
    const noConsent = await register(form(adultId(), { consents: [{ purpose: 'record', granted: false }] }));
    expect(noConsent.statusCode).toBe(400);
    const noIdConsent = await register(form(adultId(), { consents: [{ purpose: 'record', granted: true }] }));
    expect(noIdConsent.statusCode).toBe(400);
    expect(JSON.stringify(noIdConsent.json().error)).toContain('单独同意处理身份证号');
    const before = await count();
    const child = childId();
    const r = await register(form(child));
    expect(r.statusCode).toBe(422);
    expect(Object.keys(r.json().error.fields)).toEqual(
      expect.arrayContaining(['guardianName', 'guardianPhone', 'guardianConsent']),
    );
    expect(await count()).toBe(before);
    const ok = await register(
      form(child, { guardianName: '林监护', guardianPhone: '13800001111', guardianConsent: true }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const d = (await community.get(`/api/v1/volunteers/${ok.json().id}`)).json();
    expect(d.guardianPhoneMasked).toBe('138****1111');
    expect(d.consentHistory[0].how).toBe('guardian');
  });

  it('refuses a code that is not a loaded community', async () => {
    const r = await register(form(adultId(), { regionCode: `${home.slice(0, 9)}000` }));
    expect(r.statusCode).toBe(422);
    expect(r.json().error.fields.regionCode).toBeTruthy();
  });
});

describe('staff, scope and consents', () => {
  it('staff register with consent recorded; another street cannot see the volunteer', async () => {
    const r = await community.post('/api/v1/volunteers', form(adultId()));
    expect(r.statusCode, r.body).toBe(201);
    const v = r.json();
    expect(v.consentHistory[0].how).toBe('staff_recorded');
    expect((await street.get(`/api/v1/volunteers/${v.id}`)).statusCode).toBe(200);
    expect((await street2.get(`/api/v1/volunteers/${v.id}`)).statusCode).toBe(404);
    const l2 = (await street2.get('/api/v1/volunteers?pageSize=200')).json();
    expect(l2.items.map((x: { id: string }) => x.id)).not.toContain(v.id);

    const upd = await community.patch(`/api/v1/volunteers/${v.id}`, { version: v.version, skills: ['理发'] });
    expect(upd.statusCode, upd.body).toBe(200);
    expect(upd.json().skills).toEqual(['理发']);
    const stale = await community.patch(`/api/v1/volunteers/${v.id}`, { version: v.version, skills: ['x'] });
    expect(stale.statusCode).toBe(409);

    const w = await community.post(`/api/v1/volunteers/${v.id}/consents`, {
      purpose: 'record',
      granted: false,
    });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ status: 'inactive', consents: { record: false } });
    expect(w.json().consentHistory.length).toBe(v.consentHistory.length + 1);
  });
});

describe('list order', () => {
  it('sorts by volunteer number or name either way; an unknown key falls back, never a 500', async () => {
    for (const name of ['甲志愿', '乙志愿'])
      expect(
        (await community.post('/api/v1/volunteers', form(adultId(), { realName: name }))).statusCode,
      ).toBe(201);
    const numbers = async (sort: string) =>
      (await community.get(`/api/v1/volunteers?pageSize=200&sort=${sort}`))
        .json()
        .items.map((v: { volunteerNumber: string }) => v.volunteerNumber) as string[];
    const up = await numbers('volunteerNumber');
    expect(up.length).toBeGreaterThan(1);
    expect(up).toEqual([...up].sort());
    expect(await numbers('-volunteerNumber')).toEqual([...up].reverse());
    const byName = await community.get('/api/v1/volunteers?pageSize=200&sort=realName');
    expect(byName.statusCode).toBe(200);
    const bad = await community.get('/api/v1/volunteers?sort=idNumberHmac');
    expect(bad.statusCode, bad.body).toBe(200);
    // street2 sees none of them whatever the order
    const other = (await street2.get('/api/v1/volunteers?pageSize=200&sort=-realName')).json();
    expect(other.items.map((v: { volunteerNumber: string }) => v.volunteerNumber)).not.toContain(up[0]);
  });
});

describe('teams', () => {
  it('a leader creates a team; join → approve', async () => {
    const t = await leader.post(`/api/v1/organizations/${leaderOrgId}/teams`, { name: '邻里助老服务队' });
    expect(t.statusCode, t.body).toBe(201);
    const team = t.json();
    expect(
      (await leader.post(`/api/v1/organizations/${leaderOrgId}/teams`, { name: '邻里助老服务队' }))
        .statusCode,
    ).toBe(409);

    const v = (await register(form(adultId()))).json();
    // a leader sees only volunteers of its own teams: a stranger is 404, the community files the request
    expect((await leader.post(`/api/v1/teams/${team.id}/join`, { volunteerId: v.id })).statusCode).toBe(404);
    expect((await street2.post(`/api/v1/teams/${team.id}/join`, { volunteerId: v.id })).statusCode).toBe(403);
    const j = await community.post(`/api/v1/teams/${team.id}/join`, { volunteerId: v.id });
    expect(j.statusCode, j.body).toBe(201);
    expect(j.json().state).toBe('requested');
    expect((await leader.post(`/api/v1/teams/${team.id}/join`, { volunteerId: v.id })).statusCode).toBe(409);
    // the leader now sees the applicant (masked)
    expect((await leader.get(`/api/v1/volunteers/${v.id}`)).statusCode).toBe(200);
    expect(
      (
        await street2.post(`/api/v1/teams/${team.id}/memberships/${j.json().id}/decide`, {
          decision: 'approve',
        })
      ).statusCode,
    ).toBe(403);

    const d = await leader.post(`/api/v1/teams/${team.id}/memberships/${j.json().id}/decide`, {
      decision: 'approve',
    });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().state).toBe('approved');
    const again = await leader.post(`/api/v1/teams/${team.id}/memberships/${j.json().id}/decide`, {
      decision: 'reject',
      reason: '重复',
    });
    expect(again.statusCode).toBe(409);
    const list = (await community.get(`/api/v1/organizations/${leaderOrgId}/teams`)).json();
    expect(list.items.find((x: { id: string }) => x.id === team.id).memberCount).toBe(1);
    const ms = (await leader.get(`/api/v1/teams/${team.id}/memberships`)).json();
    expect(ms.items[0]).toMatchObject({ state: 'approved', volunteerNumber: v.volunteerNumber });
  });

  it('imports from Excel all-or-nothing with Chinese row errors', async () => {
    const tpl = await community.get('/api/v1/volunteers/import/template');
    expect(tpl.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('志愿者名册');
    ws.addRow(['姓名', '身份证号', '手机号', '社区代码', '技能', '服务意向', '监护人姓名', '监护人电话']);
    ws.addRow(['王一', adultId(), '13700000001', home, '急救', '助老', '', '']);
    ws.addRow(['王二', '123', '13700000002', home, '', '', '', '']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const boundary = '----vol-import';
    const payload = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="v.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const headers = { 'content-type': `multipart/form-data; boundary=${boundary}` };
    const before = await count();
    const dry = await community.request({
      method: 'POST',
      url: '/api/v1/volunteers/import?dryRun=true',
      payload,
      headers,
    });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ total: 2, valid: 1, committed: false });
    expect(dry.json().errors[0]).toMatchObject({ row: 3, column: '身份证号' });
    const commit = await community.request({
      method: 'POST',
      url: '/api/v1/volunteers/import?dryRun=false',
      payload,
      headers,
    });
    expect(commit.statusCode).toBe(422);
    expect(await count()).toBe(before);
  });
});

describe('export', () => {
  const xlsx = async (a: Agent, query = '') => {
    const r = await a.get(`/api/v1/volunteers/export${query}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const sheet = await readFirstSheet(r.rawPayload);
    return { res: r, ...sheet, numbers: sheet.rows.map((x) => x.values.志愿者编号) };
  };
  const total = async (a: Agent, query = '') =>
    (await a.get(`/api/v1/volunteers?pageSize=1${query ? `&${query.slice(1)}` : ''}`)).json().total as number;

  it('exports the filtered list in Chinese, masked, scoped; checks who and what it is asked', async () => {
    const streetCode = (await street.get('/api/v1/auth/me')).json().homeRegion.code as string;
    const street2Code = (await street2.get('/api/v1/auth/me')).json().homeRegion.code as string;
    const c1b = (await street.get(`/api/v1/regions/${streetCode}/children`))
      .json()
      .items.map((x: { code: string }) => x.code)
      .find((c: string) => c !== home) as string;
    const c2 = (await street2.get(`/api/v1/regions/${street2Code}/children`)).json().items[0].code as string;

    const ids = { a: adultId(), b: adultId(), c: adultId() };
    const phones = { a: '13822225678', b: '13833335678', c: '13844445678' };
    const reg = async (key: 'a' | 'b' | 'c', regionCode: string, realName: string) => {
      const r = await register(
        form(ids[key], { regionCode, realName, phone: phones[key], interests: ['elderly', 'children'] }),
      );
      expect(r.statusCode, r.body).toBe(201);
      return r.json() as { id: string; volunteerNumber: string };
    };
    const a = await reg('a', home, '导出甲');
    const b = await reg('b', c1b, '导出乙');
    const c = await reg('c', c2, '导出丙');
    // 100.5 hours of service: one star under the default ladder (100 h)
    await env.database.query('insert into volunteer_totals (volunteer_id, minutes) values ($1, 6030)', [
      a.id,
    ]);
    expect(
      (await community.post(`/api/v1/volunteers/${a.id}/consents`, { purpose: 'record', granted: false }))
        .statusCode,
    ).toBe(200);

    // the street officer: every row of their street, none of street2's, as many as the list
    const s = await xlsx(street);
    expect(s.headers).toEqual([
      '志愿者编号',
      '姓名',
      '性别',
      '身份证号（脱敏）',
      '手机号（脱敏）',
      '所属街道',
      '所属社区',
      '技能',
      '服务意向',
      '累计服务时长（小时）',
      '星级',
      '状态',
      '登记方式',
      '注册日期',
    ]);
    expect(s.rows.length).toBe(await total(street));
    expect(s.rows.length).toBeGreaterThanOrEqual(2);
    expect(s.numbers).toEqual(expect.arrayContaining([a.volunteerNumber, b.volunteerNumber]));
    expect(s.numbers).not.toContain(c.volunteerNumber);
    const streetName = s.rows.find((x) => x.values.志愿者编号 === b.volunteerNumber)?.values.所属街道;
    expect(streetName).toMatch(/街道|镇/);
    expect(new Set(s.rows.map((x) => x.values.所属街道))).toEqual(new Set([streetName]));
    expect(s.res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('志愿者名单-')}`,
    );

    // Chinese values, masks only
    const rowA = s.rows.find((x) => x.values.志愿者编号 === a.volunteerNumber)?.values;
    expect(rowA).toMatchObject({
      姓名: '导出甲',
      '身份证号（脱敏）': `${ids.a.slice(0, 6)}********${ids.a.slice(-4)}`,
      '手机号（脱敏）': '138****5678',
      服务意向: '助老、关爱儿童',
      技能: '急救、摄影',
      '累计服务时长（小时）': '100.5',
      星级: '一星',
      状态: '已停用',
      登记方式: '本人注册',
    });
    expect(['男', '女']).toContain(rowA?.性别);
    expect(rowA?.注册日期).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const text = JSON.stringify(s.rows);
    for (const secret of [...Object.values(ids), ...Object.values(phones)])
      expect(text).not.toContain(secret);
    for (const code of ['elderly', 'children', 'active', 'inactive', 'self', 'male', 'female'])
      expect(text).not.toContain(`"${code}"`);

    // filters narrow it exactly as they narrow the list
    for (const q of ['?status=inactive', `?q=${encodeURIComponent('导出')}`, `?regionCode=${c1b}`]) {
      const f = await xlsx(street, q);
      expect(f.rows.length, q).toBe(await total(street, q));
      expect(f.rows.length, q).toBeLessThan(s.rows.length);
    }
    expect((await xlsx(street, `?q=${encodeURIComponent('导出')}`)).numbers.sort()).toEqual(
      [a.volunteerNumber, b.volunteerNumber].sort(),
    );
    expect((await xlsx(street, '?status=inactive')).rows.map((x) => x.values.状态)).not.toContain('正常');

    // street2 sees only its own street
    const s2 = await xlsx(street2);
    expect(s2.numbers).toContain(c.volunteerNumber);
    expect(s2.numbers).not.toEqual(expect.arrayContaining([a.volunteerNumber]));
    expect(s2.numbers.filter((n) => s.numbers.includes(n))).toEqual([]);
    expect(s2.rows.length).toBe(await total(street2));

    // who may export, and what they may ask
    expect((await env.anonymous.get('/api/v1/volunteers/export')).statusCode).toBe(401);
    const admin = await env.login('admin');
    const username = `hub_${Date.now()}`;
    const u = await admin.post('/api/v1/users', {
      username,
      displayName: '枢纽 运营',
      password: 'secret-pass-1',
      grants: [{ role: 'hub_operator', regionCode: streetCode }],
    });
    expect(u.statusCode, u.body).toBe(201);
    const hub = await env.login(username, 'secret-pass-1');
    expect((await hub.get('/api/v1/volunteers/export')).statusCode).toBe(403);
    const bad = await street.get('/api/v1/volunteers/export?status=gone&regionCode=44');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toMatchObject({ status: '状态无效' });
    expect(bad.json().error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
