import { describe, expect, it } from 'vitest';
import { drawSpotCheck, makeSeed, type SpotCheckDrawInput, sampleSize, seededRandom } from './spotCheck';

const orgs = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `org-${String(i).padStart(4, '0')}` }));
const inspectors = (n: number, conflicts: Record<string, string[]> = {}) =>
  Array.from({ length: n }, (_, i) => ({ id: `insp-${i}`, conflicts: conflicts[`insp-${i}`] ?? [] }));
const input = (extra: Partial<SpotCheckDrawInput> = {}): SpotCheckDrawInput => ({
  seed: '2026-12-03/CJ2026-001/9f3a11c2',
  ratio: 0.03,
  organizations: orgs(500),
  inspectors: inspectors(8),
  ...extra,
});

describe('seeded generator', () => {
  it('the same seed gives the same sequence; another seed another one', () => {
    const a = seededRandom('abc');
    const b = seededRandom('abc');
    const c = seededRandom('abd');
    const sa = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(sa);
    expect(Array.from({ length: 5 }, c)).not.toEqual(sa);
    for (const x of sa) expect(x).toBeGreaterThanOrEqual(0);
    for (const x of sa) expect(x).toBeLessThan(2 ** 32);
  });
  it('is pinned: a change of algorithm would break replays of recorded draws', () => {
    expect(Array.from({ length: 3 }, seededRandom('linli'))).toEqual([3110200932, 2782974463, 695201827]);
  });
});

describe('sample size', () => {
  it('rounds up the ratio, at least one, never more than the pool', () => {
    expect(sampleSize(0, 0.03)).toBe(0);
    expect(sampleSize(1, 0.03)).toBe(1);
    expect(sampleSize(100, 0.03)).toBe(3);
    expect(sampleSize(101, 0.03)).toBe(4);
    expect(sampleSize(500, 0.03)).toBe(15);
    expect(sampleSize(3, 1)).toBe(3);
  });
});

describe('the draw', () => {
  it('replayed from its seed gives the identical selection, whatever order the pools come in', () => {
    const first = drawSpotCheck(input());
    const shuffled = input({
      organizations: [...orgs(500)].reverse(),
      inspectors: [...inspectors(8)].sort(() => -1),
    });
    expect(drawSpotCheck(shuffled)).toEqual(first);
    expect(drawSpotCheck(input())).toEqual(first);
    expect(drawSpotCheck(input({ seed: 'another' }))).not.toEqual(first);
  });

  it('draws the sample size, distinct organizations, two distinct inspectors each, loads balanced', () => {
    const d = drawSpotCheck(input());
    if (!d.ok) throw new Error(d.message);
    expect(d.sampleSize).toBe(15);
    expect(d.poolSize).toBe(500);
    expect(new Set(d.assignments.map((a) => a.organizationId)).size).toBe(15);
    const load = new Map<string, number>();
    for (const a of d.assignments) {
      expect(a.inspectorIds).toHaveLength(2);
      expect(new Set(a.inspectorIds).size).toBe(2);
      for (const i of a.inspectorIds) load.set(i, (load.get(i) ?? 0) + 1);
    }
    // 30 places over 8 inspectors: 3 or 4 each
    expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
  });

  it('never assigns an inspector to an organization they declared a conflict with', () => {
    const all = orgs(40).map((o) => o.id);
    const d = drawSpotCheck(
      input({
        ratio: 0.5,
        organizations: orgs(40),
        inspectors: inspectors(4, { 'insp-0': all.slice(0, 30), 'insp-1': all.slice(10) }),
      }),
    );
    if (!d.ok) throw new Error(d.message);
    for (const a of d.assignments) {
      if (all.indexOf(a.organizationId) < 30) expect(a.inspectorIds).not.toContain('insp-0');
      if (all.indexOf(a.organizationId) >= 10) expect(a.inspectorIds).not.toContain('insp-1');
    }
  });

  it('refuses with a Chinese message when too few conflict-free inspectors remain, or bad parameters', () => {
    const d = drawSpotCheck(
      input({ ratio: 1, organizations: orgs(3), inspectors: inspectors(2, { 'insp-1': ['org-0001'] }) }),
    );
    expect(d).toMatchObject({ ok: false, organizationId: 'org-0001' });
    if (!d.ok) expect(d.message).toContain('检查人员不足');
    expect(drawSpotCheck(input({ ratio: 0 }))).toMatchObject({
      ok: false,
      message: '抽查比例应大于 0 且不超过 100%',
    });
    expect(drawSpotCheck(input({ seed: ' ' }))).toMatchObject({ ok: false, message: '请填写随机种子' });
    expect(drawSpotCheck(input({ organizations: [{ id: 'a' }, { id: 'a' }] }))).toMatchObject({ ok: false });
  });

  it('an empty pool draws nothing', () => {
    expect(drawSpotCheck(input({ organizations: [] }))).toMatchObject({
      ok: true,
      assignments: [],
      sampleSize: 0,
    });
  });

  it('seeds are readable', () => {
    expect(makeSeed('CJ2026-001', '2026-12-03', 0x9f3a11c2)).toBe('2026-12-03/CJ2026-001/9f3a11c2');
    expect(makeSeed('P', '2026-01-01', 5)).toBe('2026-01-01/P/00000005');
  });
});
