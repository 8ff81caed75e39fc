import { roleLabels } from '@linli/core';
import type { Database } from '../../db/client';
import type { Actor } from '../../lib/authz/actor';
import { scopeRanges } from '../../lib/authz/scope';
import { likePattern } from '../../lib/pagination';
import type { Placement } from './users.policy';

export type UserRow = {
  id: string;
  username: string;
  displayName: string;
  status: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type GrantView = {
  id: string;
  userId: string;
  role: string;
  roleLabel: string;
  regionCode: string | null;
  regionName: string | null;
  organizationId: string | null;
  organizationName: string | null;
  createdAt: Date;
};

export type UserFilter = { q?: string; role?: string; page: number; pageSize: number };

/** Raw queries inside a transaction return timestamps as text; outside as Date. */
export const toDate = (v: Date | string): Date =>
  v instanceof Date ? v : new Date(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
const userRow = (r: UserRow): UserRow => ({
  ...r,
  createdAt: toDate(r.createdAt),
  updatedAt: toDate(r.updatedAt),
});

const userCols = `u.id, u.username, u.display_name as "displayName", u.status, u.version,
  u.created_at as "createdAt", u.updated_at as "updatedAt"`;

/**
 * Grants that place a user: the live ones, or – when none is live – every grant they held.
 * `loc` is the grant's region, for org_leader the organization's current community.
 */
const placementSql = (userRef: string) => `
  select g.user_id as "userId", g.id as "grantId", g.role, coalesce(o.region_code, g.region_code) as loc, g.revoked_at is null as live
    from grants g left join organizations o on o.id = g.organization_id
   where g.user_id = ${userRef}
     and (g.revoked_at is null or not exists (select 1 from grants l where l.user_id = g.user_id and l.revoked_at is null))`;

/** Users the actor may list: at least one placing grant inside one of the actor's managing grants. */
function scopeSql(actor: Actor, params: unknown[]): string {
  const s = scopeRanges(actor, 'users.manage');
  if (s.all) return 'true';
  if (!s.ranges.length) return 'false';
  const parts = s.ranges.map(([lo, hi]) => {
    params.push(lo, hi);
    return `p.loc between $${params.length - 1} and $${params.length}`;
  });
  return `exists (select 1 from (${placementSql('u.id')}) p where ${parts.join(' or ')})`;
}

export function createUserRepo(database: Database) {
  const q = database.query;

  /** Placements of several users in one query. */
  async function placements(userIds: string[]): Promise<Map<string, Placement[]>> {
    const out = new Map<string, Placement[]>(userIds.map((id) => [id, []]));
    if (!userIds.length) return out;
    const rows = await q<Placement & { userId: string }>(
      `select p.* from unnest($1::uuid[]) as x(id), lateral (${placementSql('x.id')}) p`,
      [userIds],
    );
    for (const { userId, ...r } of rows) out.get(userId)?.push({ ...r, loc: r.loc?.trim() ?? null });
    return out;
  }

  return {
    async list(actor: Actor, f: UserFilter): Promise<{ items: UserRow[]; total: number }> {
      const params: unknown[] = [];
      const where = [scopeSql(actor, params)];
      if (f.q) {
        params.push(likePattern(f.q));
        where.push(`(u.username ilike $${params.length} or u.display_name ilike $${params.length})`);
      }
      if (f.role) {
        params.push(f.role);
        where.push(
          `exists (select 1 from grants r where r.user_id = u.id and r.revoked_at is null and r.role = $${params.length})`,
        );
      }
      params.push(f.pageSize, (f.page - 1) * f.pageSize);
      const rows = await q<UserRow & { total: number }>(
        `select ${userCols}, count(*) over()::int as total from users u
          where ${where.join(' and ')}
          order by u.username limit $${params.length - 1} offset $${params.length}`,
        params,
      );
      let total = rows[0]?.total ?? 0;
      if (rows.length === 0 && f.page > 1) {
        [{ total }] = await q<{ total: number }>(
          `select count(*)::int as total from users u where ${where.join(' and ')}`,
          params.slice(0, -2),
        );
      }
      return { items: rows.map(({ total: _t, ...r }) => userRow(r)), total };
    },

    async get(id: string, lock = false): Promise<UserRow | null> {
      const [row] = await q<UserRow>(
        `select ${userCols} from users u where u.id = $1${lock ? ' for update' : ''}`,
        [id],
      );
      return row ? userRow(row) : null;
    },

    placements,
    async placement(userId: string): Promise<Placement[]> {
      return (await placements([userId])).get(userId) ?? [];
    },

    /** Live grants of these users with role labels and region / organization names. */
    async grants(userIds: string[]): Promise<GrantView[]> {
      if (!userIds.length) return [];
      const rows = await q<Omit<GrantView, 'roleLabel'>>(
        `select g.id, g.user_id as "userId", g.role, g.region_code as "regionCode", r.name as "regionName",
                g.organization_id as "organizationId", o.name as "organizationName", g.created_at as "createdAt"
           from grants g
           left join regions r on r.code = g.region_code
           left join organizations o on o.id = g.organization_id
          where g.user_id = any($1::uuid[]) and g.revoked_at is null
          order by g.created_at, g.id`,
        [userIds],
      );
      return rows.map((g) => ({
        ...g,
        regionCode: g.regionCode?.trim() ?? null,
        createdAt: toDate(g.createdAt),
        roleLabel: roleLabels[g.role as keyof typeof roleLabels] ?? g.role,
      }));
    },

    async grant(id: string) {
      const [g] = await q<{
        id: string;
        userId: string;
        role: string;
        regionCode: string | null;
        organizationId: string | null;
        revokedAt: Date | null;
        loc: string | null;
      }>(
        `select g.id, g.user_id as "userId", g.role, g.region_code as "regionCode", g.organization_id as "organizationId",
                g.revoked_at as "revokedAt", coalesce(o.region_code, g.region_code) as loc
           from grants g left join organizations o on o.id = g.organization_id where g.id = $1`,
        [id],
      );
      return g ? { ...g, regionCode: g.regionCode?.trim() ?? null, loc: g.loc?.trim() ?? null } : null;
    },

    async usernameTaken(username: string) {
      const [r] = await q<{ id: string }>('select id from users where username = $1', [username]);
      return !!r;
    },

    async region(code: string) {
      const [r] = await q<{ code: string; name: string; level: number }>(
        'select code, name, level from regions where code = $1',
        [code],
      );
      return r ?? null;
    },

    async organization(id: string) {
      const [o] = await q<{ id: string; name: string; regionCode: string; status: string }>(
        'select id, name, region_code as "regionCode", status from organizations where id = $1',
        [id],
      );
      return o ? { ...o, regionCode: o.regionCode.trim() } : null;
    },

    async insertUser(v: { username: string; displayName: string; passwordHash: string; now: Date }) {
      const [row] = await q<UserRow>(
        `insert into users as u (username, display_name, password_hash, created_at, updated_at)
           values ($1, $2, $3, $4, $4) returning ${userCols}`,
        [v.username, v.displayName, v.passwordHash, v.now],
      );
      return userRow(row);
    },

    async insertGrant(v: {
      userId: string;
      role: string;
      regionCode: string | null;
      organizationId: string | null;
      grantedBy: string;
      now: Date;
    }) {
      const [row] = await q<{ id: string }>(
        `insert into grants (user_id, role, region_code, organization_id, granted_by, created_at)
           values ($1, $2, $3, $4, $5, $6) returning id`,
        [v.userId, v.role, v.regionCode, v.organizationId, v.grantedBy, v.now],
      );
      return row.id;
    },

    async revokeGrant(id: string, now: Date) {
      const rows = await q<{ id: string }>(
        'update grants set revoked_at = $2 where id = $1 and revoked_at is null returning id',
        [id, now],
      );
      return rows.length > 0;
    },

    /** Versioned update; null when the version is stale. */
    async update(
      id: string,
      version: number,
      v: { displayName?: string; status?: string; passwordHash?: string },
      now: Date,
    ): Promise<UserRow | null> {
      const [row] = await q<UserRow>(
        `update users u set display_name = coalesce($3, display_name), status = coalesce($4, status),
                password_hash = coalesce($5, password_hash), version = version + 1, updated_at = $6
          where id = $1 and version = $2 returning ${userCols}`,
        [id, version, v.displayName ?? null, v.status ?? null, v.passwordHash ?? null, now],
      );
      return row ? userRow(row) : null;
    },

    async deleteSessions(userId: string) {
      await q('delete from sessions where user_id = $1', [userId]);
    },
  };
}
export type UserRepo = ReturnType<typeof createUserRepo>;
