import type { Database } from '../../db/client';
import type { Actor } from '../../lib/authz/actor';
import { scopeRanges } from '../../lib/authz/scope';
import { toDate } from '../users/users.repo';

export type AuditRow = {
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
};

export type AuditFilter = {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
};

const cols = `a.seq::float8 as seq, a.at, a.actor_id as "actorId", a.actor_name as "actorName", a.action,
  a.entity_type as "entityType", a.entity_id as "entityId", a.region_code as "regionCode", a.before, a.after,
  a.request_id as "requestId"`;

/**
 * Entries the actor may read: region inside one of their audit.read grants. Entries without a
 * region (system events, global settings by an admin, own password changes) are for admin only.
 */
export function auditScopeSql(actor: Actor, params: unknown[]): string {
  const s = scopeRanges(actor, 'audit.read');
  if (s.all) return 'true';
  const parts = s.ranges.map(([lo, hi]) => {
    params.push(lo, hi);
    return `a.region_code between $${params.length - 1} and $${params.length}`;
  });
  return parts.length ? `(${parts.join(' or ')})` : 'false';
}

const tidy = (r: AuditRow & { total?: number }): AuditRow => {
  const { total: _t, ...row } = r;
  return {
    ...row,
    seq: Number(row.seq),
    at: toDate(row.at as Date | string),
    regionCode: row.regionCode?.trim() ?? null,
  };
};

export function createAuditRepo(database: Database) {
  async function page(where: string[], params: unknown[], p: { page: number; pageSize: number }) {
    const n = params.length;
    const rows = await database.query<AuditRow & { total: number }>(
      `select ${cols}, count(*) over()::int as total from audit_log a
        where ${where.join(' and ')}
        order by a.seq desc limit $${n + 1} offset $${n + 2}`,
      [...params, p.pageSize, (p.page - 1) * p.pageSize],
    );
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && p.page > 1) {
      [{ total }] = await database.query<{ total: number }>(
        `select count(*)::int as total from audit_log a where ${where.join(' and ')}`,
        params,
      );
    }
    return { items: rows.map(tidy), total };
  }

  return {
    /** Newest first, limited to the actor's scope. */
    async list(actor: Actor, f: AuditFilter) {
      const params: unknown[] = [];
      const where = [auditScopeSql(actor, params)];
      const add = (cond: (i: number) => string, v: unknown) => {
        params.push(v);
        where.push(cond(params.length));
      };
      if (f.entityType) add((i) => `a.entity_type = $${i}`, f.entityType);
      if (f.entityId) add((i) => `a.entity_id = $${i}`, f.entityId);
      if (f.actorId) add((i) => `a.actor_id = $${i}::uuid`, f.actorId);
      if (f.action) add((i) => `a.action like $${i}`, `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      if (f.from) add((i) => `a.at >= $${i}`, f.from);
      if (f.to) add((i) => `a.at <= $${i}`, f.to);
      return page(where, params, f);
    },

    /** An organization's own entries, its applications' and its certificates'. */
    async forOrganization(orgId: string, p: { page: number; pageSize: number }) {
      return page(
        [
          `((a.entity_type = 'organization' and a.entity_id = $1)
            or (a.entity_type = 'application' and a.entity_id in (select id::text from applications where organization_id = $1::uuid))
            or (a.entity_type = 'certificate' and a.entity_id in (select number from certificates where organization_id = $1::uuid)))`,
        ],
        [orgId],
        p,
      );
    },

    /** The organization if it lies in the actor's audit.read scope. */
    async organizationInScope(actor: Actor, orgId: string) {
      const params: unknown[] = [orgId];
      const scope = auditScopeSql(actor, params).replaceAll('a.region_code', 'o.region_code');
      const [o] = await database.query<{ id: string }>(
        `select o.id from organizations o where o.id = $1::uuid and ${scope}`,
        params,
      );
      return o ?? null;
    },
  };
}
