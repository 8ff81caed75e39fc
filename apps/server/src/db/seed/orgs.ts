/**
 * Generates complete organizations (row, members, ledger activities, filing particulars)
 * for the demo seed and the bench generator. Personal data leaves this module only
 * encrypted (plus masks and the blind index); the plain values are returned separately
 * for forms that need to re-encrypt them.
 */
import { categoryName, makeUscc, maskIdNumber, maskName, maskPhone, shenzhenScheme } from '@linli/core';
import type { Pii } from '../../lib/crypto';
import type { ledgerActivities, organizationMembers, organizations } from '../schema';
import {
  addDaysIso,
  type CategoryKind,
  charter,
  dateBetween,
  idNumber,
  mobile,
  officeTime,
  orgIdea,
  personName,
  Rng,
  type Sex,
  venue,
} from './names';

export type OrgRow = typeof organizations.$inferInsert & { id: string };
export type MemberRow = typeof organizationMembers.$inferInsert;
export type LedgerRow = typeof ledgerActivities.$inferInsert;

export type Tier = 'group' | 'filed' | 'registered';
export type OrgStatus = 'active' | 'dormant' | 'exiting' | 'exited';

/** A community an organization belongs to. */
export type Place = {
  communityCode: string;
  communityName: string;
  /** what residents call it: 南头城社区 */
  label: string;
  streetCode: string;
  streetName: string;
  /** legal-name prefix of registered organizations: 深圳市南山区 */
  legalPrefix: string;
};

/** Shenzhen scheme category code of each kind. */
export const SHENZHEN_CATEGORY: Readonly<Record<CategoryKind, string>> = {
  charity: 'gongyi',
  life: 'shenghuo',
  affairs: 'shiwu',
  culture: 'wenti',
};
export const categoryLabel = (code: string) => categoryName(shenzhenScheme, code);

/** Live organization names per street (the database refuses duplicates among non-exited ones). */
export class NameRegistry {
  private readonly byStreet = new Map<string, Set<string>>();
  has(streetCode: string, name: string): boolean {
    return this.byStreet.get(streetCode)?.has(name) ?? false;
  }
  add(streetCode: string, name: string): void {
    let set = this.byStreet.get(streetCode);
    if (!set) {
      set = new Set();
      this.byStreet.set(streetCode, set);
    }
    set.add(name);
  }
  /** The first candidate not yet used in the street; registers it. */
  claim(streetCode: string, candidate: (attempt: number) => string): string {
    for (let attempt = 0; attempt < 200; attempt++) {
      const name = candidate(attempt);
      if (!this.has(streetCode, name)) {
        this.add(streetCode, name);
        return name;
      }
    }
    throw new Error(`no free organization name in street ${streetCode}`);
  }
}

export type Person = { name: string; sex: Sex; idNumber: string; phone: string };

export function person(rng: Rng, fromYear: number, toYear: number): Person {
  const sex: Sex = rng.chance(0.55) ? 'female' : 'male';
  return {
    name: personName(rng, sex),
    sex,
    idNumber: idNumber(rng, { sex, fromYear, toYear }).id,
    phone: mobile(rng),
  };
}

export type OrgSpec = {
  tier: Tier;
  kind: CategoryKind;
  status: OrgStatus;
  /** fixed name instead of a generated one (must be free in the street) */
  name?: string;
  isHub?: boolean;
  scope?: string;
  /** number of current members (>= 1); random 3–25 when left out */
  members?: number;
};

export type GeneratedOrg = {
  org: OrgRow;
  members: MemberRow[];
  activities: LedgerRow[];
  leader: Person;
  /** ideas of typical activities, for ledgers and reports */
  activityTitles: readonly string[];
};

export type OrgFactoryOptions = {
  rng: Rng;
  pii: Pii;
  names: NameRegistry;
  /** today, YYYY-MM-DD (Asia/Shanghai) */
  today: string;
  /** earliest founding date */
  foundedFrom?: string;
  /** encrypt member phones (the bench may skip it for speed: masks only) */
  encryptMemberPhones?: boolean;
  /** add a few members who have left (default true); off when the member total must be exact */
  formerMembers?: boolean;
  /** uuid source (defaults to the PRNG) */
  uuid?: () => string;
};

const EXIT_REASONS = [
  '成员大会决议自行解散',
  '长期未开展活动，经清理予以注销',
  '主要成员搬离社区，自行解散',
] as const;
const PARTY_WEIGHTS = { none: 55, members: 30, branch: 10, joint_branch: 5 } as const;

/** Random PII fields of an organization's leader, encrypted. */
export function leaderFields(pii: Pii, leader: Person) {
  return {
    leaderName: leader.name,
    leaderIdEnc: pii.encrypt(leader.idNumber),
    leaderIdHmac: pii.blindIndex(leader.idNumber),
    leaderIdMasked: maskIdNumber(leader.idNumber),
    leaderPhoneEnc: pii.encrypt(leader.phone),
    leaderPhoneMasked: maskPhone(leader.phone),
  };
}

export function createOrgFactory(opts: OrgFactoryOptions) {
  const { rng, pii, names, today } = opts;
  const uuid = opts.uuid ?? (() => rng.uuid());
  const foundedFrom = opts.foundedFrom ?? '2015-01-01';
  const latestFounding = addDaysIso(today, -45);
  const cap = (d: string) => (d > today ? today : d);
  let usccSerial = 0;

  function generate(place: Place, spec: OrgSpec): GeneratedOrg {
    const id = uuid();
    const category = SHENZHEN_CATEGORY[spec.kind];
    let scope = spec.scope ?? '';
    let activityTitles: readonly string[] = [];
    const name =
      spec.name ??
      names.claim(place.streetCode, (attempt) => {
        const idea = orgIdea(rng, spec.kind, spec.tier, place.label, place.legalPrefix, attempt);
        scope = spec.scope ?? idea.scope;
        activityTitles = idea.activities;
        return idea.name;
      });
    if (spec.name) names.add(place.streetCode, spec.name);
    if (!scope) scope = orgIdea(rng, spec.kind, spec.tier, place.label, place.legalPrefix).scope;
    if (activityTitles.length === 0) activityTitles = ['例行活动', '主题服务活动', '成员交流会'];

    const foundedOn = dateBetween(rng, foundedFrom, latestFounding);
    const filedOn = spec.tier === 'filed' ? cap(addDaysIso(foundedOn, rng.int(20, 420))) : null;
    const registeredOn = spec.tier === 'registered' ? cap(addDaysIso(foundedOn, rng.int(60, 720))) : null;
    const since = registeredOn ?? filedOn ?? foundedOn;
    const exitedOn = spec.status === 'exited' ? cap(addDaysIso(since, rng.int(200, 1500))) : null;
    const until = exitedOn ?? today;

    const leader = person(rng, 1950, 1992);
    const place_ = venue(rng, place.label);
    const contactIsLeader = rng.chance(0.6);
    const contact = contactIsLeader ? leader : person(rng, 1960, 2000);

    let uscc: string | null = null;
    if (spec.tier === 'registered') {
      usccSerial++;
      // 5 civil affairs; 2 social service agency (民办非企业单位) or 1 social group (社会团体)
      const type = rng.chance(0.7) ? '2' : '1';
      const body = `MJ${rng.digits(1)}${String(usccSerial).padStart(5, '0')}`;
      uscc = makeUscc(`5${type}${place.communityCode.slice(0, 6)}${body}`);
    }

    // members: the leader first, then backbone members, then members; a few have left
    const current = Math.max(1, spec.members ?? rng.int(3, 25));
    const left = opts.formerMembers !== false && current >= 6 && rng.chance(0.25) ? rng.int(1, 2) : 0;
    const members: MemberRow[] = [];
    const createdAt = officeTime(rng, since);
    for (let i = 0; i < current + left; i++) {
      const p = i === 0 ? leader : i === 1 && !contactIsLeader ? contact : person(rng, 1945, 2006);
      const hasPhone = i < 2 || rng.chance(0.85);
      const joinedOn = i === 0 ? foundedOn : dateBetween(rng, foundedOn, until);
      const leftOn = i >= current ? dateBetween(rng, joinedOn, until) : null;
      members.push({
        id: uuid(),
        organizationId: id,
        name: p.name,
        role: i === 0 ? '负责人' : i <= 2 ? '骨干' : '成员',
        phoneEnc: hasPhone && opts.encryptMemberPhones !== false ? pii.encrypt(p.phone) : null,
        phoneMasked: hasPhone ? maskPhone(p.phone) : null,
        joinedOn,
        leftOn,
        createdAt: officeTime(rng, joinedOn),
      });
    }

    const org: OrgRow = {
      id,
      name,
      tier: spec.tier,
      categoryScheme: 'shenzhen',
      category,
      regionCode: place.communityCode,
      streetCode: place.streetCode,
      businessScope: scope,
      venue: place_,
      foundedOn,
      charter: spec.tier === 'group' ? '' : charter(name, scope, place.label),
      ...leaderFields(pii, leader),
      contactName: contact.name,
      contactPhoneEnc: pii.encrypt(contact.phone),
      contactPhoneMasked: maskPhone(contact.phone),
      isHub: spec.isHub ?? false,
      partyStatus: spec.isHub ? rng.pick(['branch', 'joint_branch'] as const) : rng.weighted(PARTY_WEIGHTS),
      status: spec.status,
      uscc,
      filingNumber: null,
      filedOn,
      registeredOn,
      exitedOn,
      exitReason: exitedOn ? rng.pick(EXIT_REASONS) : null,
      memberCount: current,
      version: 1,
      createdAt,
      updatedAt: createdAt,
    };

    const activities: LedgerRow[] = [];
    if (spec.tier === 'group') {
      const n = rng.int(1, 4);
      for (let i = 0; i < n; i++) {
        const heldOn = dateBetween(rng, foundedOn, until);
        const title = rng.pick(activityTitles);
        const participants = rng.int(8, 60);
        activities.push({
          id: uuid(),
          organizationId: id,
          heldOn,
          title,
          place: place_,
          participants,
          description: `${name}在${place_}开展“${title}”活动，参与居民${participants}人。`,
          createdAt: officeTime(rng, heldOn),
        });
      }
      // a group that is active has met recently (the dormant check would warn it otherwise); drawn
      // from a generator of its own so the rest of the demo stays the same
      const last = activities.reduce((m, a) => (a.heldOn > m ? a.heldOn : m), foundedOn);
      if (spec.status === 'active' && last < addDaysIso(until, -300)) {
        const own = new Rng(Number.parseInt(id.replaceAll('-', '').slice(0, 8), 16) || 1);
        const from = addDaysIso(until, -150) > foundedOn ? addDaysIso(until, -150) : foundedOn;
        const heldOn = dateBetween(own, from, until);
        const title = own.pick(activityTitles);
        const participants = own.int(8, 60);
        activities.push({
          id: own.uuid(),
          organizationId: id,
          heldOn,
          title,
          place: place_,
          participants,
          description: `${name}在${place_}开展“${title}”活动，参与居民${participants}人。`,
          createdAt: officeTime(own, heldOn),
        });
      }
    }
    return { org, members, activities, leader, activityTitles };
  }

  return { generate };
}

/** Revision snapshot: the row without encrypted fields and blind indexes. */
export function orgSnapshot(org: OrgRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(org)) {
    if (/(Enc|Hmac)$/.test(k)) continue;
    out[k] = v instanceof Date ? v.toISOString() : (v ?? null);
  }
  return out;
}

/** Particulars printed on a filing certificate. */
export function certificateParticulars(org: OrgRow, place: Place) {
  return {
    name: org.name,
    tier: org.tier,
    category: org.category,
    categoryName: categoryLabel(org.category),
    leaderNameMasked: maskName(org.leaderName),
    businessScope: org.businessScope ?? '',
    venue: org.venue ?? '',
    streetName: place.streetName,
    communityName: place.communityName,
    filedOn: org.filedOn ?? null,
  };
}

/** The 备案申请表 stored in `applications.form` (PII only encrypted and masked). */
export function filingFormOf(
  pii: Pii,
  o: {
    name: string;
    category: string;
    businessScope: string;
    venue: string;
    foundedOn: string | null;
    charter: string;
    leader: Person;
    memberCount: number;
    contactName: string;
    note?: string;
  },
) {
  return {
    name: o.name,
    category: o.category,
    businessScope: o.businessScope,
    venue: o.venue,
    foundedOn: o.foundedOn,
    charter: o.charter,
    leaderName: o.leader.name,
    leaderIdMasked: maskIdNumber(o.leader.idNumber),
    leaderPhoneMasked: maskPhone(o.leader.phone),
    memberCount: o.memberCount,
    contactName: o.contactName,
    note: o.note ?? '',
    leaderIdEnc: pii.encrypt(o.leader.idNumber),
    leaderPhoneEnc: pii.encrypt(o.leader.phone),
  };
}
