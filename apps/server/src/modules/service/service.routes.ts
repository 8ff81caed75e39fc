import {
  amendmentInput,
  amendmentStates,
  backfillInput,
  backfillStates,
  checkinKind,
  checkinScan,
  checkinStateLabels,
  isoDate,
  noShowInput,
  reviewDecision,
  serviceRecordSources,
  todayInShanghai,
} from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { can } from '../../lib/authz/scope';
import { buildWorkbook } from '../../lib/documents/excel';
import { forbidden } from '../../lib/errors';
import {
  contentDisposition,
  requireActor,
  requireLogin,
  requirePermission,
  requireVolunteer,
} from '../../lib/http';
import { pageQuery } from '../../lib/pagination';
import { createActivityService } from '../activities/activities.service';
import { createOrganizationService } from '../organizations/organizations.service';
import { createSettingsRepo } from '../settings/categories.repo';
import { createVolunteerService } from '../volunteers/volunteers.service';
import { createCheckinService } from './service.checkin';
import { createServiceRecordsService, type RecordFilter } from './service.service';

const idParams = z.object({ id: z.string().uuid('编号格式不正确') });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const recordQuery = z.object({
  ...pageQuery,
  organizationId: z.string().uuid('组织编号格式不正确').optional(),
  regionCode: z
    .string()
    .regex(/^\d{12}$/, '区划代码应为 12 位数字')
    .optional(),
  source: z.enum(serviceRecordSources, { message: '记录来源无效' }).optional(),
  status: z.enum(['valid', 'superseded', 'all'], { message: '记录状态无效' }).optional(),
  volunteerId: z.string().uuid('志愿者编号格式不正确').optional(),
  activityId: z.string().uuid('活动编号格式不正确').optional(),
  /** service date on or after (Asia/Shanghai) */
  from: isoDate.optional(),
  to: isoDate.optional(),
});

const shanghaiTime = (d: Date | string | null) =>
  d
    ? new Intl.DateTimeFormat('zh-CN', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }).format(new Date(d))
    : '';

/** Check-in/out, attendance, backfills, service records, amendments, deadlines and no-shows. */
export const serviceRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const activities = createActivityService({
    ...deps,
    orgs: createOrganizationService({ ...deps, settings: createSettingsRepo(deps.database) }),
    volunteers: createVolunteerService(deps),
  });
  const checkin = createCheckinService({ ...deps, activities });
  const service = createServiceRecordsService({ ...deps, activities });
  const tags = ['service'];
  const reviewer = async (req: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(req);
    if (!can(actor, 'service.approve') && !can(actor, 'activity.manage')) throw forbidden();
  };

  // ---- check-in and check-out

  app.get(
    '/api/v1/activities/:id/checkin-code',
    {
      preHandler: requirePermission('activity.manage'),
      schema: {
        tags,
        summary: '签到/签退二维码和6位签到码（轮换）',
        params: idParams,
        querystring: z.object({ kind: checkinKind.default('in') }),
      },
    },
    async (req) =>
      checkin.code(requireActor(req), req.params.id, req.query.kind, `${req.protocol}://${req.host}`),
  );

  app.post(
    '/api/v1/me/checkins',
    { schema: { tags, summary: '志愿者扫码或输入签到码签到、签退', body: checkinScan } },
    async (req, reply) => {
      const { actor, volunteerId } = requireVolunteer(req);
      const r = await checkin.scan(actor, volunteerId, req.body, req.id);
      return reply.code(r.kind === 'in' ? 201 : 200).send(r);
    },
  );

  // ---- attendance

  app.get(
    '/api/v1/activities/:id/attendance',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '活动签到情况（录用名单、签到签退、时长、补录）', params: idParams },
    },
    async (req) => service.attendance(requireActor(req), req.params.id),
  );

  app.get(
    '/api/v1/activities/:id/attendance/export',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '导出活动签到表（Excel）', params: idParams },
    },
    async (req, reply) => {
      const r = await service.attendance(requireActor(req), req.params.id);
      const buf = await buildWorkbook([
        {
          name: '签到表',
          columns: [
            { header: '志愿者编号', key: 'volunteerNumber', width: 22 },
            { header: '姓名', key: 'realName', width: 12 },
            { header: '手机号', key: 'phoneMasked', width: 14 },
            { header: '签到时间', key: 'in', width: 18 },
            { header: '签退时间', key: 'out', width: 18 },
            { header: '状态', key: 'stateLabel', width: 12 },
            { header: '服务时长（分钟）', key: 'minutes', width: 14 },
            { header: '记录来源', key: 'source', width: 10 },
          ],
          rows: r.items.map((x) => ({
            ...x,
            in: shanghaiTime(x.checkedInAt),
            out: shanghaiTime(x.checkedOutAt),
            stateLabel: checkinStateLabels[x.state as keyof typeof checkinStateLabels] ?? x.state,
            minutes: x.record?.minutes ?? '',
            source: x.record ? (x.record.source === 'backfill' ? '补录' : '扫码签到') : '',
          })),
        },
      ]);
      reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition(`签到表-${r.activity.title}.xlsx`));
      return reply.send(buf);
    },
  );

  // ---- backfills

  app.post(
    '/api/v1/activities/:id/backfills',
    {
      preHandler: requirePermission('activity.manage'),
      schema: {
        tags,
        summary: '补录服务时长（漏签退、纸质签到表），待另一人复核',
        params: idParams,
        body: backfillInput,
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createBackfill(requireActor(req), req.params.id, req.body, req.id)),
  );

  app.get(
    '/api/v1/backfills',
    {
      preHandler: reviewer,
      schema: {
        tags,
        summary: '补录列表（按权限范围）',
        querystring: z.object({
          page: pageQuery.page,
          pageSize: pageQuery.pageSize,
          state: z.enum(backfillStates, { message: '状态无效' }).optional(),
          activityId: z.string().uuid('活动编号格式不正确').optional(),
        }),
      },
    },
    async (req) => service.listBackfills(requireActor(req), req.query),
  );

  app.post(
    '/api/v1/backfills/:id/decision',
    {
      preHandler: reviewer,
      schema: { tags, summary: '复核补录（须由录入人以外的人）', params: idParams, body: reviewDecision },
    },
    async (req) => service.decideBackfill(requireActor(req), req.params.id, req.body, req.id),
  );

  // ---- service records

  app.get(
    '/api/v1/service-records',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '志愿服务记录（按权限范围）', querystring: recordQuery },
    },
    async (req) => service.listRecords(requireActor(req), req.query as RecordFilter),
  );

  app.get(
    '/api/v1/service-records/export',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '导出志愿服务记录（Excel）', querystring: recordQuery },
    },
    async (req, reply) => {
      const r = await service.exportRecords(requireActor(req), req.query as RecordFilter);
      const buf = await buildWorkbook([
        {
          name: '服务记录',
          columns: [
            { header: '志愿者编号', key: 'volunteerNumber', width: 22 },
            { header: '姓名', key: 'volunteerName', width: 12 },
            { header: '服务日期', key: 'serviceDate', width: 12 },
            { header: '开始时间', key: 'start', width: 18 },
            { header: '结束时间', key: 'end', width: 18 },
            { header: '服务地点', key: 'place', width: 24 },
            { header: '服务项目', key: 'title', width: 28 },
            { header: '服务类别', key: 'categoryLabel', width: 10 },
            { header: '服务内容', key: 'content', width: 40 },
            { header: '服务时长（分钟）', key: 'minutes', width: 14 },
            { header: '服务时长（小时）', key: 'hours', width: 14 },
            { header: '来源', key: 'sourceLabel', width: 10 },
            { header: '组织单位', key: 'organizerName', width: 28 },
            { header: '记录人', key: 'recorderName', width: 16 },
            { header: '记录时间', key: 'recorded', width: 18 },
            { header: '版本', key: 'revision', width: 6 },
          ],
          rows: r.items.map((x) => ({
            ...x,
            start: shanghaiTime(x.startedAt),
            end: shanghaiTime(x.endedAt),
            recorded: shanghaiTime(x.recordedAt),
          })),
        },
      ]);
      reply
        .header('content-type', XLSX)
        .header(
          'content-disposition',
          contentDisposition(`志愿服务记录-${todayInShanghai(deps.clock.now())}.xlsx`),
        );
      return reply.send(buf);
    },
  );

  app.get(
    '/api/v1/service-records/:id',
    {
      preHandler: requirePermission('volunteer.read'),
      schema: { tags, summary: '服务记录详情（版本历史、更正申请）', params: idParams },
    },
    async (req) => service.getRecord(requireActor(req), req.params.id),
  );

  app.get(
    '/api/v1/me/service-records',
    {
      schema: {
        tags,
        summary: '我的志愿服务记录',
        querystring: z.object({ page: pageQuery.page, pageSize: pageQuery.pageSize }),
      },
    },
    async (req) => service.myRecords(requireVolunteer(req).volunteerId, req.query),
  );

  app.get(
    '/api/v1/me/service-records/:id',
    { schema: { tags, summary: '我的服务记录详情（含更正历史）', params: idParams } },
    async (req) => service.myRecord(requireVolunteer(req).volunteerId, req.params.id),
  );

  // ---- amendments

  app.post(
    '/api/v1/me/service-records/:id/amendments',
    { schema: { tags, summary: '申请更正服务记录', params: idParams, body: amendmentInput } },
    async (req, reply) => {
      const { actor, volunteerId } = requireVolunteer(req);
      return reply
        .code(201)
        .send(await service.requestAmendment(actor, volunteerId, req.params.id, req.body, req.id));
    },
  );

  app.post(
    '/api/v1/me/amendments/:id/withdraw',
    { schema: { tags, summary: '撤回更正申请', params: idParams } },
    async (req) => {
      const { actor, volunteerId } = requireVolunteer(req);
      return service.withdrawAmendment(actor, volunteerId, req.params.id, req.id);
    },
  );

  app.get(
    '/api/v1/amendments',
    {
      preHandler: reviewer,
      schema: {
        tags,
        summary: '服务记录更正申请（按权限范围）',
        querystring: z.object({
          page: pageQuery.page,
          pageSize: pageQuery.pageSize,
          state: z.enum(amendmentStates, { message: '状态无效' }).optional(),
        }),
      },
    },
    async (req) => service.listAmendments(requireActor(req), req.query),
  );

  app.post(
    '/api/v1/amendments/:id/decision',
    {
      preHandler: reviewer,
      schema: {
        tags,
        summary: '审核更正申请（通过则生成新版本记录）',
        params: idParams,
        body: reviewDecision,
      },
    },
    async (req) => service.decideAmendment(requireActor(req), req.params.id, req.body, req.id),
  );

  // ---- deadlines and no-shows

  app.get(
    '/api/v1/service/deadlines',
    {
      preHandler: requireLogin,
      schema: { tags, summary: '服务记录完成期限提醒（活动结束后10个工作日）' },
    },
    async (req) => {
      const actor = requireActor(req);
      if (!can(actor, 'service.approve') && !can(actor, 'activity.manage'))
        return { count: 0, today: todayInShanghai(deps.clock.now()), items: [] };
      return service.deadlines(actor);
    },
  );

  app.post(
    '/api/v1/activities/:id/no-shows',
    {
      preHandler: requirePermission('activity.manage'),
      schema: { tags, summary: '标记录用后未到场（活动结束后）', params: idParams, body: noShowInput },
    },
    async (req) => service.markNoShows(requireActor(req), req.params.id, req.body.volunteerIds, req.id),
  );
};
