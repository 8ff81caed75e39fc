import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { dormantCases, organizations } from '../../db/schema';
import { scopeWhere } from '../../lib/authz/scope';
import { requireActor, requirePermission } from '../../lib/http';
import { likePattern, pageQuery } from '../../lib/pagination';

const statusLabels: Record<string, string> = {
  warned: '已警示',
  proposed: '已提出退出建议',
  cleared: '已解除',
};
const signLabels: Record<string, string> = {
  activity: '活动记录',
  annual_report: '年度报告',
  live_since: '备案或登记',
};

/** Dormant-organization cases (长期未活动组织): warnings, exit proposals to the street, cleared cases. */
export const dormantRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { database }) => {
  const db = database.db;
  app.get(
    '/api/v1/dormant-cases',
    {
      preHandler: requirePermission('supervision.read'),
      schema: {
        tags: ['dormant'],
        summary: '长期未活动组织：警示与退出建议',
        querystring: z.object({
          ...pageQuery,
          status: z.enum(['warned', 'proposed', 'cleared'], { message: '状态无效' }).optional(),
          organizationId: z.string().uuid('组织编号格式不正确').optional(),
        }),
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const f = req.query;
      const conds: SQL[] = [
        scopeWhere(actor, { region: organizations.regionCode, org: organizations.id }, 'supervision.read'),
      ];
      if (f.status) conds.push(eq(dormantCases.status, f.status));
      if (f.organizationId) conds.push(eq(dormantCases.organizationId, f.organizationId));
      if (f.q) conds.push(sql`${organizations.name} like ${likePattern(f.q)}`);
      const where = and(...conds);
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(dormantCases)
        .innerJoin(organizations, eq(organizations.id, dormantCases.organizationId))
        .where(where);
      const rows = await db
        .select({ c: dormantCases, name: organizations.name, tier: organizations.tier })
        .from(dormantCases)
        .innerJoin(organizations, eq(organizations.id, dormantCases.organizationId))
        .where(where)
        .orderBy(desc(dormantCases.warnedOn), desc(dormantCases.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      return {
        items: rows.map(({ c, name, tier }) => ({
          ...c,
          organizationName: name,
          tier,
          statusLabel: statusLabels[c.status] ?? c.status,
          lastSignLabel: signLabels[c.lastSign] ?? c.lastSign,
        })),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },
  );
};
