import { applicationKindLabels } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { verifyAuditChain } from '../../lib/audit';
import { forbidden, notFound } from '../../lib/errors';
import { requireActor, requirePermission } from '../../lib/http';
import { createAuditRepo } from './audit.repo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const actionLabels: Record<string, string> = {
  'organization.created': '新建组织',
  'organization.updated': '修改组织信息',
  'organization.filed': '备案',
  'organization.registered': '登记',
  'organization.change_approved': '变更生效',
  'organization.exit_requested': '申请退出',
  'organization.exit_cancelled': '撤回退出',
  'organization.exited': '退出',
  'organization.pii_revealed': '查看完整个人信息',
  'organization.import': '导入组织台账',
  'application.created': '新建申请',
  'application.form_updated': '修改申请表',
  'application.attachment_added': '上传附件',
  'certificate.issued': '发放证书',
  'member.added': '添加成员',
  'member.updated': '修改成员',
  'member.left': '成员退出',
  'member.imported': '导入成员',
  'ledger.activity_recorded': '记录台账活动',
  'user.created': '新建用户',
  'user.updated': '修改用户',
  'user.disabled': '停用用户',
  'user.enabled': '启用用户',
  'user.password_reset': '重置密码',
  'user.password_changed': '修改密码',
  'user.grant_added': '添加授权',
  'user.grant_revoked': '撤销授权',
  'setting.category_scheme': '切换分类方案',
  'setting.coverage_targets': '修改覆盖目标',
  'setting.volunteer': '修改志愿服务规则',
  'setting.volunteer_targets': '修改志愿者发展目标',
  'category_scheme.updated': '修改分类方案',
  'seed.demo': '初始化演示数据',
};

export function actionLabel(action: string): string | undefined {
  if (actionLabels[action]) return actionLabels[action];
  const m = /^application\.(filing|change|registration|exit)\.(\w+)$/.exec(action);
  if (m) return `${applicationKindLabels[m[1] as keyof typeof applicationKindLabels]}：${m[2]}`;
  return undefined;
}

/** A point in time: an ISO timestamp, or a date (a whole day in Asia/Shanghai). */
const instant = (end: boolean) =>
  z
    .string()
    .trim()
    .max(40)
    .transform((s, ctx) => {
      const d = /^\d{4}-\d{2}-\d{2}$/.test(s)
        ? new Date(`${s}T${end ? '23:59:59.999' : '00:00:00.000'}+08:00`)
        : new Date(s);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: 'custom', message: '时间格式不正确' });
        return z.NEVER;
      }
      return d;
    })
    .optional();

const pageParams = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

const auditItem = z.object({
  seq: z.number(),
  at: z.date(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string().optional(),
  entityType: z.string(),
  entityId: z.string(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});
const auditPage = z.object({
  items: z.array(auditItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** The append-only audit log, read within the caller's scope. */
export const auditRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const repo = createAuditRepo(deps.database);
  const tags = ['audit'];
  const withLabels = <T extends { action: string }>(items: T[]) =>
    items.map((i) => ({ ...i, actionLabel: actionLabel(i.action) }));

  app.get(
    '/api/v1/audit',
    {
      preHandler: requirePermission('audit.read'),
      schema: {
        tags,
        summary: '审计日志（按权限范围，最新在前）',
        querystring: z.object({
          ...pageParams,
          entityType: z.string().trim().max(40).optional(),
          entityId: z.string().trim().max(100).optional(),
          actorId: z.string().uuid('操作人编号格式不正确').optional(),
          action: z.string().trim().max(80).optional(),
          from: instant(false),
          to: instant(true),
        }),
        response: { 200: auditPage },
      },
    },
    async (req) => {
      const r = await repo.list(requireActor(req), req.query);
      return {
        items: withLabels(r.items),
        total: r.total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  app.get(
    '/api/v1/audit/verify',
    {
      preHandler: requirePermission('audit.read'),
      schema: {
        tags,
        summary: '校验审计日志哈希链（系统管理员）',
        response: {
          200: z.object({
            ok: z.boolean(),
            count: z.number(),
            brokenAt: z.number().optional(),
            reason: z.string().optional(),
          }),
        },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!actor.grants.some((g) => g.role === 'admin')) throw forbidden('只有系统管理员可以校验审计日志');
      return verifyAuditChain(deps.database.db);
    },
  );

  app.get(
    '/api/v1/organizations/:id/audit',
    {
      preHandler: requirePermission('audit.read'),
      schema: {
        tags,
        summary: '组织的审计记录（含其申请和证书）',
        params: z.object({ id: z.string().max(64) }),
        querystring: z.object(pageParams),
        response: { 200: auditPage },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { id } = req.params;
      if (!UUID.test(id) || !(await repo.organizationInScope(actor, id))) throw notFound('组织');
      const r = await repo.forOrganization(id, req.query);
      return {
        items: withLabels(r.items),
        total: r.total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );
};
