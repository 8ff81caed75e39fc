import { regionLevel, roleLabels, rolePermissions } from '@linli/core';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { auditActor } from '../../lib/authz/actor';
import { hashPassword, randomToken, verifyPassword } from '../../lib/crypto';
import { badRequest, tooMany, unauthorized } from '../../lib/errors';
import { requireActor } from '../../lib/http';
import { CSRF_COOKIE, SESSION_COOKIE, SESSION_TTL_MS } from './sessions';

const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(200),
});

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_USER = 5;
const MAX_FAILURES_PER_IP = 30;

export const authRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { database, sessions, clock, audit } = deps;
  const cookieOpts = (secure: boolean) => ({
    path: '/',
    sameSite: 'lax' as const,
    secure,
    maxAge: SESSION_TTL_MS / 1000,
  });

  app.post(
    '/api/v1/auth/login',
    { schema: { tags: ['auth'], summary: '登录', body: loginBody } },
    async (req, reply) => {
      const now = clock.now();
      const since = new Date(now.getTime() - WINDOW_MS);
      const [fails] = await database.query<{ by_user: number; by_ip: number }>(
        `select count(*) filter (where username = $1)::int as by_user, count(*) filter (where ip = $2)::int as by_ip
           from login_attempts where ok = 0 and at > $3 and (username = $1 or ip = $2)`,
        [req.body.username, req.ip, since],
      );
      if (fails.by_user >= MAX_FAILURES_PER_USER || fails.by_ip >= MAX_FAILURES_PER_IP) {
        throw tooMany('登录失败次数过多，请 15 分钟后再试');
      }
      const [user] = await database.query<{
        id: string;
        password_hash: string;
        display_name: string;
        status: string;
      }>('select id, password_hash, display_name, status from users where username = $1', [
        req.body.username,
      ]);
      const ok =
        !!user && user.status === 'active' && (await verifyPassword(req.body.password, user.password_hash));
      await database.query('insert into login_attempts (username, ip, ok, at) values ($1, $2, $3, $4)', [
        req.body.username,
        req.ip,
        ok ? 1 : 0,
        now,
      ]);
      if (!ok) throw unauthorized('用户名或密码错误');
      const token = await sessions.create(user.id, req.headers['user-agent'], now);
      const secure = req.protocol === 'https';
      reply.setCookie(SESSION_COOKIE, token, { ...cookieOpts(secure), httpOnly: true });
      reply.setCookie(CSRF_COOKIE, randomToken(18), { ...cookieOpts(secure), httpOnly: false });
      return { user: { id: user.id, username: req.body.username, displayName: user.display_name } };
    },
  );

  app.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: '退出登录' } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await sessions.destroy(token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    reply.clearCookie(CSRF_COOKIE, { path: '/' });
    return { ok: true };
  });

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: '当前用户与授权' } }, async (req) => {
    const actor = requireActor(req);
    const regionCodes = [...new Set(actor.grants.map((g) => g.regionCode).filter((c): c is string => !!c))];
    const orgIds = [...new Set(actor.grants.map((g) => g.organizationId).filter((c): c is string => !!c))];
    const regionNames = new Map(
      regionCodes.length
        ? (
            await database.query<{ code: string; name: string }>(
              'select code, name from regions where code = any($1)',
              [regionCodes],
            )
          ).map((r) => [r.code, r.name])
        : [],
    );
    const orgs = orgIds.length
      ? await database.query<{ id: string; name: string; region_code: string }>(
          'select id, name, region_code from organizations where id = any($1)',
          [orgIds],
        )
      : [];
    const orgNames = new Map(orgs.map((o) => [o.id, o.name]));
    const grantRows = await database.query<{
      id: string;
      role: string;
      region_code: string | null;
      organization_id: string | null;
    }>(
      'select id, role, region_code, organization_id from grants where user_id = $1 and revoked_at is null order by created_at',
      [actor.id],
    );
    const permissions = [...new Set(actor.grants.flatMap((g) => rolePermissions[g.role] ?? []))];
    // home region: the broadest region grant (admin: none → the client starts at the top of the loaded tree)
    const regionGrants = actor.grants
      .filter((g) => g.regionCode)
      .sort((a, b) => regionLevel(a.regionCode!) - regionLevel(b.regionCode!));
    let home = regionGrants[0]?.regionCode ?? orgs[0]?.region_code ?? null;
    if (!home && actor.grants.some((g) => g.role === 'admin')) {
      const [top] = await database.query<{ code: string }>(
        'select code from regions order by level, code limit 1',
      );
      home = top?.code ?? null;
    }
    const [homeRegion] = home
      ? await database.query<{ code: string; name: string; level: number }>(
          'select code, name, level from regions where code = $1',
          [home],
        )
      : [];
    return {
      user: {
        id: actor.id,
        username: actor.username,
        displayName: actor.displayName,
        volunteerId: actor.volunteerId ?? null,
      },
      grants: grantRows.map((g) => ({
        id: g.id,
        role: g.role,
        roleLabel: roleLabels[g.role as keyof typeof roleLabels] ?? g.role,
        regionCode: g.region_code,
        regionName: g.region_code ? (regionNames.get(g.region_code) ?? null) : null,
        organizationId: g.organization_id,
        organizationName: g.organization_id ? (orgNames.get(g.organization_id) ?? null) : null,
      })),
      permissions,
      homeRegion: homeRegion ?? null,
    };
  });

  app.post(
    '/api/v1/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: '修改密码',
        body: z.object({
          currentPassword: z.string().min(1, '请输入当前密码'),
          newPassword: z.string().min(8, '新密码至少 8 位').max(200),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const [u] = await database.query<{ password_hash: string }>(
        'select password_hash from users where id = $1',
        [actor.id],
      );
      if (!(await verifyPassword(req.body.currentPassword, u.password_hash))) {
        throw badRequest('当前密码不正确', { currentPassword: '当前密码不正确' });
      }
      if (req.body.currentPassword === req.body.newPassword) {
        throw badRequest('新密码不能与当前密码相同', { newPassword: '新密码不能与当前密码相同' });
      }
      const hash = await hashPassword(req.body.newPassword);
      await database.db.transaction(async (tx) => {
        await tx.execute(
          sql`update users set password_hash = ${hash}, version = version + 1, updated_at = now() where id = ${actor.id}`,
        );
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'user.password_changed',
          entity: ['user', actor.id],
          requestId: req.id,
        });
      });
      await sessions.destroyAllFor(actor.id, req.cookies[SESSION_COOKIE]);
      return { ok: true };
    },
  );
};
