/**
 * The daily credit-list rules job over the city data set.
 *
 *   npx tsx bench/src/supervision/creditRules.ts [--server postgres://postgres@127.0.0.1:5432] [--fresh] [--runs 3]
 *
 * Data: the city data set of `npm run generate` (20,000 organizations over 深圳市, generated once
 * into `<db>_city` and copied), plus five report years (2021–2025) of annual reports for every
 * filed and registered organization that had to report: about 80 % on time, 8 % late, 12 % never
 * sent, 2 % of the sent ones failed – drawn deterministically from the organization id and year.
 *
 * Measures, on PostgreSQL: the first run (catch-up: every listing the history calls for is written,
 * each with its audit entry), the steady daily run (nothing to change), two runs started at once on
 * an emptied list (must write each listing once), and beside them the raw SQL a run reads with
 * (the four statements, timed with plain `pg`). Writes `bench/results/supervision.md`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { todayInShanghai } from '@linli/core';
import pg from 'pg';
import { openDatabase } from '../../../apps/server/src/db/client';
import { createAudit } from '../../../apps/server/src/lib/audit';
import {
  LISTINGS_SQL,
  ORG_FACTS_SQL,
  RECTIFICATION_FACTS_SQL,
  REPORT_FACTS_SQL,
  runCreditRules,
} from '../../../apps/server/src/modules/creditLists/creditRules.job';
import { generateBench } from '../generate';

const { values: args } = parseArgs({
  options: {
    server: { type: 'string', default: process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432' },
    db: { type: 'string', default: 'linli_bench_sup' },
    fresh: { type: 'boolean', default: false },
    runs: { type: 'string', default: '3' },
    out: { type: 'string', default: path.resolve(import.meta.dirname, '../../results/supervision.md') },
  },
});
const server = args.server!;
const dbName = args.db!;
const runs = Number(args.runs);
const log = (s: string) => console.log(`[credit-rules] ${s}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const admin = new pg.Client({ connectionString: `${server}/postgres` });
await admin.connect();
const has = async (name: string) =>
  ((await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount ?? 0) > 0;
const cityDb = `${dbName}_city`;
if (!(await has(cityDb))) {
  log(`generating the city data set into ${cityDb}…`);
  await admin.query(`create database "${cityDb}"`);
  const t = Date.now();
  await generateBench({ url: `${server}/${cityDb}` });
  log(`city data set in ${((Date.now() - t) / 1000).toFixed(1)} s`);
}
if (await has(dbName)) await admin.query(`drop database "${dbName}" with (force)`);
await admin.query(`create database "${dbName}" template "${cityDb}"`);
await admin.end();

const url = `${server}/${dbName}`;
const database = await openDatabase({ url });
await database.migrate();
const clock = { now: () => new Date() };
const deps = { database, audit: createAudit({ clock }), clock };
const today = todayInShanghai(clock.now());

// ── five report years of history ──
let t = Date.now();
await database.query(`
  with orgs as (
    select id, region_code, tier, coalesce(registered_on, filed_on) as live_since, exited_on
      from organizations where tier in ('filed', 'registered') and coalesce(registered_on, filed_on) is not null
  ), years as (
    select o.*, y, make_date(y + 1, case when o.tier = 'filed' then 3 else 5 end, 31) as deadline,
           abs(hashtext(o.id::text || ':' || y)) % 100 as roll
      from orgs o, generate_series(2021, 2025) y
     where o.live_since <= make_date(y, 12, 31)
       and (o.exited_on is null or o.exited_on > make_date(y + 1, 1, 1))
  )
  insert into annual_reports (organization_id, report_year, tier, region_code, status, content, deadline,
      first_submitted_on, submitted_at, reviewed_at)
  select id, y, tier, region_code,
         case when roll % 50 = 7 then 'fail' when roll % 10 = 3 then 'basic_pass' else 'pass' end,
         '{}'::jsonb, deadline,
         case when roll < 80 then deadline - (roll % 60) else deadline + (roll - 79) * 4 end,
         now(), now()
    from years where roll < 88`);
const [{ reports, orgs }] = await database.query<{ reports: number; orgs: number }>(
  `select count(*)::int as reports, count(distinct organization_id)::int as orgs from annual_reports`,
);
const [{ total }] = await database.query<{ total: number }>(
  'select count(*)::int as total from organizations',
);
log(
  `annual reports: ${reports} of ${orgs} organizations (of ${total}) in ${((Date.now() - t) / 1000).toFixed(1)} s`,
);

// ── the job ──
t = Date.now();
const first = await runCreditRules(deps, today);
const firstMs = Date.now() - t;
const [{ listings }] = await database.query<{ listings: number }>(
  'select count(*)::int as listings from credit_listings',
);
log(`first run: ${firstMs} ms, entered ${first.entered}, left ${first.left} (${listings} listings)`);

const steady: number[] = [];
for (let i = 0; i < runs; i++) {
  const s = Date.now();
  const r = await runCreditRules(deps, today);
  steady.push(Date.now() - s);
  if (r.entered || r.left) throw new Error(`steady run changed something: ${JSON.stringify(r)}`);
}
log(`steady run: median ${median(steady)} ms (${steady.join(', ')})`);

// two runs at once on an emptied list write every listing exactly once
await database.query('delete from credit_listings');
t = Date.now();
const [a, b] = await Promise.all([runCreditRules(deps, today), runCreditRules(deps, today)]);
const concurrentMs = Date.now() - t;
const [{ again, dupes }] = await database.query<{ again: number; dupes: number }>(
  `select count(*)::int as again,
          (select count(*)::int from (select 1 from credit_listings group by organization_id, idem_key having count(*) > 1) d) as dupes
     from credit_listings`,
);
log(
  `two runs at once: ${concurrentMs} ms, entered ${a.entered} + ${b.entered} = ${again} listings, ${dupes} duplicates`,
);
if (again !== listings || dupes !== 0) throw new Error('concurrent runs disagree with the single run');

// ── the raw SQL beside it ──
const raw = new pg.Client({ connectionString: url });
await raw.connect();
const rawTimes: Record<string, number[]> = {
  organizations: [],
  reports: [],
  rectifications: [],
  listings: [],
};
const rawRows: Record<string, number> = {};
for (let i = 0; i < runs; i++) {
  for (const [k, sql] of [
    ['organizations', ORG_FACTS_SQL],
    ['reports', REPORT_FACTS_SQL],
    ['rectifications', RECTIFICATION_FACTS_SQL],
    ['listings', LISTINGS_SQL],
  ] as const) {
    const s = performance.now();
    const r = await raw.query(sql);
    rawTimes[k].push(performance.now() - s);
    rawRows[k] = r.rowCount ?? 0;
  }
}
await raw.end();
const rawTotal = Object.values(rawTimes).reduce((sum, v) => sum + median(v), 0);
log(
  `raw SQL: ${rawTotal.toFixed(0)} ms (${Object.entries(rawTimes)
    .map(([k, v]) => `${k} ${median(v).toFixed(0)} ms`)
    .join(', ')})`,
);
await database.close();

const md = `# Credit-list rules job (city data set)

Run ${new Date().toISOString()} on PostgreSQL (${server.replace(/\/\/[^@]*@/, '//')}), rules applied up to ${today}.
Command: \`npx tsx bench/src/supervision/creditRules.ts\` (see the file's header for the data).

| data | |
| --- | ---: |
| organizations | ${total} |
| organizations that reported at least once (2021–2025) | ${orgs} |
| annual reports | ${reports} |
| listings the history calls for | ${listings} |

| run | time |
| --- | ---: |
| first run (catch-up: ${first.entered} entered, ${first.left} left, each with its audit entry) | ${(firstMs / 1000).toFixed(1)} s |
| steady daily run, nothing to change (median of ${runs}: ${steady.join(', ')} ms) | ${median(steady)} ms |
| two runs at once on an emptied list (${again} listings, ${dupes} duplicates) | ${(concurrentMs / 1000).toFixed(1)} s |
| **raw SQL a run reads with** (median of ${runs}, plain \`pg\`) | **${rawTotal.toFixed(0)} ms** |

Raw SQL, per statement (median of ${runs}):

| statement | rows | time |
| --- | ---: | ---: |
| organizations | ${rawRows.organizations} | ${median(rawTimes.organizations).toFixed(0)} ms |
| annual reports | ${rawRows.reports} | ${median(rawTimes.reports).toFixed(0)} ms |
| rectification tasks | ${rawRows.rectifications} | ${median(rawTimes.rectifications).toFixed(0)} ms |
| listings | ${rawRows.listings} | ${median(rawTimes.listings).toFixed(0)} ms |

\`\`\`sql
${ORG_FACTS_SQL};
${REPORT_FACTS_SQL};
${RECTIFICATION_FACTS_SQL};
${LISTINGS_SQL};
\`\`\`

The steady run reads the same four statements and evaluates the rules for every organization in
memory; it opens a transaction (with the organization's advisory lock) only where something changes.
`;
fs.writeFileSync(args.out!, md);
log(`wrote ${args.out}`);
