import {
  maskIdNumber,
  maskPhone,
  type OrganizationInput,
  type OrganizationPatch,
  orgStatusLabels,
  partyStatusLabels,
  reviewedFields,
  tierLabels,
} from '@linli/core';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client';
import { applications, organizationRevisions, organizations, regions } from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import type { Audit } from '../../lib/audit';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can, scopeWhere } from '../../lib/authz/scope';
import type { Clock } from '../../lib/clock';
import type { Pii } from '../../lib/crypto';
import {
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
  staleVersion,
  unprocessable,
} from '../../lib/errors';
import type { SettingsRepo } from '../settings/categories.repo';
import {
  type OpenApplication,
  orgAllowedActions,
  orgSnapshot,
  presentOrganization,
} from './organizations.presenter';

export type OrgRow = typeof organizations.$inferSelect;
type Deps = { database: Database; pii: Pii; audit: Audit; clock: Clock; settings: SettingsRepo };

export const duplicateNameError = () =>
  conflict('同一街道内已有同名的组织', { name: '同一街道内已有同名的组织' });

const fieldLabels: Record<string, string> = {
  name: '组织名称',
  tier: '层级',
  category: '类别',
  regionCode: '所属社区',
  businessScope: '业务范围',
  venue: '活动场所',
  foundedOn: '成立日期',
  charter: '章程',
  leaderName: '负责人',
  leaderIdMasked: '负责人身份证号',
  leaderPhoneMasked: '负责人电话',
  contactName: '联系人',
  contactPhoneMasked: '联系电话',
  isHub: '枢纽型组织',
  partyStatus: '党组织情况',
  status: '状态',
  uscc: '统一社会信用代码',
  filingNumber: '备案编号',
  filedOn: '备案日期',
  registeredOn: '登记日期',
  exitedOn: '退出日期',
  exitReason: '退出原因',
  memberCount: '成员人数',
};

const causeLabels: Record<string, string> = {
  created: '登记',
  imported: '导入',
  updated: '修改',
  filed: '备案',
  registered: '登记注册',
  change_approved: '变更获批',
  exit_requested: '申请退出',
  exit_cancelled: '取消退出',
  exited: '退出',
};

/** Encrypted + masked + blind-indexed columns for personal data from a form. */
export function piiColumns(
  pii: Pii,
  v: { leaderIdNumber?: string; leaderPhone?: string; contactPhone?: string },
) {
  const out: Partial<OrgRow> = {};
  if (v.leaderIdNumber) {
    out.leaderIdEnc = pii.encrypt(v.leaderIdNumber);
    out.leaderIdHmac = pii.blindIndex(v.leaderIdNumber);
    out.leaderIdMasked = maskIdNumber(v.leaderIdNumber);
  }
  if (v.leaderPhone) {
    out.leaderPhoneEnc = pii.encrypt(v.leaderPhone);
    out.leaderPhoneMasked = maskPhone(v.leaderPhone);
  }
  if (v.contactPhone) {
    out.contactPhoneEnc = pii.encrypt(v.contactPhone);
    out.contactPhoneMasked = maskPhone(v.contactPhone);
  }
  return out;
}

export function createOrganizationService(deps: Deps) {
  const { database, pii, audit, clock, settings } = deps;
  const db = database.db;

  async function getScoped(tx: DbOrTx, actor: Actor, id: string, lock = false): Promise<OrgRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('组织');
    const q = tx
      .select()
      .from(organizations)
      .where(
        and(
          eq(organizations.id, id),
          scopeWhere(actor, { region: organizations.regionCode, org: organizations.id }, 'org.read'),
        ),
      );
    const [row] = lock ? await q.for('update') : await q;
    if (!row) throw notFound('组织');
    return row;
  }

  async function community(tx: DbOrTx, regionCode: string) {
    const [r] = await tx.select().from(regions).where(eq(regions.code, regionCode));
    if (r?.level !== 5)
      throw unprocessable('所属社区不存在', { regionCode: '请选择有效的社区（居委会/村委会）' });
    return r;
  }

  async function assertCategory(category: string) {
    const scheme = await settings.activeScheme();
    const c = scheme.categories.find((x) => x.code === category && x.active);
    if (!c) throw unprocessable('组织类别无效', { category: '请从当前分类方案中选择组织类别' });
    return scheme;
  }

  /** Writes the revision row and the audit entry for a change already applied. */
  async function recordChange(
    tx: DbOrTx,
    actor: Actor | null,
    before: OrgRow | null,
    after: OrgRow,
    cause: string,
    reason?: string | null,
  ) {
    await tx.insert(organizationRevisions).values({
      organizationId: after.id,
      version: after.version,
      cause,
      reason: reason ?? null,
      snapshot: orgSnapshot(after),
      changedBy: actor?.id ?? null,
      changedByName: actor?.displayName ?? '系统',
      changedAt: clock.now(),
    });
    await audit.record(tx, {
      actor: auditActor(actor),
      action: `organization.${cause}`,
      entity: ['organization', after.id],
      regionCode: after.regionCode,
      before: before ? orgSnapshot(before) : null,
      after: orgSnapshot(after),
    });
  }

  /** Update an organization row with optimistic locking, history and audit – used by this service and by workflows. */
  async function applyUpdate(
    tx: DbOrTx,
    actor: Actor | null,
    before: OrgRow,
    changes: Partial<OrgRow>,
    cause: string,
    reason?: string | null,
  ): Promise<OrgRow> {
    try {
      const after = await updateVersioned(tx, organizations, before, { ...changes, updatedAt: clock.now() });
      await recordChange(tx, actor, before, after, cause, reason);
      return after;
    } catch (e) {
      if (isUniqueViolation(e, 'org_live_name_uq')) throw duplicateNameError();
      throw e;
    }
  }

  async function insertOrganization(
    tx: DbOrTx,
    actor: Actor | null,
    values: typeof organizations.$inferInsert,
    cause: string,
  ) {
    try {
      const [row] = await tx.insert(organizations).values(values).returning();
      await recordChange(tx, actor, null, row, cause);
      return row;
    } catch (e) {
      if (isUniqueViolation(e, 'org_live_name_uq')) throw duplicateNameError();
      throw e;
    }
  }

  async function openApplications(tx: DbOrTx, orgId: string): Promise<OpenApplication[]> {
    return tx
      .select({ id: applications.id, kind: applications.kind, state: applications.state })
      .from(applications)
      .where(
        and(
          eq(applications.organizationId, orgId),
          sql`${applications.state} not in ('filed','rejected','withdrawn','approved','registered','exited')`,
        ),
      );
  }

  /** Display names (raw query: inside a transaction it joins it). */
  async function names(o: OrgRow) {
    const rows = await database.query<{
      categoryName: string | null;
      communityName: string | null;
      streetName: string | null;
    }>(
      `select (select name from categories where scheme_code = $1 and code = $2) as "categoryName",
              (select name from regions where code = $3) as "communityName",
              (select name from regions where code = $4) as "streetName"`,
      [o.categoryScheme, o.category, o.regionCode, `${o.streetCode}000`],
    );
    return rows[0];
  }

  async function detail(tx: DbOrTx, actor: Actor, o: OrgRow) {
    const open = await openApplications(tx, o.id);
    return {
      ...presentOrganization(o, await names(o)),
      allowedActions: orgAllowedActions(actor, o, open),
      openApplications: open,
    };
  }

  return {
    getScoped,
    applyUpdate,
    insertOrganization,
    community,
    assertCategory,

    async get(actor: Actor, id: string) {
      const o = await getScoped(db, actor, id);
      return detail(db, actor, o);
    },

    /** A new activity group in the community ledger. */
    async create(actor: Actor, input: OrganizationInput) {
      const c = await community(db, input.regionCode);
      if (!can(actor, 'org.create', { regionCode: c.code }))
        throw forbidden('只能在本人负责的社区登记活动小组');
      const scheme = await assertCategory(input.category);
      const row = await db.transaction(async (tx) =>
        insertOrganization(
          tx,
          actor,
          {
            name: input.name,
            tier: 'group',
            categoryScheme: scheme.code,
            category: input.category,
            regionCode: c.code,
            streetCode: c.code.slice(0, 9),
            businessScope: input.businessScope,
            venue: input.venue,
            foundedOn: input.foundedOn ?? null,
            charter: input.charter,
            leaderName: input.leaderName,
            contactName: input.contactName,
            isHub: input.isHub,
            partyStatus: input.partyStatus,
            ...piiColumns(pii, input),
          },
          'created',
        ),
      );
      return detail(db, actor, row);
    },

    async update(actor: Actor, id: string, patch: OrganizationPatch) {
      return db.transaction(async (tx) => {
        const before = await getScoped(tx, actor, id, true);
        const res = { regionCode: before.regionCode, organizationId: before.id };
        if (!can(actor, 'org.update', res)) throw forbidden();
        if (before.status === 'exited') throw unprocessable('已退出的组织不能修改');
        if (patch.version !== before.version) throw staleVersion();
        const { version: _v, leaderIdNumber, leaderPhone, contactPhone, ...fields } = patch;
        if (before.tier !== 'group') {
          const reviewed = reviewedFields.filter(
            (f) => patch[f] !== undefined && patch[f] !== (before as Record<string, unknown>)[f],
          );
          if (reviewed.length) {
            const fieldErrors = Object.fromEntries(
              reviewed.map((f) => [f, '已备案/登记的组织须通过变更申请修改此项']),
            );
            throw unprocessable('名称、负责人、活动场所和业务范围的变更须提交变更申请并经审核', fieldErrors);
          }
        }
        const changes: Partial<OrgRow> = {};
        for (const [k, v] of Object.entries(fields))
          if (v !== undefined) (changes as Record<string, unknown>)[k] = v;
        if (fields.category) await assertCategory(fields.category);
        if (fields.regionCode && fields.regionCode !== before.regionCode) {
          const c = await community(tx, fields.regionCode);
          if (!can(actor, 'org.update', { regionCode: c.code }))
            throw forbidden('不能将组织移出您负责的区域');
          changes.streetCode = c.code.slice(0, 9);
        }
        Object.assign(changes, piiColumns(pii, { leaderIdNumber, leaderPhone, contactPhone }));
        const after = await applyUpdate(tx, actor, before, changes, 'updated');
        return detail(tx, actor, after);
      });
    },

    async history(actor: Actor, id: string) {
      const o = await getScoped(db, actor, id);
      const revs = await db
        .select()
        .from(organizationRevisions)
        .where(eq(organizationRevisions.organizationId, o.id))
        .orderBy(asc(organizationRevisions.version));
      const scheme = await settings.activeScheme();
      const categoryNames = new Map(scheme.categories.map((c) => [c.code, c.name]));
      const codes = revs
        .map((r) => (r.snapshot as { regionCode?: string }).regionCode)
        .filter((c): c is string => !!c);
      const regionNames = new Map(
        (
          await database.query<{ code: string; name: string }>(
            'select code, name from regions where code = any($1)',
            [[...new Set(codes)]],
          )
        ).map((r) => [r.code, r.name]),
      );
      const labelOf = (field: string, v: unknown): string | null => {
        if (v === null || v === undefined || v === '') return null;
        const m: Record<string, Readonly<Record<string, string>>> = {
          tier: tierLabels,
          status: orgStatusLabels,
          partyStatus: partyStatusLabels,
        };
        if (m[field]) return m[field][String(v)] ?? String(v);
        if (field === 'category') return categoryNames.get(String(v)) ?? String(v);
        if (field === 'regionCode') return regionNames.get(String(v)) ?? String(v);
        if (field === 'isHub') return v ? '是' : '否';
        return String(v);
      };
      const items = revs.map((r, i) => {
        const prev = (i > 0 ? revs[i - 1].snapshot : {}) as Record<string, unknown>;
        const cur = r.snapshot as Record<string, unknown>;
        const changes = Object.keys(fieldLabels)
          .filter((f) => JSON.stringify(prev[f] ?? null) !== JSON.stringify(cur[f] ?? null))
          .map((f) => {
            const from = i > 0 ? (prev[f] ?? null) : null;
            const to = cur[f] ?? null;
            return {
              field: f,
              label: fieldLabels[f],
              from,
              to,
              fromLabel: labelOf(f, from),
              toLabel: labelOf(f, to),
            };
          });
        return {
          version: r.version,
          cause: r.cause,
          causeLabel: causeLabels[r.cause] ?? r.cause,
          reason: r.reason,
          changedByName: r.changedByName,
          changedAt: r.changedAt,
          changes,
        };
      });
      return { items: items.reverse() };
    },

    async reveal(actor: Actor, id: string, field: 'leaderIdNumber' | 'leaderPhone' | 'contactPhone') {
      const o = await getScoped(db, actor, id);
      if (!can(actor, 'pii.reveal', { regionCode: o.regionCode, organizationId: o.id }))
        throw forbidden('您的角色无权查看完整个人信息');
      const enc = {
        leaderIdNumber: o.leaderIdEnc,
        leaderPhone: o.leaderPhoneEnc,
        contactPhone: o.contactPhoneEnc,
      }[field];
      if (!enc) throw notFound('该信息');
      await db.transaction(async (tx) =>
        audit.record(tx, {
          actor: auditActor(actor),
          action: 'organization.pii_revealed',
          entity: ['organization', o.id],
          regionCode: o.regionCode,
          after: { field },
        }),
      );
      return { value: pii.decrypt(enc) };
    },

    async latestRevision(orgId: string) {
      const [r] = await db
        .select()
        .from(organizationRevisions)
        .where(eq(organizationRevisions.organizationId, orgId))
        .orderBy(desc(organizationRevisions.version))
        .limit(1);
      return r ?? null;
    },
  };
}
export type OrganizationService = ReturnType<typeof createOrganizationService>;
