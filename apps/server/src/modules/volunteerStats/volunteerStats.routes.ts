import { nationalExportQuery, todayInShanghai, volunteerStatsQuery } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app';
import { buildWorkbook } from '../../lib/documents/excel';
import { contentDisposition, requireActor, requirePermission } from '../../lib/http';
import { nationalExport } from './nationalExport';
import { volunteerStatsSheets } from './volunteerStats.export';
import { createVolunteerStatsService } from './volunteerStats.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Volunteer dashboards per region and the records export for the national system. */
export const volunteerStatsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createVolunteerStatsService(deps);
  const tags = ['volunteer-stats'];

  app.get(
    '/api/v1/volunteer-stats/overview',
    {
      preHandler: requirePermission('dashboard.read'),
      schema: {
        tags,
        summary: '志愿服务统计：志愿者与组织对照目标、下级区域、月度/类别时长、星级分布、团队排行',
        querystring: volunteerStatsQuery,
      },
    },
    async (req) => service.overview(requireActor(req), req.query.regionCode),
  );

  app.get(
    '/api/v1/volunteer-stats/export',
    {
      preHandler: requirePermission('dashboard.read'),
      schema: { tags, summary: '导出志愿服务统计（Excel）', querystring: volunteerStatsQuery },
    },
    async (req, reply) => {
      const stats = await service.overview(requireActor(req), req.query.regionCode);
      const buf = await buildWorkbook(volunteerStatsSheets(stats));
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          contentDisposition(`志愿服务统计-${stats.region.name}-${stats.asOf}.xlsx`),
        );
      return reply.send(buf);
    },
  );

  app.get(
    '/api/v1/service-records/national-export',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: {
        tags,
        summary: '导出服务记录（全国志愿服务信息系统批量导入格式；完整证件号码须有查看权限并记录审计）',
        querystring: nationalExportQuery,
      },
    },
    async (req, reply) => {
      const { stream } = await nationalExport(deps, requireActor(req), req.query, req.id);
      const today = todayInShanghai(deps.clock.now());
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          contentDisposition(`志愿服务记录-${req.query.from}至${req.query.to}-${today}.xlsx`),
        );
      return reply.send(stream);
    },
  );
};
