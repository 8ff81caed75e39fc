import {
  type AmendmentInput,
  type BackfillInput,
  backfilledMinutes,
  checkedMinutes,
  type ReviewDecision,
  recordDeadlineStatus,
  todayInShanghai,
} from '@linli/core';
import { and, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import type { DbOrTx } from '../../db/client';
import {
  activityAttendance,
  activitySignups,
  organizations,
  serviceActivities,
  serviceBackfills,
  serviceRecordAmendments,
  serviceRecords,
  volunteerCreditEvents,
  volunteers,
} from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can, scopeWhere } from '../../lib/authz/scope';
import {
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
  staleVersion,
  unprocessable,
} from '../../lib/errors';
import { likePattern } from '../../lib/pagination';
import type { ActivityService } from '../activities/activities.service';
import { recordCreditEvent } from '../credit/credit.events';
import { loadVolunteerConfig } from '../volunteerConfig/volunteerConfig';
import {
  type AmendmentRow,
  type BackfillRow,
  presentAmendment,
  presentBackfill,
  presentRecord,
} from './service.presenter';
import { type ActivityRow, recordService, type ServiceRecordRow } from './service.records';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'> & { activities: ActivityService };

/** Columns of a service record in the row shape (camelCase) for raw queries on hot paths. */
const RAW_RECORD_COLUMNS = `id, volunteer_id as "volunteerId", activity_id as "activityId",
  organization_id as "organizationId", region_code as "regionCode", category, title, content, place,
  started_at as "startedAt", ended_at as "endedAt", service_date::text as "serviceDate", minutes, source,
  organizer_name as "organizerName", leader_name as "leaderName", recorder_id as "recorderId",
  recorder_name as "recorderName", recorded_at as "recordedAt", revision, supersedes_id as "supersedesId",
  status, backfill_id as "backfillId"`;
type RawRecord = Omit<ServiceRecordRow, 'startedAt' | 'endedAt' | 'recordedAt'> & {
  startedAt: Date | string;
  endedAt: Date | string;
  recordedAt: Date | string;
};
/** Timestamps arrive as Date (pg) or text (inside a drizzle transaction): normalize. */
const fromRaw = (r: RawRecord): ServiceRecordRow => ({
  ...r,
  startedAt: new Date(r.startedAt),
  endedAt: new Date(r.endedAt),
  recordedAt: new Date(r.recordedAt),
});

export type RecordFilter = {
  q?: string;
  organizationId?: string;
  regionCode?: string;
  source?: string;
  status?: string;
  from?: string;
  to?: string;
  volunteerId?: string;
  activityId?: string;
  page: number;
  pageSize: number;
};

const UUID = /^[0-9a-f-]{36}$/i;
/** Ended activities older than this drop off the deadline reminders. */
const REMINDER_DAYS = 90;
const res = (a: { regionCode: string; organizationId: string }) => ({
  regionCode: a.regionCode,
  organizationId: a.organizationId,
});
const canReview = (actor: Actor, r: { regionCode: string; organizationId: string }) =>
  can(actor, 'service.approve', res(r)) || can(actor, 'activity.manage', res(r));

/** Attendance, backfills, records, amendments, deadlines and no-shows. */
export function createServiceRecordsService(deps: Deps) {
  const { database, audit, clock } = deps;
  const db = database.db;

  /** Rows the actor may review: grants holding service.approve or activity.manage. */
  const reviewScope =
    (region: Parameters<typeof scopeWhere>[1]['region'], org: Parameters<typeof scopeWhere>[1]['org']) =>
    (actor: Actor) =>
      or(
        scopeWhere(actor, { region, org }, 'service.approve'),
        scopeWhere(actor, { region, org }, 'activity.manage'),
      ) as SQL;
  const activityReviewScope = reviewScope(serviceActivities.regionCode, serviceActivities.organizationId);
  const recordReadScope = (actor: Actor) =>
    scopeWhere(
      actor,
      { region: serviceRecords.regionCode, org: serviceRecords.organizationId },
      'volunteer.read',
    );

  const activityOf = (tx: DbOrTx, actor: Actor, id: string, lock = false) =>
    deps.activities.getScoped(tx, actor, id, lock);

  function assertManage(actor: Actor, a: ActivityRow) {
    if (!can(actor, 'activity.manage', res(a))) throw forbidden('您无权管理该活动');
  }

  async function approvedSignUp(tx: DbOrTx, activityId: string, volunteerId: string) {
    const [s] = await tx
      .select()
      .from(activitySignups)
      .where(
        and(
          eq(activitySignups.activityId, activityId),
          eq(activitySignups.volunteerId, volunteerId),
          eq(activitySignups.state, 'approved'),
        ),
      );
    return s;
  }

  async function validRecord(tx: DbOrTx, activityId: string, volunteerId: string) {
    const [r] = await tx
      .select()
      .from(serviceRecords)
      .where(
        and(
          eq(serviceRecords.activityId, activityId),
          eq(serviceRecords.volunteerId, volunteerId),
          eq(serviceRecords.status, 'valid'),
        ),
      );
    return r;
  }

  const window = (a: ActivityRow) => ({ start: a.startsAt, end: a.endsAt });

  /** Every approved sign-up of an activity with its attendance, record and backfill state. */
  async function attendanceRows(a: ActivityRow) {
    const rows = await database.query<{
      signup_id: string;
      volunteer_id: string;
      volunteer_number: string;
      real_name: string;
      phone_masked: string;
      checked_in_at: Date | string | null;
      checked_out_at: Date | string | null;
      check_in_via: string | null;
      record_id: string | null;
      record_minutes: number | null;
      record_source: string | null;
      record_revision: number | null;
      backfill_id: string | null;
      backfill_state: string | null;
      backfill_minutes: number | null;
      backfill_version: number | null;
      backfill_entered_by: string | null;
      no_show: boolean;
    }>(
      `select s.id as signup_id, v.id as volunteer_id, v.volunteer_number, v.real_name, v.phone_masked,
              at.checked_in_at, at.checked_out_at, at.check_in_via,
              r.id as record_id, r.minutes as record_minutes, r.source as record_source, r.revision as record_revision,
              b.id as backfill_id, b.state as backfill_state, b.minutes as backfill_minutes, b.version as backfill_version,
              b.entered_by as backfill_entered_by,
              exists (select 1 from volunteer_credit_events e where e.volunteer_id = v.id and e.kind = 'no_show'
                        and e.source_type = 'signup' and e.source_id = s.id and e.voided_at is null) as no_show
         from activity_signups s
         join volunteers v on v.id = s.volunteer_id
         left join activity_attendance at on at.activity_id = s.activity_id and at.volunteer_id = s.volunteer_id
         left join service_records r on r.activity_id = s.activity_id and r.volunteer_id = s.volunteer_id and r.status = 'valid'
         left join lateral (select * from service_backfills b where b.activity_id = s.activity_id
                              and b.volunteer_id = s.volunteer_id order by b.entered_at desc limit 1) b on true
        where s.activity_id = $1 and s.state = 'approved'
        order by v.volunteer_number`,
      [a.id],
    );
    const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
    return rows.map((r) => {
      const state = r.record_id
        ? r.record_source === 'backfill'
          ? 'backfilled'
          : 'checked_out'
        : r.backfill_state === 'pending'
          ? 'backfill_pending'
          : r.no_show
            ? 'no_show'
            : r.checked_out_at
              ? 'checked_out'
              : r.checked_in_at
                ? 'checked_in'
                : 'not_checked_in';
      return {
        signupId: r.signup_id,
        volunteerId: r.volunteer_id,
        volunteerNumber: r.volunteer_number,
        realName: r.real_name,
        phoneMasked: r.phone_masked,
        checkedInAt: iso(r.checked_in_at),
        checkedOutAt: iso(r.checked_out_at),
        checkInVia: r.check_in_via,
        state,
        record: r.record_id
          ? {
              id: r.record_id,
              minutes: r.record_minutes!,
              source: r.record_source!,
              revision: r.record_revision!,
            }
          : null,
        backfill: r.backfill_id
          ? {
              id: r.backfill_id,
              state: r.backfill_state!,
              minutes: r.backfill_minutes!,
              version: r.backfill_version!,
              enteredBy: r.backfill_entered_by,
            }
          : null,
        noShow: r.no_show,
      };
    });
  }

  async function recordHistory(tx: DbOrTx, r: ServiceRecordRow) {
    // the chain of revisions: all records of the same activity and volunteer linked by supersedesId
    const chain: ServiceRecordRow[] = [];
    if (r.activityId) {
      const all = await tx
        .select()
        .from(serviceRecords)
        .where(
          and(eq(serviceRecords.activityId, r.activityId), eq(serviceRecords.volunteerId, r.volunteerId)),
        )
        .orderBy(serviceRecords.revision, serviceRecords.recordedAt);
      const byId = new Map(all.map((x) => [x.id, x]));
      // walk back to the first revision, then forward
      let first = r;
      while (first.supersedesId && byId.has(first.supersedesId)) first = byId.get(first.supersedesId)!;
      let cur: ServiceRecordRow | undefined = first;
      while (cur) {
        chain.push(cur);
        const id: string = cur.id;
        cur = all.find((x) => x.supersedesId === id);
      }
    } else chain.push(r);
    const ids = chain.map((x) => x.id);
    const amendments = await tx
      .select()
      .from(serviceRecordAmendments)
      .where(inArray(serviceRecordAmendments.recordId, ids))
      .orderBy(desc(serviceRecordAmendments.requestedAt));
    let backfill: BackfillRow | undefined;
    if (r.backfillId)
      [backfill] = await tx.select().from(serviceBackfills).where(eq(serviceBackfills.id, r.backfillId));
    return {
      revisions: chain.map(presentRecord),
      amendments: amendments.map(presentAmendment),
      backfill: backfill ? presentBackfill(backfill) : null,
    };
  }

  async function recordList(where: SQL, f: RecordFilter) {
    const [{ total, minutes }] = await db
      .select({
        total: sql<number>`count(*)::int`,
        minutes: sql<number>`coalesce(sum(${serviceRecords.minutes}), 0)::int`,
      })
      .from(serviceRecords)
      .innerJoin(volunteers, eq(volunteers.id, serviceRecords.volunteerId))
      .where(where);
    const rows = await db
      .select({
        r: serviceRecords,
        volunteerNumber: volunteers.volunteerNumber,
        realName: volunteers.realName,
      })
      .from(serviceRecords)
      .innerJoin(volunteers, eq(volunteers.id, serviceRecords.volunteerId))
      .where(where)
      .orderBy(desc(serviceRecords.startedAt), desc(serviceRecords.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize);
    return {
      items: rows.map((x) => ({
        ...presentRecord(x.r),
        volunteerNumber: x.volunteerNumber,
        volunteerName: x.realName,
      })),
      total,
      minutes,
      page: f.page,
      pageSize: f.pageSize,
    };
  }

  function recordWhere(actor: Actor | null, f: RecordFilter): SQL {
    const conds: SQL[] = [];
    if (actor) conds.push(recordReadScope(actor));
    if (f.status !== 'all') conds.push(eq(serviceRecords.status, f.status ?? 'valid'));
    if (f.q)
      conds.push(
        or(
          sql`${volunteers.realName} like ${likePattern(f.q)}`,
          eq(volunteers.volunteerNumber, f.q),
          sql`${serviceRecords.title} like ${likePattern(f.q)}`,
        ) as SQL,
      );
    if (f.organizationId) conds.push(eq(serviceRecords.organizationId, f.organizationId));
    if (f.regionCode)
      conds.push(sql`${serviceRecords.regionCode} like ${`${f.regionCode.replace(/(000)+$/, '')}%`}`);
    if (f.source) conds.push(eq(serviceRecords.source, f.source));
    if (f.from) conds.push(gte(serviceRecords.serviceDate, f.from));
    if (f.to) conds.push(lte(serviceRecords.serviceDate, f.to));
    if (f.volunteerId) conds.push(eq(serviceRecords.volunteerId, f.volunteerId));
    if (f.activityId) conds.push(eq(serviceRecords.activityId, f.activityId));
    return and(...conds) as SQL;
  }

  /** Minutes an amendment would give, capped and clipped like the original source. */
  function amendedMinutes(a: ActivityRow, r: ServiceRecordRow, p: AmendmentInput['proposed']) {
    if (p.startedAt && p.endedAt) {
      const from = new Date(p.startedAt);
      const to = new Date(p.endedAt);
      const m =
        r.source === 'checkin'
          ? checkedMinutes({ checkIn: from, checkOut: to }, window(a))
          : backfilledMinutes({ from, to }, window(a));
      if (!m.ok) throw unprocessable(m.message, { 'proposed.startedAt': m.message });
      if (m.outsideWindow)
        throw unprocessable('更正的时间不在活动时间内', { 'proposed.startedAt': '须在活动时间内' });
      const start = new Date(Math.max(from.getTime(), a.startsAt.getTime()));
      const end = new Date(Math.min(to.getTime(), a.endsAt.getTime()));
      return { minutes: m.minutes, startedAt: start, endedAt: end };
    }
    if (p.minutes !== undefined) {
      const m = backfilledMinutes({ minutes: p.minutes }, window(a));
      if (!m.ok) throw unprocessable(m.message, { 'proposed.minutes': m.message });
      return {
        minutes: m.minutes,
        startedAt: r.startedAt,
        endedAt: new Date(r.startedAt.getTime() + m.minutes * 60_000),
      };
    }
    return { minutes: r.minutes, startedAt: r.startedAt, endedAt: r.endedAt };
  }

  return {
    // ------------------------------------------------------------------ attendance

    async attendance(actor: Actor, activityId: string) {
      const a = await activityOf(db, actor, activityId);
      const items = await attendanceRows(a);
      const summary = {
        approved: items.length,
        checkedIn: items.filter((x) => x.checkedInAt).length,
        checkedOut: items.filter((x) => x.checkedOutAt).length,
        records: items.filter((x) => x.record).length,
        backfillPending: items.filter((x) => x.state === 'backfill_pending').length,
        noShow: items.filter((x) => x.noShow).length,
        minutes: items.reduce((s, x) => s + (x.record?.minutes ?? 0), 0),
      };
      const config = await loadVolunteerConfig(database);
      const now = clock.now();
      return {
        activity: {
          id: a.id,
          title: a.title,
          place: a.place,
          startsAt: a.startsAt,
          endsAt: a.endsAt,
          status: a.status,
          regionCode: a.regionCode,
          organizationId: a.organizationId,
          ended: now >= a.endsAt,
          deadline: recordDeadlineStatus(a.endsAt, now, config.calendar),
        },
        canManage: can(actor, 'activity.manage', res(a)),
        canReview: canReview(actor, a),
        summary,
        items,
      };
    },

    // ------------------------------------------------------------------ backfills

    async createBackfill(actor: Actor, activityId: string, input: BackfillInput, requestId?: string) {
      return db.transaction(async (tx) => {
        const a = await activityOf(tx, actor, activityId, true);
        assertManage(actor, a);
        if (a.status !== 'published' && a.status !== 'finished')
          throw unprocessable('活动未发布或已取消，不能补录', undefined, 'activity_not_open');
        const now = clock.now();
        if (now < a.startsAt) throw unprocessable('活动尚未开始，不能补录', undefined, 'not_started');
        const s = await approvedSignUp(tx, a.id, input.volunteerId);
        if (!s)
          throw unprocessable('该志愿者没有本活动的录用报名', { volunteerId: '须为本活动已录用的志愿者' });
        if (await validRecord(tx, a.id, input.volunteerId))
          throw conflict('该志愿者已有本活动的服务记录，如需修改请由本人申请更正', {
            volunteerId: '已有服务记录',
          });
        const [att] = await tx
          .select()
          .from(activityAttendance)
          .where(
            and(
              eq(activityAttendance.activityId, a.id),
              eq(activityAttendance.volunteerId, input.volunteerId),
            ),
          );
        if (input.kind === 'missing_checkout' && !att)
          throw unprocessable('该志愿者没有签到记录，请按纸质签到表补录', { kind: '没有签到记录' });
        const span = input.from && input.to ? { from: new Date(input.from), to: new Date(input.to) } : null;
        const m = backfilledMinutes(span ?? { minutes: input.minutes ?? 0 }, window(a));
        if (!m.ok) throw unprocessable(m.message, { minutes: m.message });
        if (span && m.outsideWindow)
          throw unprocessable('补录时间不在活动时间内', { from: '须在活动时间内' });
        if (m.minutes <= 0) throw unprocessable('补录时长须大于0分钟', { minutes: '须大于0分钟' });
        const MIN = 60_000;
        // a span is clipped to the activity; bare minutes start at the check-in (or the start) and end inside it
        const fromAt = span
          ? new Date(Math.max(span.from.getTime(), a.startsAt.getTime()))
          : new Date(
              Math.max(
                a.startsAt.getTime(),
                Math.min(att?.checkedInAt.getTime() ?? 0, a.endsAt.getTime() - m.minutes * MIN),
              ),
            );
        const toAt = span
          ? new Date(Math.max(fromAt.getTime(), Math.min(span.to.getTime(), a.endsAt.getTime())))
          : new Date(fromAt.getTime() + m.minutes * MIN);
        let b: BackfillRow;
        try {
          [b] = await tx
            .insert(serviceBackfills)
            .values({
              activityId: a.id,
              volunteerId: input.volunteerId,
              kind: input.kind,
              fromAt,
              toAt,
              minutes: m.minutes,
              reason: input.reason,
              enteredBy: actor.id,
              enteredByName: actor.displayName,
              enteredAt: now,
            })
            .returning();
        } catch (e) {
          if (isUniqueViolation(e, 'service_backfills_pending_uq'))
            throw conflict('该志愿者已有待复核的补录', { volunteerId: '已有待复核的补录' });
          throw e;
        }
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'service.backfill_entered',
          entity: ['service_backfill', b.id],
          regionCode: a.regionCode,
          after: b,
          requestId,
        });
        return { ...presentBackfill(b), capped: m.capped, clipped: m.clipped };
      });
    },

    async listBackfills(
      actor: Actor,
      f: { state?: string; activityId?: string; page: number; pageSize: number },
    ) {
      const conds: SQL[] = [activityReviewScope(actor)];
      if (f.state) conds.push(eq(serviceBackfills.state, f.state));
      if (f.activityId) conds.push(eq(serviceBackfills.activityId, f.activityId));
      const where = and(...conds);
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(serviceBackfills)
        .innerJoin(serviceActivities, eq(serviceActivities.id, serviceBackfills.activityId))
        .where(where);
      const rows = await db
        .select({
          b: serviceBackfills,
          title: serviceActivities.title,
          regionCode: serviceActivities.regionCode,
          organizationId: serviceActivities.organizationId,
          volunteerNumber: volunteers.volunteerNumber,
          realName: volunteers.realName,
        })
        .from(serviceBackfills)
        .innerJoin(serviceActivities, eq(serviceActivities.id, serviceBackfills.activityId))
        .innerJoin(volunteers, eq(volunteers.id, serviceBackfills.volunteerId))
        .where(where)
        .orderBy(desc(serviceBackfills.enteredAt), desc(serviceBackfills.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      return {
        items: rows.map((r) => ({
          ...presentBackfill(r.b),
          activityTitle: r.title,
          volunteerNumber: r.volunteerNumber,
          volunteerName: r.realName,
          canDecide: r.b.state === 'pending' && r.b.enteredBy !== actor.id && canReview(actor, r),
        })),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    /** Second-person review: someone other than the enterer approves (→ a backfilled record) or rejects. */
    async decideBackfill(actor: Actor, id: string, input: ReviewDecision, requestId?: string) {
      if (!UUID.test(id)) throw notFound('补录');
      return db.transaction(async (tx) => {
        const [found] = await tx
          .select({ b: serviceBackfills, a: serviceActivities })
          .from(serviceBackfills)
          .innerJoin(serviceActivities, eq(serviceActivities.id, serviceBackfills.activityId))
          .where(
            and(
              eq(serviceBackfills.id, id),
              or(
                activityReviewScope(actor),
                scopeWhere(
                  actor,
                  {
                    region: serviceActivities.regionCode,
                    org: serviceActivities.organizationId,
                  },
                  'volunteer.read',
                ),
              ),
            ),
          );
        if (!found) throw notFound('补录');
        const { b, a } = found;
        if (!canReview(actor, a)) throw forbidden('您无权复核该补录');
        if (b.enteredBy === actor.id) throw forbidden('补录需由另一人复核');
        if (input.version !== b.version) throw staleVersion();
        if (b.state !== 'pending') throw conflict('该补录已处理');
        const now = clock.now();
        const approve = input.decision === 'approve';
        let recordId: string | null = null;
        const after = await updateVersioned(tx, serviceBackfills, b, {
          state: approve ? 'approved' : 'rejected',
          decidedBy: actor.id,
          decidedByName: actor.displayName,
          decidedAt: now,
          decisionReason: input.reason ?? null,
        });
        if (approve) {
          if (await validRecord(tx, a.id, b.volunteerId))
            throw conflict('该志愿者已有本活动的服务记录，不能再补录');
          const r = await recordService(tx, {
            activity: a,
            volunteerId: b.volunteerId,
            startedAt: b.fromAt,
            endedAt: b.toAt,
            minutes: b.minutes,
            source: 'backfill',
            recorder: { id: b.enteredBy, name: b.enteredByName },
            backfillId: b.id,
            actor: { id: actor.id, name: actor.displayName },
            now,
          });
          recordId = r.id;
          await tx.update(serviceBackfills).set({ recordId }).where(eq(serviceBackfills.id, b.id));
        }
        await audit.record(tx, {
          actor: auditActor(actor),
          action: approve ? 'service.backfill_approved' : 'service.backfill_rejected',
          entity: ['service_backfill', b.id],
          regionCode: a.regionCode,
          before: { state: b.state, version: b.version },
          after: { state: after.state, version: after.version, reason: input.reason ?? null, recordId },
          requestId,
        });
        return presentBackfill({ ...after, recordId });
      });
    },

    // ------------------------------------------------------------------ records

    listRecords(actor: Actor, f: RecordFilter) {
      return recordList(recordWhere(actor, f), f);
    },

    /** All rows for an export (scoped, filtered), capped. */
    async exportRecords(actor: Actor, f: RecordFilter) {
      return recordList(recordWhere(actor, f), { ...f, page: 1, pageSize: 50_000 });
    },

    async getRecord(actor: Actor, id: string) {
      if (!UUID.test(id)) throw notFound('服务记录');
      const [found] = await db
        .select({
          r: serviceRecords,
          volunteerNumber: volunteers.volunteerNumber,
          realName: volunteers.realName,
        })
        .from(serviceRecords)
        .innerJoin(volunteers, eq(volunteers.id, serviceRecords.volunteerId))
        .where(and(eq(serviceRecords.id, id), recordReadScope(actor)));
      if (!found) throw notFound('服务记录');
      return {
        ...presentRecord(found.r),
        volunteerNumber: found.volunteerNumber,
        volunteerName: found.realName,
        ...(await recordHistory(db, found.r)),
      };
    },

    /**
     * A volunteer's own record page – the hottest read of the resident pages. Raw SQL on the
     * (volunteer_id, started_at) index; the total and minutes come from volunteer_totals (kept by
     * recordService in the same transaction as every record) instead of counting the records.
     */
    async myRecords(volunteerId: string, f: { page: number; pageSize: number }) {
      const [head] = await database.query<{
        volunteer_number: string;
        real_name: string;
        records: number;
        minutes: number;
      }>(
        `select v.volunteer_number, v.real_name, coalesce(t.records, 0)::int as records, coalesce(t.minutes, 0)::int as minutes
           from volunteers v left join volunteer_totals t on t.volunteer_id = v.id where v.id = $1`,
        [volunteerId],
      );
      const rows = await database.query<RawRecord>(
        `select ${RAW_RECORD_COLUMNS} from service_records
          where volunteer_id = $1 and status = 'valid'
          order by started_at desc, id desc limit $2 offset $3`,
        [volunteerId, f.pageSize, (f.page - 1) * f.pageSize],
      );
      const minutes = head?.minutes ?? 0;
      return {
        items: rows.map((r) => ({
          ...presentRecord(fromRaw(r)),
          volunteerNumber: head?.volunteer_number ?? '',
          volunteerName: head?.real_name ?? '',
        })),
        total: head?.records ?? 0,
        minutes,
        page: f.page,
        pageSize: f.pageSize,
        // total of the volunteer's valid records, in hours to one decimal (floor, never more than served)
        hours: Math.floor(minutes / 6) / 10,
      };
    },

    async myRecord(volunteerId: string, id: string) {
      if (!UUID.test(id)) throw notFound('服务记录');
      const [r] = await db
        .select()
        .from(serviceRecords)
        .where(and(eq(serviceRecords.id, id), eq(serviceRecords.volunteerId, volunteerId)));
      if (!r) throw notFound('服务记录');
      return { ...presentRecord(r), ...(await recordHistory(db, r)) };
    },

    // ------------------------------------------------------------------ amendments

    async requestAmendment(
      actor: Actor,
      volunteerId: string,
      recordId: string,
      input: AmendmentInput,
      requestId?: string,
    ) {
      if (!UUID.test(recordId)) throw notFound('服务记录');
      return db.transaction(async (tx) => {
        const [r] = await tx
          .select()
          .from(serviceRecords)
          .where(and(eq(serviceRecords.id, recordId), eq(serviceRecords.volunteerId, volunteerId)));
        if (!r) throw notFound('服务记录');
        if (r.status !== 'valid') throw conflict('该记录已被更正或作废，请对最新的记录申请更正');
        if (r.activityId) {
          const [a] = await tx.select().from(serviceActivities).where(eq(serviceActivities.id, r.activityId));
          amendedMinutes(a, r, input.proposed); // validates the proposal against the activity
        }
        let m: AmendmentRow;
        try {
          [m] = await tx
            .insert(serviceRecordAmendments)
            .values({
              recordId: r.id,
              volunteerId,
              reason: input.reason,
              proposed: input.proposed,
              requestedBy: actor.id,
              requestedAt: clock.now(),
            })
            .returning();
        } catch (e) {
          if (isUniqueViolation(e, 'service_record_amendments_pending_uq'))
            throw conflict('该记录已有待审核的更正申请');
          throw e;
        }
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'service.amendment_requested',
          entity: ['service_record_amendment', m.id],
          regionCode: r.regionCode,
          after: m,
          requestId,
        });
        return presentAmendment(m);
      });
    },

    async withdrawAmendment(actor: Actor, volunteerId: string, id: string, requestId?: string) {
      if (!UUID.test(id)) throw notFound('更正申请');
      return db.transaction(async (tx) => {
        const [m] = await tx
          .select({ m: serviceRecordAmendments, regionCode: serviceRecords.regionCode })
          .from(serviceRecordAmendments)
          .innerJoin(serviceRecords, eq(serviceRecords.id, serviceRecordAmendments.recordId))
          .where(
            and(eq(serviceRecordAmendments.id, id), eq(serviceRecordAmendments.volunteerId, volunteerId)),
          );
        if (!m) throw notFound('更正申请');
        if (m.m.state !== 'pending') throw conflict('该更正申请已处理，不能撤回');
        const after = await updateVersioned(tx, serviceRecordAmendments, m.m, {
          state: 'withdrawn',
          decidedAt: clock.now(),
        });
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'service.amendment_withdrawn',
          entity: ['service_record_amendment', id],
          regionCode: m.regionCode,
          before: { state: m.m.state },
          after: { state: after.state },
          requestId,
        });
        return presentAmendment(after);
      });
    },

    async listAmendments(actor: Actor, f: { state?: string; page: number; pageSize: number }) {
      const scope = reviewScope(serviceRecords.regionCode, serviceRecords.organizationId)(actor);
      const conds: SQL[] = [scope];
      if (f.state) conds.push(eq(serviceRecordAmendments.state, f.state));
      const where = and(...conds);
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(serviceRecordAmendments)
        .innerJoin(serviceRecords, eq(serviceRecords.id, serviceRecordAmendments.recordId))
        .where(where);
      const rows = await db
        .select({
          m: serviceRecordAmendments,
          r: serviceRecords,
          volunteerNumber: volunteers.volunteerNumber,
          realName: volunteers.realName,
        })
        .from(serviceRecordAmendments)
        .innerJoin(serviceRecords, eq(serviceRecords.id, serviceRecordAmendments.recordId))
        .innerJoin(volunteers, eq(volunteers.id, serviceRecordAmendments.volunteerId))
        .where(where)
        .orderBy(desc(serviceRecordAmendments.requestedAt), desc(serviceRecordAmendments.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      return {
        items: rows.map((x) => ({
          ...presentAmendment(x.m),
          record: presentRecord(x.r),
          volunteerNumber: x.volunteerNumber,
          volunteerName: x.realName,
          canDecide: x.m.state === 'pending' && canReview(actor, x.r),
        })),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    /** Approve: the record is superseded by a new revision (totals, points, credit follow); or reject. */
    async decideAmendment(actor: Actor, id: string, input: ReviewDecision, requestId?: string) {
      if (!UUID.test(id)) throw notFound('更正申请');
      return db.transaction(async (tx) => {
        const [found] = await tx
          .select({ m: serviceRecordAmendments, r: serviceRecords })
          .from(serviceRecordAmendments)
          .innerJoin(serviceRecords, eq(serviceRecords.id, serviceRecordAmendments.recordId))
          .where(
            and(
              eq(serviceRecordAmendments.id, id),
              or(
                recordReadScope(actor),
                reviewScope(serviceRecords.regionCode, serviceRecords.organizationId)(actor),
              ),
            ),
          );
        if (!found) throw notFound('更正申请');
        const { m, r } = found;
        if (!canReview(actor, r)) throw forbidden('您无权审核该更正申请');
        if (input.version !== m.version) throw staleVersion();
        if (m.state !== 'pending') throw conflict('该更正申请已处理');
        const now = clock.now();
        const approve = input.decision === 'approve';
        let newRecordId: string | null = null;
        if (approve) {
          if (r.status !== 'valid') throw conflict('该记录已被更正，请刷新后重试');
          if (!r.activityId) throw unprocessable('该记录不属于任何活动，不能在线更正');
          const [a] = await tx.select().from(serviceActivities).where(eq(serviceActivities.id, r.activityId));
          const p = m.proposed as AmendmentInput['proposed'];
          const t = amendedMinutes(a, r, p);
          const created = await recordService(tx, {
            activity: a,
            volunteerId: r.volunteerId,
            startedAt: t.startedAt,
            endedAt: t.endedAt,
            minutes: t.minutes,
            source: r.source as 'checkin' | 'backfill',
            content: p.content ?? r.content,
            recorder: { id: actor.id, name: actor.displayName },
            supersedes: r,
            actor: { id: actor.id, name: actor.displayName },
            now,
            reason: `更正申请已通过：${m.reason}`,
          });
          newRecordId = created.id;
        }
        const after = await updateVersioned(tx, serviceRecordAmendments, m, {
          state: approve ? 'approved' : 'rejected',
          decidedBy: actor.id,
          decidedByName: actor.displayName,
          decidedAt: now,
          decisionReason: input.reason ?? null,
          newRecordId,
        });
        await audit.record(tx, {
          actor: auditActor(actor),
          action: approve ? 'service.amendment_approved' : 'service.amendment_rejected',
          entity: ['service_record_amendment', m.id],
          regionCode: r.regionCode,
          before: { state: m.state, version: m.version, recordId: r.id, minutes: r.minutes },
          after: { state: after.state, version: after.version, newRecordId, reason: input.reason ?? null },
          requestId,
        });
        return presentAmendment(after);
      });
    },

    // ------------------------------------------------------------------ deadlines and no-shows

    /** Ended activities in scope (last 90 days) whose records are incomplete, with the 10-working-day deadline. */
    async deadlines(actor: Actor) {
      const now = clock.now();
      const config = await loadVolunteerConfig(database);
      const missing = sql<number>`(select count(*)::int from ${activitySignups} s
          where s.activity_id = ${serviceActivities.id} and s.state = 'approved'
            and not exists (select 1 from ${serviceRecords} r where r.activity_id = s.activity_id
                              and r.volunteer_id = s.volunteer_id and r.status = 'valid')
            and not exists (select 1 from ${volunteerCreditEvents} e where e.kind = 'no_show'
                              and e.source_type = 'signup' and e.source_id = s.id and e.voided_at is null))`;
      const pending = sql<number>`(select count(*)::int from ${serviceBackfills} b
          where b.activity_id = ${serviceActivities.id} and b.state = 'pending')`;
      const rows = await db
        .select({
          id: serviceActivities.id,
          title: serviceActivities.title,
          endsAt: serviceActivities.endsAt,
          regionCode: serviceActivities.regionCode,
          organizationId: serviceActivities.organizationId,
          organizationName: organizations.name,
          missing,
          pending,
        })
        .from(serviceActivities)
        .innerJoin(organizations, eq(organizations.id, serviceActivities.organizationId))
        .where(
          and(
            activityReviewScope(actor),
            inArray(serviceActivities.status, ['published', 'finished']),
            lte(serviceActivities.endsAt, now),
            // reminders cover the last 90 days (the legal deadline is 10 working days)
            gte(serviceActivities.endsAt, new Date(now.getTime() - REMINDER_DAYS * 86_400_000)),
            sql`(${missing} > 0 or ${pending} > 0)`,
          ),
        )
        .orderBy(serviceActivities.endsAt)
        .limit(200);
      const items = rows.map((r) => {
        const d = recordDeadlineStatus(r.endsAt, now, config.calendar);
        return {
          activityId: r.id,
          title: r.title,
          endsAt: r.endsAt,
          regionCode: r.regionCode,
          organizationId: r.organizationId,
          organizationName: r.organizationName,
          withoutRecord: r.missing,
          pendingBackfills: r.pending,
          deadline: d.deadline,
          workingDaysLeft: d.workingDaysLeft,
          overdue: d.overdue,
          message: d.message,
        };
      });
      return { count: items.length, today: todayInShanghai(now), items };
    },

    /** Approved volunteers who did not come: a no_show credit event each (idempotent per sign-up). */
    async markNoShows(actor: Actor, activityId: string, volunteerIds: string[], requestId?: string) {
      return db.transaction(async (tx) => {
        const a = await activityOf(tx, actor, activityId, true);
        assertManage(actor, a);
        const now = clock.now();
        if (now < a.endsAt) throw unprocessable('活动结束后才能标记缺席', undefined, 'not_ended');
        const ids = [...new Set(volunteerIds)];
        const rows = await attendanceRows(a);
        const byId = new Map(rows.map((r) => [r.volunteerId, r]));
        const fields: Record<string, string> = {};
        ids.forEach((vid, i) => {
          const r = byId.get(vid);
          if (!r) fields[`volunteerIds.${i}`] = '不是本活动已录用的志愿者';
          else if (r.checkedInAt || r.record)
            fields[`volunteerIds.${i}`] = `${r.realName}已签到或已有服务记录`;
          else if (r.backfill?.state === 'pending')
            fields[`volunteerIds.${i}`] = `${r.realName}有待复核的补录`;
        });
        const first = Object.values(fields)[0];
        if (first) throw unprocessable(first, fields);
        let marked = 0;
        for (const vid of ids) {
          const r = byId.get(vid)!;
          const e = await recordCreditEvent(tx, {
            volunteerId: vid,
            kind: 'no_show',
            occurredAt: a.startsAt,
            title: a.title,
            sourceType: 'signup',
            sourceId: r.signupId,
            recordedBy: actor.id,
            recordedByName: actor.displayName,
          });
          if (e.duplicate) continue;
          marked++;
          await audit.record(tx, {
            actor: auditActor(actor),
            action: 'service.no_show',
            entity: ['activity_signup', r.signupId],
            regionCode: a.regionCode,
            after: { activityId: a.id, volunteerId: vid, creditEventId: e.id },
            requestId,
          });
        }
        return { marked, already: ids.length - marked };
      });
    },

    attendanceRows,
    activityOf,
  };
}

export type ServiceRecordsService = ReturnType<typeof createServiceRecordsService>;
