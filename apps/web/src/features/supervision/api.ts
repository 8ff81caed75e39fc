import type { AnnualReportContent } from '@linli/core/schemas/annualReport';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Page } from '../../lib/types';

export type SupervisionQuery = Record<string, string | number | undefined>;

export interface ReportDue {
  status: string;
  daysLeft: number;
  message: string;
}

export interface ReportOrg {
  id: string;
  name: string;
  tier: string;
  regionCode: string;
  status: string;
}

export interface AnnualReportItem {
  id: string | null;
  organization: ReportOrg;
  reportYear: number;
  tier: 'filed' | 'registered';
  /** 'none' while the organization has not saved anything */
  status: string;
  statusLabel: string;
  due: ReportDue;
  deadline: string;
  firstSubmittedOn: string | null;
  version: number;
}

export interface ReportAction {
  event: string;
  to: string;
  label: string;
  needsReason: boolean;
}

export interface AnnualReport {
  id: string | null;
  exists: boolean;
  organization: ReportOrg;
  reportYear: number;
  tier: 'filed' | 'registered';
  mustReport: boolean;
  status: string;
  statusLabel: string;
  window: { reportYear: number; tier: string; opensOn: string; deadline: string };
  due: ReportDue;
  firstSubmittedOn: string | null;
  reviewedAt: string | null;
  reviewReason: string | null;
  version: number;
  content: AnnualReportContent;
  advice: string[];
  canEdit: boolean;
  actions: ReportAction[];
}

export interface ReportHistoryItem {
  id: string;
  event: string;
  fromStatus: string;
  toStatus: string;
  reason: string | null;
  actorName: string;
  at: string;
}

export interface CreditListing {
  id: string;
  organizationId: string;
  organizationName?: string;
  regionCode: string;
  list: 'abnormal' | 'serious';
  listLabel: string;
  cause: string;
  causeLabel: string;
  entry: 'derived' | 'officer';
  entryLabel: string;
  basis: string;
  reason: string;
  evidence: Record<string, unknown> | null;
  enteredOn: string;
  leftOn: string | null;
  leaveReason: string | null;
  leaveReasonLabel: string | null;
  voided: boolean;
  voidReason: string | null;
  version: number;
}

export interface OrgCreditState {
  organizationId: string;
  asOf: string;
  state: 'none' | 'abnormal' | 'serious';
  stateLabel: string;
  abnormal: boolean;
  serious: boolean;
  inForce: string[];
  listings: CreditListing[];
  canManage: boolean;
}

export const supervisionKeys = {
  reports: ['annual-reports'] as const,
  reportList: (q: SupervisionQuery) => ['annual-reports', 'list', q] as const,
  report: (orgId: string, year: number) => ['annual-reports', 'org', orgId, year] as const,
  history: (id: string) => ['annual-reports', 'history', id] as const,
  credit: ['credit-listings'] as const,
  creditList: (q: SupervisionQuery) => ['credit-listings', 'list', q] as const,
  orgCredit: (orgId: string, asOf?: string) => ['credit-listings', 'org', orgId, asOf ?? 'today'] as const,
};

export function useAnnualReportList(query: SupervisionQuery) {
  return useQuery({
    queryKey: supervisionKeys.reportList(query),
    queryFn: ({ signal }) => api<Page<AnnualReportItem>>('/v1/annual-reports', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAnnualReport(orgId: string, year: number, enabled = true) {
  return useQuery({
    queryKey: supervisionKeys.report(orgId, year),
    queryFn: ({ signal }) =>
      api<AnnualReport>(`/v1/organizations/${orgId}/annual-reports/${year}`, { signal }),
    retry: (n, err) => ![400, 403, 404].includes((err as { status?: number }).status ?? 0) && n < 2,
    enabled,
  });
}

export function useReportHistory(id: string | null) {
  return useQuery({
    queryKey: supervisionKeys.history(id ?? ''),
    queryFn: ({ signal }) =>
      api<{ items: ReportHistoryItem[] }>(`/v1/annual-reports/${id}/history`, { signal }),
    enabled: !!id,
  });
}

/** Save the draft, and submit or review; each answer is the fresh report. */
export function useReportMutations(orgId: string, year: number) {
  const qc = useQueryClient();
  const onSuccess = (r: AnnualReport) => {
    qc.setQueryData(supervisionKeys.report(orgId, year), r);
    void qc.invalidateQueries({ queryKey: ['annual-reports', 'list'] });
    void qc.invalidateQueries({ queryKey: ['annual-reports', 'history'] });
  };
  return {
    save: useMutation({
      mutationFn: (body: { content: AnnualReportContent; version: number }) =>
        api<AnnualReport>(`/v1/organizations/${orgId}/annual-reports/${year}`, { method: 'PUT', body }),
      onSuccess,
    }),
    event: useMutation({
      mutationFn: (v: { id: string; event: string; reason?: string; version: number }) =>
        api<AnnualReport>(`/v1/annual-reports/${v.id}/events`, {
          body: { event: v.event, reason: v.reason, version: v.version },
        }),
      onSuccess,
    }),
  };
}

export function useCreditListings(query: SupervisionQuery) {
  return useQuery({
    queryKey: supervisionKeys.creditList(query),
    queryFn: ({ signal }) =>
      api<Page<CreditListing> & { asOf: string }>('/v1/credit-listings', { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useOrgCredit(orgId: string, asOf?: string) {
  return useQuery({
    queryKey: supervisionKeys.orgCredit(orgId, asOf),
    queryFn: ({ signal }) =>
      api<OrgCreditState>(`/v1/organizations/${orgId}/credit-listings`, { query: { asOf }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCreditMutations() {
  const qc = useQueryClient();
  const onSuccess = () => qc.invalidateQueries({ queryKey: supervisionKeys.credit });
  return {
    enter: useMutation({
      mutationFn: (v: {
        orgId: string;
        cause: string;
        reason: string;
        enteredOn: string;
        evidence: { documentNo?: string; note?: string };
      }) => {
        const { orgId, ...body } = v;
        return api<CreditListing>(`/v1/organizations/${orgId}/credit-listings`, { body });
      },
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (v: { id: string; reason: string; leftOn: string; note: string; version: number }) => {
        const { id, ...body } = v;
        return api<CreditListing>(`/v1/credit-listings/${id}/remove`, { body });
      },
      onSuccess,
    }),
  };
}
