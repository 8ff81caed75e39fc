import {
  type CreditChange,
  type CreditConfig,
  type CreditEvent,
  type CreditEventKind,
  creditEventKinds,
  creditScore,
  restrictionOf,
  todayInShanghai,
} from '@linli/core';
import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { volunteerCreditEvents, volunteerRestrictions } from '../../db/schema';

/**
 * Volunteer credit events: the one place that writes `volunteer_credit_events` and computes a
 * volunteer's credit status (score, level, changes with reasons, current sign-up restriction).
 * Other modules (check-out, no-show, training, awards, appeals) call these inside their own
 * transaction.
 */

/** Where an event comes from: the row it is traceable to. */
export type CreditSourceType = 'service_record' | 'signup' | 'attendance' | 'training' | 'award' | 'manual';

export type RecordCreditEventInput = {
  volunteerId: string;
  kind: CreditEventKind;
  occurredAt: Date;
  /** For kind 'service': minutes served. */
  minutes?: number | null;
  /** Activity, course or award title: used in the reason sentence. */
  title: string;
  sourceType: CreditSourceType | string;
  /** The source row; events without one (null) are never deduplicated. */
  sourceId: string | null;
  recordedBy: string | null;
  recordedByName: string;
  note?: string;
};

/**
 * Inserts a credit event, idempotent per (volunteer, kind, sourceType, sourceId): a second call
 * for the same source (also concurrently) returns the existing row with `duplicate: true`.
 */
export async function recordCreditEvent(
  tx: DbOrTx,
  input: RecordCreditEventInput,
): Promise<{ id: string; duplicate: boolean }> {
  if (!creditEventKinds.includes(input.kind)) throw new Error(`unknown credit event kind ${input.kind}`);
  const [row] = await tx
    .insert(volunteerCreditEvents)
    .values({
      volunteerId: input.volunteerId,
      kind: input.kind,
      occurredAt: input.occurredAt,
      minutes: input.minutes ?? null,
      title: input.title,
      sourceType: input.sourceType,
      sourceId: input.sourceId,
      note: input.note ?? '',
      recordedBy: input.recordedBy,
      recordedByName: input.recordedByName,
    })
    .onConflictDoNothing()
    .returning({ id: volunteerCreditEvents.id });
  if (row) return { id: row.id, duplicate: false };
  if (!input.sourceId) throw new Error('credit event insert conflicted without a source');
  const [existing] = await tx
    .select({ id: volunteerCreditEvents.id })
    .from(volunteerCreditEvents)
    .where(
      and(
        eq(volunteerCreditEvents.volunteerId, input.volunteerId),
        eq(volunteerCreditEvents.kind, input.kind),
        eq(volunteerCreditEvents.sourceType, input.sourceType),
        eq(volunteerCreditEvents.sourceId, input.sourceId),
      ),
    );
  if (!existing) throw new Error('credit event conflicted but the existing row is not visible');
  return { id: existing.id, duplicate: true };
}

/**
 * Voids every live event of a source (a cancelled service record, a revoked no-show, an upheld
 * appeal). Returns how many were voided; already voided events keep their first reason.
 */
export async function voidCreditEventsFor(
  tx: DbOrTx,
  input: { sourceType: string; sourceId: string; reason: string; at?: Date },
): Promise<number> {
  const rows = await tx
    .update(volunteerCreditEvents)
    .set({ voidedAt: input.at ?? new Date(), voidReason: input.reason })
    .where(
      and(
        eq(volunteerCreditEvents.sourceType, input.sourceType),
        eq(volunteerCreditEvents.sourceId, input.sourceId),
        isNull(volunteerCreditEvents.voidedAt),
      ),
    )
    .returning({ id: volunteerCreditEvents.id });
  return rows.length;
}

/** Voids one event by id (an upheld appeal). Returns whether it was live. */
export async function voidCreditEvent(tx: DbOrTx, id: string, reason: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(volunteerCreditEvents)
    .set({ voidedAt: at, voidReason: reason })
    .where(and(eq(volunteerCreditEvents.id, id), isNull(volunteerCreditEvents.voidedAt)))
    .returning({ id: volunteerCreditEvents.id });
  return rows.length > 0;
}

export type CreditRestriction = {
  /** First moment sign-ups are allowed again. */
  until: Date;
  reason: string;
  /** 'rule': computed from the events by the configured rules; 'staff': entered by staff. */
  source: 'rule' | 'staff';
  /** The staff restriction row, when source is 'staff'. */
  restrictionId?: string;
  /** Events that triggered a rule restriction. */
  eventIds?: string[];
};

export type CreditStatus = {
  score: number;
  level: string;
  label: string;
  changes: CreditChange[];
  restricted: CreditRestriction | null;
};

export type CreditEventRow = typeof volunteerCreditEvents.$inferSelect;

export function toCoreEvent(e: CreditEventRow): CreditEvent {
  return {
    id: e.id,
    kind: e.kind as CreditEventKind,
    at: e.occurredAt,
    minutes: e.minutes ?? undefined,
    title: e.title,
    voided: e.voidedAt !== null,
  };
}

/** All events of a volunteer (voided ones included), oldest first. */
export async function creditEventsOf(dbOrTx: DbOrTx, volunteerId: string): Promise<CreditEventRow[]> {
  return dbOrTx
    .select()
    .from(volunteerCreditEvents)
    .where(eq(volunteerCreditEvents.volunteerId, volunteerId))
    .orderBy(asc(volunteerCreditEvents.occurredAt), asc(volunteerCreditEvents.createdAt));
}

/** Score, level and every change (with its Chinese reason) plus the restriction in force on `now`. */
export async function creditStatus(
  dbOrTx: DbOrTx,
  volunteerId: string,
  config: CreditConfig,
  now: Date,
): Promise<CreditStatus> {
  const events = (await creditEventsOf(dbOrTx, volunteerId)).map(toCoreEvent);
  const score = creditScore(events, config, now);
  const byRule = restrictionOf(events, config, now);
  let restricted: CreditRestriction | null = byRule.blocked
    ? { until: byRule.until, reason: byRule.reason, source: 'rule', eventIds: byRule.eventIds }
    : null;
  const staff = await dbOrTx
    .select()
    .from(volunteerRestrictions)
    .where(
      and(
        eq(volunteerRestrictions.volunteerId, volunteerId),
        isNull(volunteerRestrictions.liftedAt),
        lte(volunteerRestrictions.fromAt, now),
        gt(volunteerRestrictions.untilAt, now),
      ),
    );
  for (const r of staff) {
    if (restricted && restricted.until.getTime() >= r.untilAt.getTime()) continue;
    restricted = { until: r.untilAt, reason: r.reason, source: 'staff', restrictionId: r.id };
  }
  return { score: score.score, level: score.level, label: score.label, changes: score.changes, restricted };
}

/** "…限制报名至 YYYY-MM-DD：原因" – the last day blocked is the day before `until` (Shanghai). */
export function restrictionMessage(r: CreditRestriction): string {
  const lastDay = todayInShanghai(new Date(r.until.getTime() - 1));
  return `该志愿者因信用原因被限制报名至 ${lastDay}：${r.reason}`;
}
