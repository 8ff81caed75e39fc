import {
  type CreditListCause,
  type CreditListKind,
  canRemoveRectified,
  canRemoveSerious,
  causeRules,
  creditListLabels,
  leaveReasonLabels,
  listStateOn,
  todayInShanghai,
} from '@linli/core';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import type { DbOrTx } from '../../db/client';
import { creditListings, organizations } from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can, scopeWhere } from '../../lib/authz/scope';
import { forbidden, notFound, unprocessable } from '../../lib/errors';
import { likePattern } from '../../lib/pagination';
import { isUuid } from '../../lib/uuid';
import { type ListingRow, toListing } from './creditRules.job';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'>;
type Row = typeof creditListings.$inferSelect;

const label = (m: Readonly<Record<string, string>>, k: string | null) =>
  k && Object.hasOwn(m, k) ? m[k] : k;

function present(r: Row, orgName?: string) {
  return {
    id: r.id,
    organizationId: r.organizationId,
    organizationName: orgName,
    regionCode: r.regionCode,
    list: r.list,
    listLabel: label(creditListLabels, r.list),
    cause: r.cause,
    causeLabel: causeRules[r.cause as CreditListCause]?.label ?? r.cause,
    entry: r.entry,
    entryLabel: r.entry === 'derived' ? '系统按规则自动列入' : '工作人员列入',
    basis: r.basis,
    reason: r.reason,
    evidence: r.evidence,
    enteredOn: r.enteredOn,
    leftOn: r.leftOn,
    leaveReason: r.leaveReason,
    leaveReasonLabel: label(leaveReasonLabels, r.leaveReason),
    voided: r.voided,
    voidReason: r.voidReason,
    version: r.version,
  };
}

const asListingRow = (r: Row): ListingRow => ({
  id: r.id,
  organization_id: r.organizationId,
  list: r.list,
  cause: r.cause,
  idem_key: r.idemKey,
  entered_on: r.enteredOn,
  left_on: r.leftOn,
  leave_reason: r.leaveReason,
  voided: r.voided,
});

export type CreditListFilter = {
  list?: CreditListKind;
  asOf?: string;
  q?: string;
  regionCode?: string;
  cause?: CreditListCause;
  page: number;
  pageSize: number;
};

export function createCreditListService(deps: Deps) {
  const { database, audit, clock } = deps;
  const db = database.db;
  const today = () => todayInShanghai(clock.now());
  const orgScope = (actor: Actor) =>
    scopeWhere(actor, { region: organizations.regionCode, org: organizations.id }, 'supervision.read');

  async function orgScoped(tx: DbOrTx, actor: Actor, id: string) {
    if (!isUuid(id)) throw notFound('组织');
    const [o] = await tx
      .select()
      .from(organizations)
      .where(and(eq(organizations.id, id), orgScope(actor)));
    if (!o) throw notFound('组织');
    return o;
  }

  async function listingScoped(tx: DbOrTx, actor: Actor, id: string) {
    if (!isUuid(id)) throw notFound('名录记录');
    const [row] = await tx
      .select({ l: creditListings, o: organizations })
      .from(creditListings)
      .innerJoin(organizations, eq(organizations.id, creditListings.organizationId))
      .where(and(eq(creditListings.id, id), orgScope(actor)))
      .for('update', { of: creditListings });
    if (!row) throw notFound('名录记录');
    return row;
  }

  const mayManage = (actor: Actor, o: { regionCode: string; id: string }) =>
    can(actor, 'credit_list.manage', { regionCode: o.regionCode, organizationId: o.id });

  return {
    /** Listings in force on `asOf` (default today) in the caller's scope. */
    async list(actor: Actor, f: CreditListFilter) {
      const asOf = f.asOf ?? today();
      const conds: SQL[] = [
        orgScope(actor),
        eq(creditListings.voided, false),
        sql`${creditListings.enteredOn} <= ${asOf}`,
        sql`(${creditListings.leftOn} is null or ${creditListings.leftOn} > ${asOf})`,
      ];
      if (f.list) conds.push(eq(creditListings.list, f.list));
      if (f.cause) conds.push(eq(creditListings.cause, f.cause));
      if (f.q) conds.push(sql`${organizations.name} like ${likePattern(f.q)}`);
      if (f.regionCode)
        conds.push(sql`${organizations.regionCode} like ${`${f.regionCode.replace(/(000)+$/, '')}%`}`);
      const where = and(...conds);
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(creditListings)
        .innerJoin(organizations, eq(organizations.id, creditListings.organizationId))
        .where(where);
      const rows = await db
        .select({ l: creditListings, name: organizations.name })
        .from(creditListings)
        .innerJoin(organizations, eq(organizations.id, creditListings.organizationId))
        .where(where)
        .orderBy(sql`${creditListings.enteredOn} desc`, asc(creditListings.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      return {
        asOf,
        items: rows.map((r) => present(r.l, r.name)),
        total,
        page: f.page,
        pageSize: f.pageSize,
      };
    },

    /** One organization's credit-list state as of a date, with every listing it ever had. */
    async ofOrganization(actor: Actor, orgId: string, asOf?: string) {
      const o = await orgScoped(db, actor, orgId);
      const date = asOf ?? today();
      const rows = await db
        .select()
        .from(creditListings)
        .where(eq(creditListings.organizationId, o.id))
        .orderBy(asc(creditListings.enteredOn), asc(creditListings.id));
      const state = listStateOn(
        rows.map((r) => toListing(asListingRow(r))),
        date,
      );
      return {
        organizationId: o.id,
        asOf: date,
        state: state.state,
        stateLabel: state.state === 'none' ? '未列入' : creditListLabels[state.state],
        abnormal: state.abnormal,
        serious: state.serious,
        inForce: state.listings.map((l) => l.id),
        listings: rows.map((r) => present(r)),
        canManage: mayManage(actor, o),
      };
    },

    /** An officer lists an organization for a cause that is decided, not derived. */
    async enter(
      actor: Actor,
      orgId: string,
      input: {
        cause: CreditListCause;
        reason: string;
        enteredOn: string;
        evidence: { documentNo?: string; note?: string };
      },
    ) {
      return db.transaction(async (tx) => {
        const o = await orgScoped(tx, actor, orgId);
        if (!mayManage(actor, o)) throw forbidden('您无权办理信用名录列入');
        const rule = causeRules[input.cause];
        if (rule.entry !== 'officer')
          throw unprocessable('该情形由系统根据年报、检查、处罚等记录自动列入，不能手工列入', {
            cause: '该情形由系统自动列入',
          });
        if (input.enteredOn > today())
          throw unprocessable('列入日期不能晚于今天', { enteredOn: '列入日期不能晚于今天' });
        const [row] = await tx
          .insert(creditListings)
          .values({
            organizationId: o.id,
            regionCode: o.regionCode,
            list: rule.list,
            cause: input.cause,
            idemKey: `officer:${crypto.randomUUID()}`,
            entry: 'officer',
            basis: rule.basis,
            reason: input.reason,
            evidence: input.evidence,
            enteredOn: input.enteredOn,
            enteredBy: actor.id,
          })
          .returning();
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'credit_listing.enter',
          entity: ['credit_listing', row.id],
          regionCode: o.regionCode,
          before: null,
          after: present(row),
        });
        return present(row, o.name);
      });
    },

    /**
     * Removal: `rectified` (an abnormal listing whose cause was rectified, verified by the officer;
     * effective the day given, at most five working days on) or `removed_on_application` (a
     * serious listing two years on without a new event).
     */
    async remove(
      actor: Actor,
      id: string,
      input: {
        reason: 'rectified' | 'removed_on_application';
        leftOn: string;
        note: string;
        version: number;
      },
    ) {
      return db.transaction(async (tx) => {
        const { l, o } = await listingScoped(tx, actor, id);
        if (!mayManage(actor, o)) throw forbidden('您无权办理信用名录移出');
        if (input.leftOn > today())
          throw unprocessable('移出日期不能晚于今天', { leftOn: '移出日期不能晚于今天' });
        const all = (
          await tx.select().from(creditListings).where(eq(creditListings.organizationId, o.id))
        ).map((r) => toListing(asListingRow(r)));
        const listing = toListing(asListingRow(l));
        const check =
          input.reason === 'rectified'
            ? canRemoveRectified(listing, input.leftOn)
            : canRemoveSerious(listing, all, input.leftOn);
        if (!check.allowed) throw unprocessable(check.reason, { reason: check.reason });
        const after = await updateVersioned(
          tx,
          creditListings,
          { id: l.id, version: input.version },
          {
            leftOn: input.leftOn,
            leaveReason: input.reason,
            leftBy: actor.id,
            evidence: { ...(l.evidence as object), removalNote: input.note },
            updatedAt: clock.now(),
          },
        );
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'credit_listing.remove',
          entity: ['credit_listing', l.id],
          regionCode: o.regionCode,
          before: { leftOn: l.leftOn, leaveReason: l.leaveReason },
          after: { leftOn: after.leftOn, leaveReason: after.leaveReason, note: input.note },
        });
        return present(after, o.name);
      });
    },
  };
}
