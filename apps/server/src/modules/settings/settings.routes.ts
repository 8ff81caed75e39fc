import { type Permission, rolePermissions } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { notFound, staleVersion, unprocessable } from '../../lib/errors';
import { requireActor, requireLogin, requirePermission } from '../../lib/http';
import { type CategoryRow, createSettingsRepo, type SchemeWithCategories } from './categories.repo';

const categoryView = z.object({
  code: z.string(),
  name: z.string(),
  required: z.boolean(),
  distinctive: z.boolean(),
  sort: z.number(),
  active: z.boolean(),
});
const schemeView = z.object({
  code: z.string(),
  name: z.string(),
  fivePlusX: z.boolean(),
  active: z.boolean(),
  version: z.number(),
  categories: z.array(categoryView),
});
const activeView = z.object({
  scheme: z.object({ code: z.string(), name: z.string(), fivePlusX: z.boolean() }),
  categories: z.array(categoryView),
});
const targetsView = z.object({
  urban: z.number(),
  rural: z.number(),
  hubStreetRatio: z.number(),
  version: z.number(),
});

const count = (label: string) =>
  z
    .number({ message: `请填写${label}` })
    .int(`${label}须为整数`)
    .min(0, `${label}不能小于 0`)
    .max(1000, `${label}不能大于 1000`);

const targetsBody = z.object({
  urban: count('城镇社区目标'),
  rural: count('农村社区目标'),
  hubStreetRatio: z
    .number({ message: '请填写枢纽型组织街道覆盖率' })
    .min(0, '覆盖率不能小于 0')
    .max(1, '覆盖率不能大于 1（100%）'),
  version: z.number({ message: '缺少版本号' }).int().min(0),
});

const categoryInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[a-z0-9_]{1,40}$/, '编码为 1–40 位小写字母、数字或下划线'),
  name: z.string().trim().min(1, '请填写类别名称').max(20, '类别名称不超过 20 字'),
  required: z.boolean().optional().default(false),
  distinctive: z.boolean().optional().default(false),
  sort: z.number().int().min(0).max(9999).optional(),
  active: z.boolean().optional().default(true),
});

const schemeBody = z.object({
  name: z.string().trim().min(1, '请填写方案名称').max(50, '方案名称不超过 50 字'),
  fivePlusX: z.boolean({ message: '请选择是否适用“5+X”规则' }),
  categories: z.array(categoryInput).min(1, '至少保留一个类别').max(50, '类别不超过 50 个'),
  version: z.number({ message: '缺少版本号' }).int().min(1),
});

const schemeSnapshot = (s: Pick<SchemeWithCategories, 'name' | 'fivePlusX' | 'categories'>) => ({
  name: s.name,
  fivePlusX: s.fivePlusX,
  categories: s.categories,
});

/** Rules a scheme must meet (422 with the offending fields). */
function validateScheme(body: z.infer<typeof schemeBody>, categories: CategoryRow[]) {
  const fields: Record<string, string> = {};
  const codes = new Set<string>();
  const names = new Set<string>();
  categories.forEach((c, i) => {
    if (codes.has(c.code)) fields[`categories.${i}.code`] = '类别编码重复';
    if (names.has(c.name)) fields[`categories.${i}.name`] = '类别名称重复';
    if (c.required && c.distinctive) fields[`categories.${i}.distinctive`] = '必备类和特色类不能同时选择';
    codes.add(c.code);
    names.add(c.name);
  });
  const active = categories.filter((c) => c.active);
  if (!active.length) fields.categories = '至少保留一个启用的类别';
  if (body.fivePlusX && !active.some((c) => c.distinctive))
    fields.fivePlusX = '“5+X”方案须至少有一个启用的特色类';
  if (body.fivePlusX && !active.some((c) => c.required))
    fields.fivePlusX = '“5+X”方案须至少有一个启用的必备类';
  const first = Object.values(fields)[0];
  if (first) throw unprocessable(first, fields);
}

/** Audit entries of a setting change sit at the region of the grant that allowed it (admin: none). */
export const settingAuditRegion = (actor: Actor, p: Permission) =>
  actor.grants.some((g) => g.role === 'admin')
    ? null
    : (actor.grants.find((g) => g.regionCode && rolePermissions[g.role].includes(p))?.regionCode ?? null);

/** Category schemes and coverage targets: configuration, read by everyone, changed by the city or admin. */
export const settingsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const { database, audit } = deps;
  const repo = createSettingsRepo(database);
  const tags = ['settings'];

  const activeCategories = async () => {
    const s = await repo.activeScheme();
    return { scheme: { code: s.code, name: s.name, fivePlusX: s.fivePlusX }, categories: s.categories };
  };

  app.get(
    '/api/v1/categories',
    {
      preHandler: requireLogin,
      schema: { tags, summary: '当前分类方案及类别', response: { 200: activeView } },
    },
    activeCategories,
  );

  app.get(
    '/api/v1/category-schemes',
    {
      preHandler: requireLogin,
      schema: {
        tags,
        summary: '全部分类方案',
        response: { 200: z.object({ items: z.array(schemeView) }) },
      },
    },
    async () => ({ items: await repo.listSchemes() }),
  );

  app.put(
    '/api/v1/settings/category-scheme',
    {
      preHandler: requirePermission('categories.manage'),
      schema: {
        tags,
        summary: '切换当前分类方案',
        body: z.object({
          code: z.string().trim().min(1, '请选择分类方案').max(40),
          version: z.number().int().min(0).optional(),
        }),
        response: { 200: activeView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      await database.db.transaction(async (tx) => {
        const target = await repo.scheme(req.body.code);
        if (!target) throw unprocessable('分类方案不存在', { code: '分类方案不存在' });
        const current = await repo.setting<string>('category_scheme');
        const version = current?.version ?? 0;
        if (req.body.version !== undefined && req.body.version !== version) throw staleVersion();
        if (current?.value === target.code) return;
        const next = await repo.putSetting('category_scheme', target.code, version, deps.clock.now());
        if (next === null) throw staleVersion();
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'setting.category_scheme',
          entity: ['setting', 'category_scheme'],
          regionCode: settingAuditRegion(actor, 'categories.manage'),
          before: { code: current?.value ?? null },
          after: { code: target.code },
        });
      });
      return activeCategories();
    },
  );

  app.put(
    '/api/v1/category-schemes/:code',
    {
      preHandler: requirePermission('categories.manage'),
      schema: {
        tags,
        summary: '修改分类方案（名称、5+X、类别：新增、改名、停用）',
        params: z.object({ code: z.string().max(40) }),
        body: schemeBody,
        response: { 200: schemeView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const { code } = req.params;
      const body = req.body;
      await database.db.transaction(async (tx) => {
        const before = await repo.scheme(code, true);
        if (!before) throw notFound('分类方案');
        if (before.version !== body.version) throw staleVersion();
        const categories: CategoryRow[] = body.categories.map((c, i) => ({ ...c, sort: c.sort ?? i + 1 }));
        validateScheme(body, categories);
        const kept = new Set(categories.map((c) => c.code));
        const removed = before.categories.filter((c) => !kept.has(c.code));
        const used = new Set(
          await repo.categoriesInUse(
            code,
            removed.map((c) => c.code),
          ),
        );
        const blocked = removed.filter((c) => used.has(c.code));
        if (blocked.length) {
          const names = blocked.map((c) => `「${c.name}」`).join('、');
          throw unprocessable(`类别${names}已有组织或申请使用，不能删除，可改为停用`, {
            categories: `类别${names}已有组织或申请使用，不能删除`,
          });
        }
        const ok = await repo.saveScheme(code, body.version, {
          name: body.name,
          fivePlusX: body.fivePlusX,
          categories,
          remove: removed.map((c) => c.code),
        });
        if (!ok) throw staleVersion();
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'category_scheme.updated',
          entity: ['category_scheme', code],
          regionCode: settingAuditRegion(actor, 'categories.manage'),
          before: schemeSnapshot(before),
          after: schemeSnapshot({ ...body, categories }),
        });
      });
      return (await repo.scheme(code))!;
    },
  );

  app.get(
    '/api/v1/settings/coverage-targets',
    {
      preHandler: requireLogin,
      schema: { tags, summary: '覆盖目标', response: { 200: targetsView } },
    },
    async () => repo.targets(),
  );

  app.put(
    '/api/v1/settings/coverage-targets',
    {
      preHandler: requirePermission('targets.manage'),
      schema: { tags, summary: '修改覆盖目标', body: targetsBody, response: { 200: targetsView } },
    },
    async (req) => {
      const actor = requireActor(req);
      const { version, ...value } = req.body;
      await database.db.transaction(async (tx) => {
        const before = await repo.targets();
        if (before.version !== version) throw staleVersion();
        const next = await repo.putSetting('coverage_targets', value, version, deps.clock.now());
        if (next === null) throw staleVersion();
        const { version: _v, ...old } = before;
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'setting.coverage_targets',
          entity: ['setting', 'coverage_targets'],
          regionCode: settingAuditRegion(actor, 'targets.manage'),
          before: old,
          after: value,
        });
      });
      return repo.targets();
    },
  );
};
