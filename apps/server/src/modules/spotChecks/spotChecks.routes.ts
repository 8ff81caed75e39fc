import { isoDate, spotCheckResults } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { requireActor, requirePermission } from '../../lib/http';
import { pageQuery } from '../../lib/pagination';
import { createSpotCheckService } from './spotChecks.service';

const idParams = z.object({ id: z.string().uuid('编号格式不正确') });
const version = z.number({ message: '缺少版本号' }).int().min(1);

const planBody = z.object({
  title: z.string().trim().min(2, '请填写抽查计划名称').max(100, '计划名称不超过 100 字'),
  regionCode: z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字'),
  ratio: z.number({ message: '请填写抽查比例' }).gt(0, '抽查比例应大于 0').max(1, '抽查比例不能超过 100%'),
  tier: z.enum(['filed', 'registered'], { message: '组织类型无效' }).optional(),
  seed: z.string().trim().max(100, '随机种子不超过 100 字').optional(),
});

const resultBody = z.object({
  result: z.enum(spotCheckResults, { message: '检查结果无效' }),
  findings: z.string().trim().min(4, '请填写检查情况（不少于 4 字）').max(2000, '检查情况不超过 2000 字'),
  checkedOn: isoDate,
  rectification: z
    .object({
      requirement: z
        .string()
        .trim()
        .min(4, '请填写整改要求（不少于 4 字）')
        .max(1000, '整改要求不超过 1000 字'),
      deadline: isoDate,
    })
    .optional(),
  version,
});

/** Random spot checks (双随机一公开) and the rectification tasks they raise. */
export const spotCheckRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createSpotCheckService(deps);
  const tags = ['spot-checks'];

  app.post(
    '/api/v1/spot-check-plans',
    {
      preHandler: requirePermission('spot_check.manage'),
      schema: { tags, summary: '新建抽查计划并随机抽取组织和检查人员（记录随机种子）', body: planBody },
    },
    async (req, reply) => reply.code(201).send(await service.create(requireActor(req), req.body)),
  );
  app.get(
    '/api/v1/spot-check-plans',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '抽查计划',
        querystring: z.object({ ...pageQuery, year: z.coerce.number().int().min(2000).max(2100).optional() }),
      },
    },
    async (req) => service.list(requireActor(req), req.query),
  );
  app.get(
    '/api/v1/spot-check-plans/:id',
    {
      preHandler: requirePermission('supervision.read'),
      schema: { tags, summary: '抽查计划详情', params: idParams },
    },
    async (req) => service.get(requireActor(req), req.params.id),
  );
  app.get(
    '/api/v1/spot-check-plans/:id/replay',
    {
      preHandler: requirePermission('supervision.read'),
      schema: { tags, summary: '按记录的随机种子重新抽取并与原结果比对', params: idParams },
    },
    async (req) => service.replay(requireActor(req), req.params.id),
  );
  app.post(
    '/api/v1/spot-check-plans/:id/publish',
    {
      preHandler: requirePermission('spot_check.manage'),
      schema: { tags, summary: '公示抽查结果', params: idParams, body: z.object({ version }) },
    },
    async (req) => service.publish(requireActor(req), req.params.id, req.body.version),
  );
  app.post(
    '/api/v1/inspector-conflicts',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '检查人员申报与某组织存在利害关系（此后不会被抽中检查该组织）',
        body: z.object({
          organizationId: z.string().uuid('组织编号格式不正确'),
          reason: z.string().trim().min(2, '请填写利害关系说明').max(500, '说明不超过 500 字'),
        }),
      },
    },
    async (req, reply) => reply.code(201).send(await service.declareConflict(requireActor(req), req.body)),
  );
  app.get(
    '/api/v1/spot-checks/mine',
    { preHandler: requirePermission('supervision.read'), schema: { tags, summary: '我被抽中参加的检查' } },
    async (req) => service.mine(requireActor(req)),
  );
  app.post(
    '/api/v1/spot-checks/:id/result',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '检查人员录入检查结果（发现问题时生成整改任务）',
        params: idParams,
        body: resultBody,
      },
    },
    async (req) => service.record(requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/rectification-tasks',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '整改任务',
        querystring: z.object({
          ...pageQuery,
          status: z.enum(['open', 'completed'], { message: '状态无效' }).optional(),
          organizationId: z.string().uuid('组织编号格式不正确').optional(),
        }),
      },
    },
    async (req) => service.rectifications(requireActor(req), req.query),
  );
  app.post(
    '/api/v1/rectification-tasks/:id/complete',
    {
      preHandler: requirePermission('credit_list.manage'),
      schema: {
        tags,
        summary: '确认整改完成',
        params: idParams,
        body: z.object({
          completedOn: isoDate,
          note: z.string().trim().min(4, '请填写核实情况（不少于 4 字）').max(1000, '核实情况不超过 1000 字'),
          version,
        }),
      },
    },
    async (req) => service.completeRectification(requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/public/spot-checks',
    {
      schema: {
        tags,
        summary: '抽查结果公示',
        security: [],
        querystring: z.object({ ...pageQuery, year: z.coerce.number().int().min(2000).max(2100).optional() }),
      },
    },
    async (req) => service.published(req.query),
  );
};
