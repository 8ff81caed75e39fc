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
 * Volunteer service (volunteers/bench.ts; the volunteer is the `vid` cookie instead of a session):
 *   GET  /api/v1/me/service-records?page=&pageSize=     statements of service.service.ts (recordList for
 *                                                       myRecords): count + minutes, then the page
 *   POST /api/v1/me/checkins {activityId, kind, code}   statements of service.checkin.ts (scan, code path):
 *                                                       config, activity, code check, then in one transaction
 *                                                       the approved sign-up, the volunteer, the attendance
 *                                                       row and the audit entry (lib/audit.ts hash chain);
 *                                                       ?audit=0 leaves the audit entry out (to show its cost)
 *   GET  /api/v1/volunteer-stats/overview?regionCode=   statements of volunteerStats.service.ts (overview), run
 *                                                       as the service runs them; answers the grouped rows
 *                                                       (children, months, categories, stars, teams) without
 *                                                       the target checks
 *
 * Keep the SQL below in step with the server: http.ts checks that both answer the same rows.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  levelPrefixLength,
  orgStatusLabels,
  prefixRange,
  regionLevel,
  serviceCategoryLabels,
  serviceRecordSourceLabels,
  serviceRecordStatusLabels,
  tierLabels,
  verifySixDigitCode,
} from '@linli/core';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { entryHash } from '../../apps/server/src/lib/audit';
import { canonicalJson } from '../../apps/server/src/lib/canonicalJson';
import { createPii } from '../../apps/server/src/lib/crypto';
import { defaultVolunteerConfig } from '../../apps/server/src/modules/volunteerConfig/volunteerConfig';

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

// ---------------------------------------------------------------- service.service.ts / service.checkin.ts (copied)
const recordColumns = `r.id, r.volunteer_id, r.activity_id, r.organization_id, r.region_code, r.category, r.title, r.content,
  r.place, r.started_at, r.ended_at, r.service_date, r.minutes, r.source, r.organizer_name, r.leader_name, r.recorder_id,
  r.recorder_name, r.recorded_at, r.revision, r.supersedes_id, r.status, r.backfill_id`;
const myRecordsHeadSql = `select v.volunteer_number, v.real_name, coalesce(t.records, 0)::int as records, coalesce(t.minutes, 0)::int as minutes
  from volunteers v left join volunteer_totals t on t.volunteer_id = v.id where v.id = $1`;
const myRecordsPageSql = `select ${recordColumns.replaceAll('r.', '')} from service_records
 where volunteer_id = $1 and status = 'valid'
 order by started_at desc, id desc limit $2 offset $3`;
const volunteerConfigSql = "select value from settings where key = 'volunteer'";
const activitySql = 'select * from service_activities where id = $1';
const approvedSignupSql = `select id from activity_signups where activity_id = $1 and volunteer_id = $2 and state = 'approved'`;
const volunteerNameSql = 'select real_name, region_code from volunteers where id = $1';
const attendanceInsertSql = `insert into activity_attendance (activity_id, volunteer_id, signup_id, checked_in_at, check_in_step, check_in_via, created_at)
  values ($1, $2, $3, $4, $5, 'code', $4) on conflict do nothing returning *`;
const CHAIN_LOCK = 7_301_945;

// ---------------------------------------------------------------- volunteerStats.service.ts (copied)
const VOLUNTEER_ORG_SQL = `o.status <> 'exited' and (
  exists (select 1 from volunteer_teams t where t.organization_id = o.id and t.status = 'active')
  or exists (select 1 from service_activities a where a.organization_id = o.id and a.status in ('published', 'finished')))`;
const statsSql = {
  targets: 'select value from settings where key = $1',
  children: 'select code, name, level, population from regions where parent_code = $1 order by code',
  population: `select substr(code, 1, $3) as k, sum(population)::float8 as pop, count(population)::int as known
           from regions where code between $1 and $2 and level = 5 group by 1`,
  volunteers: `select substr(region_code, 1, $3) as k, count(*)::int as n from volunteers
          where region_code between $1 and $2 and status = 'active' group by 1`,
  orgs: `select substr(o.region_code, 1, $3) as k, count(*)::int as n from organizations o
          where o.region_code between $1 and $2 and ${VOLUNTEER_ORG_SQL} group by 1`,
  yearly: `select substr(region_code, 1, $3) as k, sum(minutes)::float8 as minutes, sum(records)::float8 as records
           from service_monthly where region_code between $1 and $2 and month between $4 and $5 group by 1`,
  monthly: `select month::text as month, sum(minutes)::float8 as minutes, sum(records)::float8 as records
           from service_monthly where region_code between $1 and $2 and month between $3 and $4 group by 1`,
  categories: `select category, sum(minutes)::float8 as minutes, sum(records)::float8 as records
           from service_monthly where region_code between $1 and $2 and month between $3 and $4
          group by 1 order by 2 desc, 1`,
  starsYear: `select width_bucket(s.m, $3::int[]) as level, count(*)::int as n from (
               select r.volunteer_id, sum(r.minutes) as m from service_records r
                 join volunteers v on v.id = r.volunteer_id
                where v.region_code between $1 and $2 and v.status = 'active' and r.status = 'valid'
                  and r.service_date between $4 and $5
                group by r.volunteer_id) s group by 1`,
  starsLifetime: `select width_bucket(t.minutes, $3::int[]) as level, count(*)::int as n
               from volunteer_totals t join volunteers v on v.id = t.volunteer_id
              where v.region_code between $1 and $2 and v.status = 'active' group by 1`,
  teams: `select t.id, t.name, o.name as "organizationName", t.region_code as "regionCode",
                count(distinct m.volunteer_id)::int as members, coalesce(sum(y.minutes), 0)::float8 as minutes
           from volunteer_teams t
           join organizations o on o.id = t.organization_id
           join team_memberships m on m.team_id = t.id and m.state = 'approved'
           left join volunteer_org_year y on y.organization_id = t.organization_id and y.year = $3
                and y.volunteer_id = m.volunteer_id
          where t.region_code between $1 and $2 and t.status = 'active'
          group by t.id, t.name, o.name, t.region_code
          order by minutes desc, members desc, t.name limit 10`,
  ownPopulation: 'select population from regions where code = $1',
};

/** The 12 months ending with `month` ('YYYY-MM'), oldest first (volunteerStats.service.ts lastMonths). */
function lastMonths(month: string, n = 12): string[] {
  let y = Number(month.slice(0, 4));
  let m = Number(month.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.unshift(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) {
      m = 12;
      y -= 1;
    }
  }
  return out;
}
const GENESIS = '0'.repeat(64);

type RecordRow = Record<string, unknown> & {
  minutes: number;
  category: string;
  source: string;
  status: string;
};
const dateOnly = (d: unknown) =>
  d instanceof Date
    ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    : d;

/** presentRecord of service.presenter.ts, on snake_case rows. */
function presentRecordRow(r: RecordRow) {
  return {
    id: r.id,
    volunteerId: r.volunteer_id,
    activityId: r.activity_id,
    organizationId: r.organization_id,
    regionCode: r.region_code,
    category: r.category,
    categoryLabel: label(serviceCategoryLabels, r.category),
    title: r.title,
    content: r.content,
    place: r.place,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    serviceDate: dateOnly(r.service_date),
    minutes: r.minutes,
    hours: Math.floor(r.minutes / 6) / 10,
    source: r.source,
    sourceLabel: label(serviceRecordSourceLabels, r.source),
    backfilled: r.source === 'backfill',
    organizerName: r.organizer_name,
    leaderName: r.leader_name,
    recorderName: r.recorder_name,
    recordedAt: r.recorded_at,
    revision: r.revision,
    supersedesId: r.supersedes_id,
    status: r.status,
    statusLabel: label(serviceRecordStatusLabels, r.status),
    backfillId: r.backfill_id,
    volunteerNumber: r.volunteer_number,
    volunteerName: r.real_name,
  };
}

const cookieValue = (header: string | undefined, name: string) =>
  header?.match(new RegExp(`(?:^|;\\s*)${name}=([^;]*)`))?.[1];

export type CeilingOptions = {
  url: string;
  host?: string;
  port?: number;
  /** the fixed actor scope: a 12-digit region code (default 南山区 440305000000) */
  scope?: string;
  /** deployment secret of the app (check-in codes); default: check-ins answer 501 */
  secret?: string;
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

  // ---------------------------------------------------------------- volunteer service
  app.get<{ Querystring: { regionCode?: string } }>(
    '/api/v1/volunteer-stats/overview',
    async (req, reply) => {
      const code = req.query.regionCode ?? opts.scope ?? '440305000000';
      if (!/^\d{12}$/.test(code) || code < lo || code > hi)
        return reply.code(404).send({ error: 'not_found' });
      const path = (await pool.query(pathSql, [code])).rows;
      const level = regionLevel(code);
      const [rlo, rhi] = prefixRange(code);
      const childLevel = (level < 5 ? level + 1 : 5) as 1 | 2 | 3 | 4 | 5;
      const k = levelPrefixLength[childLevel];
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const year = Number(today.slice(0, 4));
      const months = lastMonths(today.slice(0, 7));
      const stored = (await pool.query(volunteerConfigSql)).rows[0]?.value ?? {};
      const stars = stored.stars ?? defaultVolunteerConfig.stars;
      const targets = (await pool.query(statsSql.targets, ['volunteerTargets'])).rows[0]?.value ?? null;
      const thresholds = (stars.thresholds as number[]).map((h) => Math.round(h * 60));
      const rows = (text: string, params: unknown[]) => pool.query(text, params).then((r) => r.rows);
      const [children, population, volunteers, orgs, yearly, monthly, categories, starRows, teams] =
        await Promise.all([
          level < 5 ? rows(statsSql.children, [code]) : Promise.resolve([]),
          rows(statsSql.population, [rlo, rhi, k]),
          rows(statsSql.volunteers, [rlo, rhi, k]),
          rows(statsSql.orgs, [rlo, rhi, k]),
          rows(statsSql.yearly, [rlo, rhi, k, `${year}-01`, `${year}-12`]),
          rows(statsSql.monthly, [rlo, rhi, months[0], months[months.length - 1]]),
          rows(statsSql.categories, [rlo, rhi, `${year}-01`, `${year}-12`]),
          stars.basis === 'year'
            ? rows(statsSql.starsYear, [rlo, rhi, thresholds, `${year}-01-01`, `${year}-12-31`])
            : rows(statsSql.starsLifetime, [rlo, rhi, thresholds]),
          rows(statsSql.teams, [rlo, rhi, year]),
        ]);
      const [own] = await rows(statsSql.ownPopulation, [code]);
      // bare: the grouped rows keyed by child, no target checks
      const by = <T extends { k: string }>(list: T[]) => new Map(list.map((r) => [r.k, r]));
      const vol = by(volunteers as { k: string; n: number }[]);
      const org = by(orgs as { k: string; n: number }[]);
      const yr = by(yearly as { k: string; minutes: number; records: number }[]);
      const sum = (list: Record<string, number>[], f: string) => list.reduce((t, r) => t + r[f], 0);
      return {
        region: path.at(-1),
        path,
        targets,
        population: { own: own?.population ?? null, communities: population },
        totals: {
          volunteers: sum(volunteers, 'n'),
          volunteerOrganizations: sum(orgs, 'n'),
          minutesThisYear: sum(yearly, 'minutes'),
          recordsThisYear: sum(yearly, 'records'),
        },
        children: (children as { code: string; name: string; level: number }[]).map((c) => {
          const key = c.code.slice(0, k);
          return {
            code: c.code,
            name: c.name,
            volunteers: vol.get(key)?.n ?? 0,
            volunteerOrganizations: org.get(key)?.n ?? 0,
            minutesThisYear: yr.get(key)?.minutes ?? 0,
            recordsThisYear: yr.get(key)?.records ?? 0,
          };
        }),
        months: monthly,
        categories,
        stars: { basis: stars.basis, thresholds: stars.thresholds, levels: starRows },
        topTeams: teams,
      };
    },
  );

  app.get<{ Querystring: { page?: string; pageSize?: string } }>(
    '/api/v1/me/service-records',
    async (req, reply) => {
      const vid = cookieValue(req.headers.cookie, 'vid');
      if (!vid) return reply.code(401).send({ error: 'unauthorized' });
      const page = Math.max(1, Number(req.query.page ?? 1) || 1);
      const pageSize = Math.min(200, Math.max(1, Number(req.query.pageSize ?? 20) || 20));
      const [head] = (await pool.query(myRecordsHeadSql, [vid])).rows;
      const { rows } = await pool.query(myRecordsPageSql, [vid, pageSize, (page - 1) * pageSize]);
      const items = rows.map((r) =>
        presentRecordRow({ ...r, volunteer_number: head?.volunteer_number, real_name: head?.real_name }),
      );
      const minutes = head?.minutes ?? 0;
      return {
        items,
        total: head?.records ?? 0,
        minutes,
        page,
        pageSize,
        hours: Math.floor(minutes / 6) / 10,
      };
    },
  );

  const checkinHmac = opts.secret ? createPii(opts.secret).keyedHmac('checkin') : null;
  app.post<{
    Body: { activityId: string; kind: 'in' | 'out'; code: string };
    Querystring: { audit?: string };
  }>('/api/v1/me/checkins', async (req, reply) => {
    const vid = cookieValue(req.headers.cookie, 'vid');
    if (!vid) return reply.code(401).send({ error: 'unauthorized' });
    if (!checkinHmac) return reply.code(501).send({ error: 'no secret' });
    const now = new Date();
    const stored = (await pool.query(volunteerConfigSql)).rows[0]?.value?.checkin ?? {};
    const c = { periodSeconds: 30, graceSteps: 1, openBeforeMinutes: 30, ...stored };
    const { activityId, kind, code } = req.body;
    const [a] = (await pool.query(activitySql, [activityId])).rows;
    if (!a) return reply.code(404).send({ error: 'not_found' });
    const windowStart = new Date(a.starts_at.getTime() - c.openBeforeMinutes * 60_000);
    const r = verifySixDigitCode(code, checkinHmac, { activityId, kind, windowStart }, now, c);
    if (r.status !== 'ok') return reply.code(422).send({ error: r.status });
    if (a.status !== 'published' || kind !== 'in' || now < windowStart || now > a.ends_at)
      return reply.code(422).send({ error: 'window' });
    const client = await pool.connect();
    try {
      await client.query('begin');
      const [s] = (await client.query(approvedSignupSql, [a.id, vid])).rows;
      if (!s) {
        await client.query('rollback');
        return reply.code(422).send({ error: 'not_approved' });
      }
      await client.query(volunteerNameSql, [vid]);
      const [row] = (await client.query(attendanceInsertSql, [a.id, vid, s.id, now, r.step])).rows;
      if (!row) {
        await client.query('rollback');
        return reply.code(409).send({ error: 'conflict' });
      }
      if (req.query.audit !== '0') {
        await client.query('select pg_advisory_xact_lock($1)', [CHAIN_LOCK]);
        const [last] = (await client.query('select hash from audit_log order by seq desc limit 1')).rows;
        const entry = {
          at: now,
          actorId: null,
          action: 'service.checked_in',
          entityType: 'activity_attendance',
          entityId: row.id as string,
          regionCode: a.region_code as string,
          before: null,
          after: JSON.parse(
            canonicalJson({
              activityId: a.id,
              volunteerId: vid,
              at: now.toISOString(),
              via: 'code',
              step: r.step,
            }),
          ),
          prevHash: last?.hash ?? GENESIS,
        };
        await client.query(
          `insert into audit_log (at, actor_id, actor_name, action, entity_type, entity_id, region_code, before, after,
                request_id, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          [
            entry.at,
            entry.actorId,
            'ceiling',
            entry.action,
            entry.entityType,
            entry.entityId,
            entry.regionCode,
            null,
            entry.after,
            req.id,
            entry.prevHash,
            entryHash(entry),
          ],
        );
      }
      await client.query('commit');
      return reply.code(201).send({ kind, at: now, activity: { id: a.id, title: a.title } });
    } catch (e) {
      await client.query('rollback').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
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
      secret: { type: 'string', default: process.env.LINLI_SECRET },
    },
  });
  const c = await startCeiling({
    url: values.url!,
    port: Number(values.port),
    scope: values.scope,
    secret: values.secret,
  });
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
