import { creditListCauses, isoDate } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { requireActor, requirePermission } from '../../lib/http';
import { pageQuery } from '../../lib/pagination';
import { createCreditListService } from './creditLists.service';

const idParams = z.object({ id: z.string().uuid('编号格式不正确') });

const listQuery = z.object({
  ...pageQuery,
  list: z.enum(['abnormal', 'serious'], { message: '名录类型无效' }).optional(),
  asOf: isoDate.optional(),
  cause: z.enum(creditListCauses, { message: '列入情形无效' }).optional(),
  q: z.string().trim().max(50, '关键词不超过 50 字').optional(),
  regionCode: z
    .string()
    .regex(/^\d{12}$/, '区划代码应为 12 位数字')
    .optional(),
});

const enterBody = z.object({
  cause: z.enum(creditListCauses, { message: '列入情形无效' }),
  reason: z.string().trim().min(4, '请填写列入事实和理由（不少于 4 字）').max(1000, '列入理由不超过 1000 字'),
  enteredOn: isoDate,
  evidence: z
    .object({
      documentNo: z.string().trim().max(100, '文书编号不超过 100 字').optional(),
      note: z.string().trim().max(1000, '证据说明不超过 1000 字').optional(),
    })
    .default({}),
});

const removeBody = z.object({
  reason: z.enum(['rectified', 'removed_on_application'], { message: '移出原因无效' }),
  leftOn: isoDate,
  note: z.string().trim().min(4, '请填写核实情况（不少于 4 字）').max(1000, '核实情况不超过 1000 字'),
  version: z.number({ message: '缺少版本号' }).int().min(1),
});

/** Credit lists of organizations (活动异常名录, 严重违法失信名单): as-of queries, officer entries, removals. */
export const creditListRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createCreditListService(deps);
  const tags = ['credit-lists'];

  app.get(
    '/api/v1/credit-listings',
    {
      preHandler: requirePermission('supervision.read'),
      schema: { tags, summary: '信用名录：某日在列的组织（默认今天）', querystring: listQuery },
    },
    async (req) => service.list(requireActor(req), req.query),
  );

  app.get(
    '/api/v1/organizations/:id/credit-listings',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '组织的信用名录状态（asOf 可查询任一历史日期）及全部列入记录',
        params: idParams,
        querystring: z.object({ asOf: isoDate.optional() }),
      },
    },
    async (req) => service.ofOrganization(requireActor(req), req.params.id, req.query.asOf),
  );

  app.post(
    '/api/v1/organizations/:id/credit-listings',
    {
      preHandler: requirePermission('credit_list.manage'),
      schema: { tags, summary: '工作人员列入信用名录（须决定的情形）', params: idParams, body: enterBody },
    },
    async (req, reply) =>
      reply.code(201).send(await service.enter(requireActor(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/credit-listings/:id/remove',
    {
      preHandler: requirePermission('credit_list.manage'),
      schema: { tags, summary: '移出信用名录（整改核实或满期申请）', params: idParams, body: removeBody },
    },
    async (req) => service.remove(requireActor(req), req.params.id, req.body),
  );
};
