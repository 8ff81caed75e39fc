import { pointAdjustmentInput } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { forbidden } from '../../lib/errors';
import { requireActor, requirePermission, requireVolunteer } from '../../lib/http';
import { createPointsService } from './points.service';

const idParams = z.object({ id: z.string().uuid('编号格式不正确') });
const pageQuery = z.object({
  page: z.coerce.number({ message: '页码须为数字' }).int().min(1, '页码至少为 1').default(1),
  pageSize: z.coerce
    .number({ message: '每页条数须为数字' })
    .int()
    .min(1)
    .max(200, '每页最多 200 条')
    .default(20),
});

/** Points: a volunteer's own ledger, staff views and adjustments, the trial balance. */
export const pointsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createPointsService(deps);
  const tags = ['points'];

  app.get(
    '/api/v1/me/points',
    { schema: { tags, summary: '我的积分（余额、即将过期、明细）', querystring: pageQuery } },
    async (req) => {
      const { volunteerId } = requireVolunteer(req);
      return service.mine(volunteerId, req.query.page, req.query.pageSize);
    },
  );

  app.get(
    '/api/v1/volunteers/:id/points',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '志愿者积分（余额与明细）', params: idParams, querystring: pageQuery },
    },
    async (req) => service.ofVolunteer(requireActor(req), req.params.id, req.query.page, req.query.pageSize),
  );

  app.post(
    '/api/v1/volunteers/:id/points/adjustments',
    {
      preHandler: requirePermission('volunteer.manage'),
      schema: { tags, summary: '奖励或扣减积分（须填原因）', params: idParams, body: pointAdjustmentInput },
    },
    async (req, reply) => {
      const r = await service.adjust(requireActor(req), req.params.id, req.body, req.id);
      return reply.code(r.duplicate ? 200 : 201).send(r);
    },
  );

  app.get(
    '/api/v1/points/trial-balance',
    {
      preHandler: requirePermission('audit.read'),
      schema: { tags, summary: '积分总账试算平衡（全平台，仅系统管理员）' },
    },
    async (req) => {
      // platform-wide totals and the ids of any volunteer out of balance: not for a region's officers
      if (!requireActor(req).grants.some((g) => g.role === 'admin'))
        throw forbidden('试算平衡覆盖全平台，仅系统管理员可查看');
      return service.trialBalance();
    },
  );
};
