import {
  annualReportContent,
  annualReportEventInput,
  reportDueStatusLabels,
  reportingTierLabels,
  todayInShanghai,
} from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { buildWorkbook, EXPORT_ROW_LIMIT, XLSX_CONTENT_TYPE } from '../../lib/documents/excel';
import { contentDisposition, requireActor, requirePermission } from '../../lib/http';
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
    '/api/v1/annual-reports/export',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '导出年度报告报送情况（Excel，筛选同列表）',
        querystring: listQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const { items } = await service.list(requireActor(req), {
        ...req.query,
        page: 1,
        pageSize: EXPORT_ROW_LIMIT,
      });
      const regions = await deps.database.query<{ code: string; name: string }>(
        'select code, name from regions where code = any($1::char(12)[])',
        [
          [
            ...new Set(
              items.flatMap((i) => [
                i.organization.regionCode,
                `${i.organization.regionCode.slice(0, 9)}000`,
              ]),
            ),
          ],
        ],
      );
      const nameOf = new Map(regions.map((r) => [r.code, r.name]));
      const buf = await buildWorkbook([
        {
          name: `${req.query.year}年度报告`,
          columns: [
            { header: '组织名称', key: 'name', width: 32 },
            { header: '类型', key: 'tier', width: 8 },
            { header: '所属街道', key: 'street', width: 16 },
            { header: '所属社区', key: 'community', width: 20 },
            { header: '截止日期', key: 'deadline', width: 12 },
            { header: '报送状态', key: 'due', width: 12 },
            { header: '审核结果', key: 'status', width: 10 },
            { header: '首次报送日期', key: 'first', width: 14 },
            { header: '说明', key: 'message', width: 44 },
          ],
          rows: items.map((i) => ({
            name: i.organization.name,
            tier: reportingTierLabels[i.tier],
            street: nameOf.get(`${i.organization.regionCode.slice(0, 9)}000`) ?? '',
            community: nameOf.get(i.organization.regionCode) ?? '',
            deadline: i.deadline,
            due: reportDueStatusLabels[i.due.status],
            status: i.statusLabel,
            first: i.firstSubmittedOn ?? '',
            message: i.due.message,
          })),
        },
      ]);
      reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header(
          'content-disposition',
          contentDisposition(`${req.query.year}年度报告报送情况-${todayInShanghai(deps.clock.now())}.xlsx`),
        );
      return reply.send(buf);
    },
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
