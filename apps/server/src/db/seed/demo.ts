/**
 * The demo data set: 深圳市南山区 with every real street and community, ~300 organizations
 * across the three tiers, applications in every state of the filing flow, and one account
 * per role. Deterministic (seeded PRNG); everything after region loading runs in one
 * transaction.
 */
import { ancestorCodes, categorySchemes, formatFilingNumber, padCode, todayInShanghai } from '@linli/core';
import { count, inArray, or, sql } from 'drizzle-orm';
import type { Audit } from '../../lib/audit';
import type { Clock } from '../../lib/clock';
import { hashPassword, type Pii } from '../../lib/crypto';
import type { Database, DbOrTx } from '../client';
import {
  applicationSteps,
  applications,
  categories,
  categorySchemes as categorySchemesTable,
  certificates,
  filingCounters,
  grants,
  ledgerActivities,
  organizationMembers,
  organizationRevisions,
  organizations,
  regions,
  settings,
  users,
} from '../schema';
import {
  type Actor,
  addFiledApplication,
  addPendingFiling,
  createApplicationBuilder,
  createStaffDirectory,
  type PendingState,
  pendingStates,
  type StepPlan,
} from './applications';
import { communityLabel, dateMs, isoDate, Rng } from './names';
import {
  createOrgFactory,
  type GeneratedOrg,
  NameRegistry,
  type OrgRow,
  type OrgSpec,
  orgSnapshot,
  type Place,
} from './orgs';
import { loadRegions } from './regions';
import { seedRewardItems } from './rewards';
import { seedAnnualReports } from './supervision';
import { seedVolunteerDemo } from './volunteers';

export type SeedDemoDeps = {
  database: Database;
  pii: Pii;
  audit: Audit;
  clock: Clock;
  password: string;
  /** volunteers, activities, records, points and rewards (default true; HTTP tests start without them) */
  volunteers?: boolean;
};
export type DemoAccount = { username: string; role: string; scope: string };

export const DEMO_DISTRICT = '440305';
const SEED = 20_260_401;
const TOTAL_ORGS = 300;
const BATCH = 400;

export const DEFAULT_SETTINGS = {
  category_scheme: 'shenzhen',
  coverage_targets: { urban: 15, rural: 5, hubStreetRatio: 0.85 },
} as const;

// ------------------------------------------------------------------ shared pieces

/** Category schemes from @linli/core and the deployment settings (idempotent). */
export async function seedConfig(tx: DbOrTx): Promise<void> {
  for (const s of categorySchemes) {
    await tx
      .insert(categorySchemesTable)
      .values({ code: s.code, name: s.name, fivePlusX: s.fivePlusX })
      .onConflictDoNothing();
    await tx
      .insert(categories)
      .values(
        s.categories.map((c, i) => ({
          schemeCode: s.code,
          code: c.code,
          name: c.name,
          required: c.required,
          distinctive: c.distinctive,
          sort: i + 1,
        })),
      )
      .onConflictDoNothing();
  }
  for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
    await tx
      .insert(settings)
      .values({ key, value })
      .onConflictDoUpdate({ target: settings.key, set: { value: sql`excluded.value` } });
  }
}

export async function insertInBatches<T>(rows: T[], size: number, insert: (batch: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export type RegionInfo = { code: string; name: string; parentCode: string | null; areaType: string | null };

/** Streets (level 4) and communities (level 5) of a district or city, ordered by code. */
export async function regionTree(db: DbOrTx, prefix: string) {
  const rows = await db
    .select({
      code: regions.code,
      name: regions.name,
      level: regions.level,
      parentCode: regions.parentCode,
      areaType: regions.areaType,
    })
    .from(regions)
    .where(
      or(sql`${regions.code} like ${`${prefix}%`}`, inArray(regions.code, ancestorCodes(padCode(prefix)))),
    )
    .orderBy(regions.code);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const streets = rows.filter((r) => r.level === 4);
  const communities = rows.filter((r) => r.level === 5);
  const districts = rows.filter((r) => r.level === 3);
  const nameOf = (code: string | null) => (code ? (byCode.get(code)?.name ?? '') : '');
  return { rows, streets, communities, districts, byCode, nameOf };
}

/** The demo community: first residents' committee (urban) of a street, by code. */
export function firstResidentsCommittee(communities: RegionInfo[], streetCode12: string): RegionInfo {
  const inStreet = communities.filter((c) => c.parentCode === streetCode12);
  const c =
    inStreet.find((x) => x.areaType === 'urban' && /(居委会|居民委员会)$/.test(x.name)) ?? inStreet[0];
  if (!c) throw new Error(`street ${streetCode12} has no community`);
  return c;
}

export type DemoAccountContext = {
  cityCode: string;
  cityName: string;
  districtCode: string;
  districtName: string;
  street: RegionInfo;
  street2: RegionInfo;
  community: RegionInfo;
  leaderOrg: { id: string; name: string; regionCode: string; leaderName: string };
};

export type DemoUsers = {
  accounts: DemoAccount[];
  ids: Record<'admin' | 'city' | 'district' | 'street' | 'community' | 'leader' | 'street2', string>;
  names: Record<'admin' | 'city' | 'district' | 'street' | 'community' | 'leader' | 'street2', string>;
};

/** The demo accounts and their grants (shared by the demo seed and the bench generator). */
export async function insertDemoAccounts(
  tx: DbOrTx,
  ctx: DemoAccountContext,
  opts: { password: string; uuid: () => string; createdAt: Date },
): Promise<DemoUsers> {
  const unit = (name: string) => name.replace(/(社区居委会|居委会|居民委员会)$/, '社区居委会');
  const spec = [
    { key: 'admin', displayName: '系统管理员', role: 'admin', regionCode: null, scope: '全部' },
    {
      key: 'city',
      displayName: `${ctx.cityName}民政局 陈处长`,
      role: 'city_officer',
      regionCode: ctx.cityCode,
      scope: ctx.cityName,
    },
    {
      key: 'district',
      displayName: `${ctx.districtName}民政局 王科长`,
      role: 'district_officer',
      regionCode: ctx.districtCode,
      scope: ctx.districtName,
    },
    {
      key: 'street',
      displayName: `${ctx.street.name}办事处 李主任`,
      role: 'street_officer',
      regionCode: ctx.street.code,
      scope: ctx.street.name,
    },
    {
      key: 'community',
      displayName: `${unit(ctx.community.name)} 张主任`,
      role: 'community_staff',
      regionCode: ctx.community.code,
      scope: ctx.community.name,
    },
    {
      key: 'leader',
      displayName: `${ctx.leaderOrg.name} ${ctx.leaderOrg.leaderName}`,
      role: 'org_leader',
      regionCode: ctx.leaderOrg.regionCode,
      organizationId: ctx.leaderOrg.id,
      scope: ctx.leaderOrg.name,
    },
    {
      key: 'street2',
      displayName: `${ctx.street2.name}办事处 赵主任`,
      role: 'street_officer',
      regionCode: ctx.street2.code,
      scope: ctx.street2.name,
    },
  ] as const;
  const hashes = await Promise.all(spec.map(() => hashPassword(opts.password)));
  const ids = {} as DemoUsers['ids'];
  const names = {} as DemoUsers['names'];
  const userRows = spec.map((s, i) => {
    ids[s.key] = opts.uuid();
    names[s.key] = s.displayName;
    return {
      id: ids[s.key],
      username: s.key,
      displayName: s.displayName,
      passwordHash: hashes[i],
      createdAt: opts.createdAt,
      updatedAt: opts.createdAt,
    };
  });
  await tx.insert(users).values(userRows);
  await tx.insert(grants).values(
    spec.map((s) => ({
      id: opts.uuid(),
      userId: ids[s.key],
      role: s.role,
      regionCode: s.regionCode,
      organizationId: 'organizationId' in s ? s.organizationId : null,
      createdAt: opts.createdAt,
    })),
  );
  return { accounts: spec.map((s) => ({ username: s.key, role: s.role, scope: s.scope })), ids, names };
}

// ------------------------------------------------------------------ the demo

const TIER_WEIGHTS = { group: 55, filed: 35, registered: 10 } as const;
const STATUS_WEIGHTS = { active: 82, dormant: 8, exiting: 4, exited: 6 } as const;
const KIND_WEIGHTS = { culture: 33, life: 25, charity: 22, affairs: 20 } as const;

/** Places (communities with their street and legal-name prefix) of a loaded region tree. */
export function placesOf(tree: Awaited<ReturnType<typeof regionTree>>): Map<string, Place> {
  const places = new Map<string, Place>();
  for (const c of tree.communities) {
    const district = c.code.slice(0, 6).padEnd(12, '0');
    const city = c.code.slice(0, 4).padEnd(12, '0');
    const districtName = tree.nameOf(district);
    places.set(c.code, {
      communityCode: c.code,
      communityName: c.name,
      label: communityLabel(c.name),
      streetCode: c.code.slice(0, 9),
      streetName: tree.nameOf(c.parentCode),
      legalPrefix: `${tree.nameOf(city)}${districtName === tree.nameOf(city) ? '' : districtName}`,
    });
  }
  return places;
}

/** Numbers filed organizations per street and year in order of filing; returns the counters. */
export function assignFilingNumbers(orgs: OrgRow[]): Map<string, number> {
  const filed = orgs
    .filter((o) => o.tier === 'filed' && o.filedOn)
    .sort((a, b) => (a.filedOn! < b.filedOn! ? -1 : 1));
  const counters = new Map<string, number>();
  for (const o of filed) {
    const year = Number(o.filedOn!.slice(0, 4));
    const key = `${o.streetCode}|${year}`;
    const seq = (counters.get(key) ?? 0) + 1;
    counters.set(key, seq);
    o.filingNumber = formatFilingNumber({ streetCode: o.streetCode, year, seq });
  }
  return counters;
}

export const counterRows = (counters: Map<string, number>) =>
  [...counters].map(([key, lastSeq]) => {
    const [streetCode, year] = key.split('|');
    return { streetCode, year: Number(year), lastSeq };
  });

export async function seedDemo(deps: SeedDemoDeps): Promise<{ accounts: DemoAccount[] }> {
  const { database, pii, audit, clock } = deps;
  const [{ n: existingUsers }] = await database.db.select({ n: count() }).from(users);
  if (existingUsers > 0)
    throw new Error('seedDemo: the users table is not empty; the demo seeds only an empty database');

  await loadRegions(database, DEMO_DISTRICT);

  const rng = new Rng(SEED);
  const uuid = () => rng.uuid();
  const now = clock.now();
  const today = todayInShanghai(now);
  const tree = await regionTree(database.db, DEMO_DISTRICT);
  const districtCode = `${DEMO_DISTRICT}000000`;
  const cityCode = `${DEMO_DISTRICT.slice(0, 4)}00000000`;
  const streets = tree.streets;
  if (streets.length < 2) throw new Error('seedDemo: region data for 南山区 is missing');
  const [street, street2] = streets;
  const demoCommunity = firstResidentsCommittee(tree.communities, street.code);
  const placeOf = placesOf(tree);
  const streetPlace = (s: RegionInfo): Place => {
    const first = tree.communities.find((c) => c.parentCode === s.code)!;
    return { ...placeOf.get(first.code)!, label: s.name };
  };

  const names = new NameRegistry();
  const factory = createOrgFactory({ rng, pii, names, today, uuid });
  const generated: GeneratedOrg[] = [];
  const add = (place: Place, spec: OrgSpec) => {
    const g = factory.generate(place, spec);
    generated.push(g);
    return g;
  };
  const randomSpec = (): OrgSpec => ({
    tier: rng.weighted(TIER_WEIGHTS),
    kind: rng.weighted(KIND_WEIGHTS),
    status: rng.weighted(STATUS_WEIGHTS),
  });

  // 1. the demo community: 9 live organizations (below the urban target of 15) and one exited
  const demoPlace = placeOf.get(demoCommunity.code)!;
  const leaderOrg = add(demoPlace, {
    tier: 'filed',
    kind: 'life',
    status: 'active',
    name: `${demoPlace.label}邻里互助会`,
    scope: '组织邻里互帮互助，为独居老人、困难家庭提供上门探访和生活帮扶',
    members: 18,
  });
  const demoSpecs: OrgSpec[] = [
    { tier: 'filed', kind: 'affairs', status: 'active' },
    { tier: 'filed', kind: 'culture', status: 'active' },
    { tier: 'filed', kind: 'charity', status: 'dormant' },
    { tier: 'registered', kind: 'charity', status: 'active' },
    { tier: 'group', kind: 'culture', status: 'active' },
    { tier: 'group', kind: 'culture', status: 'active' },
    { tier: 'group', kind: 'affairs', status: 'active' },
    { tier: 'group', kind: 'life', status: 'exiting' },
    { tier: 'group', kind: 'culture', status: 'exited' },
  ];
  for (const s of demoSpecs) add(demoPlace, s);

  // 2. hub organizations in two thirds of the streets (none in the demo community)
  const hubStreets = rng.shuffle(streets).slice(0, Math.round((streets.length * 2) / 3));
  for (const s of hubStreets) {
    const place = streetPlace(s);
    add(place, {
      tier: 'registered',
      kind: 'affairs',
      status: 'active',
      isHub: true,
      name: `${place.legalPrefix}${s.name}社会组织服务中心`,
      scope: '为辖区社区社会组织提供孵化培育、能力建设、项目指导和财务代管服务',
      members: rng.int(8, 15),
    });
  }
  const otherCommunities = tree.communities.filter((c) => c.code !== demoCommunity.code);
  for (const s of hubStreets.slice(0, 3)) {
    const inStreet = otherCommunities.filter((c) => c.parentCode === s.code);
    if (inStreet.length === 0) continue;
    const place = placeOf.get(rng.pick(inStreet).code)!;
    add(place, {
      tier: 'filed',
      kind: 'affairs',
      status: 'active',
      isHub: true,
      name: `${place.label}社会组织联合会`,
      scope: '联系服务社区内各类社会组织，开展交流培训和资源对接，协助社区开展组织培育',
      members: rng.int(6, 12),
    });
  }

  // 3. three showcase communities that meet the target, the rest spread by weight
  const showcase = [
    otherCommunities.find((c) => c.parentCode === street.code)!,
    ...rng.shuffle(otherCommunities.filter((c) => c.parentCode !== street.code)).slice(0, 2),
  ].filter(Boolean);
  for (const c of showcase) {
    for (let i = 0; i < 16; i++)
      add(placeOf.get(c.code)!, { ...randomSpec(), status: i < 15 ? 'active' : 'exited' });
  }
  const pool = otherCommunities.filter((c) => !showcase.includes(c));
  // every other community gets at least one, as long as there is room
  for (const c of pool) if (generated.length < TOTAL_ORGS) add(placeOf.get(c.code)!, randomSpec());
  const weights = pool.map(() => 0.3 + rng.float() * 2);
  const total = weights.reduce((a, b) => a + b, 0);
  while (generated.length < TOTAL_ORGS) {
    let x = rng.float() * total;
    let i = 0;
    while (i < pool.length - 1 && x >= weights[i]) x -= weights[i++];
    add(placeOf.get(pool[i].code)!, randomSpec());
  }

  const orgRows = generated.map((g) => g.org);
  const counters = assignFilingNumbers(orgRows);
  const filed = generated.filter((g) => g.org.tier === 'filed');

  const result = await database.db.transaction(async (tx) => {
    await seedConfig(tx);
    const demoUsers = await insertDemoAccounts(
      tx,
      {
        cityCode,
        cityName: tree.nameOf(cityCode),
        districtCode,
        districtName: tree.nameOf(districtCode),
        street,
        street2,
        community: demoCommunity,
        // the leader's organization is inserted below, in the same transaction
        leaderOrg: leaderOrg.org,
      },
      { password: deps.password, uuid, createdAt: now },
    );
    const actor = (key: keyof DemoUsers['ids'], role: string): Actor => ({
      id: demoUsers.ids[key],
      name: demoUsers.names[key],
      role,
    });
    const staff = createStaffDirectory({
      rng,
      nameOf: tree.nameOf,
      known: new Map([
        [demoCommunity.code, actor('community', 'community_staff')],
        [street.code, actor('street', 'street_officer')],
        [street2.code, actor('street2', 'street_officer')],
      ]),
    });

    // organizations and what hangs off them
    await insertInBatches(orgRows, BATCH, (b) => tx.insert(organizations).values(b));
    await insertInBatches(
      generated.flatMap((g) => g.members),
      BATCH,
      (b) => tx.insert(organizationMembers).values(b),
    );
    await insertInBatches(
      generated.flatMap((g) =>
        g.activities.map((a) => ({
          ...a,
          recordedBy: g.org.regionCode === demoCommunity.code ? demoUsers.ids.community : null,
        })),
      ),
      BATCH,
      (b) => tx.insert(ledgerActivities).values(b),
    );
    await insertInBatches(
      orgRows.map((o) => revisionRow(o, uuid())),
      BATCH,
      (b) => tx.insert(organizationRevisions).values(b),
    );
    await tx.insert(filingCounters).values(counterRows(counters));

    // applications: the filed application (and certificate) of every filed organization …
    const builder = createApplicationBuilder({ rng, uuid, now });
    const certs = filed.map((g) =>
      addFiledApplication(
        builder,
        { pii, rng, staff },
        g.org,
        g.leader,
        placeOf.get(g.org.regionCode)!,
        g === leaderOrg ? demoUsers.ids.leader : null,
      ),
    );

    // … filing applications in flight, in every other state of the flow
    const ctx = { pii, rng, staff, names, today };
    const plan: [Place, PendingState][] = [
      [demoPlace, 'draft'],
      [demoPlace, 'community_review'],
      [demoPlace, 'community_review'],
      [demoPlace, 'community_review'],
      [demoPlace, 'street_review'],
      [demoPlace, 'returned'],
      [demoPlace, 'rejected'],
      [demoPlace, 'withdrawn'],
    ];
    const inStreet = (s: RegionInfo) => otherCommunities.filter((c) => c.parentCode === s.code);
    const streetOthers = inStreet(street);
    const states1: PendingState[] = [
      'street_review',
      'street_review',
      'street_review',
      'community_review',
      'returned',
      'draft',
    ];
    states1.forEach((state, i) => {
      plan.push([placeOf.get(streetOthers[i % streetOthers.length].code)!, state]);
    });
    const s2 = inStreet(street2);
    plan.push(
      [placeOf.get(s2[0].code)!, 'street_review'],
      [placeOf.get(s2[1 % s2.length].code)!, 'community_review'],
    );
    const elsewhere = otherCommunities.filter(
      (c) => c.parentCode !== street.code && c.parentCode !== street2.code,
    );
    const states3: PendingState[] = [...pendingStates, 'community_review', 'street_review'];
    for (const state of states3) plan.push([placeOf.get(rng.pick(elsewhere).code)!, state]);
    for (const [place, state] of plan) addPendingFiling(builder, ctx, place, state);

    // change applications: the demo leader's venue change; a scope change in the street's inbox
    const leaderActor = actor('leader', 'org_leader');
    builder.add({
      kind: 'change',
      organizationId: leaderOrg.org.id,
      regionCode: leaderOrg.org.regionCode,
      form: {
        changes: { venue: `${demoPlace.label}党群服务中心三楼会议室` },
        before: { venue: leaderOrg.org.venue },
        note: '原活动室改作长者饭堂，活动场所调整至三楼会议室。',
      },
      applicant: { id: leaderActor.id, name: leaderOrg.org.leaderName },
      createdOn: daysBefore(today, 3),
      plan: [{ event: 'submit', from: 'draft', to: 'community_review', actor: leaderActor, daysAfter: 0 }],
    });
    const changeOrg = filed.find(
      (g) =>
        g.org.streetCode === street.code.slice(0, 9) &&
        g.org.status === 'active' &&
        g.org.regionCode !== demoCommunity.code,
    );
    if (changeOrg) {
      const o = changeOrg.org;
      const applicant: Actor = { id: null, name: o.leaderName, role: 'org_leader' };
      builder.add({
        kind: 'change',
        organizationId: o.id,
        regionCode: o.regionCode,
        form: {
          changes: { businessScope: `${o.businessScope}；新增开展面向社区青少年的公益服务` },
          before: { businessScope: o.businessScope },
          note: '成员增加，拟扩大服务对象。',
        },
        applicant: { id: null, name: o.leaderName },
        createdOn: daysBefore(today, 9),
        plan: [
          { event: 'submit', from: 'draft', to: 'community_review', actor: applicant, daysAfter: 0 },
          {
            event: 'pass',
            from: 'community_review',
            to: 'street_review',
            actor: staff.community(o.regionCode),
            daysAfter: 2,
          },
        ],
      });
    }

    // registration recommendations: one awaiting the district, one returned by it
    const districtActor = actor('district', 'district_officer');
    const mature = filed.filter(
      (g) => g.org.status === 'active' && !g.org.isHub && g !== leaderOrg && (g.org.memberCount ?? 0) >= 10,
    );
    const candidates = [
      mature.find((g) => g.org.streetCode === street.code.slice(0, 9)),
      mature.find((g) => g.org.streetCode !== street.code.slice(0, 9)),
    ].filter((g): g is GeneratedOrg => !!g);
    candidates.forEach((g, i) => {
      const o = g.org;
      const recommender = staff.street(o.streetCode);
      const steps: StepPlan[] = [
        { event: 'recommend', from: 'draft', to: 'district_review', actor: recommender, daysAfter: 1 },
      ];
      if (i === 1) {
        steps.push({
          event: 'return',
          from: 'district_review',
          to: 'returned',
          actor: districtActor,
          reason: '请补充近两年的年度工作报告和财务收支情况。',
          daysAfter: 5,
        });
      }
      builder.add({
        kind: 'registration',
        organizationId: o.id,
        regionCode: o.regionCode,
        form: {
          name: `${placeOf.get(o.regionCode)!.legalPrefix}${o.name}${o.name.endsWith('会') ? '' : '服务中心'}`,
          category: o.category,
          businessScope: o.businessScope,
          venue: o.venue,
          leaderName: o.leaderName,
          leaderIdMasked: o.leaderIdMasked,
          memberCount: o.memberCount,
          filingNumber: o.filingNumber,
          note: '该组织备案以来活动规范、成员稳定，年度报告按时报送，推荐申请登记。',
        },
        applicant: { id: recommender.id, name: recommender.name },
        createdOn: daysBefore(today, i === 0 ? 6 : 15),
        plan: steps,
      });
    });

    await insertInBatches(builder.apps, BATCH, (b) => tx.insert(applications).values(b));
    await insertInBatches(builder.steps, BATCH, (b) => tx.insert(applicationSteps).values(b));
    await insertInBatches(certs, BATCH, (b) => tx.insert(certificates).values(b));

    const volunteerDemo =
      deps.volunteers === false
        ? null
        : await seedVolunteerDemo(tx, {
            rng,
            uuid,
            pii,
            now,
            password: deps.password,
            districtCode6: DEMO_DISTRICT,
            communities: tree.communities,
            demoCommunity: demoCommunity.code,
            orgs: generated
              .filter((g) => g.org.status === 'active')
              .map((g) => ({ id: g.org.id, name: g.org.name, regionCode: g.org.regionCode })),
            leaderOrgId: leaderOrg.org.id,
            communityUserId: demoUsers.ids.community,
            communityUserName: demoUsers.names.community,
          });

    await seedRewardItems(tx, {
      communityCode: demoCommunity.code,
      communityName: demoCommunity.name,
      streetCode: street.code,
      now,
    });
    const annualReportCount = await seedAnnualReports(tx, {
      rng,
      orgs: generated,
      today,
      leaderOrgId: leaderOrg.org.id,
      reviewers: {
        street: { id: demoUsers.ids.street, name: demoUsers.names.street },
        district: { id: demoUsers.ids.district, name: demoUsers.names.district },
      },
    });
    const summary = {
      organizations: orgRows.length,
      annualReports: annualReportCount,
      members: generated.reduce((s, g) => s + g.members.length, 0),
      applications: builder.apps.length,
      certificates: certs.length,
      accounts: demoUsers.accounts.map((a) => a.username),
      volunteers: volunteerDemo?.volunteers ?? 0,
      serviceRecords: volunteerDemo?.records ?? 0,
    };
    await audit.record(tx, { actor: null, action: 'seed.demo', entity: ['system', 'demo'], after: summary });
    const resident: DemoAccount[] = volunteerDemo
      ? [
          {
            username: volunteerDemo.residentIdNumber,
            role: '志愿者（H5 /m/login 身份证号登录）',
            scope: demoCommunity.name,
          },
        ]
      : [];
    return { accounts: [...demoUsers.accounts, ...resident] };
  });
  return result;
}

const daysBefore = (today: string, days: number) => isoDate(dateMs(today) - days * 86_400_000);

/** Revision 1 of an organization: its snapshot without encrypted fields. */
export const revisionRow = (o: OrgRow, id: string) => ({
  id,
  organizationId: o.id,
  version: 1,
  cause: 'created',
  snapshot: orgSnapshot(o),
  changedByName: '系统初始化',
  changedAt: o.createdAt as Date,
});
