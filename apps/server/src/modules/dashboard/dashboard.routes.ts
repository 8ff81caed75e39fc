import { isDivisionCode, todayInShanghai } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { buildWorkbook } from '../../lib/documents/excel';
import { contentDisposition, requireActor, requirePermission } from '../../lib/http';
import { coverageSheets } from './dashboard.export';
import { createDashboardService } from './dashboard.service';

const regionCodeQuery = z
  .string()
  .refine((c) => /^\d{12}$/.test(c) && isDivisionCode(c), '行政区划代码应为 12 位数字')
  .optional();

const coverageQuery = z.object({
  regionCode: regionCodeQuery,
  page: z.coerce.number().int().min(1).default(1),
  /** communities per page; a region with up to this many communities gets all of them at once */
  pageSize: z.coerce.number().int().min(1).max(1000).default(200),
});

const regionRef = z.object({ code: z.string(), name: z.string(), level: z.number() });
const countsOf = z.record(z.string(), z.number());

const coverageResponse = z.object({
  region: regionRef.extend({
    parentCode: z.string().nullable(),
    areaType: z.string().nullable(),
    path: z.array(regionRef),
  }),
  targets: z.object({ urban: z.number(), rural: z.number(), hubStreetRatio: z.number() }),
  scheme: z.object({ code: z.string(), name: z.string(), fivePlusX: z.boolean() }),
  totals: z.object({
    organizations: z.number(),
    byTier: countsOf,
    byCategory: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })),
    byStatus: countsOf,
    communities: z.number(),
    communitiesMeeting: z.number(),
    ratio: z.number(),
    communitiesFivePlusX: z.number().nullable(),
  }),
  children: z.array(
    regionRef.extend({
      organizations: z.number(),
      communities: z.number(),
      communitiesMeeting: z.number(),
      ratio: z.number(),
      hubStreets: z.number().optional(),
      streets: z.number().optional(),
    }),
  ),
  communities: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      streetCode: z.string(),
      streetName: z.string(),
      areaType: z.enum(['urban', 'rural']).nullable(),
      count: z.number(),
      target: z.number(),
      meetsTarget: z.boolean(),
      gap: z.number(),
      missingRequired: z.array(z.string()),
      hasDistinctive: z.boolean(),
      meetsFivePlusX: z.boolean().nullable(),
      lacks: z.array(z.string()),
    }),
  ),
  communitiesTotal: z.number(),
  page: z.number(),
  pageSize: z.number(),
  belowTarget: z.number(),
  hub: z.object({
    streetsWithHub: z.number(),
    streets: z.number(),
    ratio: z.number(),
    target: z.number(),
    meets: z.boolean(),
  }),
});

export const dashboardRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createDashboardService({ database: deps.database });

  app.get(
    '/api/v1/dashboard/coverage',
    {
      preHandler: requirePermission('dashboard.read'),
      schema: {
        tags: ['dashboard'],
        summary: '社区社会组织覆盖情况（按区域汇总、下级区域、各社区达标情况）',
        querystring: coverageQuery,
        response: { 200: coverageResponse },
      },
    },
    async (req) => service.coverage(requireActor(req), req.query),
  );

  app.get(
    '/api/v1/dashboard/coverage/export',
    {
      preHandler: requirePermission('dashboard.read'),
      schema: {
        tags: ['dashboard'],
        summary: '导出覆盖情况统计（Excel：概览、下级区域、社区达标情况）',
        querystring: z.object({ regionCode: regionCodeQuery }),
      },
    },
    async (req, reply) => {
      const report = await service.report(requireActor(req), req.query.regionCode);
      const asOf = todayInShanghai(deps.clock.now());
      const buf = await buildWorkbook(coverageSheets(report, asOf));
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(`覆盖率统计-${report.region.name}-${asOf}.xlsx`));
      return reply.send(buf);
    },
  );
};
