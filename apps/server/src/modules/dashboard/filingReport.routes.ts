import { isDivisionCode, orgStatusLabels, prefixRange, regionLevel, yearInShanghai } from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { can } from '../../lib/authz/scope';
import { buildWorkbook } from '../../lib/documents/excel';
import { notFound } from '../../lib/errors';
import { contentDisposition, requireActor, requirePermission } from '../../lib/http';

type StreetRow = { code: string; name: string; filedInYear: number; exitedInYear: number; liveFiled: number };
type FiledRow = {
  streetName: string;
  communityName: string;
  name: string;
  categoryName: string | null;
  filingNumber: string | null;
  filedOn: string;
  leaderName: string;
  status: string;
};

/**
 * The yearly filing report a street sends up to the district (备案情况年度报送): per street, how many
 * organizations were filed and exited in the year and how many filed ones are live, plus the roster of the year's filings.
 */
export const filingReportRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { database, clock }) => {
  app.get(
    '/api/v1/reports/filings',
    {
      preHandler: requirePermission('dashboard.read'),
      schema: {
        tags: ['dashboard'],
        summary: '年度备案情况报送（Excel）',
        querystring: z.object({
          year: z.coerce.number().int().min(2000, '年份无效').max(2100, '年份无效').optional(),
          regionCode: z
            .string()
            .refine((c) => /^\d{12}$/.test(c) && isDivisionCode(c), '行政区划代码应为 12 位数字'),
        }),
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const { regionCode } = req.query;
      const year = req.query.year ?? yearInShanghai(clock.now());
      if (regionLevel(regionCode) > 4 || !can(actor, 'dashboard.read', { regionCode }))
        throw notFound('行政区划');
      const [region] = await database.query<{ name: string }>('select name from regions where code = $1', [
        regionCode,
      ]);
      if (!region) throw notFound('行政区划');
      const [lo, hi] = prefixRange(regionCode);
      const from = `${year}-01-01`;
      const to = `${year}-12-31`;
      const streets = await database.query<StreetRow>(
        `select r.code, r.name,
                count(o.id) filter (where o.filed_on between $3 and $4)::int as "filedInYear",
                count(o.id) filter (where o.tier = 'filed' and o.exited_on between $3 and $4)::int as "exitedInYear",
                count(o.id) filter (where o.tier = 'filed' and o.status <> 'exited')::int as "liveFiled"
           from regions r left join organizations o on o.street_code = substr(r.code, 1, 9)
          where r.level = 4 and r.code between $1 and $2
          group by r.code, r.name order by r.code`,
        [lo, hi, from, to],
      );
      const filed = await database.query<FiledRow>(
        `select rs.name as "streetName", rc.name as "communityName", o.name, c.name as "categoryName", o.filing_number as "filingNumber",
                to_char(o.filed_on, 'YYYY-MM-DD') as "filedOn", o.leader_name as "leaderName", o.status
           from organizations o
           left join regions rc on rc.code = o.region_code
           left join regions rs on rs.code = (o.street_code || '000')::char(12)
           left join categories c on c.scheme_code = o.category_scheme and c.code = o.category
          where o.region_code between $1 and $2 and o.filed_on between $3 and $4
          order by o.filing_number`,
        [lo, hi, from, to],
      );
      const buf = await buildWorkbook([
        {
          name: '汇总',
          columns: [
            { header: '街道', key: 'name', width: 18 },
            { header: '区划代码', key: 'code', width: 15 },
            { header: `${year}年新备案`, key: 'filedInYear', width: 12 },
            { header: `${year}年退出`, key: 'exitedInYear', width: 12 },
            { header: '现有备案类组织', key: 'liveFiled', width: 14 },
          ],
          rows: streets,
        },
        {
          name: `${year}年备案名录`,
          columns: [
            { header: '备案编号', key: 'filingNumber', width: 24 },
            { header: '组织名称', key: 'name', width: 30 },
            { header: '类别', key: 'categoryName', width: 12 },
            { header: '所属街道', key: 'streetName', width: 16 },
            { header: '所属社区', key: 'communityName', width: 20 },
            { header: '负责人', key: 'leaderName', width: 10 },
            { header: '备案日期', key: 'filedOn', width: 12 },
            { header: '当前状态', key: 'statusLabel', width: 10 },
          ],
          rows: filed.map((f) => ({
            ...f,
            statusLabel: orgStatusLabels[f.status as keyof typeof orgStatusLabels] ?? f.status,
          })),
        },
      ]);
      reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(`${region.name}${year}年度备案情况.xlsx`));
      return reply.send(buf);
    },
  );
};
