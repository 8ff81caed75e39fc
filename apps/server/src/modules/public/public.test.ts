import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('public pages', () => {
  it('lists filed and registered organizations only, with the leader masked and no personal data', async () => {
    const r = await env.anonymous.get('/api/v1/public/organizations?pageSize=200');
    expect(r.statusCode).toBe(200);
    const { items, total } = r.json();
    expect(total).toBeGreaterThan(0);
    for (const o of items) {
      expect(['filed', 'registered']).toContain(o.tier);
      expect(o.leaderNameMasked).toMatch(/\*/);
      expect(o).not.toHaveProperty('leaderName');
      expect(o).not.toHaveProperty('leaderPhoneMasked');
    }
    const filters = (await env.anonymous.get('/api/v1/public/filters')).json();
    const street = filters.streets[0].code as string;
    const byStreet = (await env.anonymous.get(`/api/v1/public/organizations?streetCode=${street}`)).json();
    expect(
      byStreet.items.every((o: { streetName: string }) => o.streetName === filters.streets[0].name),
    ).toBe(true);
  });

  it('gives residents the streets of a district and the communities of a street, and nothing else', async () => {
    const streets = (await env.anonymous.get('/api/v1/public/regions/440305000000/children')).json().items;
    expect(streets.length).toBeGreaterThan(5);
    expect(streets.every((s: { level: number }) => s.level === 4)).toBe(true);
    const communities = (await env.anonymous.get(`/api/v1/public/regions/${streets[0].code}/children`)).json()
      .items;
    expect(communities.length).toBeGreaterThan(0);
    expect(communities[0]).toMatchObject({ level: 5, areaType: expect.stringMatching(/urban|rural/) });
    expect((await env.anonymous.get('/api/v1/public/regions/440000000000/children')).statusCode).toBe(404);
    expect(
      (await env.anonymous.get(`/api/v1/public/regions/${communities[0].code}/children`)).statusCode,
    ).toBe(404);
  });
});
