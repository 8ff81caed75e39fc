import {
  appealDecision,
  appealStates,
  awardInput,
  creditAppealInput,
  creditEventInput,
  restrictionInput,
  restrictionLift,
  trainingInput,
} from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { requireActor, requirePermission, requireVolunteer } from '../../lib/http';
import { pageQuery } from '../../lib/pagination';
import { creditImportRoutes } from './credit.import.routes';
import { createCreditService } from './credit.service';

const idParams = z.object({ id: z.string().uuid('编号格式不正确') });

/** Volunteer credit (staff and the volunteer's own), restrictions, appeals, training and awards. */
export const creditRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createCreditService(deps);
  const tags = ['credit'];
  await app.register(creditImportRoutes, deps);

  // ---------------------------------------------------------------- staff
  app.get(
    '/api/v1/volunteers/:id/credit',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '志愿者信用：分数、等级、变动原因、事项、限制、申诉', params: idParams },
    },
    async (req) => service.credit(requireActor(req), req.params.id),
  );

  app.post(
    '/api/v1/volunteers/:id/credit-events',
    {
      // credit.manage in scope, or activity.manage of the activity the event happened in (checked in the service)
      preHandler: requirePermission('volunteer.read'),
      schema: {
        tags,
        summary: '登记失信事项（未到场、早退、不当行为、虚假记录）',
        params: idParams,
        body: creditEventInput,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.recordEvent(requireActor(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/credit/restrictions',
    {
      preHandler: requirePermission('credit.manage'),
      schema: {
        tags,
        summary: '限制报名名单（含规则自动限制）',
        querystring: z.object({
          ...pageQuery,
          state: z.enum(['active', 'lifted'], { message: '状态无效' }).optional(),
        }),
      },
    },
    async (req) => service.restrictions(requireActor(req), req.query),
  );

  app.post(
    '/api/v1/volunteers/:id/restrictions',
    {
      preHandler: requirePermission('credit.manage'),
      schema: { tags, summary: '限制志愿者报名', params: idParams, body: restrictionInput },
    },
    async (req, reply) =>
      reply.code(201).send(await service.restrict(requireActor(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/credit/restrictions/:id/lift',
    {
      preHandler: requirePermission('credit.manage'),
      schema: { tags, summary: '解除报名限制', params: idParams, body: restrictionLift },
    },
    async (req) => service.lift(requireActor(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/credit/appeals',
    {
      preHandler: requirePermission('credit.manage'),
      schema: {
        tags,
        summary: '信用申诉列表',
        querystring: z.object({
          ...pageQuery,
          state: z.enum(appealStates, { message: '状态无效' }).optional(),
        }),
      },
    },
    async (req) => service.appeals(requireActor(req), req.query),
  );

  app.post(
    '/api/v1/credit/appeals/:id/decision',
    {
      preHandler: requirePermission('credit.manage'),
      schema: {
        tags,
        summary: '处理信用申诉（成立：作废记录或解除限制；驳回）',
        params: idParams,
        body: appealDecision,
      },
    },
    async (req) => service.decide(requireActor(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/volunteers/:id/trainings',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '志愿者培训记录', params: idParams },
    },
    async (req) => service.trainings(requireActor(req), req.params.id),
  );

  app.post(
    '/api/v1/volunteers/:id/trainings',
    {
      preHandler: requirePermission('volunteer.manage'),
      schema: { tags, summary: '登记培训记录（计入信用）', params: idParams, body: trainingInput },
    },
    async (req, reply) =>
      reply.code(201).send(await service.addTraining(requireActor(req), req.params.id, req.body)),
  );

  app.get(
    '/api/v1/volunteers/:id/awards',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '志愿者表彰奖励', params: idParams },
    },
    async (req) => service.awards(requireActor(req), req.params.id),
  );

  app.post(
    '/api/v1/volunteers/:id/awards',
    {
      preHandler: requirePermission('volunteer.manage'),
      schema: { tags, summary: '登记表彰奖励（计入信用）', params: idParams, body: awardInput },
    },
    async (req, reply) =>
      reply.code(201).send(await service.addAward(requireActor(req), req.params.id, req.body)),
  );

  // ---------------------------------------------------------------- the volunteer's own
  app.get('/api/v1/me/credit', { schema: { tags: ['resident'], summary: '我的信用' } }, async (req) =>
    service.mine(requireVolunteer(req).volunteerId),
  );

  app.post(
    '/api/v1/me/credit/appeals',
    { schema: { tags: ['resident'], summary: '对信用记录或报名限制提出申诉', body: creditAppealInput } },
    async (req, reply) => {
      const { actor, volunteerId } = requireVolunteer(req);
      return reply.code(201).send(await service.appeal(actor, volunteerId, req.body));
    },
  );

  app.get('/api/v1/me/trainings', { schema: { tags: ['resident'], summary: '我的培训记录' } }, async (req) =>
    service.trainings(null, requireVolunteer(req).volunteerId),
  );

  app.get('/api/v1/me/awards', { schema: { tags: ['resident'], summary: '我的表彰奖励' } }, async (req) =>
    service.awards(null, requireVolunteer(req).volunteerId),
  );
};
