import {
  type AppealDecision,
  type AwardInput,
  appealStateLabels,
  type CreditAppealInput,
  type CreditEventInput,
  type CreditEventKind,
  creditEventLabels,
  type RestrictionInput,
  type RestrictionLift,
  restrictionOf,
  type TrainingInput,
  todayInShanghai,
} from '@linli/core';
import { and, desc, eq, gt, inArray, isNotNull, isNull, like, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import type { DbOrTx } from '../../db/client';
import {
  activitySignups,
  serviceActivities,
  volunteerAwards,
  volunteerCreditAppeals,
  volunteerCreditEvents,
  volunteerRestrictions,
  volunteers,
  volunteerTrainings,
} from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can, scopeRanges } from '../../lib/authz/scope';
import { conflict, forbidden, notFound, staleVersion, unprocessable } from '../../lib/errors';
import { likePattern } from '../../lib/pagination';
import { loadVolunteerConfig } from '../volunteerConfig/volunteerConfig';
import { volunteerScope } from '../volunteers/volunteers.service';
import {
  type CreditEventRow,
  type CreditRestriction,
  creditEventsOf,
  creditStatus,
  recordCreditEvent,
  toCoreEvent,
  voidCreditEvent,
} from './credit.events';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'>;
type VolunteerRow = typeof volunteers.$inferSelect;
type RestrictionRow = typeof volunteerRestrictions.$inferSelect;
type AppealRow = typeof volunteerCreditAppeals.$inferSelect;

const UUID = /^[0-9a-f-]{36}$/i;
const DAY = 86_400_000;
const label = (m: Readonly<Record<string, string>>, k: string) => (Object.hasOwn(m, k) ? m[k] : k);
/** Start of a calendar day in Asia/Shanghai. */
const dayStart = (d: string) => new Date(`${d}T00:00:00+08:00`);
/** The last day blocked (Asia/Shanghai) of a restriction ending at `until`. */
const lastDay = (until: Date) => todayInShanghai(new Date(until.getTime() - 1));

export const RULE_RESTRICTION_LABEL = '规则自动限制';

const sourceLabels: Record<string, string> = {
  service_record: '服务记录',
  signup: '活动报名',
  attendance: '签到记录',
  training: '培训记录',
  award: '表彰记录',
  manual: '人工登记',
};

function presentEvent(e: CreditEventRow) {
  return {
    id: e.id,
    kind: e.kind,
    kindLabel: label(creditEventLabels, e.kind),
    positive: ['service', 'training', 'commendation'].includes(e.kind),
    occurredAt: e.occurredAt,
    minutes: e.minutes,
    title: e.title,
    sourceType: e.sourceType,
    sourceLabel: sourceLabels[e.sourceType] ?? e.sourceType,
    sourceId: e.sourceId,
    note: e.note,
    recordedByName: e.recordedByName,
    voided: e.voidedAt !== null,
    voidedAt: e.voidedAt,
    voidReason: e.voidReason,
    createdAt: e.createdAt,
  };
}

function presentRestriction(r: RestrictionRow, now: Date) {
  const active = r.liftedAt === null && r.fromAt <= now && r.untilAt > now;
  return {
    id: r.id as string | null,
    volunteerId: r.volunteerId,
    source: 'staff' as 'staff' | 'rule',
    sourceLabel: '人工限制',
    reason: r.reason,
    fromAt: r.fromAt as Date | null,
    untilAt: r.untilAt,
    untilDate: lastDay(r.untilAt),
    createdByName: r.createdByName as string | null,
    createdAt: r.createdAt as Date | null,
    liftedAt: r.liftedAt,
    liftedByName: r.liftedByName,
    liftReason: r.liftReason,
    state: (active ? 'active' : r.liftedAt ? 'lifted' : r.untilAt <= now ? 'expired' : 'scheduled') as string,
    stateLabel: active ? '限制中' : r.liftedAt ? '已解除' : r.untilAt <= now ? '已到期' : '未生效',
    version: r.version,
  };
}

function presentRuleRestriction(volunteerId: string, r: CreditRestriction) {
  return {
    id: null,
    volunteerId,
    source: 'rule' as const,
    sourceLabel: RULE_RESTRICTION_LABEL,
    reason: r.reason,
    fromAt: null,
    untilAt: r.until,
    untilDate: lastDay(r.until),
    createdByName: null,
    createdAt: null,
    liftedAt: null,
    liftedByName: null,
    liftReason: null,
    state: 'active',
    stateLabel: '限制中',
    version: 0,
    eventIds: r.eventIds ?? [],
  };
}

function presentAppeal(a: AppealRow) {
  return {
    id: a.id,
    volunteerId: a.volunteerId,
    eventId: a.eventId,
    restrictionId: a.restrictionId,
    reason: a.reason,
    submittedAt: a.submittedAt,
    state: a.state,
    stateLabel: label(appealStateLabels, a.state),
    decidedByName: a.decidedByName,
    decidedAt: a.decidedAt,
    decision: a.decision,
    version: a.version,
  };
}

const presentTraining = (t: typeof volunteerTrainings.$inferSelect) => ({
  id: t.id,
  volunteerId: t.volunteerId,
  course: t.course,
  content: t.content,
  minutes: t.minutes,
  organizer: t.organizer,
  heldOn: t.heldOn,
  recordedByName: t.recordedByName,
  createdAt: t.createdAt,
});

const presentAward = (a: typeof volunteerAwards.$inferSelect) => ({
  id: a.id,
  volunteerId: a.volunteerId,
  title: a.title,
  awardedBy: a.awardedBy,
  awardedOn: a.awardedOn,
  note: a.note,
  recordedByName: a.recordedByName,
  createdAt: a.createdAt,
});

/** Volunteers in the regions where the actor holds credit.manage (org leaders hold none). */
function creditScope(actor: Actor): SQL {
  const s = scopeRanges(actor, 'credit.manage');
  if (s.all) return sql`true`;
  const parts = s.ranges.map(([lo, hi]) => sql`${volunteers.regionCode} between ${lo} and ${hi}`);
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? parts[0] : (or(...parts) as SQL);
}

/**
 * Volunteer credit for staff and for the volunteer: score and level with every change and its
 * reason, negative events recorded by staff or the organizer, staff restrictions (and the
 * rule-derived ones, computed), appeals, training and commendations.
 */
export function createCreditService(deps: Deps) {
  const { database, audit, clock } = deps;
  const db = database.db;
  const config = async () => (await loadVolunteerConfig(database)).credit;

  async function scopedVolunteer(
    tx: DbOrTx,
    actor: Actor,
    id: string,
    scope: SQL = volunteerScope(actor),
    lock = false,
  ): Promise<VolunteerRow> {
    if (!UUID.test(id)) throw notFound('志愿者');
    const q = tx
      .select()
      .from(volunteers)
      .where(and(eq(volunteers.id, id), scope));
    const [v] = lock ? await q.for('update') : await q;
    if (!v) throw notFound('志愿者');
    return v;
  }

  function assertCredit(actor: Actor, v: VolunteerRow) {
    if (!can(actor, 'credit.manage', { regionCode: v.regionCode }))
      throw forbidden('您无权管理该志愿者的信用记录');
  }

  async function restrictionsOf(tx: DbOrTx, volunteerId: string) {
    return tx
      .select()
      .from(volunteerRestrictions)
      .where(eq(volunteerRestrictions.volunteerId, volunteerId))
      .orderBy(desc(volunteerRestrictions.createdAt));
  }

  async function appealsOf(tx: DbOrTx, volunteerId: string) {
    return tx
      .select()
      .from(volunteerCreditAppeals)
      .where(eq(volunteerCreditAppeals.volunteerId, volunteerId))
      .orderBy(desc(volunteerCreditAppeals.submittedAt));
  }

  /** Everything about one volunteer's credit, newest first where it is a list. */
  async function overview(tx: DbOrTx, v: VolunteerRow) {
    const now = clock.now();
    const status = await creditStatus(tx, v.id, await config(), now);
    const events = await creditEventsOf(tx, v.id);
    const restrictions = (await restrictionsOf(tx, v.id)).map((r) => presentRestriction(r, now));
    const ruleRestriction =
      status.restricted?.source === 'rule' ? presentRuleRestriction(v.id, status.restricted) : null;
    return {
      volunteer: { id: v.id, volunteerNumber: v.volunteerNumber, realName: v.realName },
      score: status.score,
      level: status.level,
      label: status.label,
      changes: [...status.changes].reverse(),
      restricted: status.restricted
        ? {
            ...status.restricted,
            untilDate: lastDay(status.restricted.until),
            sourceLabel: status.restricted.source === 'rule' ? RULE_RESTRICTION_LABEL : '人工限制',
          }
        : null,
      events: events.map(presentEvent).reverse(),
      restrictions: ruleRestriction ? [ruleRestriction, ...restrictions] : restrictions,
      appeals: (await appealsOf(tx, v.id)).map(presentAppeal),
    };
  }

  /** Lifts a staff restriction (staff action or upheld appeal) inside the open transaction. */
  async function liftRow(tx: DbOrTx, actor: Actor, before: RestrictionRow, reason: string, v: VolunteerRow) {
    if (before.liftedAt) throw conflict('该限制已解除');
    const now = clock.now();
    const after = await updateVersioned(tx, volunteerRestrictions, before, {
      liftedAt: now,
      liftedBy: actor.id,
      liftedByName: actor.displayName,
      liftReason: reason,
    });
    await audit.record(tx, {
      actor: auditActor(actor),
      action: 'credit.restriction_lifted',
      entity: ['volunteer_restriction', before.id],
      regionCode: v.regionCode,
      before,
      after,
    });
    return after;
  }

  return {
    async credit(actor: Actor, volunteerId: string) {
      const v = await scopedVolunteer(db, actor, volunteerId);
      const allowed = can(actor, 'credit.manage', { regionCode: v.regionCode });
      return {
        ...(await overview(db, v)),
        allowedActions: allowed ? ['recordEvent', 'restrict', 'lift'] : [],
      };
    },

    /**
     * A negative event recorded by staff (credit.manage) or by the organizer of the activity it
     * happened in (activity.manage there; the volunteer must have signed up for it).
     */
    async recordEvent(actor: Actor, volunteerId: string, input: CreditEventInput) {
      return db.transaction(async (tx) => {
        if (!UUID.test(volunteerId)) throw notFound('志愿者');
        const [inScope] = await tx
          .select()
          .from(volunteers)
          .where(and(eq(volunteers.id, volunteerId), volunteerScope(actor)));
        let v: VolunteerRow | undefined = inScope;
        let signUp: { id: string } | undefined;
        let activity: typeof serviceActivities.$inferSelect | undefined;
        if (input.activityId) {
          [activity] = await tx
            .select()
            .from(serviceActivities)
            .where(eq(serviceActivities.id, input.activityId));
          const organizer =
            !!activity &&
            can(actor, 'activity.manage', {
              regionCode: activity.regionCode,
              organizationId: activity.organizationId,
            });
          if (activity && (organizer || v)) {
            [signUp] = await tx
              .select({ id: activitySignups.id })
              .from(activitySignups)
              .where(
                and(
                  eq(activitySignups.activityId, activity.id),
                  eq(activitySignups.volunteerId, volunteerId),
                ),
              )
              .orderBy(desc(activitySignups.createdAt))
              .limit(1);
          }
          // the organizer sees the volunteers who signed up for its activity
          if (!v && organizer && signUp)
            [v] = await tx.select().from(volunteers).where(eq(volunteers.id, volunteerId));
          if (!v) throw notFound('志愿者');
          if (!activity)
            throw unprocessable('活动不存在', { activityId: '活动不存在' }, 'activity_not_found');
          if (!signUp) throw unprocessable('该志愿者未报名此活动', { activityId: '该志愿者未报名此活动' });
          if (!organizer && !can(actor, 'credit.manage', { regionCode: v.regionCode }))
            throw forbidden('您无权登记该志愿者的信用事项');
        } else {
          if (!v) throw notFound('志愿者');
          assertCredit(actor, v);
        }
        const now = clock.now();
        const occurredAt = new Date(input.occurredAt);
        if (occurredAt > now)
          throw unprocessable('发生时间不能晚于当前时间', { occurredAt: '发生时间不能晚于当前时间' });
        const r = await recordCreditEvent(tx, {
          volunteerId: v.id,
          kind: input.kind as CreditEventKind,
          occurredAt,
          title: input.title,
          sourceType: signUp ? 'signup' : 'manual',
          sourceId: signUp?.id ?? null,
          recordedBy: actor.id,
          recordedByName: actor.displayName,
          note: input.note,
        });
        if (r.duplicate)
          throw conflict(`该志愿者在此活动中的“${creditEventLabels[input.kind]}”已登记`, {
            kind: '已登记',
          });
        const [row] = await tx.select().from(volunteerCreditEvents).where(eq(volunteerCreditEvents.id, r.id));
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'credit.event_recorded',
          entity: ['volunteer_credit_event', r.id],
          regionCode: v.regionCode,
          after: row,
        });
        const status = await creditStatus(tx, v.id, await config(), now);
        return {
          event: presentEvent(row),
          change: status.changes.find((c) => c.eventId === r.id) ?? null,
          score: status.score,
          level: status.level,
          label: status.label,
          restricted: status.restricted,
        };
      });
    },

    /** Staff restrictions in scope and the rule-derived ones in force (computed). */
    async restrictions(
      actor: Actor,
      f: { state?: 'active' | 'lifted'; q?: string; page: number; pageSize: number },
    ) {
      const now = clock.now();
      const scope = creditScope(actor);
      const conds: SQL[] = [scope];
      if (f.q)
        conds.push(
          or(
            like(volunteers.realName, likePattern(f.q)),
            like(volunteers.volunteerNumber, likePattern(f.q)),
            like(volunteerRestrictions.reason, likePattern(f.q)),
          ) as SQL,
        );
      if (f.state === 'active')
        conds.push(
          isNull(volunteerRestrictions.liftedAt),
          lte(volunteerRestrictions.fromAt, now),
          gt(volunteerRestrictions.untilAt, now),
        );
      if (f.state === 'lifted') conds.push(isNotNull(volunteerRestrictions.liftedAt));
      const staff = await db
        .select({ r: volunteerRestrictions, v: volunteers })
        .from(volunteerRestrictions)
        .innerJoin(volunteers, eq(volunteers.id, volunteerRestrictions.volunteerId))
        .where(and(...conds))
        .orderBy(desc(volunteerRestrictions.createdAt))
        .limit(2000);
      type Item = ReturnType<typeof presentRestriction> & {
        volunteerNumber: string;
        realName: string;
        eventIds?: string[];
      };
      const items: Item[] = staff.map(({ r, v }) => ({
        ...presentRestriction(r, now),
        volunteerNumber: v.volunteerNumber,
        realName: v.realName,
      }));
      if (f.state !== 'lifted') {
        const cfg = await config();
        const kinds = [...new Set(cfg.restrictions.map((r) => r.kind))];
        const reach = Math.max(0, ...cfg.restrictions.map((r) => r.withinDays + r.blockDays));
        if (kinds.length) {
          const vconds: SQL[] = [
            scope,
            sql`${volunteers.id} in (select e.volunteer_id from volunteer_credit_events e where e.voided_at is null
              and e.kind in (${sql.join(
                kinds.map((k) => sql`${k}`),
                sql`, `,
              )}) and e.occurred_at > ${new Date(now.getTime() - reach * DAY)})`,
          ];
          if (f.q)
            vconds.push(
              or(
                like(volunteers.realName, likePattern(f.q)),
                like(volunteers.volunteerNumber, likePattern(f.q)),
              ) as SQL,
            );
          const candidates = await db
            .select()
            .from(volunteers)
            .where(and(...vconds))
            .limit(2000);
          const events =
            candidates.length === 0
              ? []
              : await db
                  .select()
                  .from(volunteerCreditEvents)
                  .where(
                    inArray(
                      volunteerCreditEvents.volunteerId,
                      candidates.map((c) => c.id),
                    ),
                  );
          for (const v of candidates) {
            const r = restrictionOf(events.filter((e) => e.volunteerId === v.id).map(toCoreEvent), cfg, now);
            if (!r.blocked) continue;
            items.push({
              ...presentRuleRestriction(v.id, { until: r.until, reason: r.reason, source: 'rule' }),
              eventIds: r.eventIds,
              volunteerNumber: v.volunteerNumber,
              realName: v.realName,
            });
          }
        }
      }
      items.sort((a, b) => b.untilAt.getTime() - a.untilAt.getTime());
      return {
        items: items.slice((f.page - 1) * f.pageSize, f.page * f.pageSize),
        total: items.length,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    async restrict(actor: Actor, volunteerId: string, input: RestrictionInput) {
      return db.transaction(async (tx) => {
        const v = await scopedVolunteer(tx, actor, volunteerId, creditScope(actor));
        assertCredit(actor, v);
        const now = clock.now();
        if (input.untilDate < todayInShanghai(now))
          throw unprocessable('限制截止日期不能早于今天', { untilDate: '限制截止日期不能早于今天' });
        const [r] = await tx
          .insert(volunteerRestrictions)
          .values({
            volunteerId: v.id,
            reason: input.reason,
            fromAt: now,
            untilAt: new Date(dayStart(input.untilDate).getTime() + DAY),
            createdBy: actor.id,
            createdByName: actor.displayName,
            createdAt: now,
          })
          .returning();
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'credit.restriction_added',
          entity: ['volunteer_restriction', r.id],
          regionCode: v.regionCode,
          after: r,
        });
        return { ...presentRestriction(r, now), volunteerNumber: v.volunteerNumber, realName: v.realName };
      });
    },

    async lift(actor: Actor, restrictionId: string, input: RestrictionLift) {
      if (!UUID.test(restrictionId)) throw notFound('限制记录');
      return db.transaction(async (tx) => {
        const [found] = await tx
          .select({ r: volunteerRestrictions, v: volunteers })
          .from(volunteerRestrictions)
          .innerJoin(volunteers, eq(volunteers.id, volunteerRestrictions.volunteerId))
          .where(and(eq(volunteerRestrictions.id, restrictionId), creditScope(actor)))
          .for('update', { of: volunteerRestrictions });
        if (!found) throw notFound('限制记录');
        if (found.r.version !== input.version) throw staleVersion();
        const after = await liftRow(tx, actor, found.r, input.reason, found.v);
        return {
          ...presentRestriction(after, clock.now()),
          volunteerNumber: found.v.volunteerNumber,
          realName: found.v.realName,
        };
      });
    },

    // ---------------------------------------------------------------- the volunteer's own

    async mine(volunteerId: string) {
      const [v] = await db.select().from(volunteers).where(eq(volunteers.id, volunteerId));
      if (!v) throw notFound('志愿者');
      return overview(db, v);
    },

    /** A volunteer appeals against one of their own events or restrictions; one pending per item. */
    async appeal(actor: Actor, volunteerId: string, input: CreditAppealInput) {
      return db.transaction(async (tx) => {
        // serialize a volunteer's appeals (one pending per item)
        const [v] = await tx.select().from(volunteers).where(eq(volunteers.id, volunteerId)).for('update');
        if (!v) throw notFound('志愿者');
        if (input.eventId) {
          const [e] = await tx
            .select()
            .from(volunteerCreditEvents)
            .where(
              and(eq(volunteerCreditEvents.id, input.eventId), eq(volunteerCreditEvents.volunteerId, v.id)),
            );
          if (!e) throw notFound('信用记录');
          if (e.voidedAt) throw unprocessable('该记录已作废，无需申诉', { eventId: '该记录已作废' });
        } else {
          const [r] = await tx
            .select()
            .from(volunteerRestrictions)
            .where(
              and(
                eq(volunteerRestrictions.id, input.restrictionId!),
                eq(volunteerRestrictions.volunteerId, v.id),
              ),
            );
          if (!r) throw notFound('限制记录');
          if (r.liftedAt || r.untilAt <= clock.now())
            throw unprocessable('该限制已解除或已到期，无需申诉', { restrictionId: '该限制已解除或已到期' });
        }
        const [pending] = await tx
          .select({ id: volunteerCreditAppeals.id })
          .from(volunteerCreditAppeals)
          .where(
            and(
              eq(volunteerCreditAppeals.volunteerId, v.id),
              eq(volunteerCreditAppeals.state, 'pending'),
              input.eventId
                ? eq(volunteerCreditAppeals.eventId, input.eventId)
                : eq(volunteerCreditAppeals.restrictionId, input.restrictionId!),
            ),
          );
        if (pending) throw conflict('该事项已有待处理的申诉，请等待处理结果');
        const [a] = await tx
          .insert(volunteerCreditAppeals)
          .values({
            volunteerId: v.id,
            eventId: input.eventId ?? null,
            restrictionId: input.restrictionId ?? null,
            reason: input.reason,
            submittedAt: clock.now(),
          })
          .returning();
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'credit.appeal_submitted',
          entity: ['volunteer_credit_appeal', a.id],
          regionCode: v.regionCode,
          after: a,
        });
        return presentAppeal(a);
      });
    },

    // ---------------------------------------------------------------- appeals for staff

    async appeals(actor: Actor, f: { state?: string; q?: string; page: number; pageSize: number }) {
      const conds: SQL[] = [creditScope(actor)];
      if (f.state) conds.push(eq(volunteerCreditAppeals.state, f.state));
      if (f.q)
        conds.push(
          or(
            like(volunteers.realName, likePattern(f.q)),
            like(volunteers.volunteerNumber, likePattern(f.q)),
          ) as SQL,
        );
      const where = and(...conds);
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(volunteerCreditAppeals)
        .innerJoin(volunteers, eq(volunteers.id, volunteerCreditAppeals.volunteerId))
        .where(where);
      const rows = await db
        .select({
          a: volunteerCreditAppeals,
          v: volunteers,
          e: volunteerCreditEvents,
          r: volunteerRestrictions,
        })
        .from(volunteerCreditAppeals)
        .innerJoin(volunteers, eq(volunteers.id, volunteerCreditAppeals.volunteerId))
        .leftJoin(volunteerCreditEvents, eq(volunteerCreditEvents.id, volunteerCreditAppeals.eventId))
        .leftJoin(volunteerRestrictions, eq(volunteerRestrictions.id, volunteerCreditAppeals.restrictionId))
        .where(where)
        .orderBy(desc(volunteerCreditAppeals.submittedAt), desc(volunteerCreditAppeals.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      const now = clock.now();
      return {
        items: rows.map(({ a, v, e, r }) => ({
          ...presentAppeal(a),
          volunteerNumber: v.volunteerNumber,
          realName: v.realName,
          event: e ? presentEvent(e) : null,
          restriction: r ? presentRestriction(r, now) : null,
        })),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    /** Uphold (void the event or lift the restriction; the score recomputes) or dismiss. */
    async decide(actor: Actor, appealId: string, input: AppealDecision) {
      if (!UUID.test(appealId)) throw notFound('申诉');
      return db.transaction(async (tx) => {
        const [found] = await tx
          .select({ a: volunteerCreditAppeals, v: volunteers })
          .from(volunteerCreditAppeals)
          .innerJoin(volunteers, eq(volunteers.id, volunteerCreditAppeals.volunteerId))
          .where(and(eq(volunteerCreditAppeals.id, appealId), creditScope(actor)))
          .for('update', { of: volunteerCreditAppeals });
        if (!found) throw notFound('申诉');
        const { a: before, v } = found;
        assertCredit(actor, v);
        if (before.version !== input.version) throw staleVersion();
        if (before.state !== 'pending') throw conflict('该申诉已处理');
        const now = clock.now();
        if (input.decision === 'uphold') {
          if (before.eventId) {
            const [e] = await tx
              .select()
              .from(volunteerCreditEvents)
              .where(eq(volunteerCreditEvents.id, before.eventId))
              .for('update');
            if (await voidCreditEvent(tx, e.id, `申诉成立：${input.reason}`, now))
              await audit.record(tx, {
                actor: auditActor(actor),
                action: 'credit.event_voided',
                entity: ['volunteer_credit_event', e.id],
                regionCode: v.regionCode,
                before: e,
                after: { voidedAt: now, voidReason: `申诉成立：${input.reason}` },
              });
          } else if (before.restrictionId) {
            const [r] = await tx
              .select()
              .from(volunteerRestrictions)
              .where(eq(volunteerRestrictions.id, before.restrictionId))
              .for('update');
            if (!r.liftedAt) await liftRow(tx, actor, r, `申诉成立：${input.reason}`, v);
          }
        }
        const after = await updateVersioned(tx, volunteerCreditAppeals, before, {
          state: input.decision === 'uphold' ? 'upheld' : 'dismissed',
          decidedBy: actor.id,
          decidedByName: actor.displayName,
          decidedAt: now,
          decision: input.reason,
        });
        await audit.record(tx, {
          actor: auditActor(actor),
          action: `credit.appeal_${after.state}`,
          entity: ['volunteer_credit_appeal', before.id],
          regionCode: v.regionCode,
          before,
          after,
        });
        const status = await creditStatus(tx, v.id, await config(), now);
        return {
          ...presentAppeal(after),
          score: status.score,
          level: status.level,
          label: status.label,
          restricted: status.restricted,
        };
      });
    },

    // ---------------------------------------------------------------- training and commendations

    async addTraining(actor: Actor, volunteerId: string, input: TrainingInput) {
      return db.transaction(async (tx) => {
        const v = await scopedVolunteer(tx, actor, volunteerId);
        if (
          !can(actor, 'volunteer.manage', { regionCode: v.regionCode }) &&
          !(await manageable(tx, actor, v))
        )
          throw forbidden('您无权为该志愿者登记培训');
        if (input.heldOn > todayInShanghai(clock.now()))
          throw unprocessable('培训日期不能晚于今天', { heldOn: '培训日期不能晚于今天' });
        return presentTraining(await insertTraining(tx, actor, v, input));
      });
    },

    /**
     * A training roster (Excel): every row names a volunteer by number and name. All rows are
     * checked first (scope, name, date, duplicates); written only when none has an error.
     */
    async checkTrainingRoster(
      actor: Actor,
      rows: { row: number; volunteerNumber: string; realName: string; input: TrainingInput }[],
    ) {
      const errors: { row: number; column: string; message: string }[] = [];
      const numbers = [...new Set(rows.map((r) => r.volunteerNumber))];
      const found =
        numbers.length === 0
          ? []
          : await db
              .select()
              .from(volunteers)
              .where(
                and(inArray(volunteers.volunteerNumber, numbers), volunteerScope(actor, 'volunteer.manage')),
              );
      const byNumber = new Map(found.map((v) => [v.volunteerNumber, v]));
      const today = todayInShanghai(clock.now());
      const seen = new Map<string, number>();
      const valid: { v: VolunteerRow; input: TrainingInput }[] = [];
      for (const r of rows) {
        const v = byNumber.get(r.volunteerNumber);
        if (!v) {
          errors.push({ row: r.row, column: '志愿者编号', message: '志愿者编号不存在或无权管理该志愿者' });
          continue;
        }
        if (r.realName && r.realName !== v.realName) {
          errors.push({
            row: r.row,
            column: '姓名',
            message: `姓名与志愿者编号不符（登记姓名为 ${v.realName}）`,
          });
          continue;
        }
        if (r.input.heldOn > today) {
          errors.push({ row: r.row, column: '培训日期', message: '培训日期不能晚于今天' });
          continue;
        }
        const key = `${v.id}|${r.input.course}|${r.input.heldOn}`;
        const first = seen.get(key);
        if (first) {
          errors.push({
            row: r.row,
            column: '课程名称',
            message: `与第 ${first} 行重复（同一志愿者、课程和日期）`,
          });
          continue;
        }
        seen.set(key, r.row);
        valid.push({ v, input: r.input });
      }
      return { errors, valid };
    },

    async commitTrainingRoster(
      actor: Actor,
      valid: { v: VolunteerRow; input: TrainingInput }[],
      requestId: string,
    ) {
      return db.transaction(async (tx) => {
        for (const { v, input } of valid) await insertTraining(tx, actor, v, input);
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'volunteer.training_import_committed',
          entity: ['training_import', requestId],
          after: { count: valid.length },
        });
        return valid.length;
      });
    },

    async trainings(actor: Actor | null, volunteerId: string) {
      if (actor) await scopedVolunteer(db, actor, volunteerId);
      const rows = await db
        .select()
        .from(volunteerTrainings)
        .where(eq(volunteerTrainings.volunteerId, volunteerId))
        .orderBy(desc(volunteerTrainings.heldOn), desc(volunteerTrainings.createdAt));
      return { items: rows.map(presentTraining) };
    },

    async addAward(actor: Actor, volunteerId: string, input: AwardInput) {
      return db.transaction(async (tx) => {
        const v = await scopedVolunteer(tx, actor, volunteerId);
        if (
          !can(actor, 'volunteer.manage', { regionCode: v.regionCode }) &&
          !(await manageable(tx, actor, v))
        )
          throw forbidden('您无权为该志愿者登记表彰');
        const now = clock.now();
        if (input.awardedOn > todayInShanghai(now))
          throw unprocessable('表彰日期不能晚于今天', { awardedOn: '表彰日期不能晚于今天' });
        const [a] = await tx
          .insert(volunteerAwards)
          .values({
            volunteerId: v.id,
            title: input.title,
            awardedBy: input.awardedBy,
            awardedOn: input.awardedOn,
            note: input.note,
            recordedBy: actor.id,
            recordedByName: actor.displayName,
            createdAt: now,
          })
          .returning();
        const e = await recordCreditEvent(tx, {
          volunteerId: v.id,
          kind: 'commendation',
          occurredAt: dayStart(input.awardedOn),
          title: input.title,
          sourceType: 'award',
          sourceId: a.id,
          recordedBy: actor.id,
          recordedByName: actor.displayName,
        });
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'volunteer.award_recorded',
          entity: ['volunteer_award', a.id],
          regionCode: v.regionCode,
          after: { ...a, creditEventId: e.id },
        });
        return presentAward(a);
      });
    },

    async awards(actor: Actor | null, volunteerId: string) {
      if (actor) await scopedVolunteer(db, actor, volunteerId);
      const rows = await db
        .select()
        .from(volunteerAwards)
        .where(eq(volunteerAwards.volunteerId, volunteerId))
        .orderBy(desc(volunteerAwards.awardedOn), desc(volunteerAwards.createdAt));
      return { items: rows.map(presentAward) };
    },
  };

  /** One training row and its credit event (kind training, source training) in the open transaction. */
  async function insertTraining(tx: DbOrTx, actor: Actor, v: VolunteerRow, input: TrainingInput) {
    const [t] = await tx
      .insert(volunteerTrainings)
      .values({
        volunteerId: v.id,
        course: input.course,
        content: input.content,
        minutes: input.minutes,
        organizer: input.organizer,
        heldOn: input.heldOn,
        recordedBy: actor.id,
        recordedByName: actor.displayName,
        createdAt: clock.now(),
      })
      .returning();
    const e = await recordCreditEvent(tx, {
      volunteerId: v.id,
      kind: 'training',
      occurredAt: dayStart(input.heldOn),
      minutes: input.minutes,
      title: input.course,
      sourceType: 'training',
      sourceId: t.id,
      recordedBy: actor.id,
      recordedByName: actor.displayName,
    });
    await audit.record(tx, {
      actor: auditActor(actor),
      action: 'volunteer.training_recorded',
      entity: ['volunteer_training', t.id],
      regionCode: v.regionCode,
      after: { ...t, creditEventId: e.id },
    });
    return t;
  }

  /** An organization leader manages volunteers who joined (or applied to) its teams. */
  async function manageable(tx: DbOrTx, actor: Actor, v: VolunteerRow) {
    const [row] = await tx
      .select({ id: volunteers.id })
      .from(volunteers)
      .where(and(eq(volunteers.id, v.id), volunteerScope(actor, 'volunteer.manage')));
    return !!row;
  }
}
export type CreditService = ReturnType<typeof createCreditService>;
