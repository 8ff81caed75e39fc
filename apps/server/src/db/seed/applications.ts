/**
 * Applications with their step history, as the filing workflow in @linli/core would have
 * recorded them (shared by the demo seed and the bench generator).
 */
import type { Pii } from '../../lib/crypto';
import type { applicationSteps, applications, certificates } from '../schema';
import { type CategoryKind, charter, dateMs, isoDate, officeTime, orgIdea, type Rng, surname } from './names';
import {
  certificateParticulars,
  filingFormOf,
  type NameRegistry,
  type OrgRow,
  type Person,
  type Place,
  person,
  SHENZHEN_CATEGORY,
} from './orgs';

export type ApplicationRow = typeof applications.$inferInsert & { id: string };
export type StepRow = typeof applicationSteps.$inferInsert;
export type CertificateRow = typeof certificates.$inferInsert;

export type Actor = { id: string | null; name: string; role: string };
export type StepPlan = {
  event: string;
  from: string;
  to: string;
  actor: Actor;
  reason?: string;
  daysAfter: number;
};
export type PendingState =
  | 'draft'
  | 'community_review'
  | 'street_review'
  | 'returned'
  | 'rejected'
  | 'withdrawn';
export const pendingStates: readonly PendingState[] = [
  'draft',
  'community_review',
  'street_review',
  'returned',
  'rejected',
  'withdrawn',
];

const DAY = 86_400_000;
const KIND_WEIGHTS = { culture: 33, life: 25, charity: 22, affairs: 20 } as const;

export const RETURN_REASONS = [
  '简易章程缺少负责人产生办法，请补充后重新提交。',
  '活动场所未提供使用证明，请补充社区党群服务中心出具的场地使用说明。',
  '成员名单中有2人联系方式缺失，请补全后重新提交。',
  '业务范围表述过宽，请结合社区实际具体说明服务内容。',
] as const;
export const REJECT_REASONS = [
  '与本街道已备案的同类组织业务重复，建议并入现有组织开展活动。',
  '拟开展的活动涉及经营性收费，不属于社区社会组织备案范围。',
] as const;

/** submit → pass → file. */
export function filedPlan(applicant: Actor, community: Actor, street: Actor): StepPlan[] {
  return [
    { event: 'submit', from: 'draft', to: 'community_review', actor: applicant, daysAfter: 1 },
    { event: 'pass', from: 'community_review', to: 'street_review', actor: community, daysAfter: 4 },
    { event: 'file', from: 'street_review', to: 'filed', actor: street, daysAfter: 6 },
  ];
}

/** The steps that lead to a state of the filing flow other than filed. */
export function pendingPlan(
  rng: Rng,
  state: PendingState,
  applicant: Actor,
  community: Actor,
  street: Actor,
): StepPlan[] {
  const submit: StepPlan = {
    event: 'submit',
    from: 'draft',
    to: 'community_review',
    actor: applicant,
    daysAfter: 1,
  };
  const pass: StepPlan = {
    event: 'pass',
    from: 'community_review',
    to: 'street_review',
    actor: community,
    daysAfter: 3,
  };
  const communityReturn: StepPlan = {
    event: 'return',
    from: 'community_review',
    to: 'returned',
    actor: community,
    reason: rng.pick(RETURN_REASONS),
    daysAfter: 2,
  };
  switch (state) {
    case 'draft':
      return [];
    case 'community_review':
      return [submit];
    case 'street_review':
      return [submit, pass];
    case 'returned':
      return rng.chance(0.5)
        ? [submit, communityReturn]
        : [
            submit,
            pass,
            {
              event: 'return',
              from: 'street_review',
              to: 'returned',
              actor: street,
              reason: rng.pick(RETURN_REASONS),
              daysAfter: 4,
            },
          ];
    case 'rejected':
      return [
        submit,
        pass,
        {
          event: 'reject',
          from: 'street_review',
          to: 'rejected',
          actor: street,
          reason: rng.pick(REJECT_REASONS),
          daysAfter: 5,
        },
      ];
    case 'withdrawn':
      return [
        submit,
        communityReturn,
        { event: 'withdraw', from: 'returned', to: 'withdrawn', actor: applicant, daysAfter: 3 },
      ];
  }
}

const SUBMITTING = new Set(['submit', 'resubmit', 'recommend']);
const DECIDED = new Set(['filed', 'rejected', 'withdrawn', 'approved', 'registered']);

export type NewApplication = {
  kind: 'filing' | 'change' | 'registration';
  organizationId: string | null;
  regionCode: string;
  form: Record<string, unknown>;
  applicant: { id: string | null; name: string };
  /** date the draft was created */
  createdOn: string;
  plan: StepPlan[];
};

/** Collects applications and their steps; times follow the plan and never pass `now`. */
export function createApplicationBuilder(opts: { rng: Rng; uuid: () => string; now: Date }) {
  const { rng, uuid, now } = opts;
  const apps: ApplicationRow[] = [];
  const steps: StepRow[] = [];
  function add(a: NewApplication): ApplicationRow {
    const id = uuid();
    const createdAt = officeTime(rng, a.createdOn);
    let at = createdAt;
    let state = 'draft';
    let submittedAt: Date | null = null;
    let decidedAt: Date | null = null;
    for (const s of a.plan) {
      at = new Date(Math.min(at.getTime() + s.daysAfter * DAY + rng.int(1, 300) * 60_000, now.getTime()));
      steps.push({
        id: uuid(),
        applicationId: id,
        fromState: s.from,
        event: s.event,
        toState: s.to,
        actorId: s.actor.id,
        actorName: s.actor.name,
        actorRole: s.actor.role,
        reason: s.reason ?? null,
        at,
      });
      if (SUBMITTING.has(s.event)) submittedAt = at;
      if (DECIDED.has(s.to)) decidedAt = at;
      state = s.to;
    }
    const row: ApplicationRow = {
      id,
      kind: a.kind,
      organizationId: a.organizationId,
      regionCode: a.regionCode,
      state,
      form: a.form,
      applicantId: a.applicant.id,
      applicantName: a.applicant.name,
      version: 1 + a.plan.length,
      submittedAt,
      decidedAt,
      createdAt,
      updatedAt: at,
    };
    apps.push(row);
    return row;
  }
  return { add, apps, steps };
}
export type ApplicationBuilder = ReturnType<typeof createApplicationBuilder>;

/**
 * Staff who act on applications: known accounts where there are some (the demo users),
 * otherwise a named clerk of the community or street office with no account.
 */
export function createStaffDirectory(opts: {
  rng: Rng;
  nameOf: (code12: string) => string;
  known: ReadonlyMap<string, Actor>;
}) {
  const made = new Map<string, Actor>();
  const unit = (name: string) => name.replace(/(社区居委会|居委会|居民委员会)$/, '社区居委会');
  return {
    community(code12: string): Actor {
      const known = opts.known.get(code12) ?? made.get(code12);
      if (known) return known;
      const a = {
        id: null,
        name: `${unit(opts.nameOf(code12))} ${surname(opts.rng)}专干`,
        role: 'community_staff',
      };
      made.set(code12, a);
      return a;
    },
    street(streetCode9: string): Actor {
      const code12 = `${streetCode9}000`;
      const known = opts.known.get(code12) ?? made.get(code12);
      if (known) return known;
      const a = {
        id: null,
        name: `${opts.nameOf(code12)}办事处 ${surname(opts.rng)}科员`,
        role: 'street_officer',
      };
      made.set(code12, a);
      return a;
    },
  };
}
export type StaffDirectory = ReturnType<typeof createStaffDirectory>;

/** The filed application behind a filed organization, and its certificate. */
export function addFiledApplication(
  b: ApplicationBuilder,
  ctx: { pii: Pii; rng: Rng; staff: StaffDirectory },
  o: OrgRow,
  leader: Person,
  place: Place,
  applicantId: string | null = null,
): CertificateRow {
  const applicant: Actor = { id: applicantId, name: o.leaderName, role: 'org_leader' };
  const plan = filedPlan(applicant, ctx.staff.community(o.regionCode), ctx.staff.street(o.streetCode));
  const span = plan.reduce((s, p) => s + p.daysAfter, 0);
  const app = b.add({
    kind: 'filing',
    organizationId: o.id,
    regionCode: o.regionCode,
    form: filingFormOf(ctx.pii, {
      name: o.name,
      category: o.category,
      businessScope: o.businessScope ?? '',
      venue: o.venue ?? '',
      foundedOn: o.foundedOn ?? null,
      charter: o.charter ?? '',
      leader,
      memberCount: o.memberCount ?? 0,
      contactName: o.contactName ?? '',
    }),
    applicant,
    createdOn: isoDate(dateMs(o.filedOn!) - span * DAY),
    plan,
  });
  return {
    number: o.filingNumber!,
    organizationId: o.id,
    applicationId: app.id,
    kind: 'filing',
    particulars: certificateParticulars(o, place),
    issuedOn: o.filedOn!,
    issuedBy: ctx.staff.street(o.streetCode).id,
    issuerName: `${place.streetName}办事处`,
    revokedAt: o.exitedOn ? officeTime(ctx.rng, o.exitedOn) : null,
    revokeReason: o.exitedOn ? `组织已退出：${o.exitReason}` : null,
    createdAt: officeTime(ctx.rng, o.filedOn!),
  };
}

/** A filing application for a new organization, in any state but filed. */
export function addPendingFiling(
  b: ApplicationBuilder,
  ctx: { pii: Pii; rng: Rng; staff: StaffDirectory; names: NameRegistry; today: string },
  place: Place,
  state: PendingState,
): ApplicationRow {
  const { rng, today } = ctx;
  const kind: CategoryKind = rng.weighted(KIND_WEIGHTS);
  let scope = '';
  const name = ctx.names.claim(place.streetCode, (attempt) => {
    const idea = orgIdea(rng, kind, 'filed', place.label, place.legalPrefix, attempt);
    scope = idea.scope;
    return idea.name;
  });
  const leader = person(rng, 1955, 1995);
  const applicant: Actor = { id: null, name: leader.name, role: 'org_leader' };
  const plan = pendingPlan(
    rng,
    state,
    applicant,
    ctx.staff.community(place.communityCode),
    ctx.staff.street(place.streetCode),
  );
  const span = plan.reduce((s, p) => s + p.daysAfter, 0);
  return b.add({
    kind: 'filing',
    organizationId: null,
    regionCode: place.communityCode,
    form: filingFormOf(ctx.pii, {
      name,
      category: SHENZHEN_CATEGORY[kind],
      businessScope: scope,
      venue: `${place.label}党群服务中心${rng.pick(['二楼活动室', '一楼多功能厅', '三楼会议室'])}`,
      foundedOn: isoDate(dateMs(today) - rng.int(90, 900) * DAY),
      charter: charter(name, scope, place.label),
      leader,
      memberCount: rng.int(5, 20),
      contactName: leader.name,
      note: rng.pick(['', '已在社区开展活动一年以上，申请备案。', '由社区活动小组发展而来。']),
    }),
    applicant: { id: null, name: leader.name },
    createdOn: isoDate(dateMs(today) - (span + rng.int(1, 20)) * DAY),
    plan,
  });
}
