import {
  type ActivityCancel,
  type ActivityInput,
  type ActivityPatch,
  activityFlow,
  activityTimingErrors,
  availableEvents,
  liveSignUpStates,
  type SignUpDecision,
  signUpFlow,
  transition,
} from '@linli/core';
import { and, asc, desc, eq, gte, inArray, like, lt, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AppDeps } from '../../app';
import type { DbOrTx } from '../../db/client';
import {
  activitySignups,
  organizations,
  regions,
  serviceActivities,
  volunteerConsents,
  volunteers,
} from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can, rolesFor, scopeWhere } from '../../lib/authz/scope';
import { EXPORT_ROW_LIMIT } from '../../lib/documents/excel';
import {
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
  staleVersion,
  unprocessable,
} from '../../lib/errors';
import { likePattern, parseSort } from '../../lib/pagination';
import { creditStatus, restrictionMessage } from '../credit/credit.events';
import type { OrganizationService } from '../organizations/organizations.service';
import { loadVolunteerConfig } from '../volunteerConfig/volunteerConfig';
import { type VolunteerService, volunteerScope } from '../volunteers/volunteers.service';
import {
  type ActivityRow,
  activitySnapshot,
  countSql,
  presentActivity,
  presentSignUp,
  type SignUpRow,
} from './activities.presenter';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'> & {
  orgs: OrganizationService;
  volunteers: VolunteerService;
};

export type ActivityListFilter = {
  q?: string;
  status?: string;
  category?: string;
  organizationId?: string;
  regionCode?: string;
  from?: string;
  to?: string;
  /** `startsAt`, `title`, `wanted` or `createdAt`, `-` for descending; default: latest start first */
  sort?: string;
  page: number;
  pageSize: number;
};

const ACTIVITY_SORTS = ['startsAt', 'title', 'wanted', 'createdAt'] as const;

const UUID = /^[0-9a-f-]{36}$/i;

function activityOrder(sort: string | undefined): SQL[] {
  if (!sort) return [desc(serviceActivities.startsAt), desc(serviceActivities.id)];
  const s = parseSort(sort, ACTIVITY_SORTS, 'startsAt');
  const dir = s.desc ? desc : asc;
  return [dir(serviceActivities[s.key]), dir(serviceActivities.id)];
}
const activityRes = (a: ActivityRow) => ({ regionCode: a.regionCode, organizationId: a.organizationId });
/** Start of a calendar day in Asia/Shanghai. */
const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
const nextDayStart = (d: string) => new Date(dayStart(d).getTime() + 86_400_000);

/** Service activities and sign-ups: published by an organization, approved by its organizers. */
export function createActivityService(deps: Deps) {
  const { database, audit, clock, orgs } = deps;
  const db = database.db;

  const readScope = (actor: Actor) =>
    scopeWhere(
      actor,
      { region: serviceActivities.regionCode, org: serviceActivities.organizationId },
      'volunteer.read',
    );

  /** The actor's read scope and the list filters (the list and its export). */
  function listWhere(actor: Actor, f: Omit<ActivityListFilter, 'page' | 'pageSize'>) {
    const conds: SQL[] = [readScope(actor)];
    if (f.q) conds.push(like(serviceActivities.title, likePattern(f.q)));
    if (f.status) conds.push(eq(serviceActivities.status, f.status));
    if (f.category) conds.push(eq(serviceActivities.category, f.category));
    if (f.organizationId) conds.push(eq(serviceActivities.organizationId, f.organizationId));
    if (f.regionCode)
      conds.push(sql`${serviceActivities.regionCode} like ${`${f.regionCode.replace(/(000)+$/, '')}%`}`);
    if (f.from) conds.push(gte(serviceActivities.startsAt, dayStart(f.from)));
    if (f.to) conds.push(lt(serviceActivities.startsAt, nextDayStart(f.to)));
    return and(...conds);
  }

  async function getScoped(tx: DbOrTx, actor: Actor, id: string, lock = false): Promise<ActivityRow> {
    if (!UUID.test(id)) throw notFound('活动');
    const q = tx
      .select()
      .from(serviceActivities)
      .where(and(eq(serviceActivities.id, id), readScope(actor)));
    const [a] = lock ? await q.for('update') : await q;
    if (!a) throw notFound('活动');
    return a;
  }

  function assertManage(actor: Actor, a: { regionCode: string; organizationId: string }) {
    if (!can(actor, 'activity.manage', a)) throw forbidden('您无权管理该活动');
  }

  function assertTiming(a: Parameters<typeof activityTimingErrors>[0]) {
    const errors = activityTimingErrors(a);
    const first = Object.values(errors)[0];
    if (first) throw unprocessable(first, errors);
  }

  async function counts(tx: DbOrTx, activityId: string) {
    const rows = await tx
      .select({ state: activitySignups.state, n: sql<number>`count(*)::int` })
      .from(activitySignups)
      .where(eq(activitySignups.activityId, activityId))
      .groupBy(activitySignups.state);
    const c = { pending: 0, approved: 0, waitlisted: 0 };
    for (const r of rows) if (r.state in c) c[r.state as keyof typeof c] = r.n;
    return c;
  }

  function allowedActions(actor: Actor, a: ActivityRow) {
    if (!can(actor, 'activity.manage', activityRes(a))) return [];
    const now = clock.now();
    const acts: string[] = availableEvents(activityFlow, a.status, rolesFor(actor, activityRes(a))).filter(
      (e) => e !== 'finish',
    );
    if ((a.status === 'draft' || a.status === 'published') && now < a.startsAt) acts.unshift('update');
    if (a.status === 'published' && now >= a.signupOpensAt && now <= a.signupClosesAt) acts.push('signup');
    return acts;
  }

  async function detail(tx: DbOrTx, actor: Actor, a: ActivityRow) {
    const [names] = await tx
      .select({
        organizationName: organizations.name,
        communityName: sql<string | null>`(select name from ${regions} where code = ${a.regionCode})`,
      })
      .from(organizations)
      .where(eq(organizations.id, a.organizationId));
    return {
      ...presentActivity(a),
      ...names,
      counts: await counts(tx, a.id),
      allowedActions: allowedActions(actor, a),
    };
  }

  /** Live sign-ups of an activity, locked, for cascades. */
  const liveSignUps = (tx: DbOrTx, activityId: string) =>
    tx
      .select()
      .from(activitySignups)
      .where(
        and(
          eq(activitySignups.activityId, activityId),
          inArray(activitySignups.state, [...liveSignUpStates]),
        ),
      )
      .for('update');

  return {
    getScoped,

    async create(actor: Actor, orgId: string, input: ActivityInput) {
      return db.transaction(async (tx) => {
        const o = await orgs.getScoped(tx, actor, orgId);
        const regionCode = input.regionCode ?? o.regionCode;
        assertManage(actor, { regionCode, organizationId: o.id });
        if (o.status === 'exited') throw unprocessable('已退出的组织不能发布活动');
        if (input.regionCode) await deps.volunteers.community(tx, input.regionCode);
        const now = clock.now();
        const startsAt = new Date(input.startsAt);
        if (startsAt <= now)
          throw unprocessable('活动开始时间须晚于当前时间', { startsAt: '活动开始时间须晚于当前时间' });
        const signupOpensAt = input.signupOpensAt ? new Date(input.signupOpensAt) : now;
        const signupClosesAt = input.signupClosesAt ? new Date(input.signupClosesAt) : startsAt;
        const endsAt = new Date(input.endsAt);
        assertTiming({ startsAt, endsAt, signupOpensAt, signupClosesAt });
        const [a] = await tx
          .insert(serviceActivities)
          .values({
            organizationId: o.id,
            regionCode,
            title: input.title,
            content: input.content,
            category: input.category,
            place: input.place,
            startsAt,
            endsAt,
            wanted: input.wanted,
            signupOpensAt,
            signupClosesAt,
            coefficientHundredths: Math.round(input.coefficient * 100),
            createdBy: actor.id,
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'activity.created',
          entity: ['service_activity', a.id],
          regionCode: a.regionCode,
          after: activitySnapshot(a),
        });
        return detail(tx, actor, a);
      });
    },

    async get(actor: Actor, id: string) {
      return detail(db, actor, await getScoped(db, actor, id));
    },

    async list(actor: Actor, f: ActivityListFilter) {
      const where = listWhere(actor, f);
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(serviceActivities)
        .where(where);
      const rows = await db
        .select({
          a: serviceActivities,
          organizationName: organizations.name,
          communityName: regions.name,
          approved: sql.raw(countSql('approved')).mapWith(Number),
          pending: sql.raw(countSql('pending')).mapWith(Number),
          waitlisted: sql.raw(countSql('waitlisted')).mapWith(Number),
        })
        .from(serviceActivities)
        .innerJoin(organizations, eq(organizations.id, serviceActivities.organizationId))
        .leftJoin(regions, eq(regions.code, serviceActivities.regionCode))
        .where(where)
        .orderBy(...activityOrder(f.sort))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      return {
        items: rows.map((r) => ({
          ...presentActivity(r.a),
          organizationName: r.organizationName,
          communityName: r.communityName,
          counts: { pending: r.pending, approved: r.approved, waitlisted: r.waitlisted },
          allowedActions: allowedActions(actor, r.a),
        })),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    /**
     * Every row of the list for an Excel export: the list's filters, scope and order, no paging
     * (capped at `limit`), with the organization, community and street names and sign-up counts.
     */
    async exportRows(
      actor: Actor,
      f: Omit<ActivityListFilter, 'page' | 'pageSize'>,
      limit = EXPORT_ROW_LIMIT,
    ) {
      const streets = alias(regions, 'streets');
      const rows = await db
        .select({
          a: serviceActivities,
          organizationName: organizations.name,
          communityName: regions.name,
          streetName: streets.name,
          approved: sql.raw(countSql('approved')).mapWith(Number),
          pending: sql.raw(countSql('pending')).mapWith(Number),
          waitlisted: sql.raw(countSql('waitlisted')).mapWith(Number),
        })
        .from(serviceActivities)
        .innerJoin(organizations, eq(organizations.id, serviceActivities.organizationId))
        .leftJoin(regions, eq(regions.code, serviceActivities.regionCode))
        .leftJoin(streets, eq(streets.code, sql`substr(${serviceActivities.regionCode}, 1, 9) || '000'`))
        .where(listWhere(actor, f))
        .orderBy(...activityOrder(f.sort))
        .limit(limit);
      return rows.map((r) => ({
        ...presentActivity(r.a),
        organizationName: r.organizationName,
        communityName: r.communityName,
        streetName: r.streetName,
        counts: { pending: r.pending, approved: r.approved, waitlisted: r.waitlisted },
      }));
    },

    /** Edit a draft or published activity before it starts. */
    async update(actor: Actor, id: string, patch: ActivityPatch) {
      return db.transaction(async (tx) => {
        const before = await getScoped(tx, actor, id, true);
        assertManage(actor, activityRes(before));
        if (patch.version !== before.version) throw staleVersion();
        const now = clock.now();
        if (!['draft', 'published'].includes(before.status))
          throw unprocessable('已取消或已结束的活动不能修改');
        if (now >= before.startsAt) throw unprocessable('活动已开始，不能修改');
        const changes: Partial<ActivityRow> = {};
        for (const k of ['title', 'content', 'category', 'place', 'wanted'] as const)
          if (patch[k] !== undefined) (changes as Record<string, unknown>)[k] = patch[k];
        for (const k of ['startsAt', 'endsAt', 'signupOpensAt', 'signupClosesAt'] as const)
          if (patch[k] !== undefined) changes[k] = new Date(patch[k]);
        if (patch.coefficient !== undefined)
          changes.coefficientHundredths = Math.round(patch.coefficient * 100);
        if (patch.regionCode && patch.regionCode !== before.regionCode) {
          await deps.volunteers.community(tx, patch.regionCode);
          assertManage(actor, { regionCode: patch.regionCode, organizationId: before.organizationId });
          changes.regionCode = patch.regionCode;
        }
        const merged = { ...before, ...changes };
        if (changes.startsAt && merged.startsAt <= now)
          throw unprocessable('活动开始时间须晚于当前时间', { startsAt: '活动开始时间须晚于当前时间' });
        assertTiming(merged);
        if (changes.wanted !== undefined) {
          const c = await counts(tx, before.id);
          if (changes.wanted < c.approved)
            throw unprocessable(`已录用 ${c.approved} 人，招募人数不能少于已录用人数`, {
              wanted: `不能少于已录用的 ${c.approved} 人`,
            });
        }
        const after = await updateVersioned(tx, serviceActivities, before, { ...changes, updatedAt: now });
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'activity.updated',
          entity: ['service_activity', after.id],
          regionCode: after.regionCode,
          before: activitySnapshot(before),
          after: activitySnapshot(after),
        });
        return detail(tx, actor, after);
      });
    },

    async publish(actor: Actor, id: string, version: number) {
      return db.transaction(async (tx) => {
        const before = await getScoped(tx, actor, id, true);
        assertManage(actor, activityRes(before));
        if (version !== before.version) throw staleVersion();
        const step = transition(activityFlow, before.status, 'publish', {
          roles: rolesFor(actor, activityRes(before)),
        });
        if ('error' in step) {
          if (step.error.code === 'role_not_allowed') throw forbidden(step.error.message);
          throw conflict(step.error.message);
        }
        const now = clock.now();
        if (now >= before.startsAt) throw unprocessable('活动已开始，不能发布');
        const after = await updateVersioned(tx, serviceActivities, before, {
          status: step.to,
          publishedAt: now,
          updatedAt: now,
        });
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'activity.published',
          entity: ['service_activity', after.id],
          regionCode: after.regionCode,
          before: { status: before.status, version: before.version },
          after: { status: after.status, version: after.version, publishedAt: now },
        });
        return detail(tx, actor, after);
      });
    },

    /** Cancel the activity and, in the same transaction, every live sign-up with the same reason. */
    async cancel(actor: Actor, id: string, input: ActivityCancel) {
      return db.transaction(async (tx) => {
        const before = await getScoped(tx, actor, id, true);
        assertManage(actor, activityRes(before));
        if (input.version !== before.version) throw staleVersion();
        const step = transition(
          activityFlow,
          before.status,
          'cancel',
          { roles: rolesFor(actor, activityRes(before)) },
          input.reason,
        );
        if ('error' in step) {
          if (step.error.code === 'reason_required')
            throw unprocessable(step.error.message, { reason: step.error.message });
          if (step.error.code === 'role_not_allowed') throw forbidden(step.error.message);
          throw conflict(step.error.message);
        }
        const now = clock.now();
        const after = await updateVersioned(tx, serviceActivities, before, {
          status: step.to,
          cancelledAt: now,
          cancelReason: input.reason,
          updatedAt: now,
        });
        const live = await liveSignUps(tx, before.id);
        for (const s of live) {
          const [c] = await tx
            .update(activitySignups)
            .set({
              state: 'cancelled',
              reason: `活动取消：${input.reason}`,
              decidedBy: actor.id,
              decidedByName: actor.displayName,
              decidedAt: now,
              version: s.version + 1,
            })
            .where(eq(activitySignups.id, s.id))
            .returning();
          await audit.record(tx, {
            actor: auditActor(actor),
            action: 'activity.signup_cancelled',
            entity: ['activity_signup', s.id],
            regionCode: after.regionCode,
            before: s,
            after: c,
          });
        }
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'activity.cancelled',
          entity: ['service_activity', after.id],
          regionCode: after.regionCode,
          before: { status: before.status, version: before.version },
          after: {
            status: after.status,
            version: after.version,
            reason: input.reason,
            signupsCancelled: live.length,
          },
        });
        return detail(tx, actor, after);
      });
    },

    async signUps(actor: Actor, activityId: string) {
      const a = await getScoped(db, actor, activityId);
      const roles = can(actor, 'activity.manage', activityRes(a)) ? rolesFor(actor, activityRes(a)) : [];
      const rows = await db
        .select({ s: activitySignups, v: volunteers })
        .from(activitySignups)
        .innerJoin(volunteers, eq(volunteers.id, activitySignups.volunteerId))
        .where(eq(activitySignups.activityId, a.id))
        .orderBy(desc(activitySignups.createdAt), desc(activitySignups.id));
      return {
        activity: { ...presentActivity(a), counts: await counts(db, a.id) },
        items: rows.map((r) => presentSignUp(r.s, r.v, roles)),
      };
    },

    /** An organizer signs a volunteer up (pending until approved), inside the sign-up window. */
    async signUp(actor: Actor, activityId: string, volunteerId: string) {
      return db.transaction(async (tx) => {
        const a = await getScoped(tx, actor, activityId, true);
        assertManage(actor, activityRes(a));
        // the volunteer must be one the organizer may see (outside the caller's scope: 404)
        if (!UUID.test(volunteerId)) throw notFound('志愿者');
        const [v] = await tx
          .select()
          .from(volunteers)
          .where(and(eq(volunteers.id, volunteerId), volunteerScope(actor)));
        if (!v) throw notFound('志愿者');
        const s = await insertSignUp(tx, deps, a, v, actor.id);
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'activity.signup_created',
          entity: ['activity_signup', s.id],
          regionCode: a.regionCode,
          after: s,
        });
        return presentSignUp(s, v, rolesFor(actor, activityRes(a)));
      });
    },

    /**
     * One step of the sign-up table. The activity row is locked first (always in this order), so
     * two organizers approving the last seat at once are serialized: the second finds it full.
     */
    async decide(actor: Actor, signUpId: string, input: SignUpDecision) {
      if (!UUID.test(signUpId)) throw notFound('报名记录');
      return db.transaction(async (tx) => {
        const [found] = await tx
          .select({ activityId: activitySignups.activityId })
          .from(activitySignups)
          .innerJoin(serviceActivities, eq(serviceActivities.id, activitySignups.activityId))
          .where(and(eq(activitySignups.id, signUpId), readScope(actor)));
        if (!found) throw notFound('报名记录');
        const a = await getScoped(tx, actor, found.activityId, true);
        const [s] = await tx
          .select()
          .from(activitySignups)
          .where(eq(activitySignups.id, signUpId))
          .for('update');
        assertManage(actor, activityRes(a));
        if (input.version !== s.version) throw staleVersion();
        const roles = rolesFor(actor, activityRes(a));
        const step = transition(signUpFlow, s.state, input.event, { roles }, input.reason);
        if ('error' in step) {
          if (step.error.code === 'reason_required')
            throw unprocessable(step.error.message, { reason: step.error.message });
          if (step.error.code === 'role_not_allowed') throw forbidden(step.error.message);
          throw conflict(step.error.message);
        }
        if (a.status !== 'published')
          throw unprocessable('活动已取消或已结束，不能再处理报名', undefined, 'activity_not_open');
        if (step.to === 'approved') {
          const c = await counts(tx, a.id);
          if (c.approved >= a.wanted)
            throw unprocessable(
              `名额已满（已录用 ${c.approved}/${a.wanted} 人），可改为候补`,
              undefined,
              'activity_full',
            );
        }
        const now = clock.now();
        const after = await updateVersioned(tx, activitySignups, s, {
          state: step.to,
          decidedBy: actor.id,
          decidedByName: actor.displayName,
          decidedAt: now,
          reason: input.reason || null,
        });
        await audit.record(tx, {
          actor: auditActor(actor),
          action: `activity.signup_${step.to}`,
          entity: ['activity_signup', s.id],
          regionCode: a.regionCode,
          before: s,
          after,
        });
        const [v] = await tx.select().from(volunteers).where(eq(volunteers.id, s.volunteerId));
        return presentSignUp(after, v, roles);
      });
    },
  };
}
export type ActivityService = ReturnType<typeof createActivityService>;

/** The 'record' consent is on record and not withdrawn (the latest row decides). */
async function hasRecordConsent(tx: DbOrTx, volunteerId: string) {
  const [r] = await tx
    .select({ granted: volunteerConsents.granted })
    .from(volunteerConsents)
    .where(and(eq(volunteerConsents.volunteerId, volunteerId), eq(volunteerConsents.purpose, 'record')))
    .orderBy(desc(volunteerConsents.at), desc(volunteerConsents.id))
    .limit(1);
  return r?.granted === true;
}

/**
 * The sign-up rules shared by the organizer's path and the volunteer's own (H5) sign-up: the
 * activity is published and inside its sign-up window, the volunteer is active, consents to the
 * record and is not restricted by their credit. Inserts the pending sign-up (the caller audits).
 * `a` should be locked by the caller.
 */
export async function insertSignUp(
  tx: DbOrTx,
  deps: Pick<AppDeps, 'database' | 'clock'>,
  a: ActivityRow,
  v: typeof volunteers.$inferSelect,
  requestedBy: string | null,
): Promise<SignUpRow> {
  if (a.status !== 'published')
    throw unprocessable('活动未发布或已取消，不能报名', undefined, 'activity_not_open');
  const now = deps.clock.now();
  if (now < a.signupOpensAt) throw unprocessable('报名尚未开始', undefined, 'signup_window');
  if (now > a.signupClosesAt) throw unprocessable('报名已截止', undefined, 'signup_window');
  if (v.status !== 'active')
    throw unprocessable('该志愿者已停用，不能报名', { volunteerId: '该志愿者已停用' });
  if (!(await hasRecordConsent(tx, v.id)))
    throw unprocessable(
      '该志愿者未同意记录志愿服务信息，不能报名',
      { volunteerId: '须先取得本人“记录志愿服务信息”的同意' },
      'consent_required',
    );
  const config = await loadVolunteerConfig(deps.database);
  const credit = await creditStatus(tx, v.id, config.credit, now);
  if (credit.restricted)
    throw unprocessable(
      restrictionMessage(credit.restricted),
      { volunteerId: restrictionMessage(credit.restricted) },
      'credit_restricted',
    );
  try {
    const [s] = await tx
      .insert(activitySignups)
      .values({ activityId: a.id, volunteerId: v.id, requestedBy, createdAt: now })
      .returning();
    return s;
  } catch (e) {
    if (isUniqueViolation(e, 'activity_signups_live_uq'))
      throw conflict('该志愿者已报名此活动', { volunteerId: '已报名此活动' });
    throw e;
  }
}
