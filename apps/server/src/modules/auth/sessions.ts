import type { Role } from '@linli/core';
import type { Database } from '../../db/client';
import type { Actor } from '../../lib/authz/actor';
import { randomToken, sha256 } from '../../lib/crypto';

export const SESSION_COOKIE = 'linli_session';
export const CSRF_COOKIE = 'csrf';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

type ActorRow = {
  id: string;
  username: string;
  display_name: string;
  volunteer_id: string | null;
  grants: { role: Role; regionCode: string | null; organizationId: string | null }[] | null;
};

/** Sessions are random tokens stored hashed, so any instance can serve any request. */
export function createSessionStore(database: Database) {
  return {
    async create(userId: string, userAgent: string | undefined, now: Date) {
      const token = randomToken();
      await database.query(
        'insert into sessions (token_hash, user_id, created_at, expires_at, user_agent) values ($1, $2, $3, $4, $5)',
        [
          sha256(token),
          userId,
          now,
          new Date(now.getTime() + SESSION_TTL_MS),
          userAgent?.slice(0, 300) ?? null,
        ],
      );
      return token;
    },
    /** One round trip: the session, its live user and every live grant. */
    async actorFor(token: string, now: Date): Promise<Actor | null> {
      const rows = await database.query<ActorRow>(
        `select u.id, u.username, u.display_name, u.volunteer_id,
                (select json_agg(json_build_object('role', g.role, 'regionCode', g.region_code, 'organizationId', g.organization_id))
                   from grants g where g.user_id = u.id and g.revoked_at is null) as grants
           from sessions s join users u on u.id = s.user_id
          where s.token_hash = $1 and s.expires_at > $2 and u.status = 'active'`,
        [sha256(token), now],
      );
      const r = rows[0];
      if (!r) return null;
      return {
        id: r.id,
        username: r.username,
        displayName: r.display_name,
        volunteerId: r.volunteer_id,
        grants: (r.grants ?? []).map((g) => ({ ...g, regionCode: g.regionCode?.trim() ?? null })),
      };
    },
    async destroy(token: string) {
      await database.query('delete from sessions where token_hash = $1', [sha256(token)]);
    },
    async destroyAllFor(userId: string, exceptToken?: string) {
      await database.query('delete from sessions where user_id = $1 and token_hash <> $2', [
        userId,
        exceptToken ? sha256(exceptToken) : '',
      ]);
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
