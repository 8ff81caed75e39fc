import {
  availableEvents,
  changeFlow,
  exitFlow,
  type Flow,
  filingFlow,
  orgStatusLabels,
  partyStatusLabels,
  registrationFlow,
  tierLabels,
} from '@linli/core';
import type { organizations } from '../../db/schema';
import type { Actor } from '../../lib/authz/actor';
import { can, rolesFor } from '../../lib/authz/scope';

type OrgRow = typeof organizations.$inferSelect;
export type OpenApplication = { id: string; kind: string; state: string };

const label = (m: Readonly<Record<string, string>>, k: string) => (Object.hasOwn(m, k) ? m[k] : k);

export const withLabels = <T extends { tier: string; status: string }>(o: T) => ({
  ...o,
  tierLabel: label(tierLabels, o.tier),
  statusLabel: label(orgStatusLabels, o.status),
});

/** What the actor may do on this organization, so the web shows only what the server would allow. */
export function orgAllowedActions(actor: Actor, o: OrgRow, open: OpenApplication[]): string[] {
  const res = { regionCode: o.regionCode, organizationId: o.id };
  const roles = rolesFor(actor, res);
  // the first step of each workflow must be open to one of the actor's roles here
  const starts = (flow: Flow, event: string) => availableEvents(flow, 'draft', roles).includes(event);
  const live = o.status !== 'exited';
  const hasOpen = (kind: string) => open.some((a) => a.kind === kind);
  const acts: string[] = [];
  if (live && can(actor, 'org.update', res)) acts.push('update');
  if (
    live &&
    o.tier === 'group' &&
    o.status === 'active' &&
    can(actor, 'filing.apply', res) &&
    starts(filingFlow, 'submit') &&
    !hasOpen('filing')
  )
    acts.push('recommendFiling');
  if (
    live &&
    o.tier === 'filed' &&
    o.status === 'active' &&
    can(actor, 'registration.recommend', res) &&
    starts(registrationFlow, 'recommend') &&
    !hasOpen('registration')
  )
    acts.push('recommendRegistration');
  if (
    live &&
    o.tier !== 'group' &&
    can(actor, 'change.apply', res) &&
    starts(changeFlow, 'submit') &&
    !hasOpen('change')
  )
    acts.push('change');
  if (
    live &&
    (can(actor, 'change.apply', res) || can(actor, 'org.exit', res)) &&
    starts(exitFlow, 'submit') &&
    !hasOpen('exit')
  )
    acts.push('exit');
  if (can(actor, 'pii.reveal', res)) acts.push('reveal');
  if (live && can(actor, 'org.members.manage', res)) acts.push('manageMembers');
  if (live && o.tier === 'group' && can(actor, 'ledger.manage', res)) acts.push('manageLedger');
  if (o.filingNumber) acts.push('downloadCertificate');
  if (can(actor, 'audit.read', res)) acts.push('viewAudit');
  return acts;
}

/** The organization as the API shows it: PII masked, names not codes. */
export function presentOrganization(
  o: OrgRow,
  extra: { categoryName: string | null; communityName: string | null; streetName: string | null },
) {
  return withLabels({
    id: o.id,
    name: o.name,
    tier: o.tier,
    category: o.category,
    categoryName: extra.categoryName,
    status: o.status,
    regionCode: o.regionCode,
    communityName: extra.communityName,
    streetName: extra.streetName,
    businessScope: o.businessScope,
    venue: o.venue,
    foundedOn: o.foundedOn,
    charter: o.charter,
    leaderName: o.leaderName,
    leaderIdMasked: o.leaderIdMasked,
    leaderPhoneMasked: o.leaderPhoneMasked,
    contactName: o.contactName,
    contactPhoneMasked: o.contactPhoneMasked,
    memberCount: o.memberCount,
    isHub: o.isHub,
    partyStatus: o.partyStatus,
    partyStatusLabel: label(partyStatusLabels, o.partyStatus),
    filingNumber: o.filingNumber,
    uscc: o.uscc,
    filedOn: o.filedOn,
    registeredOn: o.registeredOn,
    exitedOn: o.exitedOn,
    exitReason: o.exitReason,
    version: o.version,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
  });
}

/** Snapshot kept in history: no ciphertexts or blind indexes. */
export function orgSnapshot(o: OrgRow): Record<string, unknown> {
  const { leaderIdEnc: _a, leaderIdHmac: _b, leaderPhoneEnc: _c, contactPhoneEnc: _d, ...rest } = o;
  return JSON.parse(JSON.stringify(rest));
}
