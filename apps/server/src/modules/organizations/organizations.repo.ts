import { prefixRange } from '@linli/core';
import type { Database } from '../../db/client';
import type { Actor } from '../../lib/authz/actor';
import { scopeRanges } from '../../lib/authz/scope';

export type OrgFilter = {
  q?: string;
  tier?: string;
  category?: string;
  status?: string;
  regionCode?: string;
  isHub?: boolean;
  page: number;
  pageSize: number;
  sort?: string;
};

export type OrgListRow = {
  id: string;
  name: string;
  tier: string;
  category: string;
  categoryName: string | null;
  status: string;
  regionCode: string;
  communityName: string | null;
  streetName: string | null;
  leaderName: string;
  leaderPhoneMasked: string | null;
  memberCount: number;
  isHub: boolean;
  partyStatus: string;
  filingNumber: string | null;
  uscc: string | null;
  foundedOn: string | null;
  updatedAt: Date;
  /** the credit list it is on today (serious before abnormal), for the flag on the list */
  creditList?: string | null;
};

const SORTS: Record<string, string> = {
  name: 'o.name',
  foundedOn: 'o.founded_on',
  updatedAt: 'o.updated_at',
  memberCount: 'o.member_count',
  regionCode: 'o.region_code',
};

/** The credit list an organization is on today (Asia/Shanghai), serious before abnormal; for one page of rows. */
const creditListFlag = `(select l.list from credit_listings l where l.organization_id = o.id and not l.voided
    and l.entered_on <= (now() at time zone 'Asia/Shanghai')::date
    and (l.left_on is null or l.left_on > (now() at time zone 'Asia/Shanghai')::date)
    order by (l.list = 'serious') desc limit 1) as "creditList"`;

/** Raw SQL: this is the hottest list in the system. */
export const listColumns = `o.id, o.name, o.tier, o.category, c.name as "categoryName", o.status, o.region_code as "regionCode",
  rc.name as "communityName", rs.name as "streetName", o.leader_name as "leaderName", o.leader_phone_masked as "leaderPhoneMasked",
  o.member_count as "memberCount", o.is_hub as "isHub", o.party_status as "partyStatus", o.filing_number as "filingNumber",
  o.uscc, to_char(o.founded_on, 'YYYY-MM-DD') as "foundedOn", o.updated_at as "updatedAt"`;

export const listJoins = `from organizations o
  left join categories c on c.scheme_code = o.category_scheme and c.code = o.category
  left join regions rc on rc.code = o.region_code
  left join regions rs on rs.code = (o.street_code || '000')::char(12)`;

/** Appends the actor's scope to a parameter list and returns the SQL condition. */
export function scopeSql(
  actor: Actor,
  params: unknown[],
  regionCol = 'o.region_code',
  orgCol = 'o.id',
): string {
  const s = scopeRanges(actor, 'org.read');
  if (s.all) return 'true';
  const parts: string[] = [];
  for (const [lo, hi] of s.ranges) {
    params.push(lo, hi);
    parts.push(`${regionCol} between $${params.length - 1} and $${params.length}`);
  }
  if (s.orgIds.length) {
    params.push(s.orgIds);
    parts.push(`${orgCol} = any($${params.length}::uuid[])`);
  }
  return parts.length ? `(${parts.join(' or ')})` : 'false';
}

export function filterSql(f: Omit<OrgFilter, 'page' | 'pageSize' | 'sort'>, params: unknown[]): string[] {
  const where: string[] = [];
  if (f.q) {
    params.push(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(
      `(o.name like $${params.length} or o.leader_name like $${params.length} or o.filing_number like $${params.length})`,
    );
  }
  if (f.tier) {
    params.push(f.tier);
    where.push(`o.tier = $${params.length}`);
  }
  if (f.category) {
    params.push(f.category);
    where.push(`o.category = $${params.length}`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`o.status = $${params.length}`);
  } else {
    where.push(`o.status <> 'exited'`);
  }
  if (f.regionCode) {
    params.push(...prefixRange(f.regionCode));
    where.push(`o.region_code between $${params.length - 1} and $${params.length}`);
  }
  if (f.isHub !== undefined) {
    params.push(f.isHub);
    where.push(`o.is_hub = $${params.length}`);
  }
  return where;
}

export function createOrganizationRepo(database: Database) {
  return {
    async list(actor: Actor, f: OrgFilter): Promise<{ items: OrgListRow[]; total: number }> {
      const params: unknown[] = [];
      const where = [scopeSql(actor, params), ...filterSql(f, params)];
      const desc = f.sort?.startsWith('-');
      const sortCol = SORTS[f.sort?.replace(/^-/, '') ?? ''] ?? 'o.updated_at';
      const dir = f.sort ? (desc ? 'desc' : 'asc') : 'desc';
      const order = `${sortCol} ${dir} nulls last, o.id`;
      params.push(f.pageSize, (f.page - 1) * f.pageSize);
      // page first on the organizations table alone (with the total), then names for just that page
      const rows = await database.query<OrgListRow & { total: number }>(
        `with page as (
           select o.id, count(*) over()::int as total from organizations o
            where ${where.join(' and ')}
            order by ${order}
            limit $${params.length - 1} offset $${params.length})
         select ${listColumns}, page.total, ${creditListFlag} from page join organizations o on o.id = page.id
           left join categories c on c.scheme_code = o.category_scheme and c.code = o.category
           left join regions rc on rc.code = o.region_code
           left join regions rs on rs.code = (o.street_code || '000')::char(12)
          order by ${order}`,
        params,
      );
      let total = rows[0]?.total ?? 0;
      if (rows.length === 0 && f.page > 1) {
        const countParams: unknown[] = [];
        const w = [scopeSql(actor, countParams), ...filterSql(f, countParams)];
        [{ total }] = await database.query<{ total: number }>(
          `select count(*)::int as total from organizations o where ${w.join(' and ')}`,
          countParams,
        );
      }
      return { items: rows.map(({ total: _t, ...r }) => r), total };
    },
    /** Rows for an Excel export (same filters, no paging, capped). */
    async exportRows(actor: Actor, f: Omit<OrgFilter, 'page' | 'pageSize'>, limit = 50_000) {
      const params: unknown[] = [];
      const where = [scopeSql(actor, params), ...filterSql(f, params)];
      params.push(limit);
      return database.query<OrgListRow & { businessScope: string; venue: string }>(
        `select ${listColumns}, o.business_scope as "businessScope", o.venue ${listJoins}
          where ${where.join(' and ')} order by o.region_code, o.name limit $${params.length}`,
        params,
      );
    },
  };
}
export type OrganizationRepo = ReturnType<typeof createOrganizationRepo>;
