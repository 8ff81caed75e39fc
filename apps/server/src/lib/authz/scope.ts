import { type Permission, prefixRange, type Role, rolePermissions } from '@linli/core';
import { and, between, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor, Grant } from './actor';

const grantAllows = (g: Grant, p?: Permission) =>
  !p || (rolePermissions[g.role] as readonly string[]).includes(p);

/** A resource for an authorization decision: where it sits and which organization it is. */
export type ScopedResource = { regionCode: string | null; organizationId?: string | null };

/** Does one grant cover a resource? (admin covers everything; org_leader only their organization). */
export function grantCovers(g: Grant, r: ScopedResource): boolean {
  if (g.role === 'admin') return true;
  if (g.role === 'org_leader') return !!r.organizationId && g.organizationId === r.organizationId;
  if (!g.regionCode || !r.regionCode) return false;
  const [lo, hi] = prefixRange(g.regionCode);
  return r.regionCode >= lo && r.regionCode <= hi;
}

/** May the actor do `permission` on this resource? Decided per grant, so a role's rights never leak into another scope. */
export function can(actor: Actor | null, permission: Permission, resource?: ScopedResource): boolean {
  if (!actor) return false;
  return actor.grants.some((g) => grantAllows(g, permission) && (!resource || grantCovers(g, resource)));
}

export function rolesFor(actor: Actor, resource: ScopedResource): Role[] {
  return [...new Set(actor.grants.filter((g) => grantCovers(g, resource)).map((g) => g.role))];
}

/**
 * SQL condition limiting rows to what the actor's grants cover (optionally only grants with `permission`).
 * `region` is a 12-digit region code column; `org` the organization id column where rows belong to one.
 */
export function scopeWhere(
  actor: Actor,
  cols: { region: AnyPgColumn; org?: AnyPgColumn },
  permission?: Permission,
): SQL {
  const grants = actor.grants.filter((g) => grantAllows(g, permission));
  if (grants.some((g) => g.role === 'admin')) return sql`true`;
  const parts: SQL[] = [];
  for (const g of grants) {
    if (g.role === 'org_leader' || !g.regionCode) continue;
    const [lo, hi] = prefixRange(g.regionCode);
    parts.push(between(cols.region, lo, hi));
  }
  const orgIds = grants
    .filter((g) => g.role === 'org_leader' && g.organizationId)
    .map((g) => g.organizationId!);
  if (cols.org && orgIds.length) parts.push(inArray(cols.org, orgIds));
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? parts[0] : (or(...parts) as SQL);
}

/** Region prefix ranges of the actor's region grants (for raw SQL hot paths). */
export function scopeRanges(
  actor: Actor,
  permission?: Permission,
): { all: boolean; ranges: [string, string][]; orgIds: string[] } {
  const grants = actor.grants.filter((g) => grantAllows(g, permission));
  return {
    all: grants.some((g) => g.role === 'admin'),
    ranges: grants
      .filter((g) => g.regionCode && g.role !== 'org_leader')
      .map((g) => prefixRange(g.regionCode!)),
    orgIds: grants.filter((g) => g.role === 'org_leader' && g.organizationId).map((g) => g.organizationId!),
  };
}

export const andScope = (scope: SQL, ...conds: (SQL | undefined)[]) => and(scope, ...conds) as SQL;
