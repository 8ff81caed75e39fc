/** Response shapes of the HTTP API (docs/API.md). */

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Grant {
  id: string;
  role: string;
  roleLabel: string;
  regionCode: string | null;
  regionName: string | null;
  organizationId: string | null;
  organizationName: string | null;
}

export interface RegionRef {
  code: string;
  name: string;
  level: number;
}

export interface Me {
  user: { id: string; username: string; displayName: string };
  grants: Grant[];
  permissions: string[];
  homeRegion: RegionRef | null;
}

export interface Region extends RegionRef {
  parentCode: string | null;
  areaType: string | null;
  path: RegionRef[];
}

export interface RegionChild extends RegionRef {
  areaType: string | null;
}

export interface Category {
  code: string;
  name: string;
  required: boolean;
  distinctive: boolean;
  sort: number;
  active: boolean;
}

export interface CategoryScheme {
  code: string;
  name: string;
  fivePlusX: boolean;
  active?: boolean;
  version?: number;
  categories: Category[];
}

export interface ActiveCategories {
  scheme: { code: string; name: string; fivePlusX: boolean };
  categories: Category[];
}

export interface CoverageTargets {
  urban: number;
  rural: number;
  hubStreetRatio: number;
  version: number;
}

export interface OrgItem {
  id: string;
  name: string;
  tier: string;
  tierLabel: string;
  category: string;
  categoryName: string;
  status: string;
  statusLabel: string;
  regionCode: string;
  communityName: string;
  streetName: string;
  leaderName: string;
  leaderPhoneMasked: string | null;
  memberCount: number;
  isHub: boolean;
  /** the credit list it is on today: abnormal | serious | null */
  creditList?: string | null;
  partyStatus: string;
  partyStatusLabel?: string;
  filingNumber: string | null;
  uscc: string | null;
  foundedOn: string | null;
  updatedAt: string;
}

export interface OrgDetail extends OrgItem {
  businessScope: string;
  venue: string;
  charter: string;
  leaderIdMasked: string | null;
  contactName: string;
  contactPhoneMasked: string | null;
  registeredOn: string | null;
  filedOn: string | null;
  exitedOn: string | null;
  exitReason: string | null;
  version: number;
  createdAt: string;
  allowedActions: string[];
  openApplications: { id: string; kind: string; kindLabel?: string; state: string; stateLabel?: string }[];
}

export interface FieldChange {
  field: string;
  label: string;
  from: unknown;
  to: unknown;
}

export interface Revision {
  version: number;
  cause: string;
  causeLabel?: string;
  reason: string | null;
  changedByName: string | null;
  changedAt: string;
  changes: FieldChange[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  actionLabel?: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
}

export interface Member {
  id: string;
  name: string;
  role: string;
  phoneMasked: string | null;
  joinedOn: string | null;
  leftOn: string | null;
  version: number;
}

export interface LedgerActivity {
  id: string;
  heldOn: string;
  title: string;
  place: string;
  participants: number;
  description: string;
  createdAt?: string;
}

export interface ImportResult {
  total?: number;
  rows?: number;
  valid?: number;
  errors: { row: number; column: string; message: string }[];
  committed: boolean;
  created?: number;
}

export interface AppItem {
  id: string;
  kind: string;
  kindLabel: string;
  state: string;
  stateLabel: string;
  organizationId: string | null;
  name: string;
  regionCode: string;
  communityName: string;
  streetName: string;
  applicantName: string | null;
  submittedAt: string | null;
  updatedAt: string;
  version: number;
}

export interface AppStep {
  fromState: string;
  fromStateLabel?: string;
  event: string;
  eventLabel: string;
  toState: string;
  toStateLabel?: string;
  actorName: string | null;
  actorRole: string | null;
  actorRoleLabel?: string;
  reason: string | null;
  at: string;
}

export interface Attachment {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  purpose: string;
  purposeLabel?: string;
  createdAt: string;
}

export interface AllowedEvent {
  event: string;
  label: string;
  needsReason: boolean;
}

export type FilingForm = {
  name?: string;
  category?: string;
  categoryName?: string;
  businessScope?: string;
  venue?: string;
  foundedOn?: string | null;
  charter?: string;
  leaderName?: string;
  leaderIdNumber?: string;
  leaderIdMasked?: string;
  leaderPhone?: string;
  leaderPhoneMasked?: string;
  memberCount?: number;
  contactName?: string;
  contactPhone?: string;
  contactPhoneMasked?: string;
  note?: string;
  [key: string]: unknown;
};

export interface AppDetail extends AppItem {
  form: FilingForm;
  steps: AppStep[];
  attachments: Attachment[];
  allowedEvents: AllowedEvent[];
  allowedActions: string[];
  certificateNumber?: string | null;
}

export interface Todo {
  count: number;
  items: AppItem[];
}

export interface PublicOrg {
  id: string;
  name: string;
  tier: string;
  tierLabel: string;
  categoryName: string;
  streetName: string;
  communityName: string;
  leaderNameMasked: string;
  businessScope: string;
  filingNumber: string | null;
  uscc: string | null;
  foundedOn: string | null;
  venue?: string;
  filedOn?: string | null;
  registeredOn?: string | null;
  certificateNumber?: string | null;
  /** the credit list it is on today: abnormal | serious | null */
  creditList?: string | null;
  creditListLabel?: string | null;
  /** detail page only: listings in force today and decided annual-report results */
  creditListings?: { listLabel: string; causeLabel: string; basis: string; enteredOn: string }[];
  annualReports?: { year: number; status: string; resultLabel: string; reviewedOn: string | null }[];
}

export interface CertificateCheck {
  number: string;
  valid: boolean;
  status: 'valid' | 'revoked';
  revokeReason?: string | null;
  issuedOn: string;
  issuerName: string;
  particulars: {
    name: string;
    tier?: string;
    tierLabel?: string;
    categoryName: string;
    leaderNameMasked: string;
    businessScope: string;
    venue: string;
    communityName: string;
    streetName: string;
    filedOn: string;
  };
  organization: { id: string; status: string; statusLabel: string } | null;
}

export interface PublicFilters {
  categories: { code: string; name: string }[];
  streets: { code: string; name: string }[];
}

export interface CoverageChild {
  code: string;
  name: string;
  level: number;
  organizations: number;
  communities: number;
  communitiesMeeting: number;
  ratio: number;
  hubStreets?: number;
  streets?: number;
}

export interface CoverageCommunity {
  code: string;
  name: string;
  streetName: string;
  areaType: string;
  count: number;
  target: number;
  meetsTarget: boolean;
  gap: number;
  missingRequired: string[];
  hasDistinctive: boolean;
  meetsFivePlusX: boolean;
  lacks: string[];
}

export interface Coverage {
  region: Region;
  targets: { urban: number; rural: number; hubStreetRatio: number };
  scheme: { code: string; name: string; fivePlusX: boolean };
  totals: {
    organizations: number;
    byTier: { group: number; filed: number; registered: number };
    byCategory: { code: string; name: string; count: number }[];
    byStatus: Record<string, number>;
  };
  children: CoverageChild[];
  communities: CoverageCommunity[];
  communitiesTotal?: number;
  page?: number;
  pageSize?: number;
  belowTarget: number;
  hub: { streetsWithHub: number; streets: number; ratio: number; target: number; meets: boolean };
}

export interface UserItem {
  id: string;
  username: string;
  displayName: string;
  status: string;
  version?: number;
  grants: Grant[];
  allowedActions?: string[];
}
