import { activityStatusLabels, serviceCategories, serviceCategoryLabels } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { notFound } from '../../lib/errors';
import { likePattern, pageQuery } from '../../lib/pagination';

const label = (m: Readonly<Record<string, string>>, k: string) => (Object.hasOwn(m, k) ? m[k] : k);

type PublicActivityRow = {
  id: string;
  title: string;
  content: string;
  category: string;
  place: string;
  regionCode: string;
  communityName: string | null;
  streetName: string | null;
  organizationName: string;
  startsAt: Date;
  endsAt: Date;
  wanted: number;
  signupOpensAt: Date;
  signupClosesAt: Date;
  coefficientHundredths: number;
  status: string;
  cancelReason: string | null;
  approved: number;
};

const cols = `a.id, a.title, a.content, a.category, a.place, a.region_code as "regionCode", rc.name as "communityName",
  rs.name as "streetName", o.name as "organizationName", a.starts_at as "startsAt", a.ends_at as "endsAt", a.wanted,
  a.signup_opens_at as "signupOpensAt", a.signup_closes_at as "signupClosesAt",
  a.coefficient_hundredths as "coefficientHundredths", a.status, a.cancel_reason as "cancelReason",
  (select count(*)::int from activity_signups s where s.activity_id = a.id and s.state = 'approved') as approved`;
const joins = `from service_activities a
  join organizations o on o.id = a.organization_id
  left join regions rc on rc.code = a.region_code
  left join regions rs on rs.code = (substr(a.region_code, 1, 9) || '000')::char(12)`;

/** What a resident reads: the activity and how many places are left – never who signed up. */
const disclose = (r: PublicActivityRow, now: Date) => {
  const { coefficientHundredths, approved, ...rest } = r;
  return {
    ...rest,
    categoryLabel: label(serviceCategoryLabels, r.category),
    statusLabel: label(activityStatusLabels, r.status),
    coefficient: coefficientHundredths / 100,
    approvedCount: approved,
    seatsLeft: Math.max(0, r.wanted - approved),
    signupOpen:
      r.status === 'published' &&
      now >= new Date(r.signupOpensAt) &&
      now <= new Date(r.signupClosesAt) &&
      approved < r.wanted,
  };
};

/** Published activities for the resident and volunteer H5 pages (no login). */
export const publicActivityRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { database, clock }) => {
  const tags = ['public'];

  app.get(
    '/api/v1/public/activities',
    {
      schema: {
        tags,
        summary: '可报名的志愿服务活动（已发布、尚未结束）',
        security: [],
        querystring: z.object({
          ...pageQuery,
          category: z.enum(serviceCategories, { message: '服务类别无效' }).optional(),
          streetCode: z
            .string()
            .regex(/^\d{9}$|^\d{12}$/, '街道代码应为 9 或 12 位数字')
            .optional(),
          regionCode: z
            .string()
            .regex(/^\d{12}$/, '社区代码应为 12 位数字')
            .optional(),
        }),
      },
    },
    async (req) => {
      const { q, category, streetCode, regionCode, page, pageSize } = req.query;
      const now = clock.now();
      const params: unknown[] = [now];
      const where = [`a.status = 'published'`, 'a.ends_at > $1'];
      if (q) {
        params.push(likePattern(q));
        where.push(`a.title like $${params.length}`);
      }
      if (category) {
        params.push(category);
        where.push(`a.category = $${params.length}`);
      }
      if (streetCode) {
        params.push(`${streetCode.slice(0, 9)}000`, `${streetCode.slice(0, 9)}999`);
        where.push(`a.region_code between $${params.length - 1} and $${params.length}`);
      }
      if (regionCode) {
        params.push(regionCode);
        where.push(`a.region_code = $${params.length}`);
      }
      params.push(pageSize, (page - 1) * pageSize);
      const rows = await database.query<PublicActivityRow & { total: number }>(
        `select ${cols}, count(*) over()::int as total ${joins} where ${where.join(' and ')}
          order by a.starts_at, a.id limit $${params.length - 1} offset $${params.length}`,
        params,
      );
      return {
        items: rows.map(({ total: _t, ...r }) => disclose(r, now)),
        total: rows[0]?.total ?? 0,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/v1/public/activities/:id',
    {
      schema: {
        tags,
        summary: '活动公开信息',
        security: [],
        params: z.object({ id: z.string().uuid('编号格式不正确') }),
      },
    },
    async (req) => {
      const [row] = await database.query<PublicActivityRow>(
        `select ${cols} ${joins} where a.id = $1 and a.status <> 'draft'`,
        [req.params.id],
      );
      if (!row) throw notFound('活动');
      return disclose(row, clock.now());
    },
  );
};
