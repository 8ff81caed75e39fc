import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, type TestEnv } from '../../test/harness';

let env: TestEnv;
let admin: Agent;
let city: Agent;
let district: Agent;
let street: Agent;
let leader: Agent;

type Category = {
  code: string;
  name: string;
  required: boolean;
  distinctive: boolean;
  sort: number;
  active: boolean;
};
type Scheme = {
  code: string;
  name: string;
  fivePlusX: boolean;
  active: boolean;
  version: number;
  categories: Category[];
};

const schemes = async () => (await admin.get('/api/v1/category-schemes')).json().items as Scheme[];
const scheme = async (code: string) => (await schemes()).find((s) => s.code === code)!;
const auditOf = async (by: Agent, entityType: string, entityId: string) =>
  (await by.get(`/api/v1/audit?entityType=${entityType}&entityId=${entityId}`)).json().items as {
    action: string;
    regionCode: string | null;
    before: unknown;
    after: unknown;
  }[];

beforeAll(async () => {
  env = await createTestEnv();
  [admin, city, district, street, leader] = await Promise.all(
    ['admin', 'city', 'district', 'street', 'leader'].map((u) => env.login(u)),
  );
});
afterAll(async () => env?.close());

describe('reading', () => {
  it('any signed-in user reads the active scheme, all schemes and the targets', async () => {
    const r = await leader.get('/api/v1/categories');
    expect(r.statusCode).toBe(200);
    expect(r.json().scheme).toMatchObject({ code: 'shenzhen', fivePlusX: false });
    expect(r.json().categories.map((c: Category) => c.name)).toContain('公益慈善');
    const all = (await leader.get('/api/v1/category-schemes')).json().items as Scheme[];
    expect(all.map((s) => s.code).sort()).toEqual(['shenzhen', 'taicang-5x', 'zhejiang']);
    expect(all.filter((s) => s.active).map((s) => s.code)).toEqual(['shenzhen']);
    expect(all.find((s) => s.code === 'taicang-5x')!.categories.filter((c) => c.required)).toHaveLength(5);
    const t = await leader.get('/api/v1/settings/coverage-targets');
    expect(t.json()).toEqual({ urban: 15, rural: 5, hubStreetRatio: 0.85, version: 1 });
    for (const url of ['/api/v1/categories', '/api/v1/category-schemes', '/api/v1/settings/coverage-targets'])
      expect((await env.anonymous.get(url)).statusCode).toBe(401);
  });
});

describe('switching the active scheme', () => {
  it('is for the city officer and admin; audited at the city', async () => {
    expect((await district.put('/api/v1/settings/category-scheme', { code: 'zhejiang' })).statusCode).toBe(
      403,
    );
    expect((await street.put('/api/v1/settings/category-scheme', { code: 'zhejiang' })).statusCode).toBe(403);
    const unknown = await city.put('/api/v1/settings/category-scheme', { code: 'nowhere' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.fields.code).toBe('分类方案不存在');
    const r = await city.put('/api/v1/settings/category-scheme', { code: 'taicang-5x' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().scheme).toMatchObject({ code: 'taicang-5x', fivePlusX: true });
    expect((await leader.get('/api/v1/categories')).json().scheme.code).toBe('taicang-5x');
    const entries = await auditOf(city, 'setting', 'category_scheme');
    expect(entries[0]).toMatchObject({
      action: 'setting.category_scheme',
      regionCode: '440300000000',
      before: { code: 'shenzhen' },
      after: { code: 'taicang-5x' },
    });
    // the district does not see city-level entries
    expect(await auditOf(district, 'setting', 'category_scheme')).toEqual([]);
    expect((await admin.put('/api/v1/settings/category-scheme', { code: 'shenzhen' })).statusCode).toBe(200);
  });
});

describe('editing a scheme', () => {
  it('adds, renames and deactivates categories with a version check', async () => {
    const s = await scheme('zhejiang');
    const categories = s.categories.map((c) =>
      c.code === 'zizhi'
        ? { ...c, name: '社区自治协商类' }
        : c.code === 'pingan'
          ? { ...c, active: false }
          : c,
    );
    categories.push({
      code: 'yanglao',
      name: '养老服务类',
      required: false,
      distinctive: false,
      sort: 9,
      active: true,
    });
    const r = await city.put('/api/v1/category-schemes/zhejiang', {
      name: s.name,
      fivePlusX: false,
      categories,
      version: s.version,
    });
    expect(r.statusCode, r.body).toBe(200);
    const saved = r.json() as Scheme;
    expect(saved.version).toBe(s.version + 1);
    expect(saved.categories.find((c) => c.code === 'zizhi')!.name).toBe('社区自治协商类');
    expect(saved.categories.find((c) => c.code === 'pingan')!.active).toBe(false);
    expect(saved.categories.find((c) => c.code === 'yanglao')).toMatchObject({ name: '养老服务类', sort: 9 });
    const stale = await city.put('/api/v1/category-schemes/zhejiang', {
      name: s.name,
      fivePlusX: false,
      categories,
      version: s.version,
    });
    expect(stale.statusCode).toBe(409);
    const entries = await auditOf(admin, 'category_scheme', 'zhejiang');
    expect(entries[0].action).toBe('category_scheme.updated');
    // an unused category may be dropped again
    const dropped = await admin.put('/api/v1/category-schemes/zhejiang', {
      name: s.name,
      fivePlusX: false,
      categories: saved.categories.filter((c) => c.code !== 'yanglao'),
      version: saved.version,
    });
    expect(dropped.statusCode, dropped.body).toBe(200);
    expect(dropped.json().categories.map((c: Category) => c.code)).not.toContain('yanglao');
  });

  it('never deletes a category that organizations use', async () => {
    const s = await scheme('shenzhen');
    const r = await city.put('/api/v1/category-schemes/shenzhen', {
      name: s.name,
      fivePlusX: false,
      categories: s.categories.filter((c) => c.code !== 'wenti'),
      version: s.version,
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.message).toContain('文体活动');
    expect((await scheme('shenzhen')).categories.map((c) => c.code)).toContain('wenti');
    // deactivating it is fine
    const off = await city.put('/api/v1/category-schemes/shenzhen', {
      name: s.name,
      fivePlusX: false,
      categories: s.categories.map((c) => (c.code === 'wenti' ? { ...c, active: false } : c)),
      version: s.version,
    });
    expect(off.statusCode, off.body).toBe(200);
    // a deactivated category cannot be chosen for a new group
    const community = await env.login('community');
    const regionCode = (await community.get('/api/v1/auth/me')).json().homeRegion.code;
    const create = await community.post('/api/v1/organizations', {
      name: '停用类别测试队',
      category: 'wenti',
      regionCode,
      leaderName: '王小明',
    });
    expect(create.statusCode).toBe(422);
  });

  it('validates the scheme', async () => {
    const s = await scheme('taicang-5x');
    const put = (body: Omit<Partial<Scheme>, 'categories'> & { categories: unknown[] }) =>
      city.put('/api/v1/category-schemes/taicang-5x', {
        name: s.name,
        fivePlusX: true,
        version: s.version,
        ...body,
      });
    // 5+X needs an active distinctive category
    let r = await put({
      categories: s.categories.map((c) => (c.distinctive ? { ...c, active: false } : c)),
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.fields.fivePlusX).toBeDefined();
    r = await put({ categories: [...s.categories, { ...s.categories[0], name: '另一个' }] });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.fields['categories.6.code']).toBe('类别编码重复');
    r = await put({ categories: s.categories.map((c, i) => (i === 0 ? { ...c, distinctive: true } : c)) });
    expect(r.statusCode).toBe(422);
    r = await put({ categories: [{ code: 'Bad Code', name: 'x' }] });
    expect(r.statusCode).toBe(400);
    r = await put({ categories: [] });
    expect(r.statusCode).toBe(400);
    expect(
      (
        await city.put('/api/v1/category-schemes/nope', {
          name: 'x',
          fivePlusX: false,
          version: 1,
          categories: s.categories,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await street.put('/api/v1/category-schemes/taicang-5x', {
          name: 'x',
          fivePlusX: false,
          version: 1,
          categories: s.categories,
        })
      ).statusCode,
    ).toBe(403);
    expect((await scheme('taicang-5x')).version).toBe(s.version);
  });
});

describe('coverage targets', () => {
  it('are validated, versioned and audited', async () => {
    const t = (await city.get('/api/v1/settings/coverage-targets')).json();
    for (const bad of [
      { urban: 1001, rural: 5, hubStreetRatio: 0.8 },
      { urban: -1, rural: 5, hubStreetRatio: 0.8 },
      { urban: 10.5, rural: 5, hubStreetRatio: 0.8 },
      { urban: 10, rural: 5, hubStreetRatio: 1.5 },
      { urban: 10, rural: 5 },
    ]) {
      const r = await city.put('/api/v1/settings/coverage-targets', { ...bad, version: t.version });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(r.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(
      (
        await district.put('/api/v1/settings/coverage-targets', {
          urban: 10,
          rural: 6,
          hubStreetRatio: 0.9,
          version: t.version,
        })
      ).statusCode,
    ).toBe(403);
    const r = await city.put('/api/v1/settings/coverage-targets', {
      urban: 10,
      rural: 6,
      hubStreetRatio: 0.9,
      version: t.version,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ urban: 10, rural: 6, hubStreetRatio: 0.9, version: t.version + 1 });
    const stale = await admin.put('/api/v1/settings/coverage-targets', {
      urban: 12,
      rural: 6,
      hubStreetRatio: 0.9,
      version: t.version,
    });
    expect(stale.statusCode).toBe(409);
    expect((await leader.get('/api/v1/settings/coverage-targets')).json().urban).toBe(10);
    const [e] = await auditOf(city, 'setting', 'coverage_targets');
    expect(e).toMatchObject({
      action: 'setting.coverage_targets',
      before: { urban: 15, rural: 5, hubStreetRatio: 0.85 },
      after: { urban: 10, rural: 6, hubStreetRatio: 0.9 },
    });
  });
});
