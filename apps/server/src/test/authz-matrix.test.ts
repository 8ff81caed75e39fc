/**
 * The authorization matrix: every /api/v1 endpoint × every role × where the resource sits
 * → the expected status. The table below is the specification; the test fails when an
 * endpoint registered in the app is missing from it, so new endpoints must be added here.
 *
 * Where a resource sits, relative to the demo accounts (南山区 demo data):
 * - own-org   the organization of the `leader` account, in community C1 (the `community` account's)
 * - community another organization (or user, region) in C1
 * - street    in another community C1b of street S1 (the `street` account's) – the parent street for C1
 * - street2   in a community of street S2 (the `street2` account's) – a sibling street
 * - district  at the district node itself (parent region of the streets; users and regions only)
 *
 * Expected status: public → 200 for everyone; anonymous → 401; lacking the permission → 403;
 * resource outside the caller's scope → 404 (403 where the location is a region in the body);
 * in scope but not one of the roles a workflow allows → 403 (or the endpoint's own refusal);
 * otherwise the success status. Denied mutations must leave the database unchanged; allowed
 * ones run for real on fresh copies when they consume their resource.
 */
import { randomUUID } from 'node:crypto';
import { makeIdNumber, type Permission, type Role, rolePermissions, scopePrefix } from '@linli/core';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../lib/crypto';
import { defaultVolunteerConfig } from '../modules/volunteerConfig/volunteerConfig';
import { type Agent, createTestEnv, DEMO_PASSWORD, type TestEnv } from './harness';

// Rendering a certificate PDF takes a second or more (the CJK font); the matrix is about who may
// download it, so the renderer is stubbed here (filingCertificate.test.ts covers the PDF itself).
vi.mock('../lib/documents/filingCertificate', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../lib/documents/filingCertificate')>()),
  renderFilingCertificate: async () => Buffer.from('%PDF-1.4\n% authz matrix stub\n'),
}));

/**
 * Real defects found by the matrix, in code outside this test: the endpoint's test is expected to
 * fail until they are fixed (then `it.fails` itself fails: remove the entry).
 */
const knownDefects: Record<string, string> = {};

// ------------------------------------------------------------------ roles and locations

const roleKeys = [
  'anonymous',
  'leader',
  'community',
  'street',
  'street2',
  'district',
  'city',
  'admin',
] as const;
type RoleKey = (typeof roleKeys)[number];
const coreRole: Record<Exclude<RoleKey, 'anonymous'>, Role> = {
  leader: 'org_leader',
  community: 'community_staff',
  street: 'street_officer',
  street2: 'street_officer',
  district: 'district_officer',
  city: 'city_officer',
  admin: 'admin',
};

type Loc = 'own-org' | 'community' | 'street' | 'street2' | 'district' | '-';
type Kind =
  | 'filedOrg'
  | 'groupOrg'
  | 'draftApp'
  | 'reviewApp'
  | 'attachment'
  | 'cert'
  | 'member'
  | 'region'
  | 'user'
  | 'bodyRegion'
  | 'grantTarget'
  | 'volunteer'
  | 'team'
  | 'membership'
  | 'activity'
  | 'draftActivity'
  | 'signup'
  | 'annualReport'
  | 'creditListing'
  | 'rectification';

const kindLocs: Record<Kind, Loc[]> = {
  filedOrg: ['own-org', 'community', 'street', 'street2'],
  groupOrg: ['own-org', 'community', 'street', 'street2'],
  draftApp: ['own-org', 'community', 'street', 'street2'],
  reviewApp: ['own-org', 'community', 'street', 'street2'],
  attachment: ['own-org', 'community', 'street', 'street2'],
  cert: ['own-org', 'community', 'street', 'street2'],
  member: ['own-org', 'community', 'street', 'street2'],
  region: ['community', 'street', 'street2', 'district'],
  user: ['community', 'street', 'street2', 'district'],
  bodyRegion: ['community', 'street', 'street2'],
  grantTarget: ['community', 'street', 'street2', 'district'],
  volunteer: ['community', 'street', 'street2'],
  team: ['own-org', 'community', 'street', 'street2'],
  membership: ['own-org', 'community', 'street', 'street2'],
  activity: ['own-org', 'community', 'street', 'street2'],
  draftActivity: ['own-org', 'community', 'street', 'street2'],
  signup: ['own-org', 'community', 'street', 'street2'],
  annualReport: ['own-org', 'community', 'street', 'street2'],
  creditListing: ['own-org', 'community', 'street', 'street2'],
  rectification: ['own-org', 'community', 'street', 'street2'],
};

/** A resource at a location: path parameters, where it sits, and (own-org) the leader who holds it. */
type Res = {
  params: Record<string, string>;
  regionCode: string;
  orgId?: string;
  leader?: Agent;
};

// ------------------------------------------------------------------ the table

type Ctx = {
  version(
    table:
      | 'organizations'
      | 'applications'
      | 'users'
      | 'organization_members'
      | 'volunteers'
      | 'service_activities',
    id: string,
  ): Promise<number>;
  name(prefix: string): string;
  seq(): number;
  form(name: string): Record<string, unknown>;
  file: { pdf: Buffer; orgImport: Buffer; memberImport: Buffer; volunteerImport: Buffer };
  schemeVersion(code: string): Promise<number>;
  targets(): Promise<Record<string, number>>;
  /** a valid ID number not used before */
  idNumber(): string;
  /** a volunteer row written directly (outside the fingerprint) */
  volunteerId(): Promise<string>;
};
type Spec = {
  /** 'public' (no login), 'login' (any signed-in user) or the permission the preHandler demands */
  who: 'public' | 'login' | 'volunteer' | Permission;
  kind?: Kind;
  /** roles allowed once the resource is found in scope (workflow roles), others get `denied` */
  roles?: Exclude<RoleKey, 'anonymous'>[];
  denied?: number;
  /** status for a resource outside the caller's scope (default 404) */
  outside?: number;
  /** the resource has a location but is public data every signed-in user may read */
  unscoped?: boolean;
  ok?: number;
  /** allowed calls consume the resource: each runs on a fresh copy */
  fresh?: boolean;
  url?: (r: Res) => string;
  body?: (r: Res, c: Ctx) => unknown;
  multipart?: (c: Ctx) => { name: string; type: string; data: Buffer; fields?: Record<string, string> };
  /** run on a separate session of the role (e.g. logout) */
  freshSession?: boolean;
  after?: (agent: Agent, res: LightMyRequestResponse) => Promise<void>;
  /** adjust the expectation for one cell (e.g. a location the endpoint does not serve) */
  override?: (role: RoleKey, loc: Loc, base: number) => number;
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const NEW_PASSWORD = 'matrix-new-pass-1';

const table: Record<string, Spec> = {
  // auth
  'POST /api/v1/auth/login': {
    who: 'public',
    body: () => ({ username: 'mx_login', password: DEMO_PASSWORD }),
  },
  'POST /api/v1/auth/logout': { who: 'public', freshSession: true },
  'GET /api/v1/auth/me': { who: 'login' },
  'POST /api/v1/auth/password': {
    who: 'login',
    body: () => ({ currentPassword: DEMO_PASSWORD, newPassword: NEW_PASSWORD }),
    after: async (agent, res) => {
      if (res.statusCode !== 200) return;
      const back = await agent.post('/api/v1/auth/password', {
        currentPassword: NEW_PASSWORD,
        newPassword: DEMO_PASSWORD,
      });
      expect(back.statusCode, back.body).toBe(200);
    },
  },

  // regions: public statistics, any signed-in user
  'GET /api/v1/regions/:code': { who: 'login', kind: 'region', unscoped: true },
  'GET /api/v1/regions/:code/children': { who: 'login', kind: 'region', unscoped: true },

  // organizations
  'GET /api/v1/organizations': { who: 'org.read' },
  'GET /api/v1/organizations/export': { who: 'org.read' },
  'POST /api/v1/organizations': {
    who: 'org.create',
    kind: 'bodyRegion',
    outside: 403,
    ok: 201,
    body: (r, c) => ({
      name: c.name('矩阵活动小组'),
      category: 'wenti',
      regionCode: r.regionCode,
      leaderName: '王小明',
    }),
  },
  'GET /api/v1/organizations/:id': { who: 'login', kind: 'filedOrg' },
  'PATCH /api/v1/organizations/:id': {
    who: 'org.update',
    kind: 'filedOrg',
    body: async (r, c) => ({
      version: await c.version('organizations', r.params.id),
      contactName: '矩阵联系人',
    }),
  },
  'GET /api/v1/organizations/:id/history': { who: 'login', kind: 'filedOrg' },
  'POST /api/v1/organizations/:id/reveal': {
    who: 'pii.reveal',
    kind: 'filedOrg',
    body: () => ({ field: 'leaderPhone' }),
  },
  'GET /api/v1/organizations/:id/audit': { who: 'audit.read', kind: 'filedOrg' },
  'POST /api/v1/organizations/:id/recommend-filing': {
    who: 'filing.apply',
    kind: 'groupOrg',
    ok: 201,
    fresh: true,
  },
  'POST /api/v1/organizations/:id/recommend-registration': {
    who: 'registration.recommend',
    kind: 'filedOrg',
    roles: ['street', 'street2'], // the registration flow's `recommend` is the street officer's
    ok: 201,
    fresh: true,
    body: () => ({ note: '矩阵测试' }),
  },
  'POST /api/v1/organizations/:id/change': {
    who: 'login',
    kind: 'filedOrg',
    roles: ['leader', 'community'], // change.apply and the change flow's `submit`
    ok: 201,
    fresh: true,
    body: () => ({ changes: { venue: '社区党群服务中心三楼' }, note: '' }),
  },
  'POST /api/v1/organizations/:id/exit': {
    who: 'login',
    kind: 'filedOrg',
    roles: ['leader', 'community', 'street', 'street2'], // the exit flow's `submit`
    ok: 201,
    fresh: true,
    body: () => ({ kind: 'dissolution', reason: '成员减少，自愿解散' }),
  },
  'GET /api/v1/organizations/import/template': { who: 'import.orgs' },
  'POST /api/v1/organizations/import': {
    who: 'import.orgs',
    url: () => '/api/v1/organizations/import?dryRun=true',
    multipart: (c) => ({ name: '名册.xlsx', type: XLSX, data: c.file.orgImport }),
  },

  // members and the group ledger
  'GET /api/v1/organizations/:id/members': { who: 'login', kind: 'filedOrg' },
  'POST /api/v1/organizations/:id/members': {
    who: 'login',
    kind: 'filedOrg',
    roles: ['leader', 'community', 'admin'], // org.members.manage
    ok: 201,
    body: () => ({ name: '矩阵成员', role: '成员' }),
  },
  'PATCH /api/v1/organizations/:id/members/:memberId': {
    who: 'login',
    kind: 'member',
    roles: ['leader', 'community', 'admin'],
    body: async (r, c) => ({
      version: await c.version('organization_members', r.params.memberId),
      role: '骨干',
    }),
  },
  'POST /api/v1/organizations/:id/members/:memberId/leave': {
    who: 'login',
    kind: 'member',
    roles: ['leader', 'community', 'admin'],
    fresh: true,
    body: async (r, c) => ({
      version: await c.version('organization_members', r.params.memberId),
      leftOn: '2025-06-30',
    }),
  },
  'GET /api/v1/organizations/:id/members/template': { who: 'login', kind: 'filedOrg' },
  'POST /api/v1/organizations/:id/members/import': {
    who: 'login',
    kind: 'filedOrg',
    roles: ['leader', 'community', 'admin'],
    url: (r) => `/api/v1/organizations/${r.params.id}/members/import?dryRun=true`,
    multipart: (c) => ({ name: '成员.xlsx', type: XLSX, data: c.file.memberImport }),
  },
  'GET /api/v1/organizations/:id/ledger-activities': { who: 'login', kind: 'groupOrg' },
  'POST /api/v1/organizations/:id/ledger-activities': {
    who: 'login',
    kind: 'groupOrg',
    roles: ['community', 'admin'], // ledger.manage
    ok: 201,
    body: () => ({ heldOn: '2025-05-01', title: '矩阵测试活动', participants: 12 }),
  },

  // applications
  'GET /api/v1/applications': { who: 'org.read' },
  'GET /api/v1/applications/export': { who: 'org.read' },
  'GET /api/v1/todo': { who: 'login' },
  'POST /api/v1/applications': {
    who: 'filing.apply',
    kind: 'bodyRegion',
    outside: 403,
    ok: 201,
    body: (r, c) => ({ kind: 'filing', regionCode: r.regionCode, form: c.form(c.name('矩阵备案协会')) }),
  },
  'GET /api/v1/applications/:id': { who: 'login', kind: 'reviewApp' },
  'PATCH /api/v1/applications/:id': {
    who: 'login',
    kind: 'draftApp',
    roles: ['leader', 'community'], // who may edit a draft (the filing flow's applicants)
    denied: 403,
    body: async (r, c) => ({
      version: await c.version('applications', r.params.id),
      form: c.form(c.name('矩阵草稿协会')),
    }),
  },
  'POST /api/v1/applications/:id/events': {
    who: 'login',
    kind: 'reviewApp',
    roles: ['community'], // community_review → pass is the residents' committee's
    fresh: true,
    body: async (r, c) => ({ event: 'pass', version: await c.version('applications', r.params.id) }),
  },
  'POST /api/v1/applications/:id/attachments': {
    who: 'login',
    kind: 'draftApp',
    roles: ['leader', 'community'],
    denied: 403,
    ok: 201,
    multipart: (c) => ({
      name: '章程.pdf',
      type: 'application/pdf',
      data: c.file.pdf,
      fields: { purpose: 'charter' },
    }),
  },
  'GET /api/v1/attachments/:id': { who: 'login', kind: 'attachment' },
  'GET /api/v1/certificates/:number/pdf': { who: 'login', kind: 'cert' },

  // public
  'GET /api/v1/public/organizations': { who: 'public' },
  'GET /api/v1/public/organizations/:id': { who: 'public', kind: 'filedOrg' },
  'GET /api/v1/public/certificates/:number': { who: 'public', kind: 'cert' },
  'GET /api/v1/public/filters': { who: 'public' },
  'GET /api/v1/public/regions/:code/children': {
    who: 'public',
    kind: 'region',
    // served for districts (→ streets) and streets (→ communities) only
    override: (_role, loc, base) => (loc === 'community' ? 404 : base),
  },

  // dashboard
  'GET /api/v1/dashboard/coverage': {
    who: 'dashboard.read',
    kind: 'region',
    url: (r) => `/api/v1/dashboard/coverage?regionCode=${r.params.code}`,
  },
  'GET /api/v1/dashboard/coverage/export': {
    who: 'dashboard.read',
    kind: 'region',
    url: (r) => `/api/v1/dashboard/coverage/export?regionCode=${r.params.code}`,
  },
  'GET /api/v1/reports/filings': {
    who: 'dashboard.read',
    kind: 'region',
    url: (r) => `/api/v1/reports/filings?regionCode=${r.params.code}`,
    // reported by a street or above: a community code is not a reporting unit
    override: (_role, loc, base) => (loc === 'community' && base === 200 ? 404 : base),
  },

  // users and grants
  'GET /api/v1/users': { who: 'users.manage' },
  'POST /api/v1/users': {
    who: 'users.manage',
    kind: 'grantTarget',
    outside: 403,
    ok: 201,
    body: (r, c) => ({
      username: `mx_new_${c.seq()}`,
      displayName: '矩阵 用户',
      password: 'matrix-pass-1',
      grants: [
        r.params.code.endsWith('000000')
          ? { role: 'district_officer', regionCode: r.regionCode }
          : { role: 'community_staff', regionCode: r.regionCode },
      ],
    }),
  },
  'GET /api/v1/users/:id': { who: 'users.manage', kind: 'user' },
  'PATCH /api/v1/users/:id': {
    who: 'users.manage',
    kind: 'user',
    body: async (r, c) => ({ version: await c.version('users', r.params.id), displayName: '矩阵 改名' }),
  },
  'POST /api/v1/users/:id/password': {
    who: 'users.manage',
    kind: 'user',
    body: () => ({ password: 'matrix-reset-1' }),
  },
  'POST /api/v1/users/:id/grants': {
    who: 'users.manage',
    kind: 'user',
    ok: 201,
    fresh: true,
    body: (r) => ({ role: 'expert', regionCode: r.regionCode }),
  },
  'POST /api/v1/users/:id/grants/:grantId/revoke': {
    who: 'users.manage',
    kind: 'user',
    fresh: true,
    body: () => ({}),
  },

  // audit
  'GET /api/v1/audit': { who: 'audit.read' },
  'GET /api/v1/audit/verify': { who: 'audit.read', roles: ['admin'] },

  // categories and settings
  'GET /api/v1/categories': { who: 'login' },
  'GET /api/v1/category-schemes': { who: 'login' },
  'PUT /api/v1/settings/category-scheme': { who: 'categories.manage', body: () => ({ code: 'shenzhen' }) },
  'PUT /api/v1/category-schemes/:code': {
    who: 'categories.manage',
    url: () => '/api/v1/category-schemes/zhejiang',
    body: async (_r, c) => ({
      name: '浙江省社区社会组织分类',
      fivePlusX: false,
      version: await c.schemeVersion('zhejiang'),
      categories: [
        { code: 'zizhi', name: '社区自治类' },
        { code: 'pingan', name: '社区平安类' },
        { code: 'fuwu', name: '社区服务类' },
        { code: 'wenti', name: '社区文体类' },
      ],
    }),
  },
  'GET /api/v1/settings/coverage-targets': { who: 'login' },

  // volunteers and teams
  // resident accounts: an unknown person gets the same answer whoever asks
  'POST /api/v1/public/volunteers/account': {
    who: 'public',
    ok: 422,
    body: (_r, c) => ({ idNumber: c.idNumber(), phone: '13912345678', password: 'abcd1234' }),
  },
  'POST /api/v1/public/volunteers/login': {
    who: 'public',
    ok: 401,
    body: (_r, c) => ({ idNumber: c.idNumber(), password: 'abcd1234' }),
  },
  'GET /api/v1/me/volunteer': { who: 'volunteer' },
  'POST /api/v1/public/volunteers/register': {
    who: 'public',
    ok: 201,
    body: (_r, c) => ({
      realName: '矩阵志愿者',
      idNumber: c.idNumber(),
      phone: '13912345678',
      regionCode: shared.volunteer.community!.regionCode,
      consents: [
        { purpose: 'record', granted: true },
        { purpose: 'sensitive_id', granted: true },
      ],
    }),
  },
  'GET /api/v1/volunteers': { who: 'volunteer.read' },
  'GET /api/v1/volunteers/export': { who: 'volunteer.read' },
  'POST /api/v1/volunteers': {
    who: 'volunteer.manage',
    kind: 'bodyRegion',
    outside: 403,
    ok: 201,
    body: (r, c) => ({
      realName: '矩阵志愿者',
      idNumber: c.idNumber(),
      phone: '13912345678',
      regionCode: r.regionCode,
      consents: [
        { purpose: 'record', granted: true },
        { purpose: 'sensitive_id', granted: true },
      ],
    }),
  },
  'GET /api/v1/volunteers/:id': { who: 'volunteer.read', kind: 'volunteer' },
  'PATCH /api/v1/volunteers/:id': {
    who: 'volunteer.manage',
    kind: 'volunteer',
    body: async (r, c) => ({ version: await c.version('volunteers', r.params.id), skills: ['矩阵'] }),
  },
  'POST /api/v1/volunteers/:id/consents': {
    who: 'volunteer.manage',
    kind: 'volunteer',
    body: () => ({ purpose: 'publicity', granted: true }),
  },
  'GET /api/v1/volunteers/import/template': { who: 'volunteer.manage' },
  'POST /api/v1/volunteers/import': {
    who: 'volunteer.manage',
    url: () => '/api/v1/volunteers/import?dryRun=true',
    multipart: (c) => ({ name: '志愿者.xlsx', type: XLSX, data: c.file.volunteerImport }),
  },
  'GET /api/v1/organizations/:id/teams': { who: 'login', kind: 'filedOrg' },
  'POST /api/v1/organizations/:id/teams': {
    who: 'team.manage',
    kind: 'filedOrg',
    ok: 201,
    body: (_r, c) => ({ name: c.name('矩阵服务队') }),
  },
  'GET /api/v1/teams/:id/memberships': { who: 'login', kind: 'team' },
  'POST /api/v1/teams/:id/join': {
    who: 'team.manage',
    kind: 'team',
    ok: 201,
    body: async (_r, c) => ({ volunteerId: await c.volunteerId() }),
    // the volunteer (in C1) must be in the caller's volunteer scope: not the leader's (no team of
    // its own yet) nor street2's
    override: (role, loc, base) =>
      base === 201 && (role === 'leader' || (role === 'street2' && loc === 'street2')) ? 404 : base,
  },
  'POST /api/v1/teams/:id/memberships/:mid/decide': {
    who: 'team.manage',
    kind: 'membership',
    fresh: true,
    body: () => ({ decision: 'approve' }),
  },
  'PUT /api/v1/settings/coverage-targets': { who: 'targets.manage', body: async (_r, c) => c.targets() },
  'GET /api/v1/settings/volunteer': { who: 'login' },
  'PUT /api/v1/settings/volunteer': {
    who: 'targets.manage',
    body: async () => {
      const [row] = await q<{ version: number }>("select version from settings where key = 'volunteer'");
      const { credit: _c, ...editable } = defaultVolunteerConfig;
      return { ...editable, version: row?.version ?? 0 };
    },
  },
  'GET /api/v1/settings/volunteer-targets': { who: 'login' },
  'PUT /api/v1/settings/volunteer-targets': {
    who: 'targets.manage',
    body: async () => {
      const [row] = await q<{ version: number }>(
        "select version from settings where key = 'volunteerTargets'",
      );
      return { volunteerRatio: 0.13, orgPerResident: 0.0005, version: row?.version ?? 0 };
    },
  },

  // service activities and sign-ups
  'POST /api/v1/organizations/:id/activities': {
    who: 'activity.manage',
    kind: 'filedOrg',
    ok: 201,
    body: () => ({
      title: '矩阵志愿服务活动',
      content: '矩阵测试活动内容',
      category: 'elderly',
      place: '社区党群服务中心',
      startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 3 * 86_400_000 + 7_200_000).toISOString(),
      wanted: 5,
      coefficient: 1.2,
    }),
  },
  'GET /api/v1/activities': { who: 'volunteer.read' },
  'GET /api/v1/activities/export': { who: 'volunteer.read' },
  'GET /api/v1/activities/:id': { who: 'volunteer.read', kind: 'activity' },
  'PATCH /api/v1/activities/:id': {
    who: 'activity.manage',
    kind: 'activity',
    body: async (r, c) => ({
      version: await c.version('service_activities', r.params.id),
      place: '矩阵地点',
    }),
  },
  'POST /api/v1/activities/:id/publish': {
    who: 'activity.manage',
    kind: 'draftActivity',
    fresh: true,
    body: async (r, c) => ({ version: await c.version('service_activities', r.params.id) }),
  },
  'POST /api/v1/activities/:id/cancel': {
    who: 'activity.manage',
    kind: 'activity',
    fresh: true,
    body: async (r, c) => ({
      version: await c.version('service_activities', r.params.id),
      reason: '矩阵取消',
    }),
  },
  'GET /api/v1/activities/:id/signups': { who: 'volunteer.read', kind: 'activity' },
  'POST /api/v1/activities/:id/signups': {
    who: 'activity.manage',
    kind: 'activity',
    ok: 201,
    body: () => ({ volunteerId: signupVolunteers.pop() }),
    // the volunteer (in C1) must be in the caller's volunteer scope (see teams join)
    override: (role, loc, base) =>
      base === 201 && (role === 'leader' || (role === 'street2' && loc === 'street2')) ? 404 : base,
  },
  'POST /api/v1/signups/:id/decide': {
    who: 'activity.manage',
    kind: 'signup',
    fresh: true,
    body: () => ({ event: 'approve', version: 1 }),
  },
  // volunteers' own sign-ups (H5) and volunteer credit
  'POST /api/v1/me/signups': {
    who: 'volunteer',
    body: () => ({ activityId: shared.activity.community!.params.id }),
  },
  'POST /api/v1/me/signups/:id/withdraw': {
    who: 'volunteer',
    url: () => `/api/v1/me/signups/${randomUUID()}/withdraw`,
  },
  'GET /api/v1/me/signups': { who: 'volunteer' },
  'GET /api/v1/me/activities/:id': {
    who: 'volunteer',
    url: () => `/api/v1/me/activities/${shared.activity.community!.params.id}`,
  },
  'GET /api/v1/me/credit': { who: 'volunteer' },
  'POST /api/v1/me/credit/appeals': {
    who: 'volunteer',
    body: () => ({ eventId: randomUUID(), reason: '矩阵申诉理由' }),
  },
  'GET /api/v1/me/trainings': { who: 'volunteer' },
  'GET /api/v1/me/awards': { who: 'volunteer' },
  'GET /api/v1/volunteers/:id/credit': { who: 'volunteer.read', kind: 'volunteer' },
  'POST /api/v1/volunteers/:id/credit-events': {
    who: 'volunteer.read',
    kind: 'volunteer',
    ok: 201,
    body: () => ({
      kind: 'left_early',
      title: '矩阵早退',
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    }),
    // credit.manage in scope (without an activity the organizer's right does not apply)
    override: (role, _loc, base) => (base === 201 && role === 'city' ? 403 : base),
  },
  'GET /api/v1/credit/restrictions': { who: 'credit.manage' },
  'POST /api/v1/volunteers/:id/restrictions': {
    who: 'credit.manage',
    kind: 'volunteer',
    ok: 201,
    body: () => ({ reason: '矩阵限制原因', untilDate: '2099-12-31' }),
  },
  // unknown restriction / appeal: 404 for every holder of the permission (scope: credit.test.ts)
  'POST /api/v1/credit/restrictions/:id/lift': {
    who: 'credit.manage',
    ok: 404,
    url: () => `/api/v1/credit/restrictions/${randomUUID()}/lift`,
    body: () => ({ reason: '矩阵解除', version: 1 }),
  },
  'GET /api/v1/credit/appeals': { who: 'credit.manage' },
  'POST /api/v1/credit/appeals/:id/decision': {
    who: 'credit.manage',
    ok: 404,
    url: () => `/api/v1/credit/appeals/${randomUUID()}/decision`,
    body: () => ({ decision: 'dismiss', reason: '矩阵驳回', version: 1 }),
  },
  'GET /api/v1/volunteers/:id/trainings': { who: 'volunteer.read', kind: 'volunteer' },
  'POST /api/v1/volunteers/:id/trainings': {
    who: 'volunteer.manage',
    kind: 'volunteer',
    ok: 201,
    body: () => ({ course: '矩阵急救培训', minutes: 90, organizer: '矩阵红十字会', heldOn: '2026-01-10' }),
  },
  'GET /api/v1/volunteers/:id/awards': { who: 'volunteer.read', kind: 'volunteer' },
  'POST /api/v1/volunteers/:id/awards': {
    who: 'volunteer.manage',
    kind: 'volunteer',
    ok: 201,
    body: () => ({ title: '矩阵优秀志愿者', awardedBy: '矩阵街道办', awardedOn: '2026-01-10' }),
  },
  // check-in/out, attendance, backfills, service records, amendments (grants and flows: service.test.ts)
  'GET /api/v1/activities/:id/checkin-code': {
    who: 'activity.manage',
    kind: 'activity',
    // the matrix activity starts in 3 days: the organizer is in scope but check-in is not open yet
    override: (_role, _loc, base) => (base === 200 ? 422 : base),
  },
  'POST /api/v1/me/checkins': { who: 'volunteer', body: () => ({ token: 'matrix.token' }) },
  'GET /api/v1/activities/:id/attendance': { who: 'volunteer.read', kind: 'activity' },
  'GET /api/v1/activities/:id/attendance/export': { who: 'volunteer.read', kind: 'activity' },
  'POST /api/v1/activities/:id/backfills': {
    who: 'activity.manage',
    kind: 'activity',
    body: () => ({ volunteerId: randomUUID(), kind: 'paper_sheet', minutes: 60, reason: '矩阵补录' }),
    // in scope, but the activity has not started: nothing to backfill yet
    override: (_role, _loc, base) => (base === 200 ? 422 : base),
  },
  'GET /api/v1/backfills': { who: 'service.approve' },
  'POST /api/v1/backfills/:id/decision': {
    who: 'service.approve',
    ok: 404,
    url: () => `/api/v1/backfills/${randomUUID()}/decision`,
    body: () => ({ decision: 'approve', version: 1 }),
  },
  'GET /api/v1/service-records': { who: 'volunteer.read' },
  'GET /api/v1/service-records/export': { who: 'volunteer.read' },
  // annual reports: the leader fills, the street reviews a filed organization's report
  'GET /api/v1/annual-reports': { who: 'supervision.read', url: () => '/api/v1/annual-reports?year=2025' },
  'GET /api/v1/annual-reports/export': {
    who: 'supervision.read',
    url: () => '/api/v1/annual-reports/export?year=2025',
  },
  'GET /api/v1/organizations/:id/annual-reports/:year': {
    who: 'supervision.read',
    kind: 'filedOrg',
    url: (r) => `/api/v1/organizations/${r.params.id}/annual-reports/2025`,
  },
  'PUT /api/v1/organizations/:id/annual-reports/:year': {
    who: 'annual_report.submit',
    kind: 'filedOrg',
    fresh: true,
    url: (r) => `/api/v1/organizations/${r.params.id}/annual-reports/2025`,
    body: () => ({ content: { summary: '矩阵测试年度工作总结' }, version: 0 }),
  },
  'POST /api/v1/annual-reports/:id/events': {
    who: 'supervision.read',
    kind: 'annualReport',
    fresh: true,
    roles: ['street', 'street2'],
    body: () => ({ event: 'pass', version: 1 }),
  },
  'GET /api/v1/annual-reports/:id/history': { who: 'supervision.read', kind: 'annualReport' },
  // credit lists: everyone who supervises reads (as of a date); street and district officers list and remove
  'GET /api/v1/credit-listings': {
    who: 'supervision.read',
    url: () => '/api/v1/credit-listings?asOf=2025-06-01',
  },
  'GET /api/v1/credit-listings/export': { who: 'supervision.read' },
  'GET /api/v1/organizations/:id/credit-listings': { who: 'supervision.read', kind: 'filedOrg' },
  'POST /api/v1/organizations/:id/credit-listings': {
    who: 'credit_list.manage',
    kind: 'filedOrg',
    ok: 201,
    body: () => ({ cause: 'suspension', reason: '矩阵测试：被责令停止活动', enteredOn: '2025-06-01' }),
  },
  // random spot checks: the district draws and publishes; only the drawn inspector records (fixture: the district officer)
  'POST /api/v1/spot-check-plans': {
    who: 'spot_check.manage',
    ok: 201,
    body: () => ({ title: '矩阵抽查', regionCode: shared.region.district!.params.code, ratio: 0.03 }),
  },
  'GET /api/v1/spot-check-plans': { who: 'supervision.read' },
  'GET /api/v1/spot-check-plans/:id': {
    who: 'supervision.read',
    url: () => `/api/v1/spot-check-plans/${spot.planId}`,
    // the plan sits at the district: only district-wide (or wider) scopes see it
    override: (role, _loc, base) =>
      base === 200 && !['district', 'city', 'admin'].includes(role) ? 404 : base,
  },
  'GET /api/v1/spot-check-plans/:id/replay': {
    who: 'supervision.read',
    url: () => `/api/v1/spot-check-plans/${spot.planId}/replay`,
    override: (role, _loc, base) =>
      base === 200 && !['district', 'city', 'admin'].includes(role) ? 404 : base,
  },
  'POST /api/v1/spot-check-plans/:id/publish': {
    who: 'spot_check.manage',
    url: () => `/api/v1/spot-check-plans/${spot.emptyPlanId}/publish`,
    body: () => ({ version: 1 }),
    // district publishes first (roles run in table order); the admin then finds it published
    override: (role, _loc, base) => (role === 'admin' && base === 200 ? 422 : base),
  },
  'GET /api/v1/spot-checks/mine': { who: 'supervision.read' },
  'POST /api/v1/spot-checks/:id/result': {
    who: 'supervision.read',
    url: () => `/api/v1/spot-checks/${spot.checkId}/result`,
    body: () => ({
      result: 'compliant',
      findings: '矩阵测试：未发现问题',
      checkedOn: '2025-06-01',
      version: 1,
    }),
    // the check's organization is the leader's (C1): in scope but not drawn → 403; out of scope → 404
    override: (role, _loc, base) =>
      base !== 200 ? base : role === 'district' ? 200 : ['leader', 'street2'].includes(role) ? 404 : 403,
  },
  'POST /api/v1/inspector-conflicts': {
    who: 'supervision.read',
    ok: 201,
    body: () => ({ organizationId: shared.filedOrg['own-org']!.params.id, reason: '矩阵测试：利害关系' }),
    // a leader is no inspector
    override: (role, _loc, base) => (role === 'leader' && base === 201 ? 404 : base),
  },
  'GET /api/v1/rectification-tasks': { who: 'supervision.read' },
  'POST /api/v1/rectification-tasks/:id/complete': {
    who: 'credit_list.manage',
    kind: 'rectification',
    fresh: true,
    body: () => ({ completedOn: '2025-06-01', note: '矩阵测试：整改完成', version: 1 }),
  },
  'GET /api/v1/public/spot-checks': { who: 'public' },
  'GET /api/v1/dormant-cases': { who: 'supervision.read' },
  // comprehensive evaluation (综合评价): the district organizes; only the round's evaluators score (fixture:
  // the district officer); the leader appeals. The fixture rounds sit at the district with the leader's
  // organization (C1) and one in C1b: street2 sees neither.
  'POST /api/v1/evaluation-rounds': {
    who: 'evaluation.manage',
    ok: 201,
    body: () => ({
      title: '矩阵综合评价',
      regionCode: shared.region.district!.params.code,
      year: 2025,
      organizationIds: [evalFx.orgId],
      evaluatorIds: [evalFx.evaluatorId],
    }),
  },
  'GET /api/v1/evaluation-rounds': { who: 'supervision.read' },
  'GET /api/v1/evaluation-rounds/:id': {
    who: 'supervision.read',
    url: () => `/api/v1/evaluation-rounds/${evalFx.scoringRoundId}`,
    override: (role, _loc, base) => (base === 200 && role === 'street2' ? 404 : base),
  },
  'GET /api/v1/evaluation-rounds/:id/targets/:orgId': {
    who: 'supervision.read',
    url: () => `/api/v1/evaluation-rounds/${evalFx.scoringRoundId}/targets/${evalFx.leaderOrgId}`,
    override: (role, _loc, base) => (base === 200 && role === 'street2' ? 404 : base),
  },
  'POST /api/v1/evaluation-rounds/:id/events': {
    who: 'evaluation.manage',
    url: () => `/api/v1/evaluation-rounds/${evalFx.draftRoundId}/events`,
    body: async () => {
      await q(`update evaluation_rounds set status = 'draft', version = 1 where id = $1`, [
        evalFx.draftRoundId,
      ]);
      return { event: 'start', version: 1 };
    },
    // the flow's organizers are officers: admin holds the permission, not the role
    roles: ['district'],
  },
  'PUT /api/v1/evaluation-rounds/:id/targets/:orgId/scores': {
    who: 'supervision.read',
    url: () => `/api/v1/evaluation-rounds/${evalFx.scoringRoundId}/targets/${evalFx.leaderOrgId}/scores`,
    body: () => ({ scores: { 'party.activities': 3 } }),
    // the evaluator scores; whoever else sees the round is refused
    override: (role, _loc, base) =>
      base !== 200 ? base : role === 'district' ? 200 : role === 'street2' ? 404 : 403,
  },
  'POST /api/v1/evaluation-rounds/:id/targets/:orgId/appeals': {
    who: 'supervision.read',
    ok: 201,
    url: () => `/api/v1/evaluation-rounds/${evalFx.publishedRoundId}/targets/${evalFx.leaderOrgId}/appeals`,
    body: () => ({ reason: '矩阵测试：对评价结果有异议，请复核活动记录' }),
    // the organization's leader, once, during the posting period (the round was published today)
    override: (role, _loc, base) =>
      base !== 201 ? base : role === 'leader' ? 201 : role === 'street2' ? 404 : 403,
  },
  'POST /api/v1/evaluation-appeals/:id/decision': {
    who: 'evaluation.manage',
    url: () => `/api/v1/evaluation-appeals/${evalFx.appealId}/decision`,
    body: async () => {
      await q(`update evaluation_appeals set status = 'submitted', version = 1 where id = $1`, [
        evalFx.appealId,
      ]);
      return { decision: 'reject', reason: '矩阵测试：异议不成立', version: 1 };
    },
    roles: ['district'],
  },
  'GET /api/v1/public/organizations/:id/evaluations': {
    who: 'public',
    url: () => `/api/v1/public/organizations/${evalFx.leaderOrgId}/evaluations`,
  },
  'POST /api/v1/credit-listings/:id/remove': {
    who: 'credit_list.manage',
    kind: 'creditListing',
    fresh: true,
    body: () => ({ reason: 'rectified', leftOn: '2025-06-10', note: '矩阵测试：整改完成', version: 1 }),
  },
  'GET /api/v1/service-records/:id': {
    who: 'volunteer.read',
    ok: 404,
    url: () => `/api/v1/service-records/${randomUUID()}`,
  },
  'GET /api/v1/me/service-records': { who: 'volunteer' },
  'GET /api/v1/me/service-records/:id': {
    who: 'volunteer',
    url: () => `/api/v1/me/service-records/${randomUUID()}`,
  },
  'POST /api/v1/me/service-records/:id/amendments': {
    who: 'volunteer',
    url: () => `/api/v1/me/service-records/${randomUUID()}/amendments`,
    body: () => ({ reason: '矩阵更正', proposed: { minutes: 30 } }),
  },
  'POST /api/v1/me/amendments/:id/withdraw': {
    who: 'volunteer',
    url: () => `/api/v1/me/amendments/${randomUUID()}/withdraw`,
  },
  'GET /api/v1/amendments': { who: 'service.approve' },
  'POST /api/v1/amendments/:id/decision': {
    who: 'service.approve',
    ok: 404,
    url: () => `/api/v1/amendments/${randomUUID()}/decision`,
    body: () => ({ decision: 'approve', version: 1 }),
  },
  'GET /api/v1/service/deadlines': { who: 'login' },
  'POST /api/v1/activities/:id/no-shows': {
    who: 'activity.manage',
    kind: 'activity',
    body: () => ({ volunteerIds: [randomUUID()] }),
    // in scope, but the activity has not ended
    override: (_role, _loc, base) => (base === 200 ? 422 : base),
  },
  // points and the exchange (scope of items and redemptions: exchange.test.ts; unknown ids → 404)
  'GET /api/v1/me/points': { who: 'volunteer' },
  'GET /api/v1/volunteers/:id/points': { who: 'volunteer.read', kind: 'volunteer' },
  'POST /api/v1/volunteers/:id/points/adjustments': {
    who: 'volunteer.manage',
    kind: 'volunteer',
    ok: 201,
    body: (_r, c) => ({ kind: 'bonus', points: 1, reason: '矩阵奖励', idempotencyKey: `matrix-${c.seq()}` }),
  },
  'GET /api/v1/points/trial-balance': { who: 'audit.read', roles: ['admin'] },
  'GET /api/v1/exchange/items': { who: 'exchange.manage' },
  'POST /api/v1/exchange/items': {
    who: 'exchange.manage',
    kind: 'bodyRegion',
    outside: 403,
    ok: 201,
    body: (r) => ({
      name: '矩阵兑换商品',
      providerKind: 'merchant',
      providerName: '矩阵合作商家',
      regionCode: r.regionCode,
      pickupPlace: '矩阵领取点',
      pricePoints: 5,
      stock: 3,
    }),
  },
  'GET /api/v1/exchange/items/:id': {
    who: 'exchange.manage',
    ok: 404,
    url: () => `/api/v1/exchange/items/${randomUUID()}`,
  },
  'PATCH /api/v1/exchange/items/:id': {
    who: 'exchange.manage',
    ok: 404,
    url: () => `/api/v1/exchange/items/${randomUUID()}`,
    body: () => ({ version: 1, name: '矩阵改名' }),
  },
  'POST /api/v1/exchange/items/:id/delist': {
    who: 'exchange.manage',
    ok: 404,
    url: () => `/api/v1/exchange/items/${randomUUID()}/delist`,
    body: () => ({ version: 1 }),
  },
  'POST /api/v1/exchange/items/:id/relist': {
    who: 'exchange.manage',
    ok: 404,
    url: () => `/api/v1/exchange/items/${randomUUID()}/relist`,
    body: () => ({ version: 1 }),
  },
  'POST /api/v1/exchange/items/:id/stock': {
    who: 'exchange.manage',
    ok: 404,
    url: () => `/api/v1/exchange/items/${randomUUID()}/stock`,
    body: () => ({ version: 1, delta: 1, reason: '矩阵调整' }),
  },
  'GET /api/v1/exchange/redemptions': { who: 'exchange.manage' },
  'GET /api/v1/exchange/redemptions/export': { who: 'exchange.manage' },
  'POST /api/v1/exchange/redemptions/verify': {
    who: 'exchange.manage',
    ok: 404,
    body: () => ({ pickupCode: 'MATRX234' }),
  },
  'POST /api/v1/exchange/redemptions/:id/cancel': {
    who: 'exchange.manage',
    ok: 404,
    url: () => `/api/v1/exchange/redemptions/${randomUUID()}/cancel`,
    body: () => ({ reason: '矩阵取消' }),
  },
  'GET /api/v1/me/exchange/items': { who: 'volunteer' },
  'POST /api/v1/me/redemptions': {
    who: 'volunteer',
    body: () => ({ itemId: randomUUID(), idempotencyKey: 'matrix-redeem-1' }),
  },
  'GET /api/v1/me/redemptions': { who: 'volunteer' },
  'GET /api/v1/trainings/import/template': { who: 'volunteer.manage' },
  'POST /api/v1/trainings/import': {
    who: 'volunteer.manage',
    url: () => '/api/v1/trainings/import?dryRun=true',
    // a workbook without the roster's columns: checked and reported, nothing written
    multipart: (c) => ({ name: '培训名册.xlsx', type: XLSX, data: c.file.volunteerImport }),
  },
  'GET /api/v1/public/activities': { who: 'public' },
  'GET /api/v1/public/activities/:id': {
    who: 'public',
    url: () => `/api/v1/public/activities/${shared.activity.community!.params.id}`,
  },
  // service certificates (志愿服务记录证明); fixtures: mxCertificateFixture below
  'POST /api/v1/me/certificates': {
    who: 'volunteer',
    ok: 201,
    body: () => ({ from: '2020-01-01', to: '2020-12-31' }),
  },
  'GET /api/v1/me/certificates': { who: 'volunteer' },
  'GET /api/v1/me/certificates/:id/pdf': {
    who: 'volunteer',
    url: () => '/api/v1/me/certificates/00000000-0000-4000-8000-0000000000c1/pdf',
  },
  'POST /api/v1/volunteers/:id/certificates': {
    who: 'volunteer.manage',
    kind: 'volunteer',
    ok: 201,
    body: async (r) => {
      await mxCertificateFixture(r.params.id);
      return { from: '2020-01-01', to: '2020-12-31' };
    },
  },
  'GET /api/v1/volunteers/:id/certificates': { who: 'volunteer.read', kind: 'volunteer' },
  'GET /api/v1/service-certificates/:id/pdf': {
    who: 'volunteer.read',
    kind: 'volunteer',
    url: (r) => `/api/v1/service-certificates/${mxCertId(r.params.id)}/pdf`,
  },
  'POST /api/v1/service-certificates/:id/revoke': {
    who: 'volunteer.manage',
    kind: 'volunteer',
    url: (r) => `/api/v1/service-certificates/${mxCertId(r.params.id)}/revoke`,
    body: async (r) => {
      await mxCertificateFixture(r.params.id); // valid again before each call
      return { reason: '矩阵撤销' };
    },
  },
  'GET /api/v1/public/service-certificates/:number': {
    who: 'public',
    ok: 404, // an unknown number answers the same for everyone
    url: () => '/api/v1/public/service-certificates/VC000000-2000-000000',
  },
  'GET /api/v1/volunteer-stats/overview': {
    who: 'dashboard.read',
    kind: 'region',
    url: (r) => `/api/v1/volunteer-stats/overview?regionCode=${r.params.code}`,
  },
  'GET /api/v1/volunteer-stats/export': {
    who: 'dashboard.read',
    kind: 'region',
    url: (r) => `/api/v1/volunteer-stats/export?regionCode=${r.params.code}`,
  },
  'GET /api/v1/service-records/national-export': {
    who: 'volunteer.read',
    kind: 'region',
    url: (r) =>
      `/api/v1/service-records/national-export?from=2020-01-01&to=2020-12-31&regionCode=${r.params.code}`,
  },
};

/** Volunteers with the record consent on file, for sign-ups (written before the matrix runs). */
const signupVolunteers: string[] = [];

/** A certificate per volunteer (id derived from the volunteer's) and a valid record to certify, written directly. */
const mxCertId = (volunteerId: string) => `ce7ce7ce${volunteerId.slice(8)}`;
async function mxCertificateFixture(volunteerId: string) {
  await q(
    `insert into service_records (volunteer_id, organization_id, region_code, category, title, content, place, started_at,
       ended_at, service_date, minutes, source, organizer_name, recorder_name)
     select v.id, (select id from organizations order by id limit 1), v.region_code, 'elderly', '矩阵服务', '矩阵服务内容',
       '社区', '2020-03-01T01:00:00Z', '2020-03-01T03:00:00Z', '2020-03-01', 120, 'checkin', '矩阵组织', '矩阵记录员'
       from volunteers v where v.id = $1 and not exists (select 1 from service_records r where r.volunteer_id = v.id)`,
    [volunteerId],
  );
  const snapshot = {
    realName: '矩阵志愿者',
    idNumberMasked: '440305********0000',
    volunteerNumber: 'VMX',
    periodFrom: '2020-01-01',
    periodTo: '2020-12-31',
    minutes: 120,
    hours: '2小时',
    records: 1,
    checkinMinutes: 120,
    backfillMinutes: 0,
    organizations: [],
    lines: [
      { date: '2020-03-01', title: '矩阵服务', organization: '矩阵组织', hours: '2小时', source: 'checkin' },
    ],
    issuer: '矩阵组织',
    issuedOn: '2020-12-31',
  };
  await q(
    `insert into service_certificates (id, number, volunteer_id, period_from, period_to, minutes, records, issuer_name, snapshot)
     values ($1, $2, $3, '2020-01-01', '2020-12-31', 120, 1, '矩阵组织', $4::jsonb)
     on conflict (id) do update set status = 'valid', snapshot = excluded.snapshot`,
    [mxCertId(volunteerId), `MXC-${volunteerId}`, volunteerId, JSON.stringify(snapshot)],
  );
}

// ------------------------------------------------------------------ expectations

function hasPermission(role: Exclude<RoleKey, 'anonymous'>, p: Permission) {
  return (rolePermissions[coreRole[role]] as readonly string[]).includes(p);
}

let scopeOf: Record<Exclude<RoleKey, 'anonymous'>, { all?: true; prefix?: string; orgId?: string }>;

function visible(role: Exclude<RoleKey, 'anonymous'>, r: Res): boolean {
  const s = scopeOf[role];
  if (s.all) return true;
  if (s.orgId) return !!r.leader || r.orgId === s.orgId;
  return r.regionCode.startsWith(s.prefix!);
}

function expected(spec: Spec, role: RoleKey, loc: Loc, res: Res | null): number {
  const base = baseExpected(spec, role, res);
  return spec.override ? spec.override(role, loc, base) : base;
}

function baseExpected(spec: Spec, role: RoleKey, res: Res | null): number {
  const ok = spec.ok ?? 200;
  if (spec.who === 'public') return ok;
  if (role === 'anonymous') return 401;
  // resident endpoints: only a volunteer's own account (covered in resident.test.ts), no staff role
  if (spec.who === 'volunteer') return 403;
  if (spec.who !== 'login' && !hasPermission(role, spec.who)) return 403;
  if (res && !spec.unscoped && !visible(role, res)) return spec.outside ?? 404;
  if (spec.roles && !spec.roles.includes(role)) return spec.denied ?? 403;
  return ok;
}

// ------------------------------------------------------------------ fixtures

let env: TestEnv;
const agents = {} as Record<RoleKey, Agent>;
let ctx: Ctx;
let shared: Record<Kind, Partial<Record<Loc, Res>>>;
let makeFresh: (kind: Kind, loc: Loc, role: RoleKey) => Promise<Res>;
/** a spot-check plan at the district with one check on the leader's organization, drawn to the district officer */
const spot = { planId: '', checkId: '', emptyPlanId: '' };
/** comprehensive-evaluation rounds at the district (draft, scoring, published, one with an appeal), evaluator: the district officer */
const evalFx = {
  evaluatorId: '',
  orgId: '',
  leaderOrgId: '',
  draftRoundId: '',
  scoringRoundId: '',
  publishedRoundId: '',
  appealId: '',
};
let passwordHash: string;
let n = 0;

const q = <T = Record<string, unknown>>(sql: string, params?: unknown[]) =>
  env.database.query<T>(sql, params);

/** Every route the app serves under /api/v1, as 'METHOD /path' (from the router's own tree). */
function registeredRoutes(): string[] {
  const out: string[] = [];
  const stack: string[] = [];
  for (const line of env.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?) \(([^)]*)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    stack[depth] = m[2];
    const path = stack.join('');
    for (const method of m[3].split(', '))
      if (method !== 'HEAD' && path.startsWith('/api/v1/')) out.push(`${method} ${path}`);
  }
  return [...new Set(out)].sort();
}

async function cloneRow(table: string, key: string, id: string, overrides: Record<string, unknown>) {
  const [row] = await q<{ k: string }>(
    `insert into ${table} select (jsonb_populate_record(null::${table}, to_jsonb(t) || $2::jsonb)).* from ${table} t
      where t.${key} = $1 returning ${key}::text as k`,
    [id, JSON.stringify(overrides)],
  );
  return row.k;
}

async function insertUser(username: string, grant: { role: string; regionCode: string; orgId?: string }) {
  const [u] = await q<{ id: string }>(
    `insert into users (username, display_name, password_hash) values ($1, $2, $3) returning id`,
    [username, `矩阵 ${username}`, passwordHash],
  );
  const [g] = await q<{ id: string }>(
    `insert into grants (user_id, role, region_code, organization_id) values ($1, $2, $3, $4) returning id`,
    [u.id, grant.role, grant.regionCode, grant.orgId ?? null],
  );
  return { userId: u.id, grantId: g.id };
}

/** A world fingerprint: any mutation writes an audit entry, adds rows or bumps a version. */
async function fingerprint() {
  const [r] = await q<{ f: string }>(`select concat_ws('|',
      (select max(seq) from audit_log), (select count(*) from organizations), (select sum(version) from organizations),
      (select count(*) from applications), (select sum(version) from applications), (select count(*) from users),
      (select sum(version) from users), (select count(*) from grants where revoked_at is null),
      (select count(*) from organization_members), (select sum(version) from organization_members),
      (select count(*) from ledger_activities), (select count(*) from attachments), (select count(*) from certificates),
      (select sum(version) from settings), (select sum(version) from category_schemes),
      (select sum(version - 1) from volunteers), (select count(*) from volunteer_consents),
      (select count(*) from volunteer_teams), (select count(*) from team_memberships),
      (select sum(version) from team_memberships), (select count(*) from service_activities),
      (select sum(version) from service_activities), (select count(*) from activity_signups),
      (select sum(version) from activity_signups)) as f`);
  return r.f;
}

function multipartBody(f: { name: string; type: string; data: Buffer; fields?: Record<string, string> }) {
  const boundary = `----linli-matrix-${randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(f.fields ?? {}))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(f.name)}"\r\nContent-Type: ${f.type}\r\n\r\n`,
    ),
    f.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

beforeAll(async () => {
  env = await createTestEnv();
  passwordHash = await hashPassword(DEMO_PASSWORD);
  agents.anonymous = env.anonymous;
  const logged = await Promise.all(
    roleKeys.filter((r) => r !== 'anonymous').map(async (r) => [r, await env.login(r)] as const),
  );
  for (const [r, a] of logged) agents[r] = a;

  const me = async (r: RoleKey) => (await agents[r].get('/api/v1/auth/me')).json();
  const home = async (r: RoleKey) => (await me(r)).homeRegion.code as string;
  const C1 = await home('community');
  const S1 = await home('street');
  const S2 = await home('street2');
  const D = await home('district');
  const city = await home('city');
  const leaderOrgId = (await me('leader')).grants[0].organizationId as string;
  const [{ code: C1b }] = await q<{ code: string }>(
    'select code from regions where parent_code = $1 and code <> $2 order by code limit 1',
    [S1, C1],
  );
  const [{ code: S2c }] = await q<{ code: string }>(
    'select code from regions where parent_code = $1 order by code limit 1',
    [S2],
  );
  scopeOf = {
    admin: { all: true },
    city: { prefix: scopePrefix(city) },
    district: { prefix: scopePrefix(D) },
    street: { prefix: scopePrefix(S1) },
    street2: { prefix: scopePrefix(S2) },
    community: { prefix: scopePrefix(C1) },
    leader: { orgId: leaderOrgId },
  };
  const regionOf: Record<Exclude<Loc, '-'>, string> = {
    'own-org': C1,
    community: C1,
    street: C1b,
    street2: S2c,
    district: D,
  };

  // the leader's organization starts without open applications (the seed leaves a change request open)
  await q(
    `update applications set state = 'withdrawn' where organization_id = $1
      and state not in ('filed', 'rejected', 'withdrawn', 'approved', 'registered', 'exited')`,
    [leaderOrgId],
  );
  // the leader's organization must carry a phone to reveal
  await q(
    `update organizations set leader_phone_enc = coalesce(leader_phone_enc, $2), leader_phone_masked = coalesce(leader_phone_masked, '138****5678') where id = $1`,
    [
      leaderOrgId,
      (
        await q<{ e: string }>(
          'select leader_phone_enc as e from organizations where leader_phone_enc is not null limit 1',
        )
      )[0].e,
    ],
  );

  // filed before the end of 2025, so it must report on 2025 (its clones copy the date)
  await q(`update organizations set filed_on = '2024-05-01' where id = $1`, [leaderOrgId]);

  const name = (prefix: string) => `${prefix}${++n}号`;
  const cloneOrg = (loc: Exclude<Loc, '-'>, tier: 'filed' | 'group') => {
    const code = regionOf[loc];
    return cloneRow('organizations', 'id', leaderOrgId, {
      id: randomUUID(),
      name: name(tier === 'group' ? '矩阵小组' : '矩阵协会'),
      tier,
      status: 'active',
      region_code: code,
      street_code: code.slice(0, 9),
      filing_number: null,
      uscc: null,
      version: 1,
      is_hub: false,
    });
  };
  /** A second org_leader for an organization the demo leader does not hold. */
  const leaderFor = async (orgId: string) => {
    const username = `mx_leader_${++n}`;
    await insertUser(username, { role: 'org_leader', regionCode: C1, orgId });
    return env.login(username);
  };
  /** shared: the demo leader's organization (or a group with its own leader); fresh: a copy (with a leader if asked) */
  const orgRes = async (
    kind: 'filedOrg' | 'groupOrg',
    loc: Exclude<Loc, '-'>,
    mode: 'shared' | 'fresh' | 'fresh-leader',
  ): Promise<Res> => {
    if (loc === 'own-org' && kind === 'filedOrg' && mode === 'shared')
      return { params: { id: leaderOrgId }, regionCode: C1, orgId: leaderOrgId };
    const id = await cloneOrg(loc, kind === 'groupOrg' ? 'group' : 'filed');
    const res: Res = { params: { id }, regionCode: regionOf[loc], orgId: id };
    if (loc === 'own-org' && mode !== 'fresh') res.leader = await leaderFor(id);
    return res;
  };
  const [templateApp] = await q<{ id: string }>(
    `select id from applications where kind = 'filing' and state = 'community_review' and organization_id is null limit 1`,
  );
  const appRes = async (state: 'draft' | 'community_review', loc: Exclude<Loc, '-'>): Promise<Res> => {
    const orgId = loc === 'own-org' ? leaderOrgId : undefined;
    const id = await cloneRow('applications', 'id', templateApp.id, {
      id: randomUUID(),
      state,
      region_code: regionOf[loc],
      organization_id: orgId ?? null,
      version: 1,
      form: {
        ...(
          await q<{ form: Record<string, unknown> }>('select form from applications where id = $1', [
            templateApp.id,
          ])
        )[0].form,
        name: name('矩阵申请协会'),
      },
    });
    return { params: { id }, regionCode: regionOf[loc], orgId };
  };
  const [leaderCert] = await q<{ number: string }>(
    'select number from certificates where organization_id = $1',
    [leaderOrgId],
  );
  const memberRes = async (org: Res): Promise<Res> => {
    const [m] = await q<{ id: string }>(
      `insert into organization_members (organization_id, name, role) values ($1, '矩阵成员', '成员') returning id`,
      [org.params.id],
    );
    return { ...org, params: { id: org.params.id, memberId: m.id } };
  };
  const userRes = async (loc: Exclude<Loc, '-'>): Promise<Res> => {
    const { userId, grantId } = await insertUser(`mx_user_${++n}`, {
      role: loc === 'district' ? 'district_officer' : 'community_staff',
      regionCode: regionOf[loc],
    });
    return { params: { id: userId, grantId }, regionCode: regionOf[loc] };
  };

  shared = {} as typeof shared;
  for (const kind of Object.keys(kindLocs) as Kind[]) shared[kind] = {};
  for (const loc of kindLocs.filedOrg as Exclude<Loc, '-'>[]) {
    shared.filedOrg[loc] = await orgRes('filedOrg', loc, 'shared');
    shared.groupOrg[loc] = await orgRes('groupOrg', loc, 'shared');
    shared.draftApp[loc] = await appRes('draft', loc);
    shared.reviewApp[loc] = await appRes('community_review', loc);
    const app = shared.draftApp[loc]!;
    const [att] = await q<{ id: string }>(
      `insert into attachments (application_id, organization_id, purpose, file_name, mime_type, size, sha256, content)
       values ($1, $2, 'other', 'a.pdf', 'application/pdf', 8, 'x', $3) returning id`,
      [app.params.id, app.orgId ?? null, Buffer.from('%PDF-1.4')],
    );
    shared.attachment[loc] = { ...app, params: { id: att.id } };
    const org = shared.filedOrg[loc]!;
    const number =
      loc === 'own-org'
        ? leaderCert.number
        : await cloneRow('certificates', 'number', leaderCert.number, {
            number: `MX-${loc}-${++n}`,
            organization_id: org.params.id,
            application_id: null,
          });
    shared.cert[loc] = { ...org, params: { number } };
    shared.member[loc] = await memberRes(org);
  }
  for (const loc of kindLocs.region as Exclude<Loc, '-'>[]) {
    const code = { community: C1, street: S1, street2: S2, district: D }[loc as 'community'];
    shared.region[loc] = { params: { code }, regionCode: code };
    shared.user[loc] = await userRes(loc);
    shared.grantTarget[loc] = { params: { code: regionOf[loc] }, regionCode: regionOf[loc] };
  }
  for (const loc of kindLocs.bodyRegion as Exclude<Loc, '-'>[])
    shared.bodyRegion[loc] = { params: {}, regionCode: regionOf[loc] };
  await insertUser('mx_login', { role: 'social_worker', regionCode: C1 });

  // volunteers, teams and join requests (written directly: the fixtures are not what is tested)
  const volunteerRow = async (regionCode: string) => {
    const k = ++n;
    const [v] = await q<{ id: string }>(
      `insert into volunteers (volunteer_number, real_name, id_number_enc, id_number_hmac, id_number_masked, birth_date,
         sex, phone_enc, phone_masked, region_code, created_via)
       values ($1, '矩阵志愿者', 'x', $2, '440305********0000', '1990-01-01', 'male', 'x', '139****0000', $3, 'staff')
       returning id`,
      [`VMX-${k}`, `mx-${k}-${randomUUID()}`, regionCode],
    );
    return v.id;
  };
  const membershipRes = async (team: Res): Promise<Res> => {
    const [m] = await q<{ id: string }>(
      `insert into team_memberships (team_id, volunteer_id) values ($1, $2) returning id`,
      [team.params.id, await volunteerRow(team.regionCode)],
    );
    return { ...team, params: { id: team.params.id, mid: m.id } };
  };
  for (const loc of kindLocs.volunteer as Exclude<Loc, '-'>[])
    shared.volunteer[loc] = { params: { id: await volunteerRow(regionOf[loc]) }, regionCode: regionOf[loc] };
  for (const loc of kindLocs.team as Exclude<Loc, '-'>[]) {
    const org = shared.filedOrg[loc]!;
    const [t] = await q<{ id: string }>(
      `insert into volunteer_teams (organization_id, name, region_code) values ($1, $2, $3) returning id`,
      [org.params.id, name('矩阵服务队'), org.regionCode],
    );
    shared.team[loc] = { params: { id: t.id }, regionCode: org.regionCode, orgId: org.orgId };
    shared.membership[loc] = await membershipRes(shared.team[loc]!);
  }
  // service activities (published, sign-up window open) and pending sign-ups
  const activityRes = async (loc: Exclude<Loc, '-'>, status: 'draft' | 'published'): Promise<Res> => {
    const org = shared.filedOrg[loc]!;
    const [a] = await q<{ id: string }>(
      `insert into service_activities (organization_id, region_code, title, content, category, place, starts_at, ends_at,
         wanted, signup_opens_at, signup_closes_at, status)
       values ($1, $2, $3, '矩阵活动内容', 'elderly', '社区广场', now() + interval '3 days',
         now() + interval '3 days 2 hours', 1000, now() - interval '1 day', now() + interval '2 days', $4) returning id`,
      [org.params.id, org.regionCode, name('矩阵活动'), status],
    );
    return { params: { id: a.id }, regionCode: org.regionCode, orgId: org.orgId, leader: org.leader };
  };
  const signupRes = async (act: Res): Promise<Res> => {
    const [s] = await q<{ id: string }>(
      `insert into activity_signups (activity_id, volunteer_id) values ($1, $2) returning id`,
      [act.params.id, await volunteerRow(act.regionCode)],
    );
    return { ...act, params: { id: s.id } };
  };
  for (const loc of kindLocs.activity as Exclude<Loc, '-'>[]) {
    shared.activity[loc] = await activityRes(loc, 'published');
    shared.draftActivity[loc] = await activityRes(loc, 'draft');
    shared.signup[loc] = await signupRes(shared.activity[loc]!);
  }
  const annualReportRes = async (loc: Exclude<Loc, '-'>): Promise<Res> => {
    const org = shared.filedOrg[loc]!;
    const [r] = await q<{ id: string }>(
      `insert into annual_reports (organization_id, report_year, tier, region_code, status, content, deadline,
         first_submitted_on, submitted_at)
       values ($1, 2025, 'filed', $2, 'submitted', $3, '2026-03-31', '2026-03-01', now()) on conflict do nothing
       returning id`,
      [org.params.id, org.regionCode, { summary: '矩阵测试年度工作总结，内容完整。', members: { count: 9 } }],
    );
    const id =
      r?.id ??
      (
        await q<{ id: string }>(
          `insert into annual_reports (organization_id, report_year, tier, region_code, status, content, deadline,
             first_submitted_on, submitted_at)
           values ($1, $2, 'filed', $3, 'submitted', $4, '2026-03-31', '2026-03-01', now()) returning id`,
          [org.params.id, 2000 + ++n, org.regionCode, { summary: '矩阵测试年度工作总结，内容完整。' }],
        )
      )[0].id;
    return { params: { id }, regionCode: org.regionCode, orgId: org.orgId, leader: org.leader };
  };
  for (const loc of kindLocs.annualReport as Exclude<Loc, '-'>[])
    shared.annualReport[loc] = await annualReportRes(loc);
  const creditListingRes = async (loc: Exclude<Loc, '-'>): Promise<Res> => {
    const org = shared.filedOrg[loc]!;
    const [l] = await q<{ id: string }>(
      `insert into credit_listings (organization_id, region_code, list, cause, idem_key, entry, basis, reason, entered_on)
       values ($1, $2, 'abnormal', 'annual_report_overdue', $3, 'derived', '矩阵', '矩阵', '2025-04-01') returning id`,
      [org.params.id, org.regionCode, `matrix:${++n}`],
    );
    return { params: { id: l.id }, regionCode: org.regionCode, orgId: org.orgId, leader: org.leader };
  };
  for (const loc of kindLocs.creditListing as Exclude<Loc, '-'>[])
    shared.creditListing[loc] = await creditListingRes(loc);
  const rectificationRes = async (loc: Exclude<Loc, '-'>): Promise<Res> => {
    const org = shared.filedOrg[loc]!;
    const [t] = await q<{ id: string }>(
      `insert into rectification_tasks (organization_id, region_code, requirement, deadline) values ($1, $2, '矩阵整改', '2025-07-01') returning id`,
      [org.params.id, org.regionCode],
    );
    return { params: { id: t.id }, regionCode: org.regionCode, orgId: org.orgId, leader: org.leader };
  };
  for (const loc of kindLocs.rectification as Exclude<Loc, '-'>[])
    shared.rectification[loc] = await rectificationRes(loc);
  {
    const [{ id: districtUser }] = await q<{ id: string }>(
      `select id from users where username = 'district'`,
    );
    const [plan] = await q<{ id: string }>(
      `insert into spot_check_plans (code, title, region_code, year, ratio, filters, seed, organization_pool, inspector_pool, sample_size, created_by_name)
       values ('MX-PLAN', '矩阵抽查计划', $1, 2025, '0.03', '{}'::jsonb, 'matrix', $2::jsonb, '[]'::jsonb, 1, '矩阵') returning id`,
      [D, JSON.stringify([leaderOrgId])],
    );
    const [check] = await q<{ id: string }>(
      `insert into spot_checks (plan_id, organization_id, region_code, draw_order, inspector_ids) values ($1, $2, $3, 1, $4::jsonb) returning id`,
      [plan.id, leaderOrgId, C1, JSON.stringify([districtUser])],
    );
    // a plan without checks, ready to publish
    const [empty] = await q<{ id: string }>(
      `insert into spot_check_plans (code, title, region_code, year, ratio, filters, seed, organization_pool, inspector_pool, sample_size, created_by_name)
       values ('MX-PLAN-2', '矩阵抽查计划（待公示）', $1, 2025, '0.03', '{}'::jsonb, 'matrix-2', '[]'::jsonb, '[]'::jsonb, 0, '矩阵') returning id`,
      [D],
    );
    Object.assign(spot, { planId: plan.id, checkId: check.id, emptyPlanId: empty.id });
  }
  {
    // comprehensive evaluation: a round created through the API (on an organization in C1b that no
    // credit list holds), copied into the states the rows need, each with the leader's organization too
    const [{ id: evaluatorId }] = await q<{ id: string }>(`select id from users where username = 'district'`);
    const orgId = await cloneOrg('street', 'filed');
    const created = await agents.district.post('/api/v1/evaluation-rounds', {
      title: '矩阵综合评价',
      regionCode: D,
      year: 2025,
      organizationIds: [orgId],
      evaluatorIds: [evaluatorId],
    });
    expect(created.statusCode, created.body).toBe(201);
    const todayShanghai = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const roundAt = async (status: 'draft' | 'scoring' | 'published') => {
      const id = await cloneRow('evaluation_rounds', 'id', created.json().id, {
        id: randomUUID(),
        code: `MX-PJ-${++n}`,
        status,
        published_on: status === 'published' ? todayShanghai : null,
        version: 1,
      });
      const targetStatus = { draft: 'pending', scoring: 'scoring', published: 'scored' }[status];
      await q(
        `insert into evaluation_targets (round_id, organization_id, region_code, status) values ($1, $2, $3, $4), ($1, $5, $6, $4)`,
        [id, leaderOrgId, C1, targetStatus, orgId, regionOf.street],
      );
      return id;
    };
    const appealRoundId = await roundAt('published');
    const [appeal] = await q<{ id: string }>(
      `insert into evaluation_appeals (round_id, organization_id, region_code, reason, submitted_by_name)
       values ($1, $2, $3, '矩阵测试：异议理由', '矩阵') returning id`,
      [appealRoundId, leaderOrgId, C1],
    );
    Object.assign(evalFx, {
      evaluatorId,
      orgId,
      leaderOrgId,
      draftRoundId: await roundAt('draft'),
      scoringRoundId: await roundAt('scoring'),
      publishedRoundId: await roundAt('published'),
      appealId: appeal.id,
    });
  }
  for (let i = 0; i < 40; i++) {
    const id = await volunteerRow(C1);
    await q(
      `insert into volunteer_consents (volunteer_id, purpose, granted, by_name, how) values ($1, 'record', true, '矩阵', 'self')`,
      [id],
    );
    signupVolunteers.push(id);
  }
  let idSeq = 0;

  makeFresh = async (kind, loc, role) => {
    const l = loc as Exclude<Loc, '-'>;
    switch (kind) {
      case 'filedOrg':
      case 'groupOrg':
        return orgRes(kind, l, role === 'leader' ? 'fresh-leader' : 'fresh');
      case 'reviewApp':
        return appRes('community_review', l);
      case 'member':
        return memberRes(shared.filedOrg[l]!);
      case 'user':
        return userRes(l);
      case 'membership':
        return membershipRes(shared.team[l]!);
      case 'activity':
        return activityRes(l, 'published');
      case 'draftActivity':
        return activityRes(l, 'draft');
      case 'signup':
        return signupRes(shared.activity[l]!);
      case 'annualReport':
        return annualReportRes(l);
      case 'creditListing':
        return creditListingRes(l);
      case 'rectification':
        return rectificationRes(l);
      default:
        throw new Error(`no fresh ${kind}`);
    }
  };

  const file = async (url: string) => (await agents.admin.get(url)).rawPayload;
  ctx = {
    async version(table, id) {
      const [r] = await q<{ version: number }>(`select version from ${table} where id = $1`, [id]);
      return r.version;
    },
    name,
    seq: () => ++n,
    form: (formName) => ({
      name: formName,
      category: 'wenti',
      businessScope: '组织社区居民开展文体活动',
      venue: '社区党群服务中心',
      foundedOn: '2024-03-01',
      charter: '本组织是社区居民自愿组成的文体活动团体，遵守法律法规，服务社区居民。',
      leaderName: '李建国',
      leaderIdNumber: '11010519491231002X',
      leaderPhone: '13812345678',
      memberCount: 12,
      contactName: '王芳',
      contactPhone: '13912345678',
      note: '',
    }),
    file: {
      pdf: Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'),
      orgImport: await file('/api/v1/organizations/import/template'),
      memberImport: await file(`/api/v1/organizations/${leaderOrgId}/members/template`),
      volunteerImport: await file('/api/v1/volunteers/import/template'),
    },
    idNumber: () => makeIdNumber(`44030519850101${String(++idSeq).padStart(3, '0')}`),
    volunteerId: () => volunteerRow(C1),
    async schemeVersion(code) {
      const [r] = await q<{ version: number }>('select version from category_schemes where code = $1', [
        code,
      ]);
      return r.version;
    },
    async targets() {
      return (await agents.admin.get('/api/v1/settings/coverage-targets')).json();
    },
  };
}, 120_000);
afterAll(async () => env?.close());

// ------------------------------------------------------------------ the matrix

describe('authorization matrix', () => {
  it('covers every /api/v1 endpoint the app registers (add new endpoints to the table)', () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.filter((r) => !(r in table));
    const stale = Object.keys(table).filter((k) => !routes.includes(k));
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
  });

  let cases = 0;
  const byStatus = new Map<number, number>();
  for (const [key, spec] of Object.entries(table)) {
    (knownDefects[key] ? it.fails : it)(key, async () => {
      const [method, path] = key.split(' ');
      const mutates = method !== 'GET';
      const failures: string[] = [];
      const locs: Loc[] = spec.kind ? kindLocs[spec.kind] : ['-'];
      for (const role of roleKeys) {
        for (const loc of locs) {
          let res = spec.kind ? shared[spec.kind][loc]! : null;
          const want0 = expected(spec, role, loc, res);
          const success = want0 >= 200 && want0 < 300;
          if (spec.fresh && success && spec.kind) res = await makeFresh(spec.kind, loc, role);
          const want = expected(spec, role, loc, res);
          let agent = agents[role];
          if (role === 'leader' && res?.leader) agent = res.leader;
          if (spec.freshSession && role !== 'anonymous') agent = await env.login(role);
          const url = spec.url
            ? spec.url(res ?? { params: {}, regionCode: '' })
            : path.replace(/:(\w+)/g, (_, p: string) => {
                const v = res?.params[p];
                if (!v) throw new Error(`${key}: no value for :${p}`);
                return encodeURIComponent(v);
              });
          const before = mutates && !success ? await fingerprint() : null;
          let r: LightMyRequestResponse;
          if (spec.multipart) {
            const mp = multipartBody(spec.multipart(ctx));
            r = await agent.request({
              method: method as 'POST',
              url,
              payload: mp.payload,
              headers: mp.headers,
            });
          } else {
            const body = spec.body ? await spec.body(res ?? { params: {}, regionCode: '' }, ctx) : undefined;
            r = await agent.request({
              method: method as 'GET',
              url,
              ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
            });
          }
          cases++;
          byStatus.set(want, (byStatus.get(want) ?? 0) + 1);
          const where = `${role} @ ${loc}`;
          if (r.statusCode !== want) {
            failures.push(`${where}: expected ${want}, got ${r.statusCode} ${r.body.slice(0, 160)}`);
          } else if (before !== null && (await fingerprint()) !== before) {
            failures.push(`${where}: refused with ${r.statusCode} but the database changed`);
          }
          if (r.statusCode >= 400 && !/[\u4e00-\u9fff]/.test(r.json().error?.message ?? ''))
            failures.push(`${where}: ${r.statusCode} without a Chinese message`);
          await spec.after?.(agent, r);
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('ran every case', () => {
    const expectedCases = Object.values(table).reduce(
      (s, spec) => s + roleKeys.length * (spec.kind ? kindLocs[spec.kind].length : 1),
      0,
    );
    expect(cases).toBe(expectedCases);
    console.info(
      `authorization matrix: ${Object.keys(table).length} endpoints × ${roleKeys.length} roles × locations = ${cases} cases;`,
      Object.fromEntries([...byStatus].sort(([a], [b]) => a - b)),
    );
  });
});
