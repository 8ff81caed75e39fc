import {
  annualReportResultLabels,
  type CreditListCause,
  causeRules,
  creditListLabels,
  maskName,
  orgStatusLabels,
  tierLabels,
  todayInShanghai,
} from '@linli/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../app';
import { notFound } from '../../lib/errors';
import { likePattern, pageQuery } from '../../lib/pagination';
import { createCertificateRepo } from '../certificates/certificates.repo';
import { certNumberParams } from '../certificates/certificates.routes';
import { createSettingsRepo } from '../settings/categories.repo';

const PUBLIC_WHERE = `o.tier in ('filed','registered') and o.status <> 'exited'`;
const label = (m: Readonly<Record<string, string>>, k: string) => (Object.hasOwn(m, k) ? m[k] : k);

type PublicRow = {
  id: string;
  name: string;
  tier: string;
  categoryName: string | null;
  streetName: string | null;
  communityName: string | null;
  leaderName: string;
  businessScope: string;
  venue: string;
  filingNumber: string | null;
  uscc: string | null;
  foundedOn: string | null;
  filedOn: string | null;
  registeredOn: string | null;
  status: string;
  /** the credit list it is on today: serious, abnormal or null */
  creditList: string | null;
};

/** The list an organization is on on $1 (serious before abnormal). */
const creditListCol = (
  day: string,
) => `(select l.list from credit_listings l where l.organization_id = o.id and not l.voided
    and l.entered_on <= ${day}::date and (l.left_on is null or l.left_on > ${day}::date)
    order by (l.list = 'serious') desc limit 1) as "creditList"`;

const cols = `o.id, o.name, o.tier, c.name as "categoryName", rs.name as "streetName", rc.name as "communityName", o.leader_name as "leaderName",
  o.business_scope as "businessScope", o.venue, o.filing_number as "filingNumber", o.uscc, to_char(o.founded_on, 'YYYY-MM-DD') as "foundedOn",
  to_char(o.filed_on, 'YYYY-MM-DD') as "filedOn", to_char(o.registered_on, 'YYYY-MM-DD') as "registeredOn", o.status`;
const joins = `from organizations o
  left join categories c on c.scheme_code = o.category_scheme and c.code = o.category
  left join regions rc on rc.code = o.region_code
  left join regions rs on rs.code = (o.street_code || '000')::char(12)`;

/** Disclosed particulars only: the leader's name masked, no ID numbers or phones. */
const disclose = ({ leaderName, status, creditList, ...r }: PublicRow) => ({
  ...r,
  tierLabel: label(tierLabels, r.tier),
  leaderNameMasked: maskName(leaderName),
  status,
  statusLabel: label(orgStatusLabels, status),
  creditList,
  creditListLabel: creditList ? label(creditListLabels, creditList) : null,
});

/** Pages for the public: no login, read-only, disclosed data only. */
export const publicRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, { database, clock }) => {
  const certs = createCertificateRepo(database);
  const settings = createSettingsRepo(database);
  const tags = ['public'];

  app.get(
    '/api/v1/public/organizations',
    {
      schema: {
        tags,
        summary: '公开名录（备案类和登记类组织）',
        security: [],
        querystring: z.object({
          ...pageQuery,
          category: z.string().max(40).optional(),
          streetCode: z
            .string()
            .regex(/^\d{9}$|^\d{12}$/, '街道代码应为 9 或 12 位数字')
            .optional(),
        }),
      },
    },
    async (req) => {
      const { q, category, streetCode, page, pageSize } = req.query;
      const params: unknown[] = [];
      const where = [PUBLIC_WHERE];
      if (q) {
        params.push(likePattern(q));
        where.push(`o.name like $${params.length}`);
      }
      if (category) {
        params.push(category);
        where.push(`o.category = $${params.length}`);
      }
      if (streetCode) {
        params.push(streetCode.slice(0, 9));
        where.push(`o.street_code = $${params.length}`);
      }
      params.push(todayInShanghai(clock.now()));
      const day = `$${params.length}`;
      params.push(pageSize, (page - 1) * pageSize);
      const rows = await database.query<PublicRow & { total: number }>(
        `select ${cols}, ${creditListCol(day)}, count(*) over()::int as total ${joins} where ${where.join(' and ')}
          order by o.street_code, o.name limit $${params.length - 1} offset $${params.length}`,
        params,
      );
      return {
        items: rows.map(({ total: _t, ...r }) => disclose(r)),
        total: rows[0]?.total ?? 0,
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/v1/public/organizations/:id',
    {
      schema: {
        tags,
        summary: '组织公开信息',
        security: [],
        params: z.object({ id: z.string().uuid('编号格式不正确') }),
      },
    },
    async (req) => {
      const today = todayInShanghai(clock.now());
      const [row] = await database.query<PublicRow & { certificateNumber: string | null }>(
        `select ${cols}, ${creditListCol('$2')}, (select number from certificates where organization_id = o.id and revoked_at is null order by created_at desc limit 1) as "certificateNumber"
           ${joins} where o.id = $1 and ${PUBLIC_WHERE}`,
        [req.params.id, today],
      );
      if (!row) throw notFound('组织');
      // disclosed: annual-report results once decided, and the listings in force today
      const reports = await database.query<{ year: number; status: string; reviewedOn: string }>(
        `select report_year as year, status, to_char((reviewed_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as "reviewedOn"
           from annual_reports where organization_id = $1 and status in ('pass', 'basic_pass', 'fail')
          order by report_year desc limit 5`,
        [row.id],
      );
      const listings = await database.query<{
        list: string;
        cause: string;
        basis: string;
        enteredOn: string;
      }>(
        `select list, cause, basis, to_char(entered_on, 'YYYY-MM-DD') as "enteredOn" from credit_listings
          where organization_id = $1 and not voided and entered_on <= $2::date and (left_on is null or left_on > $2::date)
          order by entered_on`,
        [row.id, today],
      );
      return {
        ...disclose(row),
        annualReports: reports.map((r) => ({
          ...r,
          resultLabel: label(annualReportResultLabels, r.status),
        })),
        creditListings: listings.map((l) => ({
          listLabel: label(creditListLabels, l.list),
          causeLabel: causeRules[l.cause as CreditListCause]?.label ?? l.cause,
          basis: l.basis,
          enteredOn: l.enteredOn,
        })),
      };
    },
  );

  app.get(
    '/api/v1/public/certificates/:number',
    { schema: { tags, summary: '证书核验', security: [], params: certNumberParams } },
    async (req) => {
      const c = await certs.get(req.params.number);
      if (!c) throw notFound('证书');
      const valid = !c.revokedAt && c.orgStatus !== 'exited';
      return {
        number: c.number,
        valid,
        status: valid ? 'valid' : 'revoked',
        revokeReason: c.revokeReason,
        issuedOn: c.issuedOn,
        issuerName: c.issuerName,
        particulars: { ...c.particulars, tierLabel: label(tierLabels, c.particulars.tier ?? 'filed') },
        organization: {
          id: c.organizationId,
          status: c.orgStatus,
          statusLabel: label(orgStatusLabels, c.orgStatus),
        },
      };
    },
  );

  app.get(
    '/api/v1/public/regions/:code/children',
    {
      schema: {
        tags,
        summary: '下级区划（区县下的街道、街道下的社区；供居民注册时选择）',
        security: [],
        params: z.object({ code: z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字') }),
      },
    },
    async (req) => {
      const [node] = await database.query<{ level: number }>('select level from regions where code = $1', [
        req.params.code,
      ]);
      // only the district → street → community steps a resident needs
      if (!node || node.level < 3 || node.level > 4) throw notFound('行政区划');
      const items = await database.query<{
        code: string;
        name: string;
        level: number;
        areaType: string | null;
      }>(
        `select code, name, level, area_type as "areaType" from regions where parent_code = $1 order by code`,
        [req.params.code],
      );
      return { items };
    },
  );

  app.get('/api/v1/public/filters', { schema: { tags, summary: '名录筛选项', security: [] } }, async () => {
    const scheme = await settings.activeScheme();
    const streets = await database.query<{ code: string; name: string }>(
      `select r.code, r.name from regions r where r.level = 4 and exists (
         select 1 from organizations o where o.street_code = substr(r.code, 1, 9) and ${PUBLIC_WHERE}) order by r.code`,
    );
    return {
      categories: scheme.categories.filter((c) => c.active).map(({ code, name }) => ({ code, name })),
      streets,
    };
  });
};
