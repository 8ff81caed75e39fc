/** Shapes of the volunteer statistics and service certificate API. */

export type RegionRef = { code: string; name: string; level: number };

export type TargetCheck = {
  count: number;
  population: number | null;
  ratio: number | null;
  target: number;
  meets: boolean | null;
  belowTarget: boolean;
  required: number | null;
  gap: number | null;
  text: string;
};

export type StatsChild = RegionRef & {
  volunteers: number;
  population: number | null;
  volunteerRatio: number | null;
  volunteerRatioText: string;
  volunteerMeets: boolean | null;
  volunteerBelowTarget: boolean;
  volunteerGap: number | null;
  volunteerOrganizations: number;
  orgRatio: number | null;
  orgRatioText: string;
  orgMeets: boolean | null;
  orgBelowTarget: boolean;
  orgGap: number | null;
  minutesThisYear: number;
  hoursThisYear: number;
  recordsThisYear: number;
};

export type VolunteerStats = {
  region: RegionRef & { path: RegionRef[] };
  asOf: string;
  year: number;
  targets: {
    volunteerRatio: number;
    orgPerResident: number;
    volunteerRatioText: string;
    orgPerResidentText: string;
  };
  totals: {
    volunteers: number;
    population: number | null;
    volunteerRatio: TargetCheck;
    volunteerOrganizations: number;
    orgPerResident: TargetCheck;
    orgsPer10k: number | null;
    minutesThisYear: number;
    hoursThisYear: number;
    recordsThisYear: number;
  };
  children: StatsChild[];
  childrenBelowTarget: { volunteers: number; organizations: number };
  months: { month: string; minutes: number; hours: number; records: number }[];
  categories: { category: string; label: string; minutes: number; hours: number; records: number }[];
  stars: {
    basis: 'lifetime' | 'year';
    thresholds: number[];
    levels: { level: number; label: string; count: number }[];
  };
  topTeams: {
    id: string;
    name: string;
    organizationName: string;
    regionCode: string;
    members: number;
    minutes: number;
    hours: number;
  }[];
};

export type ServiceCertificate = {
  id: string;
  number: string;
  volunteerId: string;
  periodFrom: string;
  periodTo: string;
  minutes: number;
  hours: string;
  records: number;
  organizationId: string | null;
  issuerName: string;
  issuedAt: string;
  issuedOn: string;
  status: 'valid' | 'revoked';
  revokedAt: string | null;
  revokeReason: string | null;
};

export type ServiceCertCheck = {
  number: string;
  status: 'valid' | 'revoked';
  valid: boolean;
  realNameMasked: string;
  volunteerNumber: string;
  periodFrom: string;
  periodTo: string;
  minutes: number;
  hours: string;
  records: number;
  issuer: string;
  issuedOn: string;
  revokedOn: string | null;
};
