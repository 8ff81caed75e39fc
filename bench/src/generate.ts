/**
 * City-scale data generator for benchmarks.
 *
 *   npx tsx bench/src/generate.ts --url postgres://postgres@127.0.0.1:5432/linli_bench
 *   npx tsx bench/src/generate.ts --data-dir ./bench-data --orgs 2000 --members 10000
 *
 * Migrates, loads the real divisions of a region (default 4403 深圳市), then bulk-inserts
 * organizations over every community (all tiers, categories and statuses), their members,
 * ledgers, revisions, filing certificates and applications, plus the demo accounts
 * (admin, city, district, street, community, leader, street2) so HTTP benchmarks can log in.
 * Personal data is encrypted with `--secret` (default BENCH_SECRET): start the server with
 * LINLI_SECRET set to the same value to read it. Expects an empty database.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { todayInShanghai } from '@linli/core';
import { count } from 'drizzle-orm';
import { type Database, openDatabase } from '../../apps/server/src/db/client';
import {
  applicationSteps,
  applications,
  certificates,
  filingCounters,
  ledgerActivities,
  organizationMembers,
  organizationRevisions,
  organizations,
  users,
} from '../../apps/server/src/db/schema';
import {
  addFiledApplication,
  addPendingFiling,
  createApplicationBuilder,
  createStaffDirectory,
  type PendingState,
} from '../../apps/server/src/db/seed/applications';
import { bulkInsert } from '../../apps/server/src/db/seed/bulk';
import {
  assignFilingNumbers,
  counterRows,
  type DemoAccount,
  firstResidentsCommittee,
  insertDemoAccounts,
  placesOf,
  regionTree,
  revisionRow,
  seedConfig,
} from '../../apps/server/src/db/seed/demo';
import type { CategoryKind } from '../../apps/server/src/db/seed/names';
import { Rng } from '../../apps/server/src/db/seed/names';
import {
  createOrgFactory,
  type GeneratedOrg,
  NameRegistry,
  type OrgStatus,
  type Place,
  type Tier,
} from '../../apps/server/src/db/seed/orgs';
import { loadRegions, resolveRegionSelector } from '../../apps/server/src/db/seed/regions';
import { createPii } from '../../apps/server/src/lib/crypto';

/** Fixed secret for bench PII: run the server with LINLI_SECRET set to it. */
export const BENCH_SECRET = 'linli-bench-secret-do-not-use-in-production-0001';
export const BENCH_PASSWORD = 'bench-password-1';

export type BenchOptions = {
  url?: string;
  dataDir?: string;
  memory?: boolean;
  /** division code or name; default '4403' (深圳市) */
  region?: string;
  orgs?: number;
  members?: number;
  /** filing applications in flight (besides one filed application per filed organization); default orgs / 20 */
  pending?: number;
  password?: string;
  secret?: string;
  seed?: number;
  /** parallel insert statements (PostgreSQL only); default 6 */
  concurrency?: number;
  log?: (line: string) => void;
  /** use an open database instead of url/dataDir (it is not closed) */
  database?: Database;
};

export type BenchReport = {
  regions: { districts: number; streets: number; communities: number };
  counts: Record<string, number>;
  timings: Record<string, number>;
  accounts: DemoAccount[];
  demo: { district: string; street: string; street2: string; community: string; leaderOrganization: string };
};

const TIER_WEIGHTS = { group: 55, filed: 35, registered: 10 } as const;
const STATUS_WEIGHTS = { active: 84, dormant: 7, exiting: 3, exited: 6 } as const;
const KIND_WEIGHTS = { culture: 33, life: 25, charity: 22, affairs: 20 } as const;
const PENDING_WEIGHTS = {
  draft: 10,
  community_review: 30,
  street_review: 30,
  returned: 12,
  rejected: 8,
  withdrawn: 10,
} as const;

export async function generateBench(opts: BenchOptions): Promise<BenchReport> {
  const log = opts.log ?? (() => {});
  const timings: Record<string, number> = {};
  const started = performance.now();
  let mark = started;
  const lap = (label: string) => {
    const t = performance.now();
    timings[label] = Math.round(t - mark);
    log(`${label.padEnd(28)} ${((t - mark) / 1000).toFixed(2).padStart(7)} s`);
    mark = t;
  };

  const nOrgs = opts.orgs ?? 20_000;
  const nMembers = opts.members ?? 100_000;
  const nPending = opts.pending ?? Math.round(nOrgs / 20);
  const region = opts.region ?? '4403';
  const pii = createPii(opts.secret ?? BENCH_SECRET);
  const rng = new Rng(opts.seed ?? 4403);
  const uuid = () => rng.uuid();
  const now = new Date();
  const today = todayInShanghai(now);

  const database =
    opts.database ?? (await openDatabase({ url: opts.url, dataDir: opts.dataDir, memory: opts.memory }));
  const concurrency = database.kind === 'postgres' ? (opts.concurrency ?? 6) : 1;
  try {
    await database.migrate();
    lap('migrate');
    const [{ n: existing }] = await database.db.select({ n: count() }).from(users);
    if (existing > 0) throw new Error('the database already has users: generate into a fresh database');

    await loadRegions(database, region);
    const { prefix } = await resolveRegionSelector(region);
    const tree = await regionTree(database.db, prefix);
    const places = placesOf(tree);
    const communities = tree.communities;
    if (communities.length === 0) throw new Error(`no communities under ${region}`);
    lap(`regions (${communities.length} communities)`);

    // demo accounts sit in 南山区 when it is part of the region, else in the first district
    const district = tree.districts.find((d) => d.code === '440305000000') ?? tree.districts[0];
    const streetsOf = (code12: string) => tree.streets.filter((s) => s.parentCode === code12);
    const dStreets = streetsOf(district?.code ?? '').length >= 2 ? streetsOf(district.code) : tree.streets;
    const [street, street2] = dStreets;
    const community = firstResidentsCommittee(communities, street.code);
    const cityCode = `${prefix.slice(0, 4)}00000000`;

    // ------------------------------------------------------------ generate
    const names = new NameRegistry();
    const factory = createOrgFactory({ rng, pii, names, today, uuid, formerMembers: false });
    const memberCounts = spreadMembers(rng, nOrgs, nMembers);
    const generated: GeneratedOrg[] = [];
    const add = (
      place: Place,
      spec: { tier: Tier; kind: CategoryKind; status: OrgStatus; name?: string; isHub?: boolean },
    ) => {
      const g = factory.generate(place, { ...spec, members: memberCounts[generated.length] });
      generated.push(g);
      return g;
    };
    const communityPlace = places.get(community.code)!;
    const leaderOrg = add(communityPlace, {
      tier: 'filed',
      kind: 'life',
      status: 'active',
      name: `${communityPlace.label}邻里互助会`,
    });
    for (const s of tree.streets) {
      if (generated.length >= nOrgs || !rng.chance(0.7)) continue;
      const first = communities.find((c) => c.parentCode === s.code);
      if (!first) continue;
      const place = { ...places.get(first.code)!, label: s.name };
      add(place, {
        tier: 'registered',
        kind: 'affairs',
        status: 'active',
        isHub: true,
        name: `${place.legalPrefix}${s.name}社会组织服务中心`,
      });
    }
    // every community gets organizations, in proportion to a random weight
    const weights = communities.map(() => 0.3 + rng.float() * 1.7);
    const cumulative: number[] = [];
    weights.reduce((sum, w, i) => {
      cumulative[i] = sum + w;
      return cumulative[i];
    }, 0);
    const total = cumulative[cumulative.length - 1];
    for (let i = 0; generated.length < nOrgs; i++) {
      const c =
        i < communities.length ? communities[i] : communities[lowerBound(cumulative, rng.float() * total)];
      add(places.get(c.code)!, {
        tier: rng.weighted(TIER_WEIGHTS),
        kind: rng.weighted(KIND_WEIGHTS),
        status: rng.weighted(STATUS_WEIGHTS),
      });
    }
    const orgRows = generated.map((g) => g.org);
    const counters = assignFilingNumbers(orgRows);
    lap(`generate ${orgRows.length} organizations`);

    // ------------------------------------------------------------ accounts and config
    const demoUsers = await database.db.transaction(async (tx) => {
      await seedConfig(tx);
      return insertDemoAccounts(
        tx,
        {
          cityCode,
          cityName: tree.nameOf(cityCode),
          districtCode: district?.code ?? street.parentCode ?? cityCode,
          districtName: tree.nameOf(district?.code ?? street.parentCode),
          street,
          street2,
          community,
          leaderOrg: leaderOrg.org,
        },
        { password: opts.password ?? BENCH_PASSWORD, uuid, createdAt: now },
      );
    });

    const staff = createStaffDirectory({
      rng,
      nameOf: tree.nameOf,
      known: new Map([
        [
          community.code,
          { id: demoUsers.ids.community, name: demoUsers.names.community, role: 'community_staff' },
        ],
        [street.code, { id: demoUsers.ids.street, name: demoUsers.names.street, role: 'street_officer' }],
        [street2.code, { id: demoUsers.ids.street2, name: demoUsers.names.street2, role: 'street_officer' }],
      ]),
    });
    const builder = createApplicationBuilder({ rng, uuid, now });
    const certs = generated
      .filter((g) => g.org.tier === 'filed')
      .map((g) =>
        addFiledApplication(
          builder,
          { pii, rng, staff },
          g.org,
          g.leader,
          places.get(g.org.regionCode)!,
          g === leaderOrg ? demoUsers.ids.leader : null,
        ),
      );
    const ctx = { pii, rng, staff, names, today };
    const demoStreetCommunities = communities.filter((c) => c.parentCode === street.code);
    for (let i = 0; i < nPending; i++) {
      // a tenth lands in the demo community and another tenth elsewhere in the demo street
      const c =
        i % 10 === 0
          ? community
          : i % 10 === 1
            ? rng.pick(demoStreetCommunities)
            : communities[lowerBound(cumulative, rng.float() * total)];
      addPendingFiling(builder, ctx, places.get(c.code)!, rng.weighted(PENDING_WEIGHTS) as PendingState);
    }
    lap('accounts, applications');

    // ------------------------------------------------------------ bulk insert
    const put = { concurrency, batch: 2000 };
    await bulkInsert(database, organizations, orgRows, put);
    lap(`insert organizations`);
    const members = generated.flatMap((g) => g.members);
    const activities = generated.flatMap((g) => g.activities);
    await Promise.all([
      bulkInsert(database, organizationMembers, members, { ...put, batch: 5000 }),
      bulkInsert(
        database,
        organizationRevisions,
        orgRows.map((o) => revisionRow(o, uuid())),
        put,
      ),
      bulkInsert(database, ledgerActivities, activities, put),
      bulkInsert(database, filingCounters, counterRows(counters), put),
    ]);
    lap(`insert members, ledgers, history`);
    await bulkInsert(database, applications, builder.apps, put);
    await Promise.all([
      bulkInsert(database, applicationSteps, builder.steps, { ...put, batch: 5000 }),
      bulkInsert(database, certificates, certs, put),
    ]);
    lap('insert applications');
    await database.query('analyze');
    lap('analyze');
    timings.total = Math.round(performance.now() - started);
    log(`${'total'.padEnd(28)} ${(timings.total / 1000).toFixed(2).padStart(7)} s`);

    return {
      regions: {
        districts: tree.districts.length,
        streets: tree.streets.length,
        communities: communities.length,
      },
      counts: {
        organizations: orgRows.length,
        members: members.length,
        ledgerActivities: activities.length,
        applications: builder.apps.length,
        applicationSteps: builder.steps.length,
        certificates: certs.length,
      },
      timings,
      accounts: demoUsers.accounts,
      demo: {
        district: tree.nameOf(district?.code ?? null),
        street: street.name,
        street2: street2.name,
        community: community.name,
        leaderOrganization: leaderOrg.org.name,
      },
    };
  } finally {
    if (!opts.database) await database.close();
  }
}

/** Member counts per organization summing to `total`: 3 each where possible, the rest at random. */
function spreadMembers(rng: Rng, orgs: number, total: number): number[] {
  const base = Math.max(1, Math.min(3, Math.floor(total / orgs)));
  const counts = new Array<number>(orgs).fill(base);
  let rest = total - base * orgs;
  while (rest > 0) {
    const i = rng.int(0, orgs - 1);
    if (counts[i] >= 60) continue;
    counts[i]++;
    rest--;
  }
  return counts;
}

/** First index whose cumulative weight exceeds x. */
function lowerBound(cumulative: number[], x: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

async function main() {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      'data-dir': { type: 'string' },
      region: { type: 'string', default: '4403' },
      orgs: { type: 'string', default: '20000' },
      members: { type: 'string', default: '100000' },
      pending: { type: 'string' },
      password: { type: 'string', default: BENCH_PASSWORD },
      secret: { type: 'string', default: process.env.LINLI_SECRET ?? BENCH_SECRET },
      seed: { type: 'string', default: '4403' },
      concurrency: { type: 'string', default: '6' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || (!values.url && !values['data-dir'])) {
    console.log(
      'usage: npx tsx bench/src/generate.ts (--url postgres://… | --data-dir DIR) [--region 4403] [--orgs 20000]\n' +
        '       [--members 100000] [--pending N] [--password bench-password-1] [--secret S] [--seed 4403] [--concurrency 6]',
    );
    process.exitCode = values.help ? 0 : 1;
    return;
  }
  const report = await generateBench({
    url: values.url,
    dataDir: values['data-dir'],
    region: values.region,
    orgs: Number(values.orgs),
    members: Number(values.members),
    pending: values.pending ? Number(values.pending) : undefined,
    password: values.password,
    secret: values.secret,
    seed: Number(values.seed),
    concurrency: Number(values.concurrency),
    log: (line) => console.log(line),
  });
  console.log(
    `regions: ${report.regions.districts} districts, ${report.regions.streets} streets, ${report.regions.communities} communities`,
  );
  console.log(
    Object.entries(report.counts)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', '),
  );
  console.log(
    `demo accounts (password ${values.password}): ${report.accounts.map((a) => `${a.username} (${a.role}, ${a.scope})`).join('; ')}`,
  );
  if (values.secret === BENCH_SECRET)
    console.log('personal data is encrypted with BENCH_SECRET: start the server with LINLI_SECRET set to it');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
