import {
  amendmentStateLabels,
  backfillKindLabels,
  backfillStateLabels,
  serviceCategoryLabels,
  serviceRecordSourceLabels,
  serviceRecordStatusLabels,
} from '@linli/core';
import type { serviceBackfills, serviceRecordAmendments } from '../../db/schema';
import type { ServiceRecordRow } from './service.records';

export type BackfillRow = typeof serviceBackfills.$inferSelect;
export type AmendmentRow = typeof serviceRecordAmendments.$inferSelect;

const label = (m: Readonly<Record<string, string>>, k: string) => (Object.hasOwn(m, k) ? m[k] : k);

export function presentRecord(r: ServiceRecordRow) {
  return {
    id: r.id,
    volunteerId: r.volunteerId,
    activityId: r.activityId,
    organizationId: r.organizationId,
    regionCode: r.regionCode,
    category: r.category,
    categoryLabel: label(serviceCategoryLabels, r.category),
    title: r.title,
    content: r.content,
    place: r.place,
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    serviceDate: r.serviceDate,
    minutes: r.minutes,
    hours: Math.floor(r.minutes / 6) / 10,
    source: r.source,
    sourceLabel: label(serviceRecordSourceLabels, r.source),
    backfilled: r.source === 'backfill',
    organizerName: r.organizerName,
    leaderName: r.leaderName,
    recorderName: r.recorderName,
    recordedAt: r.recordedAt,
    revision: r.revision,
    supersedesId: r.supersedesId,
    status: r.status,
    statusLabel: label(serviceRecordStatusLabels, r.status),
    backfillId: r.backfillId,
  };
}

export function presentBackfill(b: BackfillRow) {
  return {
    id: b.id,
    activityId: b.activityId,
    volunteerId: b.volunteerId,
    kind: b.kind,
    kindLabel: label(backfillKindLabels, b.kind),
    fromAt: b.fromAt,
    toAt: b.toAt,
    minutes: b.minutes,
    reason: b.reason,
    enteredBy: b.enteredBy,
    enteredByName: b.enteredByName,
    enteredAt: b.enteredAt,
    state: b.state,
    stateLabel: label(backfillStateLabels, b.state),
    decidedByName: b.decidedByName,
    decidedAt: b.decidedAt,
    decisionReason: b.decisionReason,
    recordId: b.recordId,
    version: b.version,
  };
}

export function presentAmendment(m: AmendmentRow) {
  return {
    id: m.id,
    recordId: m.recordId,
    volunteerId: m.volunteerId,
    reason: m.reason,
    proposed: m.proposed as { minutes?: number; startedAt?: string; endedAt?: string; content?: string },
    requestedAt: m.requestedAt,
    state: m.state,
    stateLabel: label(amendmentStateLabels, m.state),
    decidedByName: m.decidedByName,
    decidedAt: m.decidedAt,
    decisionReason: m.decisionReason,
    newRecordId: m.newRecordId,
    version: m.version,
  };
}
