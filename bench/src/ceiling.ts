/**
 * The ceiling: a bare Fastify + pg server that answers the benchmarked requests with the SQL the
 * Linli server runs, for one fixed scope, without sessions, validation, zod serialization or
 * business logic. Whatever the real server reaches against it is the cost of everything else.
 *
 *   npx tsx bench/src/ceiling.ts --url postgres://postgres@127.0.0.1:5432/linli_bench [--port 3999] [--scope 440305000000]
 *
 * Routes (same paths and query strings as the API):
 *   GET /api/v1/organizations?page=&pageSize=&q=       statements copied from organizations.repo.ts (list)
 *   GET /api/v1/dashboard/coverage?regionCode=          statements copied from dashboard.repo.ts and
 *                                                       settings/categories.repo.ts, run as the service runs
 *                                                       them; answers live organizations per community
 *
 * Keep the SQL below in step with the server: http.ts checks that both answer the same rows.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { orgStatusLabels, prefixRange, regionLevel, tierLabels } from '@linli/core';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';

/** Pool size of the app (apps/server/src/db/client.ts: PG_POOL_MAX, default 10). */
export const POOL_SIZE = 10;

// ---------------------------------------------------------------- organizations.repo.ts (copied)
const listColumns = `o.id, o.name, o.tier, o.category, c.name as "categoryName", o.status, o.region_code as "regionCode",
  rc.name as "communityName", rs.name as "streetName", o.leader_name as "leaderName", o.leader_phone_masked as "leaderPhoneMasked",
  o.member_count as "memberCount", o.is_hub as "isHub", o.party_status as "partyStatus", o.filing_number as "filingNumber",
  o.uscc, to_char(o.founded_on, 'YYYY-MM-DD') as "foundedOn", o.updated_at as "updatedAt"`;

const listJoins = `left join categories c on c.scheme_code = o.category_scheme and c.code = o.category
  left join regions rc on rc.code = o.region_code
  left join regions rs on rs.code = (o.street_code || '000')::char(12)`;

/** The list statement for a region-scoped actor, default sort, optional q (as OrganizationRepo.list builds it). */
function listStatement(q: string | undefined, lo: string, hi: string, pageSize: number, offset: number) {
  const params: unknown[] = [lo, hi];
  const where = ['(o.region_code between $1 and $2)'];
  if (q) {
    params.push(`%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    where.push(
      `(o.name like $${params.length} or o.leader_name like $${params.length} or o.filing_number like $${params.length})`,
    );
  }
  where.push(`o.status <> 'exited'`);
  params.push(pageSize, offset);
  const order = 'o.updated_at desc nulls last, o.id';
  const text = `with page as (
           select o.id, count(*) over()::int as total from organizations o
            where ${where.join(' and ')}
            order by ${order}
            limit $${params.length - 1} offset $${params.length})
         select ${listColumns}, page.total from page join organizations o on o.id = page.id
           ${listJoins}
          order by ${order}`;
  return { text, params };
}

function countStatement(q: string | undefined, lo: string, hi: string) {
  const params: unknown[] = [lo, hi];
  const where = ['(o.region_code between $1 and $2)'];
  if (q) {
    params.push(`%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    where.push(
      `(o.name like $${params.length} or o.leader_name like $${params.length} or o.filing_number like $${params.length})`,
    );
  }
  where.push(`o.status <> 'exited'`);
  return { text: `select count(*)::int as total from organizations o where ${where.join(' and ')}`, params };
}

// ---------------------------------------------------------------- dashboard.repo.ts (copied)
const regionCols = `code, name, level, parent_code as "parentCode", area_type as "areaType"`;
const pathSql = `with recursive up as (
           select ${regionCols}, 0 as depth from regions where code = $1
           union all
           select r.code, r.name, r.level, r.parent_code, r.area_type, up.depth + 1
             from regions r join up on r.code = up."parentCode")
         select code, name, level, "parentCode", "areaType" from up order by depth desc`;
const subtreeSql = `select ${regionCols} from regions where code between $1 and $2 and level > $3 order by code`;
const aggregatesSql = `select region_code as "regionCode", category_scheme as scheme, category, tier, status,
                is_hub as "isHub", count(*)::int as n
           from organizations
          where region_code between $1 and $2
          group by region_code, category_scheme, category, tier, status, is_hub`;
const categoryNamesSql =
  'select scheme_code as scheme, code, name from categories where scheme_code = any($1)';
// settings/categories.repo.ts (copied)
const settingSql = 'select value, version from settings where key = $1';
const schemeSql = 'select code, name, five_plus_x as "fivePlusX" from category_schemes where code = $1';
const categoriesSql =
  'select code, name, required, distinctive, sort, active from categories where scheme_code = $1 order by sort, code';

const label = (m: Readonly<Record<string, string>>, k: string) => (Object.hasOwn(m, k) ? m[k] : k);

export type CeilingOptions = {
  url: string;
  host?: string;
  port?: number;
  /** the fixed actor scope: a 12-digit region code (default 南山区 440305000000) */
  scope?: string;
};

export async function startCeiling(
  opts: CeilingOptions,
): Promise<{ url: string; app: FastifyInstance; close: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: opts.url, max: POOL_SIZE });
  const [lo, hi] = prefixRange(opts.scope ?? '440305000000');
  const app = Fastify({ logger: false });

  app.get<{ Querystring: { page?: string; pageSize?: string; q?: string } }>(
    '/api/v1/organizations',
    async (req) => {
      const page = Math.max(1, Number(req.query.page ?? 1) || 1);
      const pageSize = Math.min(200, Math.max(1, Number(req.query.pageSize ?? 20) || 20));
      const q = req.query.q?.trim() || undefined;
      const s = listStatement(q, lo, hi, pageSize, (page - 1) * pageSize);
      const { rows } = await pool.query(s.text, s.params);
      let total: number = rows[0]?.total ?? 0;
      if (rows.length === 0 && page > 1) {
        const c = countStatement(q, lo, hi);
        total = (await pool.query(c.text, c.params)).rows[0].total;
      }
      const items = rows.map(({ total: _t, ...r }) => ({
        ...r,
        tierLabel: label(tierLabels, r.tier),
        statusLabel: label(orgStatusLabels, r.status),
      }));
      return { items, total, page, pageSize };
    },
  );

  app.get<{ Querystring: { regionCode?: string } }>('/api/v1/dashboard/coverage', async (req, reply) => {
    const code = req.query.regionCode ?? opts.scope ?? '440305000000';
    if (!/^\d{12}$/.test(code) || code < lo || code > hi) return reply.code(404).send({ error: 'not_found' });
    const [rlo, rhi] = prefixRange(code);
    const setting = async (key: string) => (await pool.query(settingSql, [key])).rows[0] ?? null;
    const activeScheme = async () => {
      const schemeCode = (await setting('category_scheme'))?.value ?? 'shenzhen';
      const [s] = (await pool.query(schemeSql, [schemeCode])).rows;
      const categories = (await pool.query(categoriesSql, [schemeCode])).rows;
      return { code: schemeCode, name: s?.name ?? schemeCode, fivePlusX: s?.fivePlusX ?? false, categories };
    };
    const [path, subtree, aggregates, scheme, targets] = await Promise.all([
      pool.query(pathSql, [code]).then((r) => r.rows),
      pool.query(subtreeSql, [rlo, rhi, regionLevel(code)]).then((r) => r.rows),
      pool.query(aggregatesSql, [rlo, rhi]).then((r) => r.rows),
      activeScheme(),
      setting('coverage_targets'),
    ]);
    const other = [...new Set(aggregates.map((a: { scheme: string }) => a.scheme))].filter(
      (s) => s !== scheme.code,
    );
    const otherNames = other.length ? (await pool.query(categoryNamesSql, [other])).rows : [];
    // bare: live organizations per community from the aggregate rows, nothing of the coverage rules
    const live = new Map<string, number>();
    let total = 0;
    for (const a of aggregates as { regionCode: string; status: string; n: number }[]) {
      if (a.status === 'exited') continue;
      live.set(a.regionCode, (live.get(a.regionCode) ?? 0) + a.n);
      total += a.n;
    }
    return {
      region: path.at(-1),
      path,
      targets: targets?.value ?? null,
      scheme: { code: scheme.code, name: scheme.name, fivePlusX: scheme.fivePlusX },
      otherNames,
      totals: { organizations: total },
      communities: (subtree as { code: string; name: string; level: number }[])
        .filter((r) => r.level === 5)
        .map((r) => ({ code: r.code, name: r.name, count: live.get(r.code) ?? 0 })),
    };
  });

  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    app,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/linli_bench' },
      port: { type: 'string', default: '3999' },
      scope: { type: 'string', default: '440305000000' },
    },
  });
  const c = await startCeiling({ url: values.url!, port: Number(values.port), scope: values.scope });
  console.log(`ceiling listening on ${c.url} (scope ${values.scope})`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => c.close().then(() => process.exit(0)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
