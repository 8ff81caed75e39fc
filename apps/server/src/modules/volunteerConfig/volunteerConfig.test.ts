import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, type TestEnv } from '../../test/harness';
import { defaultVolunteerConfig } from './volunteerConfig';

let env: TestEnv;
let city: Agent;
beforeAll(async () => {
  env = await createTestEnv();
  city = await env.login('city');
});
afterAll(async () => env?.close());

const { credit: _credit, ...defaults } = defaultVolunteerConfig;
const settingRow = async () =>
  (await env.database.query<{ value: unknown }>("select value from settings where key = 'volunteer'"))[0];

describe('volunteer-service configuration', () => {
  it('starts from the defaults (100/300/600/1000/1500 h, lifetime, 1 point per hour, year-end expiry)', async () => {
    const r = await (await env.login('community')).get('/api/v1/settings/volunteer');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      stars: { thresholds: [100, 300, 600, 1000, 1500], basis: 'lifetime' },
      earn: { rate: 1, rounding: 'floor' },
      expiry: { kind: 'yearEnd', years: 1 },
      checkin: { periodSeconds: 30, graceSteps: 1 },
      version: 0,
    });
  });

  it('refuses bad rules field by field, and staff without targets.manage – changing nothing', async () => {
    const bad = await city.put('/api/v1/settings/volunteer', {
      ...defaults,
      stars: { thresholds: [100, 50], basis: 'lifetime' },
      earn: { rate: 1.234, rounding: 'floor' },
      checkin: { ...defaults.checkin, periodSeconds: 5 },
      version: 0,
    });
    expect(bad.statusCode).toBe(400);
    const fields = bad.json().error.fields;
    expect(fields['stars.thresholds']).toContain('高于上一级');
    expect(fields['earn.rate']).toContain('两位小数');
    expect(fields['checkin.periodSeconds']).toContain('不能小于 15');
    const denied = await (await env.login('street')).put('/api/v1/settings/volunteer', {
      ...defaults,
      version: 0,
    });
    expect(denied.statusCode).toBe(403);
    expect(await settingRow()).toBeUndefined();
  });

  it('the city changes the star ladder; a volunteer sees it at once; a stale version gets 409; audited', async () => {
    const ok = await city.put('/api/v1/settings/volunteer', {
      ...defaults,
      stars: { thresholds: [50, 150, 300], basis: 'year' },
      earn: { rate: 2, rounding: 'round' },
      version: 0,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ stars: { thresholds: [50, 150, 300], basis: 'year' }, version: 1 });
    const v = await env.volunteer();
    const me = (await v.get('/api/v1/me/volunteer')).json();
    expect(me.star).toMatchObject({ level: 0, nextThreshold: 50, basis: 'year' });
    const stale = await city.put('/api/v1/settings/volunteer', { ...defaults, version: 0 });
    expect(stale.statusCode).toBe(409);
    const [entry] = await env.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'setting.volunteer'",
    );
    expect(entry.n).toBe(1);
  });
});
