import {
  type CheckinKind,
  type CheckinScan,
  checkedMinutes,
  checkinStep,
  checkinTokenMessages,
  makeCheckinToken,
  sixDigitCode,
  verifyCheckinToken,
  verifySixDigitCode,
} from '@linli/core';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import { activityAttendance, activitySignups, serviceActivities, volunteers } from '../../db/schema';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can } from '../../lib/authz/scope';
import { qrSvg } from '../../lib/documents/qr';
import { AppError, conflict, forbidden, notFound, tooMany, unprocessable } from '../../lib/errors';
import type { ActivityService } from '../activities/activities.service';
import { type CheckinSettings, loadVolunteerConfig } from '../volunteerConfig/volunteerConfig';
import { type ActivityRow, recordService } from './service.records';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock' | 'pii' | 'config'> & {
  activities: ActivityService;
};

const UUID = /^[0-9a-f-]{36}$/i;
const MINUTE = 60_000;

/** The check-in window of an activity: opens before the start, check-out closes after the end. */
export function checkinWindow(a: Pick<ActivityRow, 'startsAt' | 'endsAt'>, c: CheckinSettings) {
  return {
    opensAt: new Date(a.startsAt.getTime() - c.openBeforeMinutes * MINUTE),
    /** last moment a check-in counts */
    checkinClosesAt: a.endsAt,
    /** last moment a check-out counts */
    closesAt: new Date(a.endsAt.getTime() + c.closeAfterMinutes * MINUTE),
  };
}

const fmt = (d: Date) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);

/** Typed codes are 6 digits: wrong guesses per volunteer are limited (per server instance). */
const WRONG_CODE_LIMIT = 10;
const WRONG_CODE_WINDOW_MS = 10 * MINUTE;

const invalidCode = (message: string, code = 'checkin_invalid') => new AppError(400, code, message);

/** Rotating codes for the organizer's screen and the volunteer's scan. */
export function createCheckinService(deps: Deps) {
  const { database, audit, clock, pii } = deps;
  const db = database.db;
  const hmac = pii.keyedHmac('checkin');
  const wrongCodes = new Map<string, { since: number; count: number }>();

  return {
    /** The current QR token and 6-digit code for an activity (organizer's screen). */
    async code(actor: Actor, activityId: string, kind: CheckinKind, baseUrl: string) {
      const a = await deps.activities.getScoped(db, actor, activityId);
      if (!can(actor, 'activity.manage', a)) throw forbidden('您无权管理该活动的签到');
      if (a.status !== 'published')
        throw unprocessable('活动未发布或已取消，不能签到', undefined, 'activity_not_open');
      const config = (await loadVolunteerConfig(database)).checkin;
      const w = checkinWindow(a, config);
      const now = clock.now();
      if (now < w.opensAt)
        throw unprocessable(`签到尚未开始，将于${fmt(w.opensAt)}开放`, undefined, 'checkin_window');
      if (now > w.closesAt)
        throw unprocessable(`签到已结束（截至${fmt(w.closesAt)}）`, undefined, 'checkin_window');
      if (kind === 'in' && now > w.checkinClosesAt)
        throw unprocessable('活动已结束，不能再签到，请使用签退码', undefined, 'checkin_window');
      const claim = { activityId: a.id, kind, windowStart: w.opensAt };
      const token = makeCheckinToken(claim, hmac, now, config.periodSeconds);
      const step = checkinStep(now, w.opensAt, config.periodSeconds);
      const base = (deps.config.publicUrl ?? baseUrl).replace(/\/$/, '');
      const url = `${base}/m/checkin?t=${encodeURIComponent(token)}`;
      const [{ checkedIn, checkedOut }] = await database.query<{ checkedIn: number; checkedOut: number }>(
        `select count(*)::int as "checkedIn", count(checked_out_at)::int as "checkedOut"
           from activity_attendance where activity_id = $1`,
        [a.id],
      );
      return {
        kind,
        activity: { id: a.id, title: a.title, startsAt: a.startsAt, endsAt: a.endsAt },
        token,
        code: sixDigitCode(hmac, a.id, kind, step),
        step,
        expiresAt: new Date(w.opensAt.getTime() + (step + 1) * config.periodSeconds * 1000),
        periodSeconds: config.periodSeconds,
        url,
        qrSvg: await qrSvg(url),
        checkedIn,
        checkedOut,
      };
    },

    /** A volunteer scans the QR (token) or types the code: check in or check out, exactly once. */
    async scan(actor: Actor, volunteerId: string, body: CheckinScan, requestId?: string) {
      const now = clock.now();
      const config = (await loadVolunteerConfig(database)).checkin;
      const verify = { periodSeconds: config.periodSeconds, graceSteps: config.graceSteps };
      let activityId: string;
      let kind: CheckinKind;
      let step: number;
      let via: 'qr' | 'code';
      let a: ActivityRow | undefined;
      if ('token' in body) {
        const r = verifyCheckinToken(body.token, hmac, now, verify);
        if (r.status !== 'ok') {
          if (r.status === 'malformed' || r.status === 'bad_signature') throw invalidCode(r.message);
          throw unprocessable(r.message, undefined, `checkin_${r.status}`);
        }
        activityId = r.activityId;
        kind = r.kind;
        step = r.step;
        via = 'qr';
        if (!UUID.test(activityId)) throw invalidCode(checkinTokenMessages.malformed);
        [a] = await db.select().from(serviceActivities).where(eq(serviceActivities.id, activityId));
        if (!a) throw unprocessable(checkinTokenMessages.wrong_activity, undefined, 'checkin_wrong_activity');
        // a token from an earlier schedule of the activity no longer matches its window
        if (checkinWindow(a, config).opensAt.getTime() !== tokenWindowStart(body.token))
          throw unprocessable(checkinTokenMessages.expired, undefined, 'checkin_expired');
      } else {
        activityId = body.activityId;
        kind = body.kind;
        via = 'code';
        [a] = await db.select().from(serviceActivities).where(eq(serviceActivities.id, activityId));
        if (!a) throw notFound('活动');
        const w = checkinWindow(a, config);
        const misses = wrongCodes.get(volunteerId);
        if (misses && now.getTime() - misses.since < WRONG_CODE_WINDOW_MS && misses.count >= WRONG_CODE_LIMIT)
          throw tooMany('签到码输错次数过多，请10分钟后再试或扫描二维码');
        const r = verifySixDigitCode(
          body.code,
          hmac,
          { activityId, kind, windowStart: w.opensAt },
          now,
          verify,
        );
        if (r.status === 'malformed') throw invalidCode(r.message);
        if (r.status !== 'ok') {
          if (wrongCodes.size > 10_000)
            for (const [k, m] of wrongCodes)
              if (now.getTime() - m.since >= WRONG_CODE_WINDOW_MS) wrongCodes.delete(k);
          const fresh = !misses || now.getTime() - misses.since >= WRONG_CODE_WINDOW_MS;
          wrongCodes.set(volunteerId, {
            since: fresh ? now.getTime() : misses.since,
            count: fresh ? 1 : misses.count + 1,
          });
          throw unprocessable(r.message, { code: r.message }, 'checkin_expired');
        }
        step = r.step;
      }
      const activity = a;
      if (activity.status !== 'published' && activity.status !== 'finished')
        throw unprocessable('活动未发布或已取消，不能签到', undefined, 'activity_not_open');
      const w = checkinWindow(activity, config);
      if (now < w.opensAt)
        throw unprocessable(`签到尚未开始，将于${fmt(w.opensAt)}开放`, undefined, 'checkin_window');
      if (kind === 'in' && now > w.checkinClosesAt)
        throw unprocessable('活动已结束，不能再签到', undefined, 'checkin_window');
      if (kind === 'out' && now > w.closesAt)
        throw unprocessable(
          `签退已截止（${fmt(w.closesAt)}），请联系组织方补录`,
          undefined,
          'checkin_window',
        );

      return db.transaction(async (tx) => {
        const [s] = await tx
          .select({ id: activitySignups.id })
          .from(activitySignups)
          .where(
            and(
              eq(activitySignups.activityId, activity.id),
              eq(activitySignups.volunteerId, volunteerId),
              eq(activitySignups.state, 'approved'),
            ),
          );
        if (!s) throw unprocessable('您未被录用参加该活动，不能签到', undefined, 'not_approved');
        const [v] = await tx
          .select({ realName: volunteers.realName, regionCode: volunteers.regionCode })
          .from(volunteers)
          .where(eq(volunteers.id, volunteerId));
        const result = { kind, at: now, activity: { id: activity.id, title: activity.title } };
        if (kind === 'in') {
          const [row] = await tx
            .insert(activityAttendance)
            .values({
              activityId: activity.id,
              volunteerId,
              signupId: s.id,
              checkedInAt: now,
              checkInStep: step,
              checkInVia: via,
              createdAt: now,
            })
            .onConflictDoNothing()
            .returning();
          if (!row) throw conflict('已签到，无需重复签到');
          await audit.record(tx, {
            actor: auditActor(actor),
            action: 'service.checked_in',
            entity: ['activity_attendance', row.id],
            regionCode: activity.regionCode,
            after: { activityId: activity.id, volunteerId, at: now, via, step },
            requestId,
          });
          return result;
        }
        const [att] = await tx
          .select()
          .from(activityAttendance)
          .where(
            and(
              eq(activityAttendance.activityId, activity.id),
              eq(activityAttendance.volunteerId, volunteerId),
            ),
          )
          .for('update');
        if (!att) throw unprocessable('您还没有签到，不能签退', undefined, 'not_checked_in');
        if (att.checkedOutAt) throw conflict('已签退，无需重复签退');
        const [out] = await tx
          .update(activityAttendance)
          .set({ checkedOutAt: now, checkOutStep: step, checkOutVia: via })
          .where(and(eq(activityAttendance.id, att.id), isNull(activityAttendance.checkedOutAt)))
          .returning();
        if (!out) throw conflict('已签退，无需重复签退');
        const m = checkedMinutes(
          { checkIn: att.checkedInAt, checkOut: now },
          { start: activity.startsAt, end: activity.endsAt },
        );
        const minutes = m.ok ? m.minutes : 0;
        let recordId: string | null = null;
        const [existing] = await database.query<{ id: string }>(
          `select id from service_records where activity_id = $1 and volunteer_id = $2 and status = 'valid'`,
          [activity.id, volunteerId],
        );
        if (minutes > 0 && !existing) {
          const start = new Date(Math.max(att.checkedInAt.getTime(), activity.startsAt.getTime()));
          const end = new Date(Math.min(now.getTime(), activity.endsAt.getTime()));
          const r = await recordService(tx, {
            activity,
            volunteerId,
            startedAt: start,
            endedAt: end < start ? start : end,
            minutes,
            source: 'checkin',
            recorder: { id: null, name: '扫码签到（系统记录）' },
            actor: { id: actor.id, name: v?.realName ?? actor.displayName },
            now,
          });
          recordId = r.id;
        }
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'service.checked_out',
          entity: ['activity_attendance', att.id],
          regionCode: activity.regionCode,
          before: { checkedInAt: att.checkedInAt },
          after: { checkedOutAt: now, via, step, minutes, recordId },
          requestId,
        });
        return { ...result, minutes, recordId };
      });
    },
  };
}

/** The window start a (verified) token was issued for. */
function tokenWindowStart(token: string): number {
  const body = token.slice(0, token.indexOf('.'));
  const json = Buffer.from(body, 'base64url').toString('utf8');
  return (JSON.parse(json) as { w: number }).w;
}

export type CheckinService = ReturnType<typeof createCheckinService>;
