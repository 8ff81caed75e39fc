import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** GET/PUT /api/v1/settings/volunteer: the deployment's volunteer-service rules. */
export type VolunteerRules = {
  stars: { thresholds: number[]; basis: 'lifetime' | 'year' };
  earn: { rate: number; rounding: 'floor' | 'round' | 'ceil' };
  expiry: 'never' | { kind: 'yearEnd' | 'afterYears'; years: number };
  checkin: {
    periodSeconds: number;
    graceSteps: number;
    openBeforeMinutes: number;
    closeAfterMinutes: number;
  };
  calendar: { holidays: string[]; makeupWorkdays: string[] };
  version: number;
};

/** GET/PUT /api/v1/settings/volunteer-targets: shares of the resident population. */
export type VolunteerTargets = { volunteerRatio: number; orgPerResident: number; version: number };

export function useVolunteerRules() {
  return useQuery({
    queryKey: ['settings', 'volunteer'],
    queryFn: ({ signal }) => api<VolunteerRules>('/v1/settings/volunteer', { signal }),
  });
}

export function useSaveVolunteerRules() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: VolunteerRules) =>
      api<VolunteerRules>('/v1/settings/volunteer', { method: 'PUT', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['settings', 'volunteer'] }),
  });
}

export function useVolunteerTargets() {
  return useQuery({
    queryKey: ['settings', 'volunteer-targets'],
    queryFn: ({ signal }) => api<VolunteerTargets>('/v1/settings/volunteer-targets', { signal }),
  });
}

export function useSaveVolunteerTargets() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: VolunteerTargets) =>
      api<VolunteerTargets>('/v1/settings/volunteer-targets', { method: 'PUT', body }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ['settings', 'volunteer-targets'] });
      qc.invalidateQueries({ queryKey: ['volunteer-stats'] });
    },
  });
}
