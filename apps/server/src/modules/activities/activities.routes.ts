import {
  activityCancel,
  activityInput,
  activityPatch,
  activityPublish,
  activityStatuses,
  isoDate,
  serviceCategories,
  signUpDecision,
  signUpInput,
  todayInShanghai,
} from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { buildWorkbook, XLSX_CONTENT_TYPE } from '../../lib/documents/excel';
import { contentDisposition, requireActor, requirePermission } from '../../lib/http';
import { pageQuery } from '../../lib/pagination';
import { createOrganizationService } from '../organizations/organizations.service';
import { createSettingsRepo } from '../settings/categories.repo';
import { createVolunteerService } from '../volunteers/volunteers.service';
import { activitySheet } from './activities.export';
import { createActivityService } from './activities.service';

const idParams = z.object({ id: z.string().uuid('编号格式不正确') });

const listQuery = z.object({
  ...pageQuery,
  status: z.enum(activityStatuses, { message: '状态无效' }).optional(),
  category: z.enum(serviceCategories, { message: '服务类别无效' }).optional(),
  organizationId: z.string().uuid('组织编号格式不正确').optional(),
  regionCode: z
    .string()
    .regex(/^\d{12}$/, '区划代码应为 12 位数字')
    .optional(),
  /** activities starting on or after this date (Asia/Shanghai) */
  from: isoDate.optional(),
  /** activities starting on or before this date */
  to: isoDate.optional(),
});

/** Service activities and sign-ups for organizers and staff (scoped). */
export const activityRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createActivityService({
    ...deps,
    orgs: createOrganizationService({ ...deps, settings: createSettingsRepo(deps.database) }),
    volunteers: createVolunteerService(deps),
  });
  const tags = ['activities'];

  app.post(
    '/api/v1/organizations/:id/activities',
    {
      preHandler: requirePermission('activity.manage'),
      schema: { tags, summary: '发布志愿服务活动（草稿）', params: idParams, body: activityInput },
    },
    async (req, reply) =>
      reply.code(201).send(await service.create(requireActor(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/activities',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '志愿服务活动列表（按权限范围）', querystring: listQuery },
    },
    async (req) => service.list(requireActor(req), req.query),
  );

  app.get(
    '/api/v1/activities/export',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: {
        tags,
        summary: '导出志愿服务活动列表（Excel，筛选同列表）',
        querystring: listQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const rows = await service.exportRows(requireActor(req), req.query);
      const buf = await buildWorkbook([activitySheet(rows)]);
      reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header(
          'content-disposition',
          contentDisposition(`志愿服务活动-${todayInShanghai(deps.clock.now())}.xlsx`),
        );
      return reply.send(buf);
    },
  );

  app.get(
    '/api/v1/activities/:id',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '活动详情', params: idParams },
    },
    async (req) => service.get(requireActor(req), req.params.id),
  );

  app.patch(
    '/api/v1/activities/:id',
    {
      preHandler: requirePermission('activity.manage'),
      schema: { tags, summary: '修改活动（开始前）', params: idParams, body: activityPatch },
    },
    async (req) => service.update(requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/activities/:id/publish',
    {
      preHandler: requirePermission('activity.manage'),
      schema: { tags, summary: '发布活动，开放报名', params: idParams, body: activityPublish },
    },
    async (req) => service.publish(requireActor(req), req.params.id, req.body.version),
  );

  app.post(
    '/api/v1/activities/:id/cancel',
    {
      preHandler: requirePermission('activity.manage'),
      schema: { tags, summary: '取消活动（同时取消全部有效报名）', params: idParams, body: activityCancel },
    },
    async (req) => service.cancel(requireActor(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/activities/:id/signups',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '活动报名名单', params: idParams },
    },
    async (req) => service.signUps(requireActor(req), req.params.id),
  );

  app.post(
    '/api/v1/activities/:id/signups',
    {
      preHandler: requirePermission('activity.manage'),
      schema: { tags, summary: '为志愿者报名（报名时间内）', params: idParams, body: signUpInput },
    },
    async (req, reply) =>
      reply.code(201).send(await service.signUp(requireActor(req), req.params.id, req.body.volunteerId)),
  );

  app.post(
    '/api/v1/signups/:id/decide',
    {
      preHandler: requirePermission('activity.manage'),
      schema: { tags, summary: '审核报名：录用、候补、不录用、取消', params: idParams, body: signUpDecision },
    },
    async (req) => service.decide(requireActor(req), req.params.id, req.body),
  );
};
