import { annualReportContent, annualReportEventInput } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { requireActor, requirePermission } from '../../lib/http';
import { pageQuery } from '../../lib/pagination';
import { createAnnualReportService } from './annualReports.service';

const year = z.coerce
  .number({ message: '年度应为数字' })
  .int('年度应为整数')
  .min(2000, '年度不能早于 2000 年')
  .max(2100, '年度不能晚于 2100 年');
const orgYearParams = z.object({ id: z.string().uuid('编号格式不正确'), year });
const idParams = z.object({ id: z.string().uuid('编号格式不正确') });

export const annualReportStates = [
  'not_submitted',
  'overdue',
  'late',
  'pending_review',
  'returned',
  'pass',
  'basic_pass',
  'fail',
] as const;

const listQuery = z.object({
  ...pageQuery,
  year,
  q: z.string().trim().max(50, '关键词不超过 50 字').optional(),
  regionCode: z
    .string()
    .regex(/^\d{12}$/, '区划代码应为 12 位数字')
    .optional(),
  state: z.enum(annualReportStates, { message: '报送状态无效' }).optional(),
  tier: z.enum(['filed', 'registered'], { message: '组织类型无效' }).optional(),
});

/** Annual reports (年度工作报告): the organization fills and submits, the street or district reviews. */
export const annualReportRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createAnnualReportService(deps);
  const tags = ['annual-reports'];

  app.get(
    '/api/v1/annual-reports',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '年度报告报送情况（应报组织及其报送、审核状态；state=overdue 为逾期未报名单）',
        querystring: listQuery,
      },
    },
    async (req) => service.list(requireActor(req), req.query),
  );

  app.get(
    '/api/v1/organizations/:id/annual-reports/:year',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '组织某年度的年度报告（尚未填报时返回按平台数据预填的草稿）',
        params: orgYearParams,
      },
    },
    async (req) => service.get(requireActor(req), req.params.id, req.params.year),
  );

  app.put(
    '/api/v1/organizations/:id/annual-reports/:year',
    {
      preHandler: requirePermission('annual_report.submit'),
      schema: {
        tags,
        summary: '保存年度报告草稿（version 为 0 时新建）',
        params: orgYearParams,
        body: z.object({
          content: annualReportContent,
          version: z.number({ message: '缺少版本号' }).int().min(0),
        }),
      },
    },
    async (req) => service.save(requireActor(req), req.params.id, req.params.year, req.body),
  );

  app.post(
    '/api/v1/annual-reports/:id/events',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '提交或审核年度报告（合格、基本合格、不合格、退回修改）',
        params: idParams,
        body: annualReportEventInput,
      },
    },
    async (req) => service.event(requireActor(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/annual-reports/:id/history',
    {
      preHandler: requirePermission('supervision.read'),
      schema: { tags, summary: '年度报告的提交和审核记录（含每次提交时的内容）', params: idParams },
    },
    async (req) => service.history(requireActor(req), req.params.id),
  );
};
