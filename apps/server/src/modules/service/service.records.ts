import { todayInShanghai } from '@linli/core';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  organizations,
  type serviceActivities,
  serviceMonthly,
  serviceRecords,
  volunteerOrgYear,
  volunteerTotals,
} from '../../db/schema';
import { conflict } from '../../lib/errors';
import { recordCreditEvent, voidCreditEventsFor } from '../credit/credit.events';
import { creditServicePoints, reverseServicePoints } from '../points/points.ledger';

export type ActivityRow = typeof serviceActivities.$inferSelect;
export type ServiceRecordRow = typeof serviceRecords.$inferSelect;

export type RecordServiceInput = {
  activity: ActivityRow;
  volunteerId: string;
  startedAt: Date;
  endedAt: Date;
  minutes: number;
  source: 'checkin' | 'backfill';
  /** defaults to the activity's content (or the superseded record's) */
  content?: string;
  /** who recorded the hours (the organizer who entered a backfill; the volunteer for a scan) */
  recorder: { id: string | null; name: string };
  backfillId?: string | null;
  /** the valid record this one corrects (an approved amendment) */
  supersedes?: ServiceRecordRow | null;
  /** who approved the change (for the points ledger and credit events) */
  actor: { id: string; name: string } | null;
  now: Date;
  reason?: string;
};

/** 'YYYY-MM' of a service date. */
const monthOf = (serviceDate: string) => serviceDate.slice(0, 7);

/** Adds (sign 1) or removes (sign -1) one record from the running totals, per-organization years and monthly statistics. */
async function applyTotals(tx: DbOrTx, r: ServiceRecordRow, sign: 1 | -1) {
  const minutes = sign * r.minutes;
  const checkin = r.source === 'checkin' ? minutes : 0;
  const backfill = r.source === 'backfill' ? minutes : 0;
  await tx
    .insert(volunteerTotals)
    .values({
      volunteerId: r.volunteerId,
      minutes,
      checkinMinutes: checkin,
      backfillMinutes: backfill,
      records: sign,
      lastServiceDate: sign > 0 ? r.serviceDate : null,
    })
    .onConflictDoUpdate({
      target: volunteerTotals.volunteerId,
      set: {
        minutes: sql`${volunteerTotals.minutes} + ${minutes}`,
        checkinMinutes: sql`${volunteerTotals.checkinMinutes} + ${checkin}`,
        backfillMinutes: sql`${volunteerTotals.backfillMinutes} + ${backfill}`,
        records: sql`${volunteerTotals.records} + ${sign}`,
        ...(sign > 0
          ? {
              lastServiceDate: sql`greatest(${volunteerTotals.lastServiceDate}, ${r.serviceDate}::date)`,
            }
          : {}),
      },
    });
  await tx
    .insert(volunteerOrgYear)
    .values({
      organizationId: r.organizationId,
      volunteerId: r.volunteerId,
      year: Number(r.serviceDate.slice(0, 4)),
      minutes,
      records: sign,
    })
    .onConflictDoUpdate({
      target: [volunteerOrgYear.organizationId, volunteerOrgYear.year, volunteerOrgYear.volunteerId],
      set: {
        minutes: sql`${volunteerOrgYear.minutes} + ${minutes}`,
        records: sql`${volunteerOrgYear.records} + ${sign}`,
      },
    });
  await tx
    .insert(serviceMonthly)
    .values({
      regionCode: r.regionCode,
      month: monthOf(r.serviceDate),
      category: r.category,
      organizationId: r.organizationId,
      minutes,
      records: sign,
    })
    .onConflictDoUpdate({
      target: [
        serviceMonthly.regionCode,
        serviceMonthly.month,
        serviceMonthly.category,
        serviceMonthly.organizationId,
      ],
      set: {
        minutes: sql`${serviceMonthly.minutes} + ${minutes}`,
        records: sql`${serviceMonthly.records} + ${sign}`,
      },
    });
}

/**
 * The one writer of service records. Inserts a valid record (who, when, where, what, hours,
 * organizer, recorder), keeps volunteer_totals and service_monthly in step, credits points and
 * records the credit event – all in the caller's transaction. With `supersedes`, the old record
 * turns `superseded` first and everything it added is taken back (totals, monthly, points,
 * credit event), so a correction changes the figures by exactly the difference.
 */
export async function recordService(tx: DbOrTx, input: RecordServiceInput): Promise<ServiceRecordRow> {
  const a = input.activity;
  const old = input.supersedes ?? null;
  if (old) {
    const [marked] = await tx
      .update(serviceRecords)
      .set({ status: 'superseded' })
      .where(and(eq(serviceRecords.id, old.id), eq(serviceRecords.status, 'valid')))
      .returning();
    if (!marked) throw conflict('该服务记录已被更正，请刷新后重试');
    await applyTotals(tx, old, -1);
    await voidCreditEventsFor(tx, {
      sourceType: 'service_record',
      sourceId: old.id,
      reason: input.reason ?? '服务记录已更正',
      at: input.now,
    });
    if (old.activityId)
      await reverseServicePoints(tx, {
        recordId: old.id,
        volunteerId: old.volunteerId,
        activityId: old.activityId,
        revision: old.revision,
        reason: input.reason ?? '服务记录已更正',
        actor: input.actor,
        at: input.now,
      });
  }
  const [org] = await tx
    .select({ name: organizations.name, leaderName: organizations.leaderName })
    .from(organizations)
    .where(eq(organizations.id, a.organizationId));
  const serviceDate = todayInShanghai(input.startedAt);
  const [r] = await tx
    .insert(serviceRecords)
    .values({
      volunteerId: input.volunteerId,
      activityId: a.id,
      organizationId: a.organizationId,
      regionCode: a.regionCode,
      category: a.category,
      title: a.title,
      content: input.content ?? old?.content ?? a.content,
      place: a.place,
      startedAt: input.startedAt,
      endedAt: input.endedAt,
      serviceDate,
      minutes: input.minutes,
      source: input.source,
      organizerName: org?.name ?? '',
      leaderName: old?.leaderName ?? org?.leaderName ?? null,
      recorderId: input.recorder.id,
      recorderName: input.recorder.name,
      recordedAt: input.now,
      revision: old ? old.revision + 1 : 0,
      supersedesId: old?.id ?? null,
      status: 'valid',
      backfillId: input.backfillId ?? old?.backfillId ?? null,
    })
    .returning();
  await applyTotals(tx, r, 1);
  await creditServicePoints(tx, {
    recordId: r.id,
    volunteerId: r.volunteerId,
    activityId: a.id,
    minutes: r.minutes,
    coefficientHundredths: a.coefficientHundredths,
    revision: r.revision,
    title: r.title,
    serviceDate: r.serviceDate,
    actor: input.actor,
    at: input.now,
  });
  await recordCreditEvent(tx, {
    volunteerId: r.volunteerId,
    kind: 'service',
    occurredAt: r.endedAt,
    minutes: r.minutes,
    title: r.title,
    sourceType: 'service_record',
    sourceId: r.id,
    recordedBy: input.actor?.id ?? input.recorder.id,
    recordedByName: input.actor?.name ?? input.recorder.name,
  });
  return r;
}
