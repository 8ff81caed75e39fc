import { roles } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { requireActor, requirePermission } from '../../lib/http';
import { pageQuery } from '../../lib/pagination';
import { createUserService } from './users.service';

const username = z
  .string()
  .trim()
  .regex(/^[a-z0-9_.-]{3,32}$/, '用户名为 3–32 位小写字母、数字或 _ . -');
const password = z.string().min(8, '密码至少 8 位').max(200, '密码不超过 200 位');
const displayName = z.string().trim().min(1, '请填写姓名').max(50, '姓名不超过 50 字');
const idParams = z.object({ id: z.string().max(64) });
const blankToNull = (v: unknown) => (v === '' ? null : v);

const grantInput = z.object({
  role: z.enum(roles, { message: '角色无效' }),
  regionCode: z.preprocess(
    blankToNull,
    z
      .string()
      .regex(/^\d{12}$/, '区划代码应为 12 位数字')
      .nullish(),
  ),
  organizationId: z.preprocess(blankToNull, z.string().max(64).nullish()),
});

const grantView = z.object({
  id: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  organizationId: z.string().nullable(),
  organizationName: z.string().nullable(),
  createdAt: z.date(),
});

const userView = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  status: z.string(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  grants: z.array(grantView),
  allowedActions: z.array(z.string()),
});

/** Users and their role grants: admin for everyone; city/district/street officers within their subtree. */
export const userRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createUserService(deps);
  const tags = ['users'];
  const preHandler = requirePermission('users.manage');

  app.get(
    '/api/v1/users',
    {
      preHandler,
      schema: {
        tags,
        summary: '用户列表（按管辖范围）',
        querystring: z.object({
          ...pageQuery,
          role: z.enum(roles, { message: '角色无效' }).optional(),
        }),
        response: {
          200: z.object({
            items: z.array(userView),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (req) => {
      const r = await service.list(requireActor(req), req.query);
      return { ...r, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    '/api/v1/users',
    {
      preHandler,
      schema: {
        tags,
        summary: '新建用户（含授权）',
        body: z.object({
          username,
          displayName,
          password,
          grants: z.array(grantInput).max(20, '一次最多 20 项授权').default([]),
        }),
        response: { 201: userView },
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(requireActor(req), req.body)),
  );

  app.get(
    '/api/v1/users/:id',
    { preHandler, schema: { tags, summary: '用户详情', params: idParams, response: { 200: userView } } },
    async (req) => service.get(requireActor(req), req.params.id),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      preHandler,
      schema: {
        tags,
        summary: '修改用户（姓名、启用/停用）',
        params: idParams,
        body: z.object({
          version: z.number({ message: '缺少版本号' }).int().min(1),
          displayName: displayName.optional(),
          status: z.enum(['active', 'disabled'], { message: '状态无效' }).optional(),
        }),
        response: { 200: userView },
      },
    },
    async (req) => service.update(requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/users/:id/password',
    {
      preHandler,
      schema: {
        tags,
        summary: '重置密码（该用户的会话全部失效）',
        params: idParams,
        body: z.object({ password }),
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (req) => service.resetPassword(requireActor(req), req.params.id, req.body.password),
  );

  app.post(
    '/api/v1/users/:id/grants',
    {
      preHandler,
      schema: { tags, summary: '添加授权', params: idParams, body: grantInput, response: { 201: userView } },
    },
    async (req, reply) =>
      reply.code(201).send(await service.addGrant(requireActor(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/users/:id/grants/:grantId/revoke',
    {
      preHandler,
      schema: {
        tags,
        summary: '撤销授权（保留记录）',
        params: z.object({ id: z.string().max(64), grantId: z.string().max(64) }),
        response: { 200: userView },
      },
    },
    async (req) => service.revokeGrant(requireActor(req), req.params.id, req.params.grantId),
  );
};
