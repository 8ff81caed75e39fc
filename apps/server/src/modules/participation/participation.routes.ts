import { mySignUpFilters, selfSignUpInput } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { requireVolunteer } from '../../lib/http';
import { createParticipationService } from './participation.service';

const idParams = z.object({ id: z.string().uuid('编号格式不正确') });

/** Volunteers' own sign-ups on the H5 pages (resident accounts only). */
export const participationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createParticipationService(deps);
  const tags = ['resident'];

  app.post(
    '/api/v1/me/signups',
    { schema: { tags, summary: '志愿者本人报名活动（待组织方审核）', body: selfSignUpInput } },
    async (req, reply) => {
      const { actor, volunteerId } = requireVolunteer(req);
      return reply.code(201).send(await service.signUp(actor, volunteerId, req.body.activityId));
    },
  );

  app.post(
    '/api/v1/me/signups/:id/withdraw',
    { schema: { tags, summary: '志愿者本人取消报名（活动开始前）', params: idParams } },
    async (req) => {
      const { actor, volunteerId } = requireVolunteer(req);
      return service.withdraw(actor, volunteerId, req.params.id);
    },
  );

  app.get(
    '/api/v1/me/signups',
    {
      schema: {
        tags,
        summary: '我的报名',
        querystring: z.object({
          page: z.coerce.number().int('页码须为整数').min(1, '页码从 1 开始').default(1),
          pageSize: z.coerce
            .number()
            .int('每页条数须为整数')
            .min(1)
            .max(100, '每页不超过 100 条')
            .default(20),
          filter: z.enum(mySignUpFilters, { message: '筛选条件无效' }).optional(),
        }),
      },
    },
    async (req) => {
      const { volunteerId } = requireVolunteer(req);
      return service.list(volunteerId, req.query);
    },
  );

  app.get(
    '/api/v1/me/activities/:id',
    { schema: { tags, summary: '活动详情与我的报名状态', params: idParams } },
    async (req) => {
      const { volunteerId } = requireVolunteer(req);
      return service.activity(volunteerId, req.params.id);
    },
  );
};
