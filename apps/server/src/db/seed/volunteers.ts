/**
 * Volunteer-service part of the demo: resident populations (estimates, for the 13 % target),
 * volunteers with consents, teams, a year of finished activities with check-in records (a few
 * backfilled), upcoming activities open for sign-up, points earned for the records, training,
 * commendations – and one resident account that signs in on the H5 pages.
 * Derived tables (totals, monthly statistics, balances) are computed from the rows in SQL, the
 * same way the services keep them.
 */
import {
  creditKey,
  earnedPoints,
  lastValidDay,
  makeIdNumber,
  maskIdNumber,
  maskPhone,
  pointSystemAccounts,
  todayInShanghai,
  volunteerAccount,
} from '@linli/core';
import { sql } from 'drizzle-orm';
import { hashPassword, type Pii } from '../../lib/crypto';
import type { DbOrTx } from '../client';
import {
  activityAttendance,
  activitySignups,
  pointEntries,
  serviceActivities,
  serviceRecords,
  teamMemberships,
  users,
  volunteerAwards,
  volunteerConsents,
  volunteerCreditEvents,
  volunteers,
  volunteerTeams,
  volunteerTrainings,
} from '../schema';
import { idNumber, mobile, personName, type Rng } from './names';

const DAY = 86_400_000;
const HOUR = 3_600_000;

export type VolunteerDemoContext = {
  rng: Rng;
  uuid: () => string;
  pii: Pii;
  now: Date;
  password: string;
  districtCode6: string;
  communities: { code: string; name: string; parentCode: string | null }[];
  demoCommunity: string;
  /** live organizations that run volunteer service: [id, name, regionCode] */
  orgs: { id: string; name: string; regionCode: string }[];
  /** the org of the `leader` account: gets the demo's richest history */
  leaderOrgId: string;
  communityUserId: string;
  communityUserName: string;
};

export type VolunteerDemoResult = { residentIdNumber: string; volunteers: number; records: number };

const ACTIVITY_IDEAS: readonly { title: string; category: string; content: string; place: string }[] = [
  {
    title: '独居老人上门探访',
    category: 'elderly',
    content: '两人一组上门陪伴聊天，检查水电燃气安全，记录老人需求',
    place: '辖区独居老人家中',
  },
  {
    title: '长者饭堂助餐服务',
    category: 'elderly',
    content: '协助长者饭堂分餐、送餐和餐后清洁',
    place: '社区长者饭堂',
  },
  {
    title: '四点半课堂作业辅导',
    category: 'children',
    content: '为双职工家庭小学生辅导作业、开展阅读活动',
    place: '社区党群服务中心二楼',
  },
  {
    title: '垃圾分类桶边督导',
    category: 'environment',
    content: '在投放点指导居民分类投放，记录错投情况',
    place: '小区垃圾分类投放点',
  },
  {
    title: '社区文明交通劝导',
    category: 'civilization',
    content: '早高峰在路口劝导行人和电动车文明出行',
    place: '社区主要路口',
  },
  {
    title: '助残康复陪伴',
    category: 'disabled',
    content: '陪同残障人士参加康复训练，协助出行',
    place: '社区康复站',
  },
  {
    title: '楼栋议事会记录',
    category: 'governance',
    content: '协助组织楼栋议事会，做好会议记录和意见汇总',
    place: '社区议事厅',
  },
  {
    title: '防汛应急物资清点',
    category: 'emergency',
    content: '清点并整理应急物资，更新台账',
    place: '社区应急物资仓库',
  },
  {
    title: '社区广场舞展演服务',
    category: 'culture_sports',
    content: '展演现场秩序维护和音响设备管理',
    place: '社区文化广场',
  },
];

const TRAININGS = [
  '志愿服务通识培训',
  '急救技能（心肺复苏与AED）培训',
  '垃圾分类督导员培训',
  '长者照护基础培训',
];
const AWARDS = ['优秀志愿者', '年度服务之星', '抗疫志愿服务先进个人'];

/** The demo resident who signs in on /m/login (female, born 1988-06-15 in 南山区). */
export const DEMO_RESIDENT_ID = makeIdNumber('44030519880615042');

const pick = <T>(rng: Rng, list: readonly T[]) => rng.pick(list);

/** Shanghai calendar date of an instant. */
const shanghaiDate = (d: Date) => todayInShanghai(d);

export async function seedVolunteerDemo(tx: DbOrTx, ctx: VolunteerDemoContext): Promise<VolunteerDemoResult> {
  const { rng, uuid, pii, now } = ctx;
  const year = now.getUTCFullYear();

  // 1. resident populations (estimates: the statistics bureau publishes them per community yearly)
  for (const c of ctx.communities) {
    const population = c.code === ctx.demoCommunity ? 12_800 : rng.int(6_000, 28_000);
    await tx.execute(
      sql`update regions set population = ${population} where code = ${c.code} and population is null`,
    );
  }
  await tx.execute(sql`
    update regions p set population = s.total
      from (select substr(code, 1, 9) as street, sum(population)::int as total from regions
             where level = 5 and code like ${`${ctx.districtCode6}%`} group by 1) s
     where p.code = s.street || '000' and p.population is null`);
  await tx.execute(sql`
    update regions set population = (select sum(population)::int from regions where level = 5 and code like ${`${ctx.districtCode6}%`})
     where code = ${`${ctx.districtCode6}000000`} and population is null`);

  // 2. volunteers: many in the demo community, some everywhere else
  type V = typeof volunteers.$inferInsert & { id: string };
  const vols: V[] = [];
  const consents: (typeof volunteerConsents.$inferInsert)[] = [];
  let seq = 0;
  const addVolunteer = (
    regionCode: string,
    createdAt: Date,
    fixed?: { name: string; id: string; birth: string; sex: 'male' | 'female'; phone: string },
  ) => {
    const sex = fixed?.sex ?? (rng.chance(0.58) ? 'female' : 'male');
    const person = fixed ?? {
      name: personName(rng, sex),
      ...(() => {
        const r = idNumber(rng, { sex, fromYear: 1950, toYear: 2005 });
        return { id: r.id, birth: r.birthDate };
      })(),
      sex,
      phone: mobile(rng),
    };
    const id = uuid();
    seq += 1;
    const v: V = {
      id,
      volunteerNumber: `V${ctx.districtCode6}-${createdAt.getUTCFullYear()}-${String(seq).padStart(6, '0')}`,
      realName: person.name,
      idNumberEnc: pii.encrypt(person.id),
      idNumberHmac: pii.blindIndex(person.id),
      idNumberMasked: maskIdNumber(person.id),
      birthDate: person.birth,
      sex,
      phoneEnc: pii.encrypt(person.phone),
      phoneMasked: maskPhone(person.phone),
      regionCode,
      skills: rng.chance(0.5)
        ? [pick(rng, ['急救', '摄影', '书法', '电脑维修', '心理疏导', '法律咨询', '驾驶'])]
        : [],
      interests: [pick(rng, ['助老', '关爱儿童', '环境保护', '文明实践', '社区治理'])],
      status: 'active',
      createdVia: rng.chance(0.7) ? 'self' : 'staff',
      createdAt,
      updatedAt: createdAt,
    };
    vols.push(v);
    for (const purpose of ['record', 'sensitive_id'])
      consents.push({
        volunteerId: id,
        purpose,
        granted: true,
        at: createdAt,
        byName: person.name,
        how: 'self',
      });
    return v;
  };
  const seen = new Set<string>();
  const registeredAt = () => new Date(now.getTime() - rng.int(30, 700) * DAY);
  const resident = addVolunteer(ctx.demoCommunity, new Date(now.getTime() - 400 * DAY), {
    name: '林晓华',
    id: DEMO_RESIDENT_ID,
    birth: '1988-06-15',
    sex: 'female',
    phone: '13800138000',
  });
  seen.add(resident.idNumberHmac);
  const want = (code: string) => (code === ctx.demoCommunity ? 90 : rng.int(2, 9));
  for (const c of ctx.communities) {
    for (let i = 0; i < want(c.code); i++) {
      const v = addVolunteer(c.code, registeredAt());
      if (seen.has(v.idNumberHmac)) {
        vols.pop();
        consents.splice(-2);
        continue;
      }
      seen.add(v.idNumberHmac);
    }
  }
  for (let i = 0; i < vols.length; i += 300) await tx.insert(volunteers).values(vols.slice(i, i + 300));
  for (let i = 0; i < consents.length; i += 500)
    await tx.insert(volunteerConsents).values(consents.slice(i, i + 500));
  await tx.execute(sql`
    insert into volunteer_number_counters (prefix, last)
    select split_part(volunteer_number, '-', 1) || '-' || split_part(volunteer_number, '-', 2), max(split_part(volunteer_number, '-', 3)::int)
      from volunteers group by 1
    on conflict (prefix) do update set last = greatest(volunteer_number_counters.last, excluded.last)`);

  // the resident's own sign-in account (ID number + demo password on /m/login)
  await tx.insert(users).values({
    username: resident.volunteerNumber,
    displayName: resident.realName,
    passwordHash: await hashPassword(ctx.password),
    volunteerId: resident.id,
  });

  // 3. teams of the organizations, with approved members from their community
  const byCommunity = new Map<string, V[]>();
  for (const v of vols) byCommunity.set(v.regionCode, [...(byCommunity.get(v.regionCode) ?? []), v]);
  const teamOrgs = ctx.orgs.filter((o) => o.regionCode === ctx.demoCommunity || rng.chance(0.08));
  const teams: (typeof volunteerTeams.$inferInsert & { id: string; organizationId: string })[] = [];
  const memberships: (typeof teamMemberships.$inferInsert)[] = [];
  const teamMembers = new Map<string, V[]>();
  for (const o of teamOrgs) {
    const id = uuid();
    teams.push({
      id,
      organizationId: o.id,
      name: `${o.name}志愿服务队`,
      regionCode: o.regionCode,
      description: '由组织成员和社区居民组成，常年开展邻里志愿服务。',
      createdAt: new Date(now.getTime() - 500 * DAY),
    });
    const pool = byCommunity.get(o.regionCode) ?? [];
    const members =
      o.id === ctx.leaderOrgId
        ? [resident, ...rng.shuffle(pool.filter((v) => v !== resident)).slice(0, 24)]
        : rng.shuffle(pool).slice(0, Math.min(pool.length, rng.int(3, 12)));
    teamMembers.set(o.id, members);
    for (const v of members)
      memberships.push({
        teamId: id,
        volunteerId: v.id,
        state: 'approved',
        requestedAt: new Date(now.getTime() - 300 * DAY),
        decidedBy: ctx.communityUserId,
        decidedByName: ctx.communityUserName,
        decidedAt: new Date(now.getTime() - 299 * DAY),
      });
  }
  if (teams.length) await tx.insert(volunteerTeams).values(teams);
  for (let i = 0; i < memberships.length; i += 500)
    await tx.insert(teamMemberships).values(memberships.slice(i, i + 500));

  // 4. activities: a year of finished ones with records; upcoming ones open for sign-up
  const acts: (typeof serviceActivities.$inferInsert & { id: string })[] = [];
  const signups: (typeof activitySignups.$inferInsert)[] = [];
  const attendance: (typeof activityAttendance.$inferInsert)[] = [];
  const records: (typeof serviceRecords.$inferInsert & { id: string; coefficient: number })[] = [];
  const orgById = new Map(ctx.orgs.map((o) => [o.id, o]));
  for (const team of teams) {
    const org = orgById.get(team.organizationId)!;
    const members = teamMembers.get(org.id) ?? [];
    if (!members.length) continue;
    const past = org.id === ctx.leaderOrgId ? 14 : rng.int(2, 6);
    for (let i = 0; i < past + 2; i++) {
      const idea = pick(rng, ACTIVITY_IDEAS);
      const upcoming = i >= past;
      const dayOffset = upcoming ? rng.int(2, 20) : -rng.int(3, 360);
      const start = new Date(
        Date.parse(`${shanghaiDate(new Date(now.getTime() + dayOffset * DAY))}T01:00:00Z`) +
          rng.int(0, 6) * HOUR,
      );
      const lengthH = pick(rng, [2, 2, 3, 3, 4]);
      const end = new Date(start.getTime() + lengthH * HOUR);
      const coefficient = pick(rng, [100, 100, 100, 120, 150]);
      const id = uuid();
      acts.push({
        id,
        organizationId: org.id,
        regionCode: org.regionCode,
        title: idea.title,
        content: idea.content,
        category: idea.category,
        place: idea.place,
        startsAt: start,
        endsAt: end,
        wanted: rng.int(6, 15),
        signupOpensAt: new Date(start.getTime() - 14 * DAY),
        signupClosesAt: new Date(start.getTime() - 2 * HOUR),
        coefficientHundredths: coefficient,
        status: 'published',
        publishedAt: new Date(start.getTime() - 14 * DAY),
        createdAt: new Date(start.getTime() - 15 * DAY),
        updatedAt: new Date(start.getTime() - 14 * DAY),
      });
      const chosen = rng.shuffle(members).slice(0, Math.min(members.length, rng.int(4, 10)));
      if (org.id === ctx.leaderOrgId && !upcoming && !chosen.includes(resident)) chosen.push(resident);
      if (upcoming && org.id === ctx.leaderOrgId) continue; // the resident's upcoming ones stay open on H5
      for (const v of chosen) {
        const signupId = uuid();
        signups.push({
          id: signupId,
          activityId: id,
          volunteerId: v.id,
          state: upcoming && rng.chance(0.4) ? 'pending' : 'approved',
          decidedBy: ctx.communityUserId,
          decidedByName: ctx.communityUserName,
          decidedAt: new Date(start.getTime() - 3 * DAY),
          createdAt: new Date(start.getTime() - 5 * DAY),
        });
        if (upcoming || rng.chance(0.06)) continue; // a few no-shows
        const backfill = rng.chance(0.1);
        const inAt = new Date(start.getTime() + rng.int(-10, 10) * 60_000);
        const outAt = new Date(end.getTime() + rng.int(-15, 15) * 60_000);
        const from = inAt < start ? start : inAt;
        const to = outAt > end ? end : outAt;
        const minutes = Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
        attendance.push({
          activityId: id,
          volunteerId: v.id,
          signupId,
          checkedInAt: inAt,
          checkInStep: 0,
          checkInVia: rng.chance(0.85) ? 'qr' : 'code',
          checkedOutAt: backfill ? null : outAt,
          checkOutStep: backfill ? null : 0,
          checkOutVia: backfill ? null : 'qr',
        });
        records.push({
          id: uuid(),
          coefficient,
          volunteerId: v.id,
          activityId: id,
          organizationId: org.id,
          regionCode: org.regionCode,
          category: idea.category,
          title: idea.title,
          content: idea.content,
          place: idea.place,
          startedAt: from,
          endedAt: to,
          serviceDate: shanghaiDate(start),
          minutes,
          source: backfill ? 'backfill' : 'checkin',
          organizerName: org.name,
          recorderId: ctx.communityUserId,
          recorderName: backfill ? ctx.communityUserName : '扫码签到',
          recordedAt: backfill ? new Date(end.getTime() + 2 * DAY) : to,
        });
      }
    }
  }
  // one activity of the leader's organization under way now: the resident is approved and can check in
  const leaderTeam = teams.find((t) => t.organizationId === ctx.leaderOrgId);
  if (leaderTeam) {
    const org = orgById.get(ctx.leaderOrgId)!;
    const start = new Date(Math.floor((now.getTime() - 20 * 60_000) / 60_000) * 60_000);
    const id = uuid();
    acts.push({
      id,
      organizationId: org.id,
      regionCode: org.regionCode,
      title: '长者饭堂助餐服务（今日）',
      content: '协助长者饭堂分餐、送餐和餐后清洁',
      category: 'elderly',
      place: '社区长者饭堂',
      startsAt: start,
      endsAt: new Date(start.getTime() + 3 * HOUR),
      wanted: 8,
      signupOpensAt: new Date(start.getTime() - 7 * DAY),
      signupClosesAt: new Date(start.getTime() - HOUR),
      coefficientHundredths: 100,
      status: 'published',
      publishedAt: new Date(start.getTime() - 7 * DAY),
      createdAt: new Date(start.getTime() - 8 * DAY),
      updatedAt: new Date(start.getTime() - 7 * DAY),
    });
    for (const v of [resident, ...(teamMembers.get(org.id) ?? []).filter((m) => m !== resident).slice(0, 5)])
      signups.push({
        id: uuid(),
        activityId: id,
        volunteerId: v.id,
        state: 'approved',
        decidedBy: ctx.communityUserId,
        decidedByName: ctx.communityUserName,
        decidedAt: new Date(start.getTime() - 2 * DAY),
        createdAt: new Date(start.getTime() - 3 * DAY),
      });
  }
  for (let i = 0; i < acts.length; i += 300)
    await tx.insert(serviceActivities).values(acts.slice(i, i + 300));
  for (let i = 0; i < signups.length; i += 500)
    await tx.insert(activitySignups).values(signups.slice(i, i + 500));
  for (let i = 0; i < attendance.length; i += 500)
    await tx.insert(activityAttendance).values(attendance.slice(i, i + 500));
  const recordRows = records.map(({ coefficient: _c, ...r }) => r);
  for (let i = 0; i < recordRows.length; i += 500)
    await tx.insert(serviceRecords).values(recordRows.slice(i, i + 500));

  // 5. points for each record (earn entries, expiring at the end of the year after), credit events
  const entries: (typeof pointEntries.$inferInsert)[] = [];
  const credits: (typeof volunteerCreditEvents.$inferInsert)[] = [];
  for (const r of records) {
    const points = earnedPoints(r.minutes, r.coefficient / 100);
    if (points > 0)
      entries.push({
        volunteerId: r.volunteerId,
        kind: 'earn',
        points,
        debitAccount: pointSystemAccounts.earn,
        creditAccount: volunteerAccount(r.volunteerId),
        idemKey: creditKey(r.activityId!, r.volunteerId, 0),
        reason: `参加“${r.title}”服务 ${Math.round((r.minutes / 60) * 10) / 10} 小时`,
        causeType: 'service_record',
        causeId: r.id,
        creditedOn: r.serviceDate,
        expiresOn: lastValidDay(r.serviceDate, { kind: 'yearEnd', years: 1 }),
        createdByName: '系统',
        at: r.recordedAt,
      });
    credits.push({
      volunteerId: r.volunteerId,
      kind: 'service',
      occurredAt: r.endedAt,
      minutes: r.minutes,
      title: r.title,
      sourceType: 'service_record',
      sourceId: r.id,
      recordedByName: '系统',
    });
  }
  for (let i = 0; i < entries.length; i += 500)
    await tx.insert(pointEntries).values(entries.slice(i, i + 500));
  for (let i = 0; i < credits.length; i += 500)
    await tx.insert(volunteerCreditEvents).values(credits.slice(i, i + 500));

  // training and commendations for some volunteers of the demo community
  const local = byCommunity.get(ctx.demoCommunity) ?? [];
  const trainings = [resident, ...rng.shuffle(local).slice(0, 20)].map((v, i) => ({
    volunteerId: v.id,
    course: TRAININGS[i % TRAININGS.length],
    content: '理论讲解与实操演练',
    minutes: pick(rng, [90, 120, 180]),
    organizer: '南山区志愿者联合会',
    heldOn: shanghaiDate(new Date(now.getTime() - rng.int(20, 300) * DAY)),
    recordedBy: ctx.communityUserId,
    recordedByName: ctx.communityUserName,
  }));
  await tx.insert(volunteerTrainings).values(trainings);
  const awards = [resident, ...rng.shuffle(local).slice(0, 5)].map((v, i) => ({
    volunteerId: v.id,
    title: `${year - 1}年度${AWARDS[i % AWARDS.length]}`,
    awardedBy: '南山区志愿者联合会',
    awardedOn: `${year}-03-05`,
    recordedBy: ctx.communityUserId,
    recordedByName: ctx.communityUserName,
  }));
  await tx.insert(volunteerAwards).values(awards);

  // 6. derived tables, kept by the services in production, computed here from the rows
  await tx.execute(sql`
    insert into volunteer_totals (volunteer_id, minutes, checkin_minutes, backfill_minutes, records, last_service_date)
    select volunteer_id, sum(minutes)::int, coalesce(sum(minutes) filter (where source = 'checkin'), 0)::int,
           coalesce(sum(minutes) filter (where source = 'backfill'), 0)::int, count(*)::int, max(service_date)
      from service_records where status = 'valid' group by volunteer_id`);
  await tx.execute(sql`
    insert into volunteer_org_year (organization_id, volunteer_id, year, minutes, records)
    select organization_id, volunteer_id, extract(year from service_date)::int, sum(minutes)::int, count(*)::int
      from service_records where status = 'valid' group by 1, 2, 3`);
  await tx.execute(sql`
    insert into service_monthly (region_code, month, category, organization_id, minutes, records)
    select region_code, to_char(service_date, 'YYYY-MM'), category, organization_id, sum(minutes)::int, count(*)::int
      from service_records where status = 'valid' group by 1, 2, 3, 4`);
  await tx.execute(sql`
    insert into point_balances (volunteer_id, balance, earned, spent)
    select volunteer_id, sum(points)::int, sum(points)::int, 0 from point_entries group by volunteer_id`);

  return { residentIdNumber: DEMO_RESIDENT_ID, volunteers: vols.length, records: records.length };
}
