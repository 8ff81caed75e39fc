import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Page } from '../../lib/types';

/** Check-in codes, attendance, backfills, service records, amendments, deadlines (console side). */

export type CheckinKind = 'in' | 'out';

export interface CheckinCode {
  kind: CheckinKind;
  activity: { id: string; title: string; startsAt: string; endsAt: string };
  token: string;
  code: string;
  step: number;
  expiresAt: string;
  periodSeconds: number;
  url: string;
  qrSvg: string;
  checkedIn: number;
  checkedOut: number;
}

export interface AttendanceRow {
  signupId: string;
  volunteerId: string;
  volunteerNumber: string;
  realName: string;
  phoneMasked: string;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  checkInVia: string | null;
  state: string;
  record: { id: string; minutes: number; source: string; revision: number } | null;
  backfill: { id: string; state: string; minutes: number; version: number; enteredBy: string } | null;
  noShow: boolean;
}

export interface Attendance {
  activity: {
    id: string;
    title: string;
    place: string;
    startsAt: string;
    endsAt: string;
    status: string;
    ended: boolean;
    deadline: { deadline: string; workingDaysLeft: number; overdue: boolean; message: string };
  };
  canManage: boolean;
  canReview: boolean;
  summary: {
    approved: number;
    checkedIn: number;
    checkedOut: number;
    records: number;
    backfillPending: number;
    noShow: number;
    minutes: number;
  };
  items: AttendanceRow[];
}

export interface ServiceRecord {
  id: string;
  volunteerId: string;
  activityId: string | null;
  organizationId: string;
  regionCode: string;
  category: string;
  categoryLabel: string;
  title: string;
  content: string;
  place: string;
  startedAt: string;
  endedAt: string;
  serviceDate: string;
  minutes: number;
  hours: number;
  source: string;
  sourceLabel: string;
  backfilled: boolean;
  organizerName: string;
  leaderName: string | null;
  recorderName: string;
  recordedAt: string;
  revision: number;
  supersedesId: string | null;
  status: string;
  statusLabel: string;
  volunteerNumber?: string;
  volunteerName?: string;
}

export interface Backfill {
  id: string;
  activityId: string;
  volunteerId: string;
  kind: string;
  kindLabel: string;
  fromAt: string;
  toAt: string;
  minutes: number;
  reason: string;
  enteredBy: string;
  enteredByName: string;
  enteredAt: string;
  state: string;
  stateLabel: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  recordId: string | null;
  version: number;
  activityTitle?: string;
  volunteerNumber?: string;
  volunteerName?: string;
  canDecide?: boolean;
}

export interface Amendment {
  id: string;
  recordId: string;
  volunteerId: string;
  reason: string;
  proposed: { minutes?: number; startedAt?: string; endedAt?: string; content?: string };
  requestedAt: string;
  state: string;
  stateLabel: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  newRecordId: string | null;
  version: number;
  record?: ServiceRecord;
  volunteerNumber?: string;
  volunteerName?: string;
  canDecide?: boolean;
}

export interface RecordDetail extends ServiceRecord {
  revisions: ServiceRecord[];
  amendments: Amendment[];
  backfill: Backfill | null;
}

export interface Deadline {
  activityId: string;
  title: string;
  endsAt: string;
  organizationName: string;
  withoutRecord: number;
  pendingBackfills: number;
  deadline: string;
  workingDaysLeft: number;
  overdue: boolean;
  message: string;
}

export type RecordQuery = Record<string, string | number | undefined>;

export const serviceKeys = {
  all: ['service'] as const,
  code: (id: string, kind: CheckinKind) => ['service', 'code', id, kind] as const,
  attendance: (id: string) => ['service', 'attendance', id] as const,
  records: (q: RecordQuery) => ['service', 'records', q] as const,
  record: (id: string) => ['service', 'record', id] as const,
  backfills: (q: RecordQuery) => ['service', 'backfills', q] as const,
  amendments: (q: RecordQuery) => ['service', 'amendments', q] as const,
  deadlines: ['service', 'deadlines'] as const,
};

/** The rotating code: refetched shortly before it expires. */
export function useCheckinCode(id: string, kind: CheckinKind) {
  return useQuery({
    queryKey: serviceKeys.code(id, kind),
    queryFn: ({ signal }) =>
      api<CheckinCode>(`/v1/activities/${id}/checkin-code`, { query: { kind }, signal }),
    refetchInterval: (q) => {
      const d = q.state.data;
      if (!d) return 10_000;
      const left = new Date(d.expiresAt).getTime() - Date.now();
      return Math.max(1_000, Math.min(left - 2_000, d.periodSeconds * 1000));
    },
    refetchIntervalInBackground: true,
    retry: false,
  });
}

export function useAttendance(id: string) {
  return useQuery({
    queryKey: serviceKeys.attendance(id),
    queryFn: ({ signal }) => api<Attendance>(`/v1/activities/${id}/attendance`, { signal }),
  });
}

export function useServiceRecords(query: RecordQuery, enabled = true) {
  return useQuery({
    queryKey: serviceKeys.records(query),
    queryFn: ({ signal }) =>
      api<Page<ServiceRecord> & { minutes: number }>('/v1/service-records', { query, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useServiceRecord(id: string | null) {
  return useQuery({
    queryKey: serviceKeys.record(id ?? ''),
    queryFn: ({ signal }) => api<RecordDetail>(`/v1/service-records/${id}`, { signal }),
    enabled: !!id,
  });
}

export function useBackfills(query: RecordQuery) {
  return useQuery({
    queryKey: serviceKeys.backfills(query),
    queryFn: ({ signal }) => api<Page<Backfill>>('/v1/backfills', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAmendments(query: RecordQuery) {
  return useQuery({
    queryKey: serviceKeys.amendments(query),
    queryFn: ({ signal }) => api<Page<Amendment>>('/v1/amendments', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDeadlines(enabled = true) {
  return useQuery({
    queryKey: serviceKeys.deadlines,
    queryFn: ({ signal }) =>
      api<{ count: number; today: string; items: Deadline[] }>('/v1/service/deadlines', { signal }),
    enabled,
    refetchInterval: 5 * 60_000,
  });
}

export type Decision = { decision: 'approve' | 'reject'; reason?: string; version: number };

/** Mutations; every success refreshes everything under ['service']. */
export function useServiceMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: serviceKeys.all });
  return {
    backfill: useMutation({
      mutationFn: (v: { activityId: string; body: Record<string, unknown> }) =>
        api<Backfill>(`/v1/activities/${v.activityId}/backfills`, { body: v.body }),
      onSuccess,
    }),
    decideBackfill: useMutation({
      mutationFn: (v: { id: string } & Decision) =>
        api<Backfill>(`/v1/backfills/${v.id}/decision`, {
          body: { decision: v.decision, reason: v.reason, version: v.version },
        }),
      onSuccess,
    }),
    decideAmendment: useMutation({
      mutationFn: (v: { id: string } & Decision) =>
        api<Amendment>(`/v1/amendments/${v.id}/decision`, {
          body: { decision: v.decision, reason: v.reason, version: v.version },
        }),
      onSuccess,
    }),
    noShows: useMutation({
      mutationFn: (v: { activityId: string; volunteerIds: string[] }) =>
        api<{ marked: number; already: number }>(`/v1/activities/${v.activityId}/no-shows`, {
          body: { volunteerIds: v.volunteerIds },
        }),
      onSuccess,
    }),
  };
}

/** 125 → '2小时5分钟'. */
export function minutesText(m: number | null | undefined): string {
  if (m === null || m === undefined) return '—';
  const h = Math.floor(m / 60);
  const r = m % 60;
  if (!h) return `${r}分钟`;
  return r ? `${h}小时${r}分钟` : `${h}小时`;
}
