import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv, VOLUNTEER_PASSWORD } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

const users = async () =>
  (await env.database.query<{ n: number }>('select count(*)::int as n from users'))[0].n;

describe('resident (volunteer) accounts', () => {
  it('opens an account with ID number + registered phone, signs in, sees their own profile', async () => {
    const v = await env.volunteer({ realName: '黄开通' });
    const me = await v.get('/api/v1/me/volunteer');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({
      id: v.volunteerId,
      volunteerNumber: v.volunteerNumber,
      realName: '黄开通',
      minutes: 0,
      points: 0,
      star: { level: 0, label: '未评星' },
    });
    expect(me.body).not.toContain(v.idNumber);

    const login = await env.anonymous.post('/api/v1/public/volunteers/login', {
      idNumber: v.idNumber.toLowerCase(),
      password: VOLUNTEER_PASSWORD,
    });
    expect(login.statusCode, login.body).toBe(200);
    expect(login.json().volunteerId).toBe(v.volunteerId);
    expect(login.cookies.map((c) => c.name)).toContain('linli_session');

    const audit = await env.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'volunteer.account_opened' and entity_id = $1",
      [v.volunteerId],
    );
    expect(audit[0].n).toBe(1);
  });

  it('refuses a second account, a wrong phone, an unknown person and a weak password – creating nothing', async () => {
    const v = await env.volunteer();
    const before = await users();
    const again = await env.anonymous.post('/api/v1/public/volunteers/account', {
      idNumber: v.idNumber,
      phone: '13900000000',
      password: 'abcd12345',
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.fields.phone).toBeTruthy();

    const weak = await env.anonymous.post('/api/v1/public/volunteers/account', {
      idNumber: v.idNumber,
      phone: '13900000000',
      password: 'abcdefgh',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.fields.password).toContain('字母和数字');

    const bad = await env.anonymous.post('/api/v1/public/volunteers/account', {
      idNumber: '440305199001011234',
      phone: '13900000000',
      password: 'abcd12345',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.idNumber).toBeTruthy();
    expect(await users()).toBe(before);
  });

  it('answers a second account for the same person with 409', async () => {
    const v = await env.volunteer();
    const r = await env.anonymous.post('/api/v1/public/volunteers/account', {
      idNumber: v.idNumber,
      phone: v.phone,
      password: 'another-pass-9',
    });
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json().error.message).toContain('已开通账号');
  });

  it('wrong passwords are refused with 401 and then rate limited with 429', async () => {
    const v = await env.volunteer();
    for (let i = 0; i < 5; i++) {
      const r = await env.anonymous.request({
        method: 'POST',
        url: '/api/v1/public/volunteers/login',
        remoteAddress: '10.88.0.1',
        payload: { idNumber: v.idNumber, password: 'wrong-pass-1' },
      });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.message).toBe('身份证号或密码错误');
    }
    const locked = await env.anonymous.request({
      method: 'POST',
      url: '/api/v1/public/volunteers/login',
      remoteAddress: '10.88.0.2',
      payload: { idNumber: v.idNumber, password: VOLUNTEER_PASSWORD },
    });
    expect(locked.statusCode).toBe(429);
  });

  it('staff accounts cannot use the resident pages; anonymous callers must sign in', async () => {
    const staff = await env.login('community');
    expect((await staff.get('/api/v1/me/volunteer')).statusCode).toBe(403);
    expect((await env.anonymous.get('/api/v1/me/volunteer')).statusCode).toBe(401);
  });

  it('a volunteer session holds no staff permission', async () => {
    const v = await env.volunteer();
    expect((await v.get('/api/v1/volunteers')).statusCode).toBe(403);
    expect((await v.get('/api/v1/organizations')).statusCode).toBe(403);
    const me = await v.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ grants: [], permissions: [], user: { volunteerId: v.volunteerId } });
  });
});
