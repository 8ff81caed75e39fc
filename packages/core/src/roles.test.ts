import { describe, expect, it } from 'vitest';
import {
  can,
  isPermission,
  isRole,
  type Permission,
  permissionLabels,
  permissions,
  permissionsOf,
  type Role,
  roleLabels,
  roleLevel,
  rolePermissions,
  roles,
} from './roles';

describe('roles', () => {
  it('labels every role in Chinese', () => {
    expect(Object.keys(roleLabels).sort()).toEqual([...roles].sort());
    expect(roleLabels.street_officer).toBe('街道办事处');
    expect(roleLabels.community_staff).toBe('社区居委会');
  });
  it('gives levels to staff roles only', () => {
    expect(roleLevel).toEqual({
      city_officer: 2,
      district_officer: 3,
      street_officer: 4,
      community_staff: 5,
    });
    expect(roleLevel.admin).toBeUndefined();
  });
  it('labels every permission', () => {
    expect(Object.keys(permissionLabels).sort()).toEqual([...permissions].sort());
  });
  it('recognizes names', () => {
    expect(isRole('street_officer')).toBe(true);
    expect(isRole('root')).toBe(false);
    expect(isPermission('org.read')).toBe(true);
    expect(isPermission('org.delete')).toBe(false);
  });
});

describe('permission table', () => {
  it('only uses known permissions, without duplicates', () => {
    for (const r of roles) {
      for (const p of rolePermissions[r]) expect(permissions).toContain(p);
      expect(new Set(rolePermissions[r]).size).toBe(rolePermissions[r].length);
    }
  });
  it('gives admin everything and expert nothing', () => {
    for (const p of permissions) expect(can(['admin'], p)).toBe(true);
    for (const p of permissions) expect(can(['expert'], p)).toBe(false);
  });

  const expected: [Role, Permission, boolean][] = [
    ['community_staff', 'filing.review.community', true],
    ['community_staff', 'filing.review.street', false],
    ['community_staff', 'org.create', true],
    ['community_staff', 'pii.reveal', false],
    ['street_officer', 'filing.review.street', true],
    ['street_officer', 'registration.recommend', true],
    ['street_officer', 'registration.record', false],
    ['street_officer', 'pii.reveal', true],
    ['district_officer', 'registration.record', true],
    ['district_officer', 'org.register', true],
    ['district_officer', 'filing.review.street', false],
    ['city_officer', 'categories.manage', true],
    ['city_officer', 'targets.manage', true],
    ['city_officer', 'org.update', false],
    ['org_leader', 'filing.apply', true],
    ['org_leader', 'change.apply', true],
    ['org_leader', 'change.review', false],
    ['org_leader', 'dashboard.read', false],
    ['hub_operator', 'dashboard.read', true],
    ['social_worker', 'org.update', false],
  ];
  it.each(expected)('%s / %s → %s', (role, p, ok) => {
    expect(can([role], p)).toBe(ok);
  });

  it('combines roles', () => {
    expect(can(['org_leader', 'hub_operator'], 'dashboard.read')).toBe(true);
    expect(can([], 'org.read')).toBe(false);
    expect(permissionsOf(['hub_operator', 'social_worker'])).toEqual(['org.read', 'dashboard.read']);
  });
});
