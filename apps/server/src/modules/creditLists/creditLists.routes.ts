import { creditListCauses, isoDate } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { buildWorkbook, EXPORT_ROW_LIMIT, XLSX_CONTENT_TYPE } from '../../lib/documents/excel';
import { contentDisposition, requireActor, requirePermission } from '../../lib/http';
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
    '/api/v1/credit-listings/export',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '导出信用名录（Excel，筛选同列表）',
        querystring: listQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const r = await service.list(requireActor(req), { ...req.query, page: 1, pageSize: EXPORT_ROW_LIMIT });
      const regions = await deps.database.query<{ code: string; name: string }>(
        'select code, name from regions where code = any($1::char(12)[])',
        [[...new Set(r.items.map((i) => i.regionCode))]],
      );
      const nameOf = new Map(regions.map((x) => [x.code, x.name]));
      const buf = await buildWorkbook([
        {
          name: '信用名录',
          columns: [
            { header: '组织名称', key: 'name', width: 32 },
            { header: '所属社区', key: 'community', width: 20 },
            { header: '名录', key: 'list', width: 18 },
            { header: '列入情形', key: 'cause', width: 30 },
            { header: '列入日期', key: 'enteredOn', width: 12 },
            { header: '列入方式', key: 'entry', width: 18 },
            { header: '依据', key: 'basis', width: 40 },
            { header: '列入事实和理由', key: 'reason', width: 40 },
          ],
          rows: r.items.map((i) => ({
            name: i.organizationName ?? '',
            community: nameOf.get(i.regionCode) ?? '',
            list: i.listLabel ?? '',
            cause: i.causeLabel,
            enteredOn: i.enteredOn,
            entry: i.entryLabel,
            basis: i.basis,
            reason: i.reason,
          })),
        },
      ]);
      reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', contentDisposition(`信用名录-${r.asOf}.xlsx`));
      return reply.send(buf);
    },
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
