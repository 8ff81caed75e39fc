import { ledgerActivityInput, maskPhone, memberInput, memberPatch } from '@linli/core';
import { and, asc, desc, eq, isNull, like, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import type { DbOrTx } from '../../db/client';
import { ledgerActivities, organizationMembers } from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can } from '../../lib/authz/scope';
import { buildWorkbook, readFirstSheet, SpreadsheetError } from '../../lib/documents/excel';
import { badRequest, forbidden, notFound, staleVersion, unprocessable } from '../../lib/errors';
import { contentDisposition, requireActor, requireLogin } from '../../lib/http';
import { likePattern, pageQuery } from '../../lib/pagination';
import { createSettingsRepo } from '../settings/categories.repo';
import { idParams } from './organizations.routes';
import { createOrganizationService, type OrgRow } from './organizations.service';

const memberParams = idParams.extend({ memberId: z.string().uuid('编号格式不正确') });
const MEMBER_HEADERS = ['姓名', '角色', '手机号', '加入日期'];

/** Member roster and the activity-group ledger of one organization. */
export const memberRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { database, pii, audit, clock } = deps;
  const db = database.db;
  const orgs = createOrganizationService({ ...deps, settings: createSettingsRepo(database) });
  const tags = ['members'];

  async function orgFor(
    tx: DbOrTx,
    actor: Actor,
    id: string,
    permission: 'org.members.manage' | 'ledger.manage' | null,
  ) {
    const o = await orgs.getScoped(tx, actor, id);
    if (permission && !can(actor, permission, { regionCode: o.regionCode, organizationId: o.id }))
      throw forbidden();
    if (permission && o.status === 'exited') throw unprocessable('已退出的组织不能修改');
    return o;
  }

  /** Member count on the organization follows the roster (no revision: it is derived). */
  async function syncCount(tx: DbOrTx, o: OrgRow) {
    await tx.execute(
      sql`update organizations set member_count = (select count(*) from organization_members where organization_id = ${o.id} and left_on is null) where id = ${o.id}`,
    );
  }

  const memberRow = (
    pii: AppDeps['pii'],
    orgId: string,
    m: { name: string; role: string; phone?: string; joinedOn?: string },
  ) => ({
    organizationId: orgId,
    name: m.name,
    role: m.role,
    phoneEnc: m.phone ? pii.encrypt(m.phone) : null,
    phoneMasked: m.phone ? maskPhone(m.phone) : null,
    joinedOn: m.joinedOn ?? null,
  });

  const present = (m: typeof organizationMembers.$inferSelect) => ({
    id: m.id,
    name: m.name,
    role: m.role,
    phoneMasked: m.phoneMasked,
    joinedOn: m.joinedOn,
    leftOn: m.leftOn,
    version: m.version,
  });

  type MemberRow = typeof organizationMembers.$inferSelect;
  /** Load a member for update (version-checked), apply `changes`, keep the count and write the audit entry. */
  async function changeMember(
    actor: Actor,
    orgId: string,
    memberId: string,
    version: number,
    action: string,
    changes: (before: MemberRow) => Partial<typeof organizationMembers.$inferInsert>,
  ) {
    return db.transaction(async (tx) => {
      const o = await orgFor(tx, actor, orgId, 'org.members.manage');
      const [before] = await tx
        .select()
        .from(organizationMembers)
        .where(and(eq(organizationMembers.id, memberId), eq(organizationMembers.organizationId, o.id)))
        .for('update');
      if (!before) throw notFound('成员');
      if (before.version !== version) throw staleVersion();
      const after = await updateVersioned(tx, organizationMembers, before, changes(before));
      await syncCount(tx, o);
      await audit.record(tx, {
        actor: auditActor(actor),
        action,
        entity: ['organization', o.id],
        regionCode: o.regionCode,
        before: present(before),
        after: present(after),
      });
      return present(after);
    });
  }

  app.get(
    '/api/v1/organizations/:id/members',
    {
      preHandler: requireLogin,
      schema: {
        tags,
        summary: '成员名册',
        params: idParams,
        querystring: z.object({ ...pageQuery, current: z.enum(['true', 'false']).optional() }),
      },
    },
    async (req) => {
      const o = await orgFor(db, requireActor(req), req.params.id, null);
      const where = and(
        eq(organizationMembers.organizationId, o.id),
        req.query.q ? like(organizationMembers.name, likePattern(req.query.q)) : undefined,
        req.query.current === 'true' ? isNull(organizationMembers.leftOn) : undefined,
      );
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(organizationMembers)
        .where(where);
      const rows = await db
        .select()
        .from(organizationMembers)
        .where(where)
        .orderBy(asc(organizationMembers.leftOn), asc(organizationMembers.createdAt))
        .limit(req.query.pageSize)
        .offset((req.query.page - 1) * req.query.pageSize);
      return { items: rows.map(present), total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    '/api/v1/organizations/:id/members',
    { preHandler: requireLogin, schema: { tags, summary: '添加成员', params: idParams, body: memberInput } },
    async (req, reply) => {
      const actor = requireActor(req);
      const m = await db.transaction(async (tx) => {
        const o = await orgFor(tx, actor, req.params.id, 'org.members.manage');
        const [row] = await tx
          .insert(organizationMembers)
          .values(memberRow(pii, o.id, req.body))
          .returning();
        await syncCount(tx, o);
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'member.added',
          entity: ['organization', o.id],
          regionCode: o.regionCode,
          after: present(row),
        });
        return row;
      });
      return reply.code(201).send(present(m));
    },
  );

  app.patch(
    '/api/v1/organizations/:id/members/:memberId',
    {
      preHandler: requireLogin,
      schema: { tags, summary: '修改成员', params: memberParams, body: memberPatch },
    },
    async (req) => {
      const { version, phone, ...rest } = req.body;
      return changeMember(
        requireActor(req),
        req.params.id,
        req.params.memberId,
        version,
        'member.updated',
        () => {
          const set: Partial<typeof organizationMembers.$inferInsert> = {};
          for (const [k, v] of Object.entries(rest))
            if (v !== undefined) (set as Record<string, unknown>)[k] = v;
          if (phone) Object.assign(set, { phoneEnc: pii.encrypt(phone), phoneMasked: maskPhone(phone) });
          return set;
        },
      );
    },
  );

  app.post(
    '/api/v1/organizations/:id/members/:memberId/leave',
    {
      preHandler: requireLogin,
      schema: {
        tags,
        summary: '成员退出（保留记录）',
        params: memberParams,
        body: z.object({
          leftOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'),
          version: z.number().int(),
        }),
      },
    },
    async (req) =>
      changeMember(
        requireActor(req),
        req.params.id,
        req.params.memberId,
        req.body.version,
        'member.left',
        (before) => {
          if (before.leftOn) throw unprocessable('该成员已退出');
          if (before.joinedOn && req.body.leftOn < before.joinedOn)
            throw unprocessable('退出日期不能早于加入日期', { leftOn: '退出日期不能早于加入日期' });
          return { leftOn: req.body.leftOn };
        },
      ),
  );

  app.get(
    '/api/v1/organizations/:id/members/template',
    { preHandler: requireLogin, schema: { tags, summary: '成员名册导入模板', params: idParams } },
    async (req, reply) => {
      await orgFor(db, requireActor(req), req.params.id, null);
      const buf = await buildWorkbook([
        {
          name: '成员名册',
          columns: MEMBER_HEADERS.map((h, i) => ({ header: h, key: String(i), width: i === 2 ? 16 : 14 })),
          rows: [{ 0: '示例：张三', 1: '成员', 2: '13800138000', 3: '2024-01-01' }],
        },
      ]);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition('成员名册导入模板.xlsx'));
      return reply.send(buf);
    },
  );

  app.post(
    '/api/v1/organizations/:id/members/import',
    {
      preHandler: requireLogin,
      schema: {
        tags,
        summary: '从 Excel 导入成员（全部通过才写入）',
        params: idParams,
        querystring: z.object({ dryRun: z.enum(['true', 'false']).default('true') }),
        consumes: ['multipart/form-data'],
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const o = await orgFor(db, actor, req.params.id, 'org.members.manage');
      if (!req.isMultipart()) throw badRequest('请上传 Excel 文件', { file: '缺少文件' });
      const file = await req.file();
      if (!file) throw badRequest('请上传 Excel 文件', { file: '缺少文件' });
      let sheet: Awaited<ReturnType<typeof readFirstSheet>>;
      try {
        sheet = await readFirstSheet(await file.toBuffer());
      } catch (e) {
        if (e instanceof SpreadsheetError) throw unprocessable(e.message, { file: e.message });
        throw e;
      }
      const errors: { row: number; column: string; message: string }[] = [];
      const missing = MEMBER_HEADERS.filter((h) => !sheet.headers.includes(h));
      if (missing.length) errors.push({ row: 1, column: '', message: `缺少列：${missing.join('、')}` });
      const rows: { name: string; role: string; phone?: string; joinedOn?: string }[] = [];
      for (const r of missing.length ? [] : sheet.rows) {
        const v = r.values;
        if (v.姓名?.startsWith('示例')) continue;
        const parsed = memberInput.safeParse({
          name: v.姓名,
          role: v.角色 || undefined,
          phone: v.手机号 || undefined,
          joinedOn: v.加入日期 || undefined,
        });
        if (!parsed.success) {
          const col: Record<string, string> = {
            name: '姓名',
            role: '角色',
            phone: '手机号',
            joinedOn: '加入日期',
          };
          for (const i of parsed.error.issues)
            errors.push({ row: r.rowNumber, column: col[String(i.path[0])] ?? '', message: i.message });
        } else rows.push(parsed.data);
      }
      if (rows.length > 2000) errors.push({ row: 1, column: '', message: '一次最多导入 2000 名成员' });
      const summary = {
        total: rows.length + new Set(errors.map((e) => e.row)).size,
        valid: rows.length,
        errors,
        committed: false,
        created: 0,
      };
      if (req.query.dryRun === 'true' || errors.length || rows.length === 0) {
        if (req.query.dryRun === 'false' && errors.length)
          throw unprocessable(`文件中有 ${errors.length} 处错误，未导入任何数据`, { file: '存在错误' });
        return summary;
      }
      await db.transaction(async (tx) => {
        await tx.insert(organizationMembers).values(rows.map((m) => memberRow(pii, o.id, m)));
        await syncCount(tx, o);
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'member.imported',
          entity: ['organization', o.id],
          regionCode: o.regionCode,
          after: { count: rows.length },
        });
      });
      return { ...summary, committed: true, created: rows.length };
    },
  );

  app.get(
    '/api/v1/organizations/:id/ledger-activities',
    {
      preHandler: requireLogin,
      schema: {
        tags: ['ledger'],
        summary: '活动台账（主要活动）',
        params: idParams,
        querystring: z.object(pageQuery),
      },
    },
    async (req) => {
      const o = await orgFor(db, requireActor(req), req.params.id, null);
      const where = eq(ledgerActivities.organizationId, o.id);
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(ledgerActivities)
        .where(where);
      const items = await db
        .select()
        .from(ledgerActivities)
        .where(where)
        .orderBy(desc(ledgerActivities.heldOn))
        .limit(req.query.pageSize)
        .offset((req.query.page - 1) * req.query.pageSize);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    '/api/v1/organizations/:id/ledger-activities',
    {
      preHandler: requireLogin,
      schema: { tags: ['ledger'], summary: '记录主要活动', params: idParams, body: ledgerActivityInput },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const row = await db.transaction(async (tx) => {
        const o = await orgFor(tx, actor, req.params.id, 'ledger.manage');
        const [r] = await tx
          .insert(ledgerActivities)
          .values({ ...req.body, organizationId: o.id, recordedBy: actor.id, createdAt: clock.now() })
          .returning();
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'ledger.activity_recorded',
          entity: ['organization', o.id],
          regionCode: o.regionCode,
          after: r,
        });
        return r;
      });
      return reply.code(201).send(row);
    },
  );
};
