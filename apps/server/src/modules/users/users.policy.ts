/**
 * Who may manage which user and grant which role – plain functions over (actor, placement).
 *
 * A user's *placement* is where their grants sit: the region of each live grant (for an
 * org_leader grant, the organization's community). A user with no live grant is placed by
 * the grants they used to hold, so whoever revoked the last one can still see and re-grant them.
 * - admin manages everyone and may grant anything (also admin), except to themselves;
 * - a city/district/street officer sees users with at least one grant in their subtree and
 *   manages those whose grants all lie in it; they grant roles at or below their own level,
 *   inside their subtree, never admin, never to themselves.
 */
import { isWithin, type Role, regionLevel, roleLabels, roleLevel, rolePermissions } from '@linli/core';
import type { Actor, Grant } from '../../lib/authz/actor';
import { AppError, forbidden } from '../../lib/errors';

/** One grant of a user, located: `loc` is the 12-digit region it sits in (null for admin). */
export type Placement = { grantId: string; role: string; loc: string | null; live: boolean };

const managerGrants = (actor: Actor): Grant[] =>
  actor.grants.filter((g) => (rolePermissions[g.role] as readonly string[])?.includes('users.manage'));

export const isAdmin = (actor: Actor) => actor.grants.some((g) => g.role === 'admin');

/** Does one of the actor's managing grants cover this region? */
export function coversLoc(actor: Actor, loc: string | null): boolean {
  if (isAdmin(actor)) return true;
  if (!loc) return false;
  return managerGrants(actor).some((g) => !!g.regionCode && isWithin(loc, g.regionCode));
}

/** Listed and readable: at least one grant in the actor's subtree. */
export function canSeeUser(actor: Actor, placement: Placement[]): boolean {
  if (isAdmin(actor)) return true;
  return placement.some((p) => coversLoc(actor, p.loc));
}

/** Manageable: every grant in the actor's subtree. */
export function canManageUser(actor: Actor, placement: Placement[]): boolean {
  if (isAdmin(actor)) return true;
  return placement.length > 0 && placement.every((p) => coversLoc(actor, p.loc));
}

/** The region level a role sits at on this target (fixed for officers and community staff). */
export function roleRank(role: Role, loc: string | null): number {
  if (role === 'admin') return 0;
  return roleLevel[role] ?? (loc ? regionLevel(loc) : 5);
}

/** Region levels a region role may be granted on. */
export const allowedLevels: Readonly<Record<Exclude<Role, 'admin' | 'org_leader'>, readonly number[]>> = {
  city_officer: [2],
  district_officer: [3],
  street_officer: [4],
  community_staff: [5],
  hub_operator: [4, 5],
  social_worker: [4, 5],
  expert: [2, 3, 4, 5],
};

const levelNames: Record<number, string> = { 2: '市级', 3: '区县级', 4: '街道乡镇级', 5: '社区村级' };
export const levelHint = (role: Exclude<Role, 'admin' | 'org_leader'>) =>
  `${roleLabels[role]}须授予${allowedLevels[role].map((l) => levelNames[l]).join('或')}区划`;

/** May the actor hand out this role at all (before looking at the target)? Throws 403 with the reason. */
export function assertMayGrantRole(actor: Actor, role: Role, targetUserId: string) {
  if (targetUserId === actor.id) throw forbidden('不能给自己授权或撤销自己的授权，请联系上级管理员');
  if (isAdmin(actor)) return;
  if (role === 'admin') throw forbidden('只有系统管理员可以授予系统管理员角色');
  const fixed = roleLevel[role];
  const own = managerGrants(actor).map((g) => roleLevel[g.role] ?? 99);
  if (fixed !== undefined && !own.some((l) => l <= fixed)) {
    throw forbidden(`不能授予高于本人层级的角色（${roleLabels[role]}）`);
  }
}

/** May the actor grant (or revoke) `role` placed at `loc`? Throws 403 with the reason. */
export function assertMayGrantAt(actor: Actor, role: Role, loc: string | null) {
  if (isAdmin(actor)) return;
  const rank = roleRank(role, loc);
  const ok = managerGrants(actor).some(
    (g) => !!g.regionCode && !!loc && isWithin(loc, g.regionCode) && rank >= (roleLevel[g.role] ?? 99),
  );
  if (!ok) throw forbidden('只能在本人负责的区域内授予不高于本人层级的角色');
}

export const userOutsideScope = () =>
  new AppError(403, 'forbidden', '该用户在您管辖范围之外还有授权，请联系上级管理员处理');

/** What the actor may do with this user (for the web to hide what the server refuses). */
export function userAllowedActions(actor: Actor, userId: string, placement: Placement[]): string[] {
  if (!canManageUser(actor, placement)) return [];
  if (userId === actor.id) return ['update'];
  return ['update', 'disable', 'resetPassword', 'grant', 'revoke'];
}
