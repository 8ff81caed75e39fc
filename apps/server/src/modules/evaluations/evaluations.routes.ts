import { evaluationMetrics, evaluationRoundStatusLabels } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { requireActor, requirePermission } from '../../lib/http';
import { pageQuery } from '../../lib/pagination';
import { createEvaluationService } from './evaluations.service';

const uuid = z.string().uuid('编号格式不正确');
const idParams = z.object({ id: uuid });
const targetParams = z.object({ id: uuid, orgId: z.string().uuid('组织编号格式不正确') });
const version = z.number({ message: '缺少版本号' }).int().min(1);
const year = z.coerce
  .number({ message: '年度应为数字' })
  .int('年度应为整数')
  .min(2000, '年度不能早于 2000 年')
  .max(2100, '年度不能晚于 2100 年');
const regionCode = z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字');
const points = z.number({ message: '分值应为数字' });
const code = z.string().trim().min(1, '请填写指标编码').max(60, '指标编码不超过 60 字');
const name = z.string().trim().max(60, '名称不超过 60 字');
const description = z.string().trim().max(500, '评分说明不超过 500 字').optional();

const rule = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('threshold'),
      steps: z
        .array(z.object({ atLeast: points, score: points }), { message: '请设置计分档次' })
        .max(10, '计分档次不超过 10 档'),
    }),
    z.object({ kind: z.literal('boolean'), score: points }),
    z.object({ kind: z.literal('linear'), per: points, cap: points }),
    z.object({ kind: z.literal('deduction'), per: points }),
  ],
  { message: '计分规则无效' },
);

const indicator = z.discriminatedUnion(
  'source',
  [
    z.object({ code, name, maxScore: points, description, source: z.literal('manual') }),
    z.object({
      code,
      name,
      maxScore: points,
      description,
      source: z.literal('computed'),
      metric: z.enum(evaluationMetrics, { message: '请选择系统统计的数据项' }),
      rule,
    }),
  ],
  { message: '指标来源应为评审打分或系统计分' },
);

const scheme = z.object({
  name: z.string().trim().max(100, '方案名称不超过 100 字'),
  dimensions: z
    .array(
      z.object({
        code,
        name,
        weight: points,
        indicators: z.array(indicator).max(20, '每个一级指标的二级指标不超过 20 个'),
      }),
    )
    .max(20, '一级指标不超过 20 个'),
});

const roundBody = z.object({
  title: z.string().trim().min(2, '请填写评价名称').max(100, '评价名称不超过 100 字'),
  regionCode,
  year,
  tier: z.enum(['filed', 'registered'], { message: '组织类型无效' }).optional(),
  organizationIds: z
    .array(z.string().uuid('组织编号格式不正确'))
    .min(1, '请至少选择一个组织')
    .max(2000, '一轮评价的组织不超过 2000 个')
    .refine((a) => new Set(a).size === a.length, '组织不能重复')
    .optional(),
  evaluatorIds: z
    .array(z.string().uuid('评审人员编号格式不正确'), { message: '请指定评审人员' })
    .min(1, '请至少指定一名评审人员')
    .max(50, '评审人员不超过 50 名')
    .refine((a) => new Set(a).size === a.length, '评审人员不能重复'),
  postingDays: z
    .number({ message: '公示天数应为数字' })
    .int('公示天数应为整数')
    .min(1, '公示期至少 1 天')
    .max(30, '公示期不超过 30 天')
    .optional(),
  scheme: scheme.optional(),
  cutoffs: z
    .object({ excellent: points, good: points, qualified: points }, { message: '请设置等级分数线' })
    .optional(),
});

const eventBody = z.object({
  event: z.enum(['start', 'submit', 'publish', 'return', 'close'], { message: '操作无效' }),
  reason: z.string().trim().max(1000, '原因不超过 1000 字').optional(),
  version,
});

const scoresBody = z.object({
  scores: z
    .record(z.string().min(1, '指标编码不能为空').max(60, '指标编码不超过 60 字'), points, {
      message: '请填写评分',
    })
    .refine((s) => Object.keys(s).length > 0, '请至少填写一项评分'),
});

const appealBody = z.object({
  reason: z
    .string()
    .trim()
    .min(10, '请写明异议的事实和理由（不少于 10 字）')
    .max(2000, '异议理由不超过 2000 字'),
});

const decisionBody = z.object({
  decision: z.enum(['uphold', 'reject', 'rescore'], { message: '处理结果无效' }),
  reason: z.string().trim().max(1000, '处理意见不超过 1000 字').optional(),
  version,
});

const roundStatuses = Object.keys(evaluationRoundStatusLabels) as [string, ...string[]];

/** Comprehensive evaluation rounds (综合评价): scheme, evaluators' scores, publication and appeals. */
export const evaluationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createEvaluationService(deps);
  const tags = ['evaluations'];

  app.post(
    '/api/v1/evaluation-rounds',
    {
      preHandler: requirePermission('evaluation.manage'),
      schema: {
        tags,
        summary: '新建综合评价（草稿）：参评组织默认为区域内存续的备案、登记组织，被列入信用名录的除外',
        body: roundBody,
      },
    },
    async (req, reply) => reply.code(201).send(await service.create(requireActor(req), req.body)),
  );

  app.get(
    '/api/v1/evaluation-rounds',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '综合评价列表（监管范围内的、本人担任评审的、本组织参评的）',
        querystring: z.object({
          ...pageQuery,
          year: year.optional(),
          status: z.enum(roundStatuses, { message: '状态无效' }).optional(),
          regionCode: regionCode.optional(),
        }),
      },
    },
    async (req) => service.list(requireActor(req), req.query),
  );

  app.get(
    '/api/v1/evaluation-rounds/:id',
    {
      preHandler: requirePermission('supervision.read'),
      schema: { tags, summary: '综合评价详情（参评组织、评分进度、异议）', params: idParams },
    },
    async (req) => service.get(requireActor(req), req.params.id),
  );

  app.post(
    '/api/v1/evaluation-rounds/:id/events',
    {
      preHandler: requirePermission('evaluation.manage'),
      schema: {
        tags,
        summary: '开始评分、提交审核、发布公示、退回重评、结束公示',
        params: idParams,
        body: eventBody,
      },
    },
    async (req) => service.event(requireActor(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/evaluation-rounds/:id/targets/:orgId',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '参评组织的系统统计数据、评分和评价结果',
        params: targetParams,
      },
    },
    async (req) => service.target(requireActor(req), req.params.id, req.params.orgId),
  );

  app.put(
    '/api/v1/evaluation-rounds/:id/targets/:orgId/scores',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '评审人员录入或修改对该组织的评分（评审打分类指标，整张评分表替换）',
        params: targetParams,
        body: scoresBody,
      },
    },
    async (req) => service.score(requireActor(req), req.params.id, req.params.orgId, req.body.scores),
  );

  app.post(
    '/api/v1/evaluation-rounds/:id/targets/:orgId/appeals',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags,
        summary: '组织负责人在公示期内对评价结果提出异议',
        params: targetParams,
        body: appealBody,
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.appeal(requireActor(req), req.params.id, req.params.orgId, req.body.reason)),
  );

  app.post(
    '/api/v1/evaluation-appeals/:id/decision',
    {
      preHandler: requirePermission('evaluation.manage'),
      schema: {
        tags,
        summary: '处理异议：异议成立（该组织重新评分）、异议不成立、确认重新评分结果',
        params: idParams,
        body: decisionBody,
      },
    },
    async (req) => service.decide(requireActor(req), req.params.id, req.body),
  );

  app.get(
    '/api/v1/public/organizations/:id/evaluations',
    {
      schema: {
        tags,
        summary: '组织已公布的综合评价结果',
        security: [],
        params: z.object({ id: z.string().uuid('组织编号格式不正确') }),
      },
    },
    async (req) => service.published(req.params.id),
  );
};
