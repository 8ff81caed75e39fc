import { organizationInput, organizationPatch, orgStatuses, tiers, todayInShanghai } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { buildWorkbook } from '../../lib/documents/excel';
import { contentDisposition, requireActor, requireLogin, requirePermission } from '../../lib/http';
import { pageQuery } from '../../lib/pagination';
import { createSettingsRepo } from '../settings/categories.repo';
import { withLabels } from './organizations.presenter';
import { createOrganizationRepo } from './organizations.repo';
import { createOrganizationService } from './organizations.service';

export const idParams = z.object({ id: z.string().uuid('编号格式不正确') });

const listQuery = z.object({
  ...pageQuery,
  tier: z.enum(tiers, { message: '层级无效' }).optional(),
  category: z.string().max(40).optional(),
  status: z.enum(orgStatuses, { message: '状态无效' }).optional(),
  regionCode: z
    .string()
    .regex(/^\d{12}$/, '区划代码应为 12 位数字')
    .optional(),
  isHub: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

const listItem = z.object({
  id: z.string(),
  name: z.string(),
  tier: z.string(),
  tierLabel: z.string(),
  category: z.string(),
  categoryName: z.string().nullable(),
  status: z.string(),
  statusLabel: z.string(),
  regionCode: z.string(),
  communityName: z.string().nullable(),
  streetName: z.string().nullable(),
  leaderName: z.string(),
  leaderPhoneMasked: z.string().nullable(),
  memberCount: z.number(),
  isHub: z.boolean(),
  partyStatus: z.string(),
  filingNumber: z.string().nullable(),
  uscc: z.string().nullable(),
  foundedOn: z.string().nullable(),
  updatedAt: z.date(),
  /** on a credit list today: abnormal | serious (list only) */
  creditList: z.string().nullable().optional(),
});

export const organizationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const repo = createOrganizationRepo(deps.database);
  const settings = createSettingsRepo(deps.database);
  const service = createOrganizationService({ ...deps, settings });

  app.get(
    '/api/v1/organizations',
    {
      preHandler: requirePermission('org.read'),
      schema: {
        tags: ['organizations'],
        summary: '组织列表（按权限范围）',
        querystring: listQuery,
        response: {
          200: z.object({
            items: z.array(listItem),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (req) => {
      const r = await repo.list(requireActor(req), req.query);
      return {
        items: r.items.map(withLabels),
        total: r.total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  app.get(
    '/api/v1/organizations/export',
    {
      preHandler: requirePermission('org.read'),
      schema: {
        tags: ['organizations'],
        summary: '导出组织列表（Excel）',
        querystring: listQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const rows = (await repo.exportRows(requireActor(req), req.query)).map(withLabels);
      const buf = await buildWorkbook([
        {
          name: '社区社会组织',
          columns: [
            { header: '组织名称', key: 'name', width: 30 },
            { header: '层级', key: 'tierLabel', width: 14 },
            { header: '类别', key: 'categoryName', width: 12 },
            { header: '状态', key: 'statusLabel', width: 10 },
            { header: '所属街道', key: 'streetName', width: 16 },
            { header: '所属社区', key: 'communityName', width: 20 },
            { header: '区划代码', key: 'regionCode', width: 15 },
            { header: '负责人', key: 'leaderName', width: 10 },
            { header: '负责人电话', key: 'leaderPhoneMasked', width: 14 },
            { header: '成员人数', key: 'memberCount', width: 10 },
            { header: '枢纽型组织', key: 'hub', width: 10 },
            { header: '备案编号', key: 'filingNumber', width: 24 },
            { header: '统一社会信用代码', key: 'uscc', width: 22 },
            { header: '成立日期', key: 'foundedOn', width: 12 },
            { header: '业务范围', key: 'businessScope', width: 40 },
            { header: '活动场所', key: 'venue', width: 30 },
          ],
          rows: rows.map((r) => ({ ...r, hub: r.isHub ? '是' : '否' })),
        },
      ]);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          contentDisposition(`社区社会组织-${todayInShanghai(deps.clock.now())}.xlsx`),
        );
      return reply.send(buf);
    },
  );

  app.post(
    '/api/v1/organizations',
    {
      preHandler: requirePermission('org.create'),
      schema: { tags: ['organizations'], summary: '登记社区活动小组（台账）', body: organizationInput },
    },
    async (req, reply) => reply.code(201).send(await service.create(requireActor(req), req.body)),
  );

  app.get(
    '/api/v1/organizations/:id',
    { preHandler: requireLogin, schema: { tags: ['organizations'], summary: '组织详情', params: idParams } },
    async (req) => service.get(requireActor(req), req.params.id),
  );

  app.patch(
    '/api/v1/organizations/:id',
    {
      preHandler: requirePermission('org.update'),
      schema: { tags: ['organizations'], summary: '修改组织信息', params: idParams, body: organizationPatch },
    },
    async (req) => service.update(requireActor(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/organizations/:id/history',
    { preHandler: requireLogin, schema: { tags: ['organizations'], summary: '变更历史', params: idParams } },
    async (req) => service.history(requireActor(req), req.params.id),
  );

  app.post(
    '/api/v1/organizations/:id/reveal',
    {
      preHandler: requirePermission('pii.reveal'),
      schema: {
        tags: ['organizations'],
        summary: '查看完整个人信息（留痕）',
        params: idParams,
        body: z.object({
          field: z.enum(['leaderIdNumber', 'leaderPhone', 'contactPhone'], { message: '字段无效' }),
        }),
      },
    },
    async (req) => service.reveal(requireActor(req), req.params.id, req.body.field),
  );
};
