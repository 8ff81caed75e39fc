import { describe, expect, it } from 'vitest';
import { categoryName, categorySchemes, findCategoryScheme, taicangScheme } from './categorySchemes';

describe('category schemes', () => {
  it('has unique scheme and category codes in short ASCII', () => {
    expect(new Set(categorySchemes.map((s) => s.code)).size).toBe(categorySchemes.length);
    for (const s of categorySchemes) {
      expect(s.code).toMatch(/^[a-z0-9-]+$/);
      const codes = s.categories.map((c) => c.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const c of codes) expect(c).toMatch(/^[a-z_]{2,16}$/);
    }
  });
  it('seeds the three schemes', () => {
    expect(findCategoryScheme('shenzhen')?.categories.map((c) => c.name)).toEqual([
      '公益慈善',
      '生活服务',
      '社区事务',
      '文体活动',
    ]);
    expect(findCategoryScheme('zhejiang')?.categories.map((c) => c.name)).toEqual([
      '社区自治类',
      '社区平安类',
      '社区服务类',
      '社区文体类',
    ]);
    expect(findCategoryScheme('nope')).toBeUndefined();
  });
  it('makes Taicang 5+X', () => {
    expect(taicangScheme.fivePlusX).toBe(true);
    expect(taicangScheme.categories.filter((c) => c.required).map((c) => c.name)).toEqual([
      '公益慈善类',
      '居民互助类',
      '文体科教类',
      '纠纷调处类',
      '平安建设类',
    ]);
    expect(taicangScheme.categories.filter((c) => c.distinctive).map((c) => c.name)).toEqual(['特色类']);
    expect(categoryName(taicangScheme, 'mediation')).toBe('纠纷调处类');
    expect(categoryName(taicangScheme, 'x')).toBe('x');
  });
});
