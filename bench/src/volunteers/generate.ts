/**
 * Volunteer-scale data set on PostgreSQL: the city data set of ../generate.ts (深圳市, 9 districts,
 * 788 communities, 20,000 organizations) plus, at --scale 1,
 *   2,500,000 volunteers (encrypted personal data like the app writes it, unique ID-number HMAC),
 *     500,000 finished service activities over the last 3 years,
 *  25,000,000 service records (skewed: 40 % of the volunteers never served, the busiest few
 *             hundred have over a thousand records; more activity in recent months),
 *   volunteer_totals, service_monthly and volunteer_org_year aggregated from those records,
 *   one volunteer team per live organization, 40 % of the volunteers members of one,
 *   5,000 volunteers with sign-in accounts (password bench-password-1), and one "burst"
 *   activity of the `leader` organization with 1,000 of them signed up and approved.
 *
 *   npx tsx bench/src/volunteers/generate.ts --scale 0.01 [--db linli_bench_vol] [--fresh]
 *
 * Everything is generated server-side with `insert … select … from generate_series` in batches
 * (no COPY, no rows through Node except a few thousand precomputed ciphertexts and names).
 * Secondary indexes (and the primary keys of service_records and volunteer_totals) are dropped
 * before the bulk load and rebuilt afterwards; foreign-key triggers are skipped during the load
 * (session_replication_role = replica) because the rows are consistent by construction.
 * Volunteer and activity ids are md5('lv' || i) and md5('la' || a), shaped as version-4 UUIDs (uuidOf).
 *
 * Facts the HTTP benchmark needs are stored in the schema `bench` of the same database:
 * bench.meta (key/value) and bench.accounts (the plaintext test ID numbers and phones of the
 * volunteers with accounts, for signing in).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { makeIdNumber } from '@linli/core';
import pg from 'pg';
import { mobile, personName, Rng } from '../../../apps/server/src/db/seed/names';
import { createPii, hashPassword } from '../../../apps/server/src/lib/crypto';
import { BENCH_PASSWORD, BENCH_SECRET, generateBench } from '../generate';

export const VOL_DB = 'linli_bench_vol';
export const BURST_SIGNUPS = 1000;

export type VolunteerGenOptions = {
  /** server URL without database, e.g. postgres://postgres@127.0.0.1:5432 */
  server: string;
  db?: string;
  scale?: number;
  /** drop the database first (else it must not exist) */
  fresh?: boolean;
  /** regenerate the city template database <db>_city too */
  freshCity?: boolean;
  /** parallel statements for the bulk load; default 2 */
  concurrency?: number;
  /** rows per insert statement of service_records; default 1,000,000 */
  batch?: number;
  accounts?: number;
  log?: (line: string) => void;
};

export type VolunteerGenReport = {
  url: string;
  scale: number;
  counts: Record<string, number>;
  timings: Record<string, number>;
  burstActivityId: string;
};

/** Facts of the generated set, as stored in bench.meta. */
export type VolunteerMeta = {
  scale: number;
  volunteers: number;
  activeVolunteers: number;
  activities: number;
  records: number;
  accounts: number;
  burstActivityId: string;
  burstOrganizationId: string;
  burstRegionCode: string;
  generatedAt: string;
  seconds: number;
};

const SERVICE_DAYS = 1095; // 3 years
const BIRTH_DAYS = 20089; // 1950-01-01 … 2004-12-31: every volunteer is an adult
const P_VOL = 1_000_003; // permutation multipliers (primes, coprime with the sizes used)
const P_SLOT = 7_368_787;
const P_ACT = 1_000_033;
const CHECK_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** Activity titles per service category (core serviceCategories), weighted by repetition. */
const TITLES: readonly [string, string][] = [
  ['elderly', '关爱空巢老人上门探访'],
  ['elderly', '长者饭堂助餐服务'],
  ['elderly', '老年人智能手机使用辅导'],
  ['elderly', '高龄老人健康义诊陪护'],
  ['elderly', '银龄茶话会'],
  ['disabled', '残障人士康复陪伴'],
  ['disabled', '助残出行陪同'],
  ['children', '四点半课堂作业辅导'],
  ['children', '暑期儿童安全教育'],
  ['children', '亲子阅读分享会'],
  ['governance', '楼栋议事协商'],
  ['governance', '社区垃圾分类督导'],
  ['governance', '文明交通劝导'],
  ['governance', '社区治安巡逻'],
  ['environment', '公园清洁护绿'],
  ['environment', '河道保洁巡查'],
  ['environment', '旧物回收再利用市集'],
  ['civilization', '新时代文明实践宣讲'],
  ['civilization', '反诈宣传进社区'],
  ['civilization', '图书馆志愿服务'],
  ['emergency', '应急救护技能培训'],
  ['emergency', '防汛防台应急值守'],
  ['culture_sports', '社区文艺汇演保障'],
  ['culture_sports', '全民健身活动引导'],
  ['other', '社区便民服务日'],
  ['other', '党群服务中心值班'],
];
const VENUES = [
  '党群服务中心',
  '社区广场',
  '文化活动室',
  '长者服务站',
  '社区公园',
  '小区中心花园',
  '社区图书室',
];
const DURATIONS = [60, 90, 120, 120, 150, 180, 180, 240];

const sqlText = (a: readonly string[]) => `(array[${a.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}])`;
/** Uniform integer in [0, m) from a bigint expression and a salt (hashint8extended mixes well). */
const hmod = (expr: string, salt: number, m: number | string) =>
  `((hashint8extended((${expr})::bigint, ${salt}) & 2147483647) % ${m})`;
/** Uniform float in [0, 1). */
const hfloat = (expr: string, salt: number) =>
  `((hashint8extended((${expr})::bigint, ${salt}) & 2147483647)::float8 / 2147483648.0)`;

type Community = {
  ci: number;
  code: string;
  name: string;
  district: string;
  vLo: number;
  vHi: number;
  aLo: number;
  aHi: number;
};
type District = { code: string; vLo: number; vHi: number; aLo: number; aHi: number };

function split(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const out: number[] = [];
  let acc = 0;
  let prev = 0;
  for (const w of weights) {
    acc += w;
    const edge = Math.round((acc / sum) * total);
    out.push(edge - prev);
    prev = edge;
  }
  return out;
}

export async function generateVolunteers(opts: VolunteerGenOptions): Promise<VolunteerGenReport> {
  const log = opts.log ?? (() => {});
  const scale = opts.scale ?? 1;
  const dbName = opts.db ?? VOL_DB;
  const server = opts.server.replace(/\/$/, '');
  const url = `${server}/${dbName}`;
  const N = Math.max(2 * BURST_SIGNUPS, Math.round(2_500_000 * scale));
  const A = Math.max(1000, Math.round(500_000 * scale));
  const R = Math.max(10_000, Math.round(25_000_000 * scale));
  const nActive = Math.round(N * 0.6);
  const nAccounts = Math.min(nActive, opts.accounts ?? 5000);
  const concurrency = Math.max(1, opts.concurrency ?? 2);
  const batch = opts.batch ?? 1_000_000;
  for (const [p, n] of [
    [P_VOL, N],
    [P_SLOT, R],
  ])
    if (gcd(p, n) !== 1)
      throw new Error(`scale ${scale}: ${n} shares a factor with ${p}; pick another scale`);
  const timings: Record<string, number> = {};
  const started = performance.now();
  let mark = started;
  const lap = (label: string) => {
    const t = performance.now();
    timings[label] = Math.round(t - mark);
    log(`${label.padEnd(44)} ${((t - mark) / 1000).toFixed(1).padStart(7)} s`);
    mark = t;
  };

  // ---------------------------------------------------------------- database + city data set
  // The city part is the same at every scale: generated once into <db>_city, then copied (template).
  const cityDb = `${dbName}_city`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  let city: { community: string };
  try {
    const has = async (name: string) =>
      ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount ?? 0) > 0;
    if ((await has(dbName)) && !opts.fresh)
      throw new Error(`database ${dbName} exists: pass --fresh to drop and regenerate it`);
    if (await has(dbName)) await admin.query(`drop database "${dbName}" with (force)`);
    if (!(await has(cityDb)) || opts.freshCity) {
      if (await has(cityDb)) await admin.query(`drop database "${cityDb}" with (force)`);
      await admin.query(`create database "${cityDb}"`);
      const r = await generateBench({ url: `${server}/${cityDb}`, log: (l) => log(`  city: ${l}`) });
      const c = new pg.Client({ connectionString: `${server}/${cityDb}` });
      await c.connect();
      await c.query(`create schema bench; create table bench.city (community text not null)`);
      await c.query('insert into bench.city values ($1)', [r.demo.community]);
      await c.end();
    }
    await admin.query(`create database "${dbName}" template "${cityDb}"`);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    city = (await c.query('select community from bench.city')).rows[0];
    await c.end();
  } finally {
    await admin.end();
  }
  lap(`city data set (copy of ${cityDb})`);

  const pool = new pg.Pool({
    connectionString: url,
    max: concurrency + 1,
    // bulk-load session: no foreign-key triggers (rows are consistent by construction), no fsync wait
    options:
      '-c session_replication_role=replica -c synchronous_commit=off -c work_mem=256MB -c maintenance_work_mem=512MB -c jit=off',
  });
  const q = async <T extends pg.QueryResultRow = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ) => {
    if (process.env.BENCH_SQL_LOG) fs.appendFileSync(process.env.BENCH_SQL_LOG, `${text};\n\n`);
    return (await pool.query<T>(text, params)).rows;
  };
  const parallel = async (jobs: (() => Promise<unknown>)[]) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < jobs.length) await jobs[next++]();
      }),
    );
  };

  try {
    await q('create extension if not exists pgcrypto');
    await q('create table bench.meta (key text primary key, value jsonb not null)');

    // ---------------------------------------------------------------- communities and blocks
    const rng = new Rng(44_035);
    const comms = await q<{ code: string; name: string }>(
      `select code, name from regions where level = 5 and code like '4403%' order by code`,
    );
    const weights = comms.map(() => 0.3 + rng.float() * 1.7);
    const vCounts = split(N, weights);
    const aCounts = split(A, weights);
    const communities: Community[] = [];
    let v0 = 0;
    let a0 = 0;
    comms.forEach((c, ci) => {
      communities.push({
        ci,
        code: c.code,
        name: c.name,
        district: `${c.code.slice(0, 6)}000000`,
        vLo: v0,
        vHi: v0 + vCounts[ci],
        aLo: a0,
        aHi: a0 + aCounts[ci],
      });
      v0 += vCounts[ci];
      a0 += aCounts[ci];
    });
    const districts: District[] = [];
    for (const c of communities) {
      const d = districts.at(-1);
      if (d && d.code === c.district) {
        d.vHi = c.vHi;
        d.aHi = c.aHi;
      } else districts.push({ code: c.district, vLo: c.vLo, vHi: c.vHi, aLo: c.aLo, aHi: c.aHi });
    }
    await q(`create table bench.comm (ci int primary key, code char(12) not null, name text not null,
               v_lo int not null, v_hi int not null, a_lo int not null, a_hi int not null,
               d_v_lo int not null, d_v_size int not null, n_orgs int not null default 0)`);
    await q(
      `insert into bench.comm (ci, code, name, v_lo, v_hi, a_lo, a_hi, d_v_lo, d_v_size)
       select * from unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::int[], $6::int[], $7::int[], $8::int[], $9::int[])`,
      [
        communities.map((c) => c.ci),
        communities.map((c) => c.code),
        communities.map((c) => c.name),
        communities.map((c) => c.vLo),
        communities.map((c) => c.vHi),
        communities.map((c) => c.aLo),
        communities.map((c) => c.aHi),
        communities.map((c) => districts.find((d) => d.code === c.district)!.vLo),
        communities.map((c) => {
          const d = districts.find((x) => x.code === c.district)!;
          return d.vHi - d.vLo;
        }),
      ],
    );
    // organizations per community, numbered, for picking an activity's organizer
    await q(`create table bench.org as
               select o.region_code as code, (row_number() over (partition by o.region_code order by o.id))::int as rn, o.id
                 from organizations o where o.status in ('active', 'dormant')`);
    await q('create index on bench.org (code, rn)');
    await q(`update bench.comm c set n_orgs = (select count(*) from bench.org o where o.code = c.code)`);
    const [{ missing }] = await q<{ missing: number }>(
      'select count(*)::int as missing from bench.comm where n_orgs = 0',
    );
    if (missing > 0) throw new Error(`${missing} communities have no live organization`);
    lap(`blocks (${communities.length} communities, ${districts.length} districts)`);

    // ---------------------------------------------------------------- drop indexes
    const restore = await dropIndexes(
      q,
      [
        'volunteers',
        'service_activities',
        'service_records',
        'volunteer_totals',
        'service_monthly',
        'volunteer_org_year',
        'team_memberships',
      ],
      ['service_records', 'volunteer_totals'],
    );
    lap(`drop ${restore.length} indexes and constraints`);

    // ---------------------------------------------------------------- volunteers
    const pii = createPii(BENCH_SECRET);
    const macKey = createHashKey(BENCH_SECRET);
    const prng = new Rng(2_500_000);
    const POOL = 4000;
    const idEnc: string[] = [];
    const phoneEnc: string[] = [];
    const male: string[] = [];
    const female: string[] = [];
    for (let i = 0; i < POOL; i++) {
      idEnc.push(
        pii.encrypt(makeIdNumber(`440305${1960 + (i % 45)}0${1 + (i % 9)}1${i % 10}${prng.digits(3)}`)),
      );
      phoneEnc.push(pii.encrypt(mobile(prng)));
      male.push(personName(prng, 'male'));
      female.push(personName(prng, 'female'));
    }
    const volunteerBatch = Math.max(10_000, Math.round(batch / 4));
    const prefixes = [
      '138',
      '139',
      '135',
      '137',
      '136',
      '150',
      '158',
      '159',
      '186',
      '188',
      '189',
      '133',
      '177',
      '199',
    ];
    // ciphertexts and names are drawn from a pool (a table, so a row costs one hash probe)
    await q(
      'create table bench.pool (k int primary key, id_enc text, phone_enc text, male text, female text)',
    );
    await q(
      'insert into bench.pool select g - 1, ($1::text[])[g], ($2::text[])[g], ($3::text[])[g], ($4::text[])[g] from generate_series(1, $5::int) g',
      [idEnc, phoneEnc, male, female, POOL],
    );
    // the ID number: first 17 characters computed once per row (lateral), then the check character
    const idExpr = idNumberSql('f17.f');
    const first17 = `cross join lateral (select left(v.code, 6) || to_char(v.birth, 'YYYYMMDD') || lpad(v.seq3::text, 3, '0') as f offset 0) f17`;
    const vJobs: (() => Promise<unknown>)[] = [];
    for (let lo = 0; lo < N; lo += volunteerBatch) {
      const hi = Math.min(N, lo + volunteerBatch);
      vJobs.push(() =>
        q(
          `insert into volunteers (id, volunteer_number, real_name, id_number_enc, id_number_hmac, id_number_masked,
                birth_date, sex, phone_enc, phone_masked, region_code, skills, interests, status, created_via,
                version, created_at, updated_at)
           select ${uuidOf("'lv' || x.i")},
                  'V' || left(x.code, 6) || '-' || (2015 + x.y_idx) || '-' || lpad((x.j - (x.y_idx * x.d_v_size + 8) / 9 + 1)::text, 6, '0'),
                  case when x.male then p.male else p.female end,
                  p.id_enc,
                  encode(hmac(convert_to(x.idn, 'UTF8'), $1::bytea, 'sha256'), 'hex'),
                  left(x.idn, 6) || '********' || right(x.idn, 4),
                  x.birth, case when x.male then 'male' else 'female' end,
                  p.phone_enc,
                  left(x.phone, 3) || '****' || right(x.phone, 4),
                  x.code,
                  case ${hmod('x.i', 6, 5)} when 0 then array['医疗护理'] when 1 then array['教育辅导', '文艺表演'] else '{}'::text[] end,
                  case ${hmod('x.i', 7, 4)} when 0 then array['elderly'] when 1 then array['children', 'environment'] else '{}'::text[] end,
                  case when ${hmod('x.i', 8, 100)} < 3 then 'inactive' else 'active' end,
                  case when ${hmod('x.i', 9, 100)} < 50 then 'import' when ${hmod('x.i', 9, 100)} < 85 then 'self' else 'staff' end,
                  1, x.created, x.created
             from (select v.i, v.code, v.d_v_size, v.j, v.y_idx, v.birth, v.male, ${idExpr} as idn,
                          ${sqlText(prefixes)}[1 + ${hmod('v.i', 10, prefixes.length)}] || lpad(${hmod('v.i', 11, 100_000_000)}::text, 8, '0') as phone,
                          make_date(2015 + v.y_idx, 1, 1) + ${hmod('v.i', 12, 365)}::int + make_interval(hours => 1 + ${hmod('v.i', 13, 12)}::int, mins => ${hmod('v.i', 14, 60)}::int) as created
                     from (select i, c.code, c.d_v_size, i - c.d_v_lo as j, ((i - c.d_v_lo)::bigint * 9 / c.d_v_size)::int as y_idx,
                                  date '1950-01-01' + (i % ${BIRTH_DAYS})::int as birth,
                                  (i / ${BIRTH_DAYS}) * 2 + ${hmod('i', 2, 2)} as seq3,
                                  ${hmod('i', 2, 2)} = 1 as male
                             from bench.comm c
                             cross join lateral generate_series(greatest(c.v_lo, ${lo}), least(c.v_hi, ${hi}) - 1) i
                            where c.v_lo < ${hi} and c.v_hi > ${lo} offset 0) v ${first17} offset 0) x
             join bench.pool p on p.k = ${hmod('x.i', 3, POOL)}`,
          [macKey],
        ),
      );
    }
    await parallel(vJobs);
    lap(`insert ${N} volunteers`);

    // ---------------------------------------------------------------- activities
    const start = new Date(Date.now() - (SERVICE_DAYS + 1) * 86_400_000).toISOString().slice(0, 10);
    // bench.act: the activities keyed by their number a, with what a service record copies from them
    await q(
      `create unlogged table bench.act as
       select x.a::int as a, ${uuidOf("'la' || x.a")} as id, o.id as organization_id, x.code as region_code, x.title,
              x.title || '：' || x.name || '志愿者在' || x.place || '开展' || x.title || '，请准时到场签到。' as content,
              x.category, x.place, x.starts as starts_at, x.starts + make_interval(mins => x.dur) as ends_at, x.dur, x.wanted,
              (x.starts at time zone 'Asia/Shanghai')::date as sdate, org.name as organizer_name, org.leader_name,
              x.title || '（扫码签到、签退）' as content_checkin, x.title || '（纸质签到表补录）' as content_backfill
         from (select a, c.code, c.name, c.n_orgs,
                      ($1::text[])[1 + t.k] as title, ($2::text[])[1 + t.k] as category,
                      c.name || ($3::text[])[1 + ${hmod('a', 22, VENUES.length)}] as place,
                      ((date '${start}' + floor(${SERVICE_DAYS} * sqrt(${hfloat('a', 23)}))::int)
                         + make_interval(hours => 8 + ${hmod('a', 24, 12)}::int, mins => 30 * ${hmod('a', 25, 2)}::int))
                        at time zone 'Asia/Shanghai' as starts,
                      ($4::int[])[1 + ${hmod('a', 26, DURATIONS.length)}] as dur,
                      5 + ${hmod('a', 27, 46)}::int as wanted,
                      1 + ${hmod('a', 28, 'c.n_orgs')}::int as rn
                 from bench.comm c
                 cross join lateral generate_series(c.a_lo, c.a_hi - 1) a
                 cross join lateral (select ${hmod('a', 21, TITLES.length)}::int as k) t
                offset 0) x
         join bench.org o on o.code = x.code and o.rn = x.rn
         join organizations org on org.id = o.id`,
      [TITLES.map((t) => t[1]), TITLES.map((t) => t[0]), VENUES, DURATIONS],
    );
    await q('alter table bench.act add primary key (a)');
    await q(
      `insert into service_activities (id, organization_id, region_code, title, content, category, place,
            starts_at, ends_at, wanted, signup_opens_at, signup_closes_at, coefficient_hundredths, status,
            published_at, version, created_by, created_at, updated_at)
       select id, organization_id, region_code, title, content, category, place, starts_at, ends_at, wanted,
              starts_at - interval '14 days', starts_at - interval '1 day', 100, 'finished',
              starts_at - interval '14 days', 1, null, starts_at - interval '15 days', ends_at
         from bench.act order by a`,
    );
    lap(`insert ${A} activities`);

    // ---------------------------------------------------------------- teams
    // one volunteer team (志愿服务队) per live organization; 40 % of the volunteers belong to a team
    // of an organization of their own community
    await q(
      `insert into volunteer_teams (id, organization_id, name, region_code, description, status, created_at, updated_at)
       select ${uuidOf("'lt' || o.id::text")}, o.id, x.name || '志愿服务队', o.code, '', 'active', now() - interval '3 years', now() - interval '3 years'
         from bench.org o join organizations x on x.id = o.id`,
    );
    const mJobs: (() => Promise<unknown>)[] = [];
    for (let lo = 0; lo < N; lo += volunteerBatch) {
      const hi = Math.min(N, lo + volunteerBatch);
      mJobs.push(() =>
        q(
          `insert into team_memberships (team_id, volunteer_id, state, requested_at, decided_at, decided_by_name, version)
           select ${uuidOf("'lt' || o.id::text")}, ${uuidOf("'lv' || v.i")}, 'approved', now() - interval '2 years',
                  now() - interval '2 years', '队长', 1
             from (select i, c.code, 1 + ${hmod('i', 41, 'c.n_orgs')}::int as rn
                     from bench.comm c cross join lateral generate_series(greatest(c.v_lo, ${lo}), least(c.v_hi, ${hi}) - 1) i
                    where c.v_lo < ${hi} and c.v_hi > ${lo} and ${hmod('i', 40, 100)} < 40 offset 0) v
             join bench.org o on o.code = v.code and o.rn = v.rn`,
        ),
      );
    }
    await parallel(mJobs);
    lap('volunteer teams and memberships');

    // ---------------------------------------------------------------- service records
    // Record r (0 … R-1) belongs to the volunteer of rank v = floor(nActive · (r/R)^1.5): counts fall
    // off as rank^(-1/3). Its k-th record goes to activity blo + (h(i) + k·P_ACT) mod bsize of the
    // volunteer's district block, so one volunteer never meets one activity twice. Slots are a
    // permutation of r, so a volunteer's records are scattered over the heap as if written over time.
    const maxK = Math.ceil(R * (1 / nActive) ** (2 / 3)) + 2;
    const block = (i: string) => {
      const branches = districts.map((d) => {
        const ok = d.aHi - d.aLo > 2 * maxK;
        return `when ${i} < ${d.vHi} then ${ok ? `array[${d.aLo}, ${d.aHi - d.aLo}]` : `array[0, ${A}]`}`;
      });
      return `(case ${branches.join(' ')} else array[0, ${A}] end)`;
    };
    const rJobs: (() => Promise<unknown>)[] = [];
    for (let lo = 0; lo < R; lo += batch) {
      const hi = Math.min(R, lo + batch);
      rJobs.push(() =>
        q(
          `insert into service_records (volunteer_id, activity_id, organization_id, region_code, category, title, content,
                place, started_at, ended_at, service_date, minutes, source, organizer_name, leader_name, recorder_id,
                recorder_name, recorded_at, revision, supersedes_id, status, backfill_id)
           select ${uuidOf("'lv' || y.i")}, sa.id, sa.organization_id, sa.region_code, sa.category, sa.title,
                  case when y.backfill then sa.content_backfill else sa.content_checkin end,
                  sa.place, sa.starts_at + y.late * interval '1 minute',
                  sa.starts_at + (y.late + greatest(30, sa.dur - y.late - y.early)) * interval '1 minute',
                  sa.sdate, greatest(30, sa.dur - y.late - y.early), case when y.backfill then 'backfill' else 'checkin' end,
                  sa.organizer_name, sa.leader_name, null,
                  case when y.backfill then coalesce(sa.leader_name, sa.organizer_name) else '签到系统' end,
                  sa.ends_at + (y.late + 5 + case when y.backfill then 1440 else 0 end) * interval '1 minute',
                  0, null, 'valid', null
             from (select x.r, x.i, ${hmod('x.r', 31, 11)}::int as late, ${hmod('x.r', 32, 100)} < 3 as backfill,
                          case when ${hmod('x.r', 33, 10)} = 0 then ${hmod('x.r', 34, 30)}::int else 0 end as early,
                          (x.b[1] + (((${hmod('x.i', 35, 1_000_000)} + x.k * ${P_ACT}) % x.b[2]) + x.b[2]) % x.b[2])::int as a
                     from (select w.r, w.i, w.r - ceil(${R}::float8 * power(w.v::float8 / ${nActive}, 2.0 / 3.0))::bigint as k, ${block('w.i')} as b
                             from (select u.r, u.v, (u.v * ${P_VOL} + 7919) % ${N} as i
                                     from (select t.r, least(${nActive - 1}, floor(${nActive}::float8 * power(t.r::float8 / ${R}, 1.5))::bigint) as v
                                             from (select (s * ${P_SLOT}) % ${R} as r from generate_series(${lo}::bigint, ${hi - 1}::bigint) s offset 0) t offset 0) u offset 0) w offset 0) x offset 0) y
             join bench.act sa on sa.a = y.a`,
        ),
      );
    }
    let done = 0;
    await parallel(
      rJobs.map((job) => async () => {
        await job();
        done++;
        if (done % Math.max(1, Math.round(rJobs.length / 10)) === 0 || done === rJobs.length)
          log(
            `  service records: ${done}/${rJobs.length} batches (${((performance.now() - mark) / 1000).toFixed(0)} s)`,
          );
      }),
    );
    lap(`insert ${R} service records`);

    // ---------------------------------------------------------------- aggregates
    await parallel([
      () =>
        q(`insert into volunteer_totals (volunteer_id, minutes, checkin_minutes, backfill_minutes, records, last_service_date)
           select volunteer_id, sum(minutes)::int, coalesce(sum(minutes) filter (where source = 'checkin'), 0)::int,
                  coalesce(sum(minutes) filter (where source = 'backfill'), 0)::int, count(*)::int, max(service_date)
             from service_records where status = 'valid' group by volunteer_id`),
      () =>
        q(`insert into service_monthly (region_code, month, category, organization_id, minutes, records)
           select region_code, to_char(service_date, 'YYYY-MM'), category, organization_id, sum(minutes)::int, count(*)::int
             from service_records where status = 'valid' group by 1, 2, 3, 4`),
      () =>
        q(`insert into volunteer_org_year (organization_id, volunteer_id, year, minutes, records)
           select organization_id, volunteer_id, extract(year from service_date)::int, sum(minutes)::int, count(*)::int
             from service_records where status = 'valid' group by 1, 2, 3`),
    ]);
    lap('volunteer_totals, service_monthly, volunteer_org_year');

    // ---------------------------------------------------------------- indexes back
    await restoreIndexes(q, restore, concurrency, (def, ms) =>
      log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${def}`),
    );
    lap('rebuild indexes and constraints');

    // ---------------------------------------------------------------- accounts, burst activity
    await q(`insert into volunteer_number_counters (prefix, last)
             select left(volunteer_number, 12), max(substr(volunteer_number, 14)::int) from volunteers group by 1
             on conflict (prefix) do update set last = greatest(volunteer_number_counters.last, excluded.last)`);
    const hash = await hashPassword(BENCH_PASSWORD);
    // accounts: volunteers at evenly spaced activity ranks (busiest first), so record pages vary in length
    await q(
      `create table bench.accounts (j int primary key, volunteer_id uuid not null unique, id_number text not null, phone text not null)`,
    );
    const accounts = await q<{ j: number; i: number; idn: string; phone: string; code: string }>(
      `select j, v.i, ${idExpr} as idn, v.code,
              ${sqlText(prefixes)}[1 + ${hmod('v.i', 10, prefixes.length)}] || lpad(${hmod('v.i', 11, 100_000_000)}::text, 8, '0') as phone
         from (select j, i, c.code, (i / ${BIRTH_DAYS}) * 2 + ${hmod('i', 2, 2)} as seq3, date '1950-01-01' + (i % ${BIRTH_DAYS})::int as birth
                 from (select j, ((floor(j::float8 * ${nActive} / ${nAccounts}))::bigint * ${P_VOL} + 7919) % ${N} as i
                         from generate_series(0, ${nAccounts - 1}) j) a
                 join bench.comm c on a.i >= c.v_lo and a.i < c.v_hi) v ${first17}
        order by j`,
    );
    await q(
      `insert into bench.accounts (j, volunteer_id, id_number, phone)
       select j, ${uuidOf("'lv' || i")}, idn, phone from unnest($1::int[], $2::bigint[], $3::text[], $4::text[]) as u(j, i, idn, phone)`,
      [
        accounts.map((a) => a.j),
        accounts.map((a) => a.i),
        accounts.map((a) => a.idn),
        accounts.map((a) => a.phone),
      ],
    );
    // exact ciphertexts for those who sign in (the pool values do not decrypt to their own numbers)
    await q(
      `update volunteers v set id_number_enc = u.ide, phone_enc = u.phe, status = 'active'
         from unnest($1::uuid[], $2::text[], $3::text[]) as u(id, ide, phe) where v.id = u.id`,
      [
        accounts.map((a) => md5Uuid(`lv${a.i}`)),
        accounts.map((a) => pii.encrypt(a.idn)),
        accounts.map((a) => pii.encrypt(a.phone)),
      ],
    );
    await q(
      `insert into users (username, display_name, password_hash, volunteer_id)
       select v.volunteer_number, v.real_name, $1, v.id from bench.accounts a join volunteers v on v.id = a.volunteer_id`,
      [hash],
    );
    const [leader] = await q<{
      organization_id: string;
      region_code: string;
      name: string;
      user_id: string;
      display_name: string;
    }>(
      `select g.organization_id, o.region_code, o.name, u.id as user_id, u.display_name
         from users u join grants g on g.user_id = u.id and g.revoked_at is null and g.organization_id is not null
         join organizations o on o.id = g.organization_id where u.username = 'leader'`,
    );
    if (!leader) throw new Error('no leader account with an organization');
    const burstId = md5Uuid('la-burst');
    await q(
      `insert into service_activities (id, organization_id, region_code, title, content, category, place, starts_at, ends_at,
            wanted, signup_opens_at, signup_closes_at, coefficient_hundredths, status, published_at, created_by)
       values ($1, $2, $3, '社区大型义诊志愿服务（签到压测）', '千人规模的社区义诊志愿服务，现场扫码或输入签到码签到。', 'elderly',
               $4::text || '社区广场', now() + interval '10 minutes', now() + interval '4 hours', ${BURST_SIGNUPS},
               now() - interval '7 days', now() - interval '1 hour', 100, 'published', now() - interval '7 days', $5)`,
      [burstId, leader.organization_id, leader.region_code, city.community, leader.user_id],
    );
    await q(
      `insert into activity_signups (activity_id, volunteer_id, state, requested_by, decided_by, decided_by_name, decided_at, created_at)
       select $1, a.volunteer_id, 'approved', u.id, $2, $3, now() - interval '2 days', now() - interval '3 days'
         from bench.accounts a join users u on u.volunteer_id = a.volunteer_id where a.j < ${BURST_SIGNUPS}`,
      [burstId, leader.user_id, leader.display_name],
    );
    lap(`${nAccounts} accounts, burst activity with ${BURST_SIGNUPS} approved sign-ups`);

    await q('drop table bench.org');
    await q('drop table bench.act');
    await q('drop table bench.pool');
    await q('drop extension pgcrypto');
    await q('analyze');
    lap('analyze');

    const [counts] = await q<Record<string, number>>(
      `select (select count(*)::int from volunteers) as volunteers,
              (select count(*)::int from volunteer_totals) as "activeVolunteers",
              (select count(*)::int from service_activities) as activities,
              (select count(*)::int from service_records) as records,
              (select count(*)::int from volunteer_totals) as totals,
              (select count(*)::int from service_monthly) as monthly,
              (select count(*)::int from users where volunteer_id is not null) as accounts,
              (select count(*)::int from activity_signups) as signups,
              (select count(*)::int from volunteer_teams) as teams,
              (select count(*)::int from team_memberships) as memberships,
              (select max(records)::int from volunteer_totals) as "maxRecordsOfOne"`,
    );
    const seconds = Math.round((performance.now() - started) / 1000);
    const meta: VolunteerMeta = {
      scale,
      volunteers: counts.volunteers,
      activeVolunteers: counts.activeVolunteers,
      activities: counts.activities,
      records: counts.records,
      accounts: counts.accounts,
      burstActivityId: burstId,
      burstOrganizationId: leader.organization_id,
      burstRegionCode: leader.region_code,
      generatedAt: new Date().toISOString(),
      seconds,
    };
    await q(`insert into bench.meta (key, value) values ('volunteers', $1), ('timings', $2)`, [
      JSON.stringify(meta),
      JSON.stringify(timings),
    ]);
    timings.total = seconds * 1000;
    log(`${'total'.padEnd(44)} ${String(seconds).padStart(7)} s`);
    return { url, scale, counts, timings, burstActivityId: burstId };
  } finally {
    await pool.end();
  }
}

/** The 18-character ID number from a column holding its first 17 characters (GB 11643 check character). */
function idNumberSql(first17: string): string {
  const sum = CHECK_WEIGHTS.map((w, k) => `substr(${first17}, ${k + 1}, 1)::int * ${w}`).join(' + ');
  return `(${first17} || substr('10X98765432', ((${sum}) % 11) + 1, 1))`;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function createHashKey(secret: string): Buffer {
  // the blind-index key of lib/crypto.ts createPii
  return createHash('sha256').update(`mac:${secret}`).digest();
}

/** md5 of a string as a version-4-shaped UUID (zod's uuid() checks version and variant). */
function md5Uuid(s: string): string {
  const h = createHash('md5').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20)}`;
}

/** The same in SQL. */
const uuidOf = (expr: string) =>
  `overlay(overlay(md5(${expr}) placing '4' from 13) placing '8' from 17)::uuid`;

type Saved = { table: string; kind: 'index' | 'constraint' | 'fk'; name: string; def: string; on: string };
type Q = <T extends pg.QueryResultRow = Record<string, unknown>>(
  text: string,
  params?: unknown[],
) => Promise<T[]>;

/**
 * Drops the secondary indexes of `tables`, and the primary-key / unique constraints of `withKeys`
 * (with the foreign keys of other tables that point at them); returns what to recreate.
 */
async function dropIndexes(q: Q, tables: string[], withKeys: string[]): Promise<Saved[]> {
  const saved: Saved[] = [];
  for (const t of withKeys) {
    const fks = await q<{ on: string; name: string; def: string }>(
      `select conrelid::regclass::text as on, conname as name, pg_get_constraintdef(oid) as def
         from pg_constraint where confrelid = $1::regclass and contype = 'f'`,
      [t],
    );
    for (const f of fks) {
      saved.push({ table: t, kind: 'fk', name: f.name, def: f.def, on: f.on });
      await q(`alter table ${f.on} drop constraint "${f.name}"`);
    }
    const keys = await q<{ name: string; def: string }>(
      `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint
        where conrelid = $1::regclass and contype in ('p', 'u')`,
      [t],
    );
    for (const k of keys) {
      saved.push({ table: t, kind: 'constraint', name: k.name, def: k.def, on: t });
      await q(`alter table ${t} drop constraint "${k.name}"`);
    }
  }
  for (const t of tables) {
    const idx = await q<{ name: string; def: string }>(
      `select c.relname as name, pg_get_indexdef(i.indexrelid) as def
         from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = $1::regclass and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
      [t],
    );
    for (const x of idx) {
      saved.push({ table: t, kind: 'index', name: x.name, def: x.def, on: t });
      await q(`drop index "${x.name}"`);
    }
  }
  return saved;
}

/** Keys first (in parallel), then indexes (in parallel), then the foreign keys that point at the keys. */
async function restoreIndexes(
  q: Q,
  saved: Saved[],
  concurrency: number,
  log: (def: string, ms: number) => void,
) {
  const run = async (items: Saved[], sql: (s: Saved) => string) => {
    // largest tables first so the parallel slots finish together
    const order = [
      'service_records',
      'volunteers',
      'volunteer_totals',
      'volunteer_org_year',
      'service_activities',
      'service_monthly',
    ];
    const list = [...items].sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < list.length) {
          const s = list[next++];
          const t = performance.now();
          const text = sql(s);
          await q(text);
          log(text, performance.now() - t);
        }
      }),
    );
  };
  await run(
    saved.filter((s) => s.kind === 'constraint'),
    (s) => `alter table ${s.on} add constraint "${s.name}" ${s.def}`,
  );
  await run(
    saved.filter((s) => s.kind === 'index'),
    (s) => s.def,
  );
  for (const s of saved.filter((x) => x.kind === 'fk'))
    await q(`alter table ${s.on} add constraint "${s.name}" ${s.def}`);
}

async function main() {
  const { values } = parseArgs({
    options: {
      server: { type: 'string', default: process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432' },
      db: { type: 'string', default: VOL_DB },
      scale: { type: 'string', default: '1' },
      fresh: { type: 'boolean', default: false },
      'fresh-city': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '2' },
      batch: { type: 'string', default: '1000000' },
      accounts: { type: 'string', default: '5000' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'usage: npx tsx bench/src/volunteers/generate.ts [--scale 1] [--db linli_bench_vol] [--fresh] [--fresh-city]\n' +
        '       [--server postgres://postgres@127.0.0.1:5432] [--concurrency 2] [--batch 1000000] [--accounts 5000]',
    );
    return;
  }
  const r = await generateVolunteers({
    server: values.server!,
    db: values.db,
    scale: Number(values.scale),
    fresh: values.fresh,
    freshCity: values['fresh-city'],
    concurrency: Number(values.concurrency),
    batch: Number(values.batch),
    accounts: Number(values.accounts),
    log: (l) => console.log(l),
  });
  console.log(
    Object.entries(r.counts)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', '),
  );
  console.log(`database ${r.url}; burst activity ${r.burstActivityId}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
