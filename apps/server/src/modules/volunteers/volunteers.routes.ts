import {
  todayInShanghai,
  volunteerConsentChange,
  volunteerInput,
  volunteerPatch,
  volunteerRegistrationInput,
  volunteerStatuses,
} from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { buildWorkbook, XLSX_CONTENT_TYPE } from '../../lib/documents/excel';
import { tooMany } from '../../lib/errors';
import { contentDisposition, requireActor, requirePermission } from '../../lib/http';
import { pageQuery } from '../../lib/pagination';
import { loadVolunteerConfig } from '../volunteerConfig/volunteerConfig';
import { volunteerSheet } from './volunteers.export';
import { createVolunteerService } from './volunteers.service';

export const volunteerIdParams = z.object({ id: z.string().uuid('编号格式不正确') });

/** Self-registrations accepted per client address in the window (a community event behind one NAT fits). */
export const SELF_REGISTRATIONS_PER_IP = 30;
const WINDOW_MS = 10 * 60 * 1000;

const listQuery = z.object({
  ...pageQuery,
  regionCode: z
    .string()
    .regex(/^\d{12}$/, '区划代码应为 12 位数字')
    .optional(),
  status: z.enum(volunteerStatuses, { message: '状态无效' }).optional(),
});

export const volunteerRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { database, clock } = deps;
  const service = createVolunteerService(deps);
  const tags = ['volunteers'];

  app.post(
    '/api/v1/public/volunteers/register',
    {
      schema: {
        tags: ['public'],
        summary: '志愿者自助注册（H5，无需登录）',
        security: [],
        body: volunteerRegistrationInput,
      },
    },
    async (req, reply) => {
      const now = clock.now();
      const [r] = await database.query<{ n: number }>(
        'select count(*)::int as n from volunteer_registration_attempts where ip = $1 and at > $2',
        [req.ip, new Date(now.getTime() - WINDOW_MS)],
      );
      if (r.n >= SELF_REGISTRATIONS_PER_IP) throw tooMany('提交过于频繁，请 10 分钟后再试');
      await database.query('insert into volunteer_registration_attempts (ip, at) values ($1, $2)', [
        req.ip,
        now,
      ]);
      return reply.code(201).send(await service.registerSelf(req.body));
    },
  );

  app.get(
    '/api/v1/volunteers',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '志愿者列表（按权限范围，个人信息脱敏）', querystring: listQuery },
    },
    async (req) => service.list(requireActor(req), req.query),
  );

  app.get(
    '/api/v1/volunteers/export',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: {
        tags,
        summary: '导出志愿者列表（Excel，筛选同列表，个人信息脱敏）',
        querystring: listQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const { stars } = await loadVolunteerConfig(database);
      const rows = await service.exportRows(requireActor(req), req.query, stars.basis);
      const buf = await buildWorkbook([volunteerSheet(rows, stars)]);
      reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', contentDisposition(`志愿者名单-${todayInShanghai(clock.now())}.xlsx`));
      return reply.send(buf);
    },
  );

  app.post(
    '/api/v1/volunteers',
    {
      preHandler: requirePermission('volunteer.manage'),
      schema: { tags, summary: '代为登记志愿者（记录本人同意）', body: volunteerInput },
    },
    async (req, reply) => reply.code(201).send(await service.create(requireActor(req), req.body)),
  );

  app.get(
    '/api/v1/volunteers/:id',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '志愿者详情（含授权同意记录）', params: volunteerIdParams },
    },
    async (req) => service.get(requireActor(req), req.params.id),
  );

  app.patch(
    '/api/v1/volunteers/:id',
    {
      preHandler: requirePermission('volunteer.manage'),
      schema: { tags, summary: '修改志愿者信息', params: volunteerIdParams, body: volunteerPatch },
    },
    async (req) => service.update(requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/volunteers/:id/consents',
    {
      preHandler: requirePermission('volunteer.manage'),
      schema: {
        tags,
        summary: '记录授权同意或撤回',
        params: volunteerIdParams,
        body: volunteerConsentChange,
      },
    },
    async (req) => service.changeConsent(requireActor(req), req.params.id, req.body),
  );
};
