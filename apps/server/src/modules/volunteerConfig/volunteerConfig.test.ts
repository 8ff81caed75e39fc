import { requiredCount } from '@linli/core';
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

describe('volunteer development targets', () => {
  const targetsRow = async () =>
    (
      await env.database.query<{ value: unknown; version: number }>(
        "select value, version from settings where key = 'volunteerTargets'",
      )
    )[0];
  const overview = async () => (await city.get('/api/v1/volunteer-stats/overview')).json();

  it('start from the defaults (13 % volunteers, 0.05 % organizations), readable by any staff, not anonymously', async () => {
    const r = await (await env.login('community')).get('/api/v1/settings/volunteer-targets');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ volunteerRatio: 0.13, orgPerResident: 0.0005, version: 0 });
    expect((await env.anonymous.get('/api/v1/settings/volunteer-targets')).statusCode).toBe(401);
    expect((await overview()).targets).toMatchObject({ volunteerRatio: 0.13, orgPerResident: 0.0005 });
  });

  it('refuse bad ratios field by field, and staff without targets.manage – changing nothing', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ volunteerRatio: 0, orgPerResident: 0.0005 }, 'volunteerRatio', '应大于 0'],
      [{ volunteerRatio: 1.3, orgPerResident: 0.0005 }, 'volunteerRatio', '不能超过 100%'],
      [{ volunteerRatio: 0.123456, orgPerResident: 0.0005 }, 'volunteerRatio', '两位小数'],
      [{ volunteerRatio: 0.13, orgPerResident: -0.001 }, 'orgPerResident', '应大于 0'],
      [{ volunteerRatio: 0.13, orgPerResident: 0.05 }, 'orgPerResident', '不能超过 1%'],
      [{ volunteerRatio: 0.13 }, 'orgPerResident', '请填写志愿服务组织占常住人口比例'],
      [{ volunteerRatio: '13%', orgPerResident: 0.0005 }, 'volunteerRatio', '请填写注册志愿者占常住人口比例'],
    ];
    for (const [body, field, text] of cases) {
      const r = await city.put('/api/v1/settings/volunteer-targets', { ...body, version: 0 });
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.fields[field], JSON.stringify(body)).toContain(text);
    }
    const denied = await (await env.login('street')).put('/api/v1/settings/volunteer-targets', {
      volunteerRatio: 0.2,
      orgPerResident: 0.001,
      version: 0,
    });
    expect(denied.statusCode).toBe(403);
    expect(await targetsRow()).toBeUndefined();
    const [n] = await env.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'setting.volunteer_targets'",
    );
    expect(n.n).toBe(0);
  });

  it('the city raises the targets; the dashboard compares against them; stale version 409; audited at the city', async () => {
    // give the city's communities a resident population so that the dashboard has something to compare
    await env.database.query(
      "update regions set population = 10000 where level = 5 and code between '440300000000' and '440399999999'",
    );
    const before = await overview();
    const ok = await city.put('/api/v1/settings/volunteer-targets', {
      volunteerRatio: 0.2,
      orgPerResident: 0.0008,
      version: 0,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ volunteerRatio: 0.2, orgPerResident: 0.0008, version: 1 });
    expect(await targetsRow()).toEqual({
      value: { volunteerRatio: 0.2, orgPerResident: 0.0008 },
      version: 1,
    });

    const after = await overview();
    expect(after.targets).toMatchObject({
      volunteerRatio: 0.2,
      orgPerResident: 0.0008,
      volunteerRatioText: '20.0%',
      orgPerResidentText: '0.08%',
    });
    expect(after.totals.volunteerRatio.target).toBe(0.2);
    expect(after.totals.orgPerResident.target).toBe(0.0008);
    // the same population asks for more volunteers than under 13 %
    expect(before.totals.population).toBeGreaterThan(0);
    expect(before.totals.volunteerRatio.required).toBe(requiredCount(before.totals.population, 0.13));
    expect(after.totals.volunteerRatio.required).toBe(requiredCount(after.totals.population, 0.2));
    expect(after.totals.orgPerResident.required).toBe(requiredCount(after.totals.population, 0.0008));

    const stale = await city.put('/api/v1/settings/volunteer-targets', {
      volunteerRatio: 0.15,
      orgPerResident: 0.0005,
      version: 0,
    });
    expect(stale.statusCode).toBe(409);
    expect((await city.get('/api/v1/settings/volunteer-targets')).json().volunteerRatio).toBe(0.2);

    const entries = await env.database.query<{
      region: string | null;
      before: unknown;
      after: unknown;
      entityId: string;
    }>(
      `select region_code as region, before, after, entity_id as "entityId" from audit_log
        where action = 'setting.volunteer_targets'`,
    );
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      region: '440300000000',
      entityId: 'volunteerTargets',
      before: { volunteerRatio: 0.13, orgPerResident: 0.0005 },
      after: { volunteerRatio: 0.2, orgPerResident: 0.0008 },
    });
    // the console's change history reads it through the audit API (prefix covers both rule settings)
    const log = await city.get('/api/v1/audit?entityType=setting&action=setting.volunteer');
    expect(log.statusCode).toBe(200);
    expect(log.json().items.map((i: { action: string }) => i.action)).toContain('setting.volunteer_targets');
    expect(log.json().items[0].actionLabel).toBe('修改志愿者发展目标');
  });
});
