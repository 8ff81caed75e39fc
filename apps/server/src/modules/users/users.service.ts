import type { Role } from '@linli/core';
import type { Database } from '../../db/client';
import type { Audit } from '../../lib/audit';
import { type Actor, auditActor } from '../../lib/authz/actor';
import type { Clock } from '../../lib/clock';
import { hashPassword } from '../../lib/crypto';
import {
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
  staleVersion,
  unprocessable,
} from '../../lib/errors';
import {
  allowedLevels,
  assertMayGrantAt,
  assertMayGrantRole,
  canManageUser,
  canSeeUser,
  coversLoc,
  isAdmin,
  levelHint,
  type Placement,
  userAllowedActions,
  userOutsideScope,
} from './users.policy';
import { createUserRepo, type GrantView, type UserFilter, type UserRow } from './users.repo';

type Deps = { database: Database; audit: Audit; clock: Clock };

export type GrantInput = { role: Role; regionCode?: string | null; organizationId?: string | null };
type ResolvedGrant = {
  role: Role;
  regionCode: string | null;
  organizationId: string | null;
  loc: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const duplicateGrant = () => conflict('该用户已有相同的授权', { role: '该用户已有相同的授权' });

/** What goes into audit entries for a user (never the password hash). */
const userSnapshot = (u: UserRow) => ({
  username: u.username,
  displayName: u.displayName,
  status: u.status,
  version: u.version,
});
const grantSnapshot = (g: { role: string; regionCode: string | null; organizationId: string | null }) => ({
  role: g.role,
  regionCode: g.regionCode,
  organizationId: g.organizationId,
});

export function createUserService({ database, audit, clock }: Deps) {
  const repo = createUserRepo(database);
  const db = database.db;

  const present = (actor: Actor, u: UserRow, grants: GrantView[], placement: Placement[]) => ({
    ...u,
    grants: grants.filter((g) => g.userId === u.id).map(({ userId: _u, ...g }) => g),
    allowedActions: userAllowedActions(actor, u.id, placement),
  });

  async function view(actor: Actor, u: UserRow) {
    return present(actor, u, await repo.grants([u.id]), await repo.placement(u.id));
  }

  /** The user if the actor may see them (404 otherwise), with their placement. */
  async function visible(actor: Actor, id: string, lock = false) {
    if (!UUID.test(id)) throw notFound('用户');
    const u = await repo.get(id, lock);
    if (!u) throw notFound('用户');
    const placement = await repo.placement(id);
    if (!canSeeUser(actor, placement)) throw notFound('用户');
    return { user: u, placement };
  }

  /** …and may manage them (403 when some of their grants lie outside the actor's subtree). */
  async function manageable(actor: Actor, id: string) {
    const v = await visible(actor, id, true);
    if (!canManageUser(actor, v.placement)) throw userOutsideScope();
    return v;
  }

  /** Region of the audit entry about a user: where the actor sees them. */
  const auditRegion = (actor: Actor, placement: Placement[]) =>
    placement.find((p) => p.loc && coversLoc(actor, p.loc))?.loc ?? placement.find((p) => p.loc)?.loc ?? null;

  /** Validates a grant's target for its role and the actor's authority; returns where it sits. */
  async function resolveGrant(
    actor: Actor,
    userId: string,
    g: GrantInput,
    field: string,
  ): Promise<ResolvedGrant> {
    assertMayGrantRole(actor, g.role, userId);
    let resolved: ResolvedGrant;
    if (g.role === 'admin') {
      resolved = { role: g.role, regionCode: null, organizationId: null, loc: null };
    } else if (g.role === 'org_leader') {
      if (!g.organizationId)
        throw unprocessable('组织负责人须指定所负责的组织', { [`${field}organizationId`]: '请选择组织' });
      const o = UUID.test(g.organizationId) ? await repo.organization(g.organizationId) : null;
      if (!o || o.status === 'exited' || !coversLoc(actor, o.regionCode)) {
        throw unprocessable('组织不存在、已退出或不在您的管辖范围内', {
          [`${field}organizationId`]: '组织不存在、已退出或不在您的管辖范围内',
        });
      }
      resolved = { role: g.role, regionCode: o.regionCode, organizationId: o.id, loc: o.regionCode };
    } else {
      const hint = levelHint(g.role);
      if (!g.regionCode) throw unprocessable(hint, { [`${field}regionCode`]: '请选择授权区域' });
      const r = await repo.region(g.regionCode);
      if (!r || !allowedLevels[g.role].includes(r.level))
        throw unprocessable(hint, { [`${field}regionCode`]: r ? hint : '区划不存在' });
      resolved = { role: g.role, regionCode: r.code, organizationId: null, loc: r.code };
    }
    assertMayGrantAt(actor, resolved.role, resolved.loc);
    return resolved;
  }

  async function insertGrant(actor: Actor, userId: string, g: ResolvedGrant, now: Date) {
    try {
      return await repo.insertGrant({
        userId,
        role: g.role,
        regionCode: g.regionCode,
        organizationId: g.organizationId,
        grantedBy: actor.id,
        now,
      });
    } catch (e) {
      if (isUniqueViolation(e, 'grants_live_uq')) throw duplicateGrant();
      throw e;
    }
  }

  return {
    async list(actor: Actor, f: UserFilter) {
      const r = await repo.list(actor, f);
      const ids = r.items.map((u) => u.id);
      const grants = await repo.grants(ids);
      const placements = await repo.placements(ids);
      return {
        items: r.items.map((u) => present(actor, u, grants, placements.get(u.id) ?? [])),
        total: r.total,
      };
    },

    async get(actor: Actor, id: string) {
      return view(actor, (await visible(actor, id)).user);
    },

    async create(
      actor: Actor,
      input: { username: string; displayName: string; password: string; grants: GrantInput[] },
    ) {
      if (!isAdmin(actor) && input.grants.length === 0)
        throw unprocessable('请至少添加一项授权', { grants: '请至少添加一项授权' });
      const keys = input.grants.map((g) => `${g.role}|${g.regionCode ?? ''}|${g.organizationId ?? ''}`);
      if (new Set(keys).size !== keys.length)
        throw unprocessable('授权重复', { grants: '同一角色和范围只能授权一次' });
      const passwordHash = await hashPassword(input.password);
      const user = await db.transaction(async (tx) => {
        const resolved: ResolvedGrant[] = [];
        for (const [i, g] of input.grants.entries())
          resolved.push(await resolveGrant(actor, '', g, `grants.${i}.`));
        if (await repo.usernameTaken(input.username))
          throw conflict('用户名已存在', { username: '用户名已存在' });
        const now = clock.now();
        let u: UserRow;
        try {
          u = await repo.insertUser({ ...input, passwordHash, now });
        } catch (e) {
          if (isUniqueViolation(e)) throw conflict('用户名已存在', { username: '用户名已存在' });
          throw e;
        }
        const grantIds: string[] = [];
        for (const g of resolved) grantIds.push(await insertGrant(actor, u.id, g, now));
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'user.created',
          entity: ['user', u.id],
          regionCode: resolved.find((g) => g.loc && coversLoc(actor, g.loc))?.loc ?? resolved[0]?.loc ?? null,
          after: { ...userSnapshot(u), grants: resolved.map(grantSnapshot) },
        });
        for (const [i, g] of resolved.entries()) {
          await audit.record(tx, {
            actor: auditActor(actor),
            action: 'user.grant_added',
            entity: ['user', u.id],
            regionCode: g.loc,
            after: { grantId: grantIds[i], ...grantSnapshot(g) },
          });
        }
        return u;
      });
      return view(actor, user);
    },

    async update(actor: Actor, id: string, cmd: { version: number; displayName?: string; status?: string }) {
      const user = await db.transaction(async (tx) => {
        const { user: before, placement } = await manageable(actor, id);
        const statusChange = cmd.status !== undefined && cmd.status !== before.status;
        if (statusChange && id === actor.id) throw forbidden('不能停用或启用自己的账号');
        if (before.version !== cmd.version) throw staleVersion();
        const after = await repo.update(
          id,
          cmd.version,
          { displayName: cmd.displayName, status: cmd.status },
          clock.now(),
        );
        if (!after) throw staleVersion();
        if (after.status === 'disabled') await repo.deleteSessions(id);
        await audit.record(tx, {
          actor: auditActor(actor),
          action: statusChange
            ? after.status === 'disabled'
              ? 'user.disabled'
              : 'user.enabled'
            : 'user.updated',
          entity: ['user', id],
          regionCode: auditRegion(actor, placement),
          before: userSnapshot(before),
          after: userSnapshot(after),
        });
        return after;
      });
      return view(actor, user);
    },

    async resetPassword(actor: Actor, id: string, password: string) {
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        const { user, placement } = await manageable(actor, id);
        if (id === actor.id) throw forbidden('请在“修改密码”中修改自己的密码');
        const after = await repo.update(id, user.version, { passwordHash }, clock.now());
        if (!after) throw staleVersion();
        await repo.deleteSessions(id);
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'user.password_reset',
          entity: ['user', id],
          regionCode: auditRegion(actor, placement),
        });
      });
      return { ok: true };
    },

    async addGrant(actor: Actor, id: string, input: GrantInput) {
      const user = await db.transaction(async (tx) => {
        const { user } = await manageable(actor, id);
        const g = await resolveGrant(actor, id, input, '');
        const live = await repo.grants([id]);
        const same = (x: GrantView) =>
          x.role === g.role &&
          (g.role === 'org_leader' ? x.organizationId === g.organizationId : x.regionCode === g.regionCode);
        if (live.some(same)) throw duplicateGrant();
        const grantId = await insertGrant(actor, id, g, clock.now());
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'user.grant_added',
          entity: ['user', id],
          regionCode: g.loc,
          after: { grantId, ...grantSnapshot(g) },
        });
        return user;
      });
      return view(actor, user);
    },

    async revokeGrant(actor: Actor, id: string, grantId: string) {
      const user = await db.transaction(async (tx) => {
        const { user } = await manageable(actor, id);
        const g = UUID.test(grantId) ? await repo.grant(grantId) : null;
        if (!g || g.userId !== id) throw notFound('授权');
        if (g.revokedAt) throw conflict('该授权已撤销');
        assertMayGrantRole(actor, g.role as Role, id);
        assertMayGrantAt(actor, g.role as Role, g.loc);
        if (!(await repo.revokeGrant(g.id, clock.now()))) throw conflict('该授权已撤销');
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'user.grant_revoked',
          entity: ['user', id],
          regionCode: g.loc,
          before: { grantId: g.id, ...grantSnapshot(g) },
        });
        return user;
      });
      return view(actor, user);
    },
  };
}
export type UserService = ReturnType<typeof createUserService>;
