import {
  activityStatusLabels,
  liveSignUpStates,
  serviceCategoryLabels,
  signUpStateLabels,
} from '@linli/core';
import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import type { DbOrTx } from '../../db/client';
import { activitySignups, organizations, regions, serviceActivities, volunteers } from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { conflict, notFound, unprocessable } from '../../lib/errors';
import { insertSignUp } from '../activities/activities.service';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'>;
type ActivityRow = typeof serviceActivities.$inferSelect;
type SignUpRow = typeof activitySignups.$inferSelect;

const UUID = /^[0-9a-f-]{36}$/i;
const label = (m: Readonly<Record<string, string>>, k: string) => (Object.hasOwn(m, k) ? m[k] : k);
const live = (state: string) => (liveSignUpStates as readonly string[]).includes(state);

/** A volunteer's own sign-up, as the H5 page shows it. */
function presentMine(s: SignUpRow, a: Pick<ActivityRow, 'startsAt' | 'status'>, now: Date) {
  return {
    id: s.id,
    activityId: s.activityId,
    state: s.state,
    stateLabel: label(signUpStateLabels, s.state),
    requestedAt: s.createdAt,
    decidedAt: s.decidedAt,
    reason: s.reason,
    version: s.version,
    canWithdraw: live(s.state) && now < a.startsAt,
  };
}

/** What a volunteer may read about an activity: never who else signed up. */
function presentActivityForVolunteer(
  a: ActivityRow,
  extra: { organizationName: string; communityName: string | null; approved: number },
  now: Date,
) {
  return {
    id: a.id,
    title: a.title,
    content: a.content,
    category: a.category,
    categoryLabel: label(serviceCategoryLabels, a.category),
    place: a.place,
    regionCode: a.regionCode,
    communityName: extra.communityName,
    organizationName: extra.organizationName,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    wanted: a.wanted,
    signupOpensAt: a.signupOpensAt,
    signupClosesAt: a.signupClosesAt,
    coefficient: a.coefficientHundredths / 100,
    status: a.status,
    statusLabel: label(activityStatusLabels, a.status),
    cancelReason: a.cancelReason,
    approvedCount: extra.approved,
    seatsLeft: Math.max(0, a.wanted - extra.approved),
    signupOpen: a.status === 'published' && now >= a.signupOpensAt && now <= a.signupClosesAt,
  };
}

const approvedCount = sql<number>`(select count(*)::int from activity_signups s where s.activity_id = ${serviceActivities.id} and s.state = 'approved')`;

/**
 * Volunteers' own participation on the H5 pages: sign up for a published activity, withdraw
 * before it starts, list their sign-ups. The sign-up rules are the organizer's (activities
 * service `insertSignUp`): window, status, consent and the credit restriction.
 */
export function createParticipationService(deps: Deps) {
  const { database, audit, clock } = deps;
  const db = database.db;

  /** A published (or since cancelled / finished) activity; drafts are not visible to volunteers. */
  async function visibleActivity(tx: DbOrTx, id: string, lock = false) {
    if (!UUID.test(id)) throw notFound('活动');
    const q = tx
      .select()
      .from(serviceActivities)
      .where(and(eq(serviceActivities.id, id), sql`${serviceActivities.publishedAt} is not null`));
    const [a] = lock ? await q.for('update') : await q;
    if (!a) throw notFound('活动');
    return a;
  }

  async function mySignUp(tx: DbOrTx, volunteerId: string, activityId: string) {
    const [s] = await tx
      .select()
      .from(activitySignups)
      .where(and(eq(activitySignups.activityId, activityId), eq(activitySignups.volunteerId, volunteerId)))
      .orderBy(desc(activitySignups.createdAt), desc(activitySignups.id))
      .limit(1);
    return s ?? null;
  }

  return {
    async signUp(actor: Actor, volunteerId: string, activityId: string) {
      return db.transaction(async (tx) => {
        const a = await visibleActivity(tx, activityId, true);
        const [v] = await tx.select().from(volunteers).where(eq(volunteers.id, volunteerId));
        if (!v) throw notFound('志愿者');
        const s = await insertSignUp(tx, deps, a, v, actor.id);
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'activity.signup_created',
          entity: ['activity_signup', s.id],
          regionCode: a.regionCode,
          after: { ...s, via: 'self' },
        });
        return { ...presentMine(s, a, clock.now()), activityTitle: a.title };
      });
    },

    /** The volunteer withdraws their own live sign-up before the activity starts. */
    async withdraw(actor: Actor, volunteerId: string, signUpId: string) {
      if (!UUID.test(signUpId)) throw notFound('报名记录');
      return db.transaction(async (tx) => {
        const [found] = await tx
          .select({ activityId: activitySignups.activityId })
          .from(activitySignups)
          .where(and(eq(activitySignups.id, signUpId), eq(activitySignups.volunteerId, volunteerId)));
        if (!found) throw notFound('报名记录');
        // same lock order as the organizer's decisions: the activity first, then the sign-up
        const [a] = await tx
          .select()
          .from(serviceActivities)
          .where(eq(serviceActivities.id, found.activityId))
          .for('update');
        const [s] = await tx
          .select()
          .from(activitySignups)
          .where(eq(activitySignups.id, signUpId))
          .for('update');
        if (!live(s.state)) throw conflict(`报名已是“${label(signUpStateLabels, s.state)}”状态，不能取消`);
        const now = clock.now();
        if (now >= a.startsAt) throw unprocessable('活动已开始，不能取消报名', undefined, 'activity_started');
        const after = await updateVersioned(tx, activitySignups, s, {
          state: 'withdrawn',
          decidedBy: actor.id,
          decidedByName: actor.displayName,
          decidedAt: now,
          reason: '志愿者本人取消报名',
        });
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'activity.signup_withdrawn',
          entity: ['activity_signup', s.id],
          regionCode: a.regionCode,
          before: s,
          after,
        });
        return { ...presentMine(after, a, now), activityTitle: a.title };
      });
    },

    async list(volunteerId: string, f: { filter?: 'upcoming' | 'past'; page: number; pageSize: number }) {
      const now = clock.now();
      const conds: SQL[] = [eq(activitySignups.volunteerId, volunteerId)];
      if (f.filter === 'upcoming') conds.push(gte(serviceActivities.endsAt, now));
      if (f.filter === 'past') conds.push(lt(serviceActivities.endsAt, now));
      const where = and(...conds);
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(activitySignups)
        .innerJoin(serviceActivities, eq(serviceActivities.id, activitySignups.activityId))
        .where(where);
      const rows = await db
        .select({ s: activitySignups, a: serviceActivities, organizationName: organizations.name })
        .from(activitySignups)
        .innerJoin(serviceActivities, eq(serviceActivities.id, activitySignups.activityId))
        .innerJoin(organizations, eq(organizations.id, serviceActivities.organizationId))
        .where(where)
        .orderBy(
          f.filter === 'past' ? desc(serviceActivities.startsAt) : serviceActivities.startsAt,
          desc(activitySignups.createdAt),
        )
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      return {
        items: rows.map((r) => ({
          ...presentMine(r.s, r.a, now),
          activity: {
            id: r.a.id,
            title: r.a.title,
            place: r.a.place,
            startsAt: r.a.startsAt,
            endsAt: r.a.endsAt,
            status: r.a.status,
            statusLabel: label(activityStatusLabels, r.a.status),
            organizationName: r.organizationName,
          },
        })),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    /** The activity as a volunteer sees it, with their own (latest) sign-up. */
    async activity(volunteerId: string, id: string) {
      const a = await visibleActivity(db, id);
      const [extra] = await db
        .select({
          organizationName: organizations.name,
          communityName: regions.name,
          approved: approvedCount,
        })
        .from(serviceActivities)
        .innerJoin(organizations, eq(organizations.id, serviceActivities.organizationId))
        .leftJoin(regions, eq(regions.code, serviceActivities.regionCode))
        .where(eq(serviceActivities.id, a.id));
      const now = clock.now();
      const s = await mySignUp(db, volunteerId, a.id);
      const mine = s ? presentMine(s, a, now) : null;
      const canSignUp =
        a.status === 'published' &&
        now >= a.signupOpensAt &&
        now <= a.signupClosesAt &&
        !(s && live(s.state));
      return { ...presentActivityForVolunteer(a, extra, now), mySignUp: mine, canSignUp };
    },
  };
}
export type ParticipationService = ReturnType<typeof createParticipationService>;
