import { createHash } from 'node:crypto';
import {
  type ApplicationKind,
  applicationEvent,
  applicationKindLabels,
  applicationKinds,
  applicationStateLabel,
  changeRequest,
  createApplication,
  exitRequest,
  todayInShanghai,
  updateApplication,
} from '@linli/core';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { attachments } from '../../db/schema';
import { auditActor } from '../../lib/authz/actor';
import { buildWorkbook } from '../../lib/documents/excel';
import { badRequest, notFound } from '../../lib/errors';
import { contentDisposition, requireActor, requireLogin, requirePermission } from '../../lib/http';
import { pageQuery } from '../../lib/pagination';
import { idParams } from '../organizations/organizations.routes';
import { createOrganizationService } from '../organizations/organizations.service';
import { createSettingsRepo } from '../settings/categories.repo';
import { type AppListRow, createApplicationRepo } from './applications.repo';
import { createApplicationService } from './applications.service';
import { sniffFileType } from './fileTypes';

const listQuery = z.object({
  ...pageQuery,
  organizationId: z.string().uuid('编号格式不正确').optional(),
  kind: z.enum(applicationKinds, { message: '申请类型无效' }).optional(),
  state: z.string().max(40).optional(),
  regionCode: z
    .string()
    .regex(/^\d{12}$/, '区划代码应为 12 位数字')
    .optional(),
  todo: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** Date-time as staff read it (Asia/Shanghai). */
const shanghaiTime = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(d);

const present = (r: AppListRow) => ({
  ...r,
  kindLabel: applicationKindLabels[r.kind as ApplicationKind] ?? r.kind,
  stateLabel: applicationStateLabel(r.kind as ApplicationKind, r.state),
});

export const applicationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const settings = createSettingsRepo(deps.database);
  const orgs = createOrganizationService({ ...deps, settings });
  const service = createApplicationService({ ...deps, settings, orgs });
  const repo = createApplicationRepo(deps.database);
  const tags = ['applications'];

  app.get(
    '/api/v1/applications',
    {
      preHandler: requirePermission('org.read'),
      schema: { tags, summary: '申请列表', querystring: listQuery },
    },
    async (req) => {
      const r = await repo.list(requireActor(req), req.query);
      return {
        items: r.items.map(present),
        total: r.total,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
    },
  );

  app.get(
    '/api/v1/applications/export',
    {
      preHandler: requirePermission('org.read'),
      schema: {
        tags,
        summary: '导出申请列表（Excel）',
        querystring: listQuery.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
      const r = await repo.list(requireActor(req), { ...req.query, page: 1, pageSize: 10_000 });
      const buf = await buildWorkbook([
        {
          name: '申请列表',
          columns: [
            { header: '组织名称', key: 'name', width: 30 },
            { header: '申请类型', key: 'kindLabel', width: 12 },
            { header: '状态', key: 'stateLabel', width: 12 },
            { header: '所属街道', key: 'streetName', width: 16 },
            { header: '所属社区', key: 'communityName', width: 20 },
            { header: '申请人', key: 'applicantName', width: 20 },
            { header: '提交时间', key: 'submitted', width: 18 },
            { header: '更新时间', key: 'updated', width: 18 },
          ],
          rows: r.items.map(present).map((a) => ({
            ...a,
            submitted: a.submittedAt ? shanghaiTime(a.submittedAt) : '',
            updated: shanghaiTime(a.updatedAt),
          })),
        },
      ]);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header(
          'content-disposition',
          contentDisposition(`申请列表-${todayInShanghai(deps.clock.now())}.xlsx`),
        );
      return reply.send(buf);
    },
  );

  app.get(
    '/api/v1/todo',
    { preHandler: requireLogin, schema: { tags, summary: '待办（等待我处理的申请）' } },
    async (req) => {
      const r = await repo.list(requireActor(req), { todo: true, page: 1, pageSize: 50 });
      return { count: r.total, items: r.items.map(present) };
    },
  );

  app.post(
    '/api/v1/applications',
    {
      preHandler: requirePermission('filing.apply'),
      schema: { tags, summary: '新建备案申请', body: createApplication },
    },
    async (req, reply) => reply.code(201).send(await service.createFiling(requireActor(req), req.body)),
  );

  app.get(
    '/api/v1/applications/:id',
    { preHandler: requireLogin, schema: { tags, summary: '申请详情', params: idParams } },
    async (req) => service.get(requireActor(req), req.params.id),
  );

  app.patch(
    '/api/v1/applications/:id',
    {
      preHandler: requireLogin,
      schema: { tags, summary: '修改申请表（草稿或已退回）', params: idParams, body: updateApplication },
    },
    async (req) => service.updateForm(requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/applications/:id/events',
    {
      preHandler: requireLogin,
      schema: { tags, summary: '提交、审核、退回、备案等流程操作', params: idParams, body: applicationEvent },
    },
    async (req) => service.event(requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/api/v1/organizations/:id/recommend-filing',
    {
      preHandler: requirePermission('filing.apply'),
      schema: { tags, summary: '推荐活动小组备案（生成预填的备案申请）', params: idParams },
    },
    async (req, reply) =>
      reply.code(201).send(await service.recommendFiling(requireActor(req), req.params.id)),
  );

  app.post(
    '/api/v1/organizations/:id/recommend-registration',
    {
      preHandler: requirePermission('registration.recommend'),
      schema: {
        tags,
        summary: '街道推荐备案组织登记',
        params: idParams,
        body: z.object({ note: z.string().trim().max(500).optional().default('') }).optional(),
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await service.recommendRegistration(requireActor(req), req.params.id, req.body?.note ?? '')),
  );

  app.post(
    '/api/v1/organizations/:id/change',
    {
      preHandler: requireLogin,
      schema: {
        tags,
        summary: '变更申请（名称、负责人、场所、业务范围）',
        params: idParams,
        body: changeRequest,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.requestChange(requireActor(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/organizations/:id/exit',
    {
      preHandler: requireLogin,
      schema: { tags, summary: '退出申请（解散或撤销）', params: idParams, body: exitRequest },
    },
    async (req, reply) =>
      reply.code(201).send(await service.requestExit(requireActor(req), req.params.id, req.body)),
  );

  app.post(
    '/api/v1/applications/:id/attachments',
    {
      preHandler: requireLogin,
      schema: {
        tags,
        summary: '上传附件（PDF/图片/Word/Excel，≤10MB）',
        params: idParams,
        consumes: ['multipart/form-data'],
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      service.assertEditable(actor, await service.getScoped(deps.database.db, actor, req.params.id));
      const detail = await service.get(actor, req.params.id);
      if (!req.isMultipart()) throw badRequest('请以 multipart/form-data 上传文件', { file: '缺少文件' });
      const file = await req.file();
      if (!file) throw badRequest('请选择要上传的文件', { file: '缺少文件' });
      const buf = await file.toBuffer();
      if (file.file.truncated) throw badRequest('文件过大（不超过 10 MB）', { file: '文件过大' });
      if (buf.length === 0) throw badRequest('文件为空', { file: '文件为空' });
      const type = sniffFileType(buf, file.filename);
      if (!type) throw badRequest('只能上传 PDF、JPG、PNG、Word 或 Excel 文件', { file: '文件类型不支持' });
      const purposeField = file.fields.purpose as { value?: string } | undefined;
      const purpose = ['charter', 'id_copy', 'venue_proof', 'member_list', 'other'].includes(
        purposeField?.value ?? '',
      )
        ? purposeField!.value!
        : 'other';
      const row = await deps.database.db.transaction(async (tx) => {
        const [r] = await tx
          .insert(attachments)
          .values({
            applicationId: detail.id,
            organizationId: detail.organizationId,
            purpose,
            fileName: file.filename.slice(0, 200),
            mimeType: type,
            size: buf.length,
            sha256: createHash('sha256').update(buf).digest('hex'),
            content: buf,
            uploadedBy: actor.id,
          })
          .returning({
            id: attachments.id,
            fileName: attachments.fileName,
            mimeType: attachments.mimeType,
            size: attachments.size,
            purpose: attachments.purpose,
            createdAt: attachments.createdAt,
          });
        await deps.audit.record(tx, {
          actor: auditActor(actor),
          action: 'application.attachment_added',
          entity: ['application', detail.id],
          regionCode: detail.regionCode,
          after: r,
        });
        return r;
      });
      return reply.code(201).send(row);
    },
  );

  app.get(
    '/api/v1/attachments/:id',
    { preHandler: requireLogin, schema: { tags, summary: '下载附件', params: idParams } },
    async (req, reply) => {
      const actor = requireActor(req);
      const [row] = await deps.database.db
        .select()
        .from(attachments)
        .where(eq(attachments.id, req.params.id));
      if (!row?.applicationId) throw notFound('附件');
      await service.getScoped(deps.database.db, actor, row.applicationId); // scope check: 404 outside
      reply
        .header('content-type', row.mimeType)
        .header('content-disposition', contentDisposition(row.fileName));
      return reply.send(row.content);
    },
  );
};
