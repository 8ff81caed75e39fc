import {
  type ApplicationKind,
  ageOn,
  applicationFlows,
  applicationKindLabels,
  applicationStateLabel,
  availableActions,
  type FilingForm,
  isTerminal,
  maskIdNumber,
  maskPhone,
  todayInShanghai,
  transition,
  validateIdNumber,
} from '@linli/core';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client';
import { applicationSteps, applications, attachments, certificates, organizations } from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import type { Audit } from '../../lib/audit';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can, rolesFor, scopeWhere } from '../../lib/authz/scope';
import type { Clock } from '../../lib/clock';
import type { Pii } from '../../lib/crypto';
import { conflict, forbidden, notFound, unprocessable } from '../../lib/errors';
import type { OrganizationService, OrgRow } from '../organizations/organizations.service';
import type { SettingsRepo } from '../settings/categories.repo';
import { createApplicationEffects } from './applications.effects';
import { presentForm, type StoredFilingForm, storeFilingForm } from './filingForm';

export type AppRow = typeof applications.$inferSelect;
type Deps = {
  database: Database;
  pii: Pii;
  audit: Audit;
  clock: Clock;
  settings: SettingsRepo;
  orgs: OrganizationService;
};

const EDITABLE = new Set(['draft', 'returned']);
export const lostRace = () => conflict('该申请已被他人处理，请刷新后重试', { version: '申请状态已变化' });

export function createApplicationService(deps: Deps) {
  const { database, pii, audit, clock, settings, orgs } = deps;
  const db = database.db;
  const effects = createApplicationEffects(deps);

  async function getScoped(tx: DbOrTx, actor: Actor, id: string, lock = false): Promise<AppRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('申请');
    const q = tx
      .select()
      .from(applications)
      .where(
        and(
          eq(applications.id, id),
          scopeWhere(
            actor,
            { region: applications.regionCode, org: applications.organizationId },
            'org.read',
          ),
        ),
      );
    const [row] = lock ? await q.for('update') : await q;
    if (!row) throw notFound('申请');
    return row;
  }

  const rolesOn = (actor: Actor, a: AppRow) =>
    rolesFor(actor, { regionCode: a.regionCode, organizationId: a.organizationId });

  function canEdit(actor: Actor, a: AppRow) {
    return (
      a.kind === 'filing' &&
      EDITABLE.has(a.state) &&
      availableActions(applicationFlows.filing, a.state, rolesOn(actor, a)).length > 0
    );
  }

  /** 409 when the state does not allow edits, 403 when it does but not for this actor. */
  function assertEditable(actor: Actor, a: AppRow) {
    if (a.kind !== 'filing' || !EDITABLE.has(a.state)) throw conflict('当前状态下申请不能修改');
    if (!canEdit(actor, a)) throw forbidden('只有申请人一方可以修改申请表');
  }

  async function assertNameFree(tx: DbOrTx, regionCode: string, name: string, exceptOrgId?: string | null) {
    const [dup] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(
        and(
          eq(organizations.streetCode, regionCode.slice(0, 9)),
          eq(organizations.name, name),
          sql`${organizations.status} <> 'exited'`,
          exceptOrgId ? sql`${organizations.id} <> ${exceptOrgId}` : undefined,
        ),
      );
    if (dup) throw conflict('同一街道内已有同名的组织', { 'form.name': '同一街道内已有同名的组织' });
  }

  async function addStep(
    tx: DbOrTx,
    actor: Actor,
    a: AppRow,
    event: string,
    to: string,
    reason?: string | null,
  ) {
    const roles = rolesOn(actor, a);
    await tx.insert(applicationSteps).values({
      applicationId: a.id,
      fromState: a.state,
      event,
      toState: to,
      actorId: actor.id,
      actorName: actor.displayName,
      actorRole: roles[0] ?? null,
      reason: reason ?? null,
      at: clock.now(),
    });
  }

  async function insertApplication(
    tx: DbOrTx,
    actor: Actor,
    v: {
      kind: ApplicationKind;
      organizationId: string | null;
      regionCode: string;
      form: Record<string, unknown>;
    },
  ) {
    const [row] = await tx
      .insert(applications)
      .values({ ...v, state: 'draft', applicantId: actor.id, applicantName: actor.displayName })
      .returning();
    await audit.record(tx, {
      actor: auditActor(actor),
      action: `application.created`,
      entity: ['application', row.id],
      regionCode: row.regionCode,
      after: { ...row, form: presentForm(row.form as Record<string, unknown>) },
    });
    return row;
  }

  /** Fire a workflow event: one transaction, version check, state table, side effects, step, audit. */
  async function fire(
    tx: DbOrTx,
    actor: Actor,
    a: AppRow,
    cmd: { event: string; version: number; reason?: string; uscc?: string },
  ) {
    if (a.version !== cmd.version) throw lostRace();
    const flow = applicationFlows[a.kind as ApplicationKind];
    const step = transition(flow, a.state, cmd.event, { roles: rolesOn(actor, a) }, cmd.reason);
    if ('error' in step) {
      if (step.error.code === 'reason_required')
        throw unprocessable(step.error.message, { reason: step.error.message });
      if (step.error.code === 'role_not_allowed') throw forbidden(step.error.message);
      throw conflict(step.error.message);
    }
    const patch: Partial<AppRow> = { state: step.to, updatedAt: clock.now() };
    if (cmd.event === 'submit' || cmd.event === 'resubmit' || cmd.event === 'recommend')
      patch.submittedAt = clock.now();
    if (isTerminal(flow, step.to)) patch.decidedAt = clock.now();
    const effect = await effects.run(tx, actor, a, cmd, step.to);
    if (effect.organizationId) patch.organizationId = effect.organizationId;
    const next = await updateVersioned(tx, applications, a, patch, lostRace);
    await addStep(tx, actor, a, cmd.event, step.to, cmd.reason);
    await audit.record(tx, {
      actor: auditActor(actor),
      action: `application.${a.kind}.${cmd.event}`,
      entity: ['application', a.id],
      regionCode: a.regionCode,
      before: { state: a.state, version: a.version },
      after: {
        state: next.state,
        version: next.version,
        reason: cmd.reason ?? null,
        certificateNumber: effect.certificateNumber ?? null,
      },
    });
    return next;
  }

  /** Validate the leader and name rules a filing must meet before it leaves the applicant. */
  async function checkFilingReady(tx: DbOrTx, a: AppRow) {
    const form = a.form as StoredFilingForm;
    if (!form.leaderIdEnc)
      throw unprocessable('请填写负责人身份证号', { 'form.leaderIdNumber': '请填写负责人身份证号' });
    if (!form.leaderPhoneEnc)
      throw unprocessable('请填写负责人手机号', { 'form.leaderPhone': '请填写负责人手机号' });
    const id = validateIdNumber(pii.decrypt(form.leaderIdEnc));
    if (id.ok && ageOn(id.birthDate, todayInShanghai(clock.now())) < 18) {
      throw unprocessable('负责人须为具有完全民事行为能力的成年人', {
        'form.leaderIdNumber': '负责人须年满 18 周岁',
      });
    }
    await assertNameFree(tx, a.regionCode, form.name, a.organizationId);
  }

  async function detail(tx: DbOrTx, actor: Actor, a: AppRow) {
    const steps = await tx
      .select()
      .from(applicationSteps)
      .where(eq(applicationSteps.applicationId, a.id))
      .orderBy(asc(applicationSteps.at));
    const files = await tx
      .select({
        id: attachments.id,
        fileName: attachments.fileName,
        mimeType: attachments.mimeType,
        size: attachments.size,
        purpose: attachments.purpose,
        createdAt: attachments.createdAt,
      })
      .from(attachments)
      .where(eq(attachments.applicationId, a.id));
    const [cert] = await tx
      .select({ number: certificates.number })
      .from(certificates)
      .where(eq(certificates.applicationId, a.id));
    const names = await database.query<{
      communityName: string | null;
      streetName: string | null;
      orgName: string | null;
    }>(
      `select (select name from regions where code = $1) as "communityName",
              (select name from regions where code = (substr($1, 1, 9) || '000')::char(12)) as "streetName",
              (select name from organizations where id = $2::uuid) as "orgName"`,
      [a.regionCode, a.organizationId],
    );
    const flow = applicationFlows[a.kind as ApplicationKind];
    const roles = rolesOn(actor, a);
    const form = presentForm(a.form as Record<string, unknown>);
    const categoryName =
      typeof form.category === 'string'
        ? ((await settings.activeScheme()).categories.find((c) => c.code === form.category)?.name ?? null)
        : null;
    return {
      id: a.id,
      kind: a.kind,
      kindLabel: applicationKindLabels[a.kind as ApplicationKind] ?? a.kind,
      state: a.state,
      stateLabel: applicationStateLabel(a.kind as ApplicationKind, a.state),
      organizationId: a.organizationId,
      name: (form.name as string | undefined) ?? names[0].orgName ?? '',
      regionCode: a.regionCode,
      communityName: names[0].communityName,
      streetName: names[0].streetName,
      applicantName: a.applicantName,
      submittedAt: a.submittedAt,
      decidedAt: a.decidedAt,
      createdAt: a.createdAt,
      updatedAt: a.updatedAt,
      version: a.version,
      form: { ...form, categoryName },
      steps: steps.map((s) => ({
        fromState: s.fromState,
        fromStateLabel: applicationStateLabel(a.kind as ApplicationKind, s.fromState),
        event: s.event,
        eventLabel:
          (flow[s.fromState] as Record<string, { label: string }> | undefined)?.[s.event]?.label ?? s.event,
        toState: s.toState,
        toStateLabel: applicationStateLabel(a.kind as ApplicationKind, s.toState),
        actorName: s.actorName,
        actorRole: s.actorRole,
        reason: s.reason,
        at: s.at,
      })),
      attachments: files,
      allowedEvents: availableActions(flow, a.state, roles).map((e) => ({
        event: e.event,
        label: e.label,
        needsReason: e.needsReason,
      })),
      allowedActions: [...(canEdit(actor, a) ? ['edit', 'upload'] : [])],
      certificateNumber: cert?.number ?? null,
    };
  }

  async function assertNoOpen(tx: DbOrTx, orgId: string, kind: ApplicationKind) {
    const [open] = await tx
      .select({ id: applications.id })
      .from(applications)
      .where(
        and(
          eq(applications.organizationId, orgId),
          eq(applications.kind, kind),
          sql`${applications.state} in ('draft','community_review','street_review','district_review','returned')`,
        ),
      );
    if (open) throw conflict(`该组织已有进行中的${applicationKindLabels[kind]}`, { applicationId: open.id });
  }

  function filingFormFromOrg(o: OrgRow): StoredFilingForm {
    return {
      name: o.name,
      category: o.category,
      businessScope: o.businessScope,
      venue: o.venue,
      foundedOn: o.foundedOn ?? undefined,
      charter: o.charter,
      leaderName: o.leaderName,
      memberCount: o.memberCount,
      contactName: o.contactName,
      note: '',
      ...(o.leaderIdEnc ? { leaderIdEnc: o.leaderIdEnc, leaderIdMasked: o.leaderIdMasked ?? undefined } : {}),
      ...(o.leaderPhoneEnc
        ? { leaderPhoneEnc: o.leaderPhoneEnc, leaderPhoneMasked: o.leaderPhoneMasked ?? undefined }
        : {}),
      ...(o.contactPhoneEnc
        ? { contactPhoneEnc: o.contactPhoneEnc, contactPhoneMasked: o.contactPhoneMasked ?? undefined }
        : {}),
    };
  }

  return {
    getScoped,
    assertEditable,
    async get(actor: Actor, id: string) {
      return detail(db, actor, await getScoped(db, actor, id));
    },

    /** A new filing application (备案申请表), for an existing group or a new organization. */
    async createFiling(
      actor: Actor,
      input: { organizationId?: string; regionCode: string; form: FilingForm },
    ) {
      return db.transaction(async (tx) => {
        let regionCode = input.regionCode;
        if (input.organizationId) {
          const o = await orgs.getScoped(tx, actor, input.organizationId);
          if (o.tier !== 'group') throw unprocessable('只有社区活动小组可以申请备案');
          await assertNoOpen(tx, o.id, 'filing');
          regionCode = o.regionCode;
        } else {
          await orgs.community(tx, regionCode);
        }
        if (!can(actor, 'filing.apply', { regionCode, organizationId: input.organizationId ?? null })) {
          throw forbidden('只能为本人负责的社区或组织提交备案申请');
        }
        await orgs.assertCategory(input.form.category);
        if (!input.form.leaderIdNumber)
          throw unprocessable('请填写负责人身份证号', { 'form.leaderIdNumber': '请填写负责人身份证号' });
        if (!input.form.leaderPhone)
          throw unprocessable('请填写负责人手机号', { 'form.leaderPhone': '请填写负责人手机号' });
        await assertNameFree(tx, regionCode, input.form.name, input.organizationId);
        const row = await insertApplication(tx, actor, {
          kind: 'filing',
          organizationId: input.organizationId ?? null,
          regionCode,
          form: storeFilingForm(pii, input.form),
        });
        return detail(tx, actor, row);
      });
    },

    async updateForm(actor: Actor, id: string, cmd: { version: number; form: FilingForm }) {
      return db.transaction(async (tx) => {
        const a = await getScoped(tx, actor, id, true);
        if (a.version !== cmd.version) throw lostRace();
        assertEditable(actor, a);
        await orgs.assertCategory(cmd.form.category);
        await assertNameFree(tx, a.regionCode, cmd.form.name, a.organizationId);
        const form = storeFilingForm(pii, cmd.form, a.form as StoredFilingForm);
        const next = await updateVersioned(tx, applications, a, { form, updatedAt: clock.now() }, lostRace);
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'application.form_updated',
          entity: ['application', a.id],
          regionCode: a.regionCode,
          before: presentForm(a.form as Record<string, unknown>),
          after: presentForm(form as Record<string, unknown>),
        });
        return detail(tx, actor, next);
      });
    },

    async event(
      actor: Actor,
      id: string,
      cmd: { event: string; version: number; reason?: string; uscc?: string },
    ) {
      return db.transaction(async (tx) => {
        const a = await getScoped(tx, actor, id, true);
        if (
          a.kind === 'filing' &&
          (cmd.event === 'submit' || cmd.event === 'resubmit') &&
          a.version === cmd.version
        ) {
          await checkFilingReady(tx, a);
        }
        const next = await fire(tx, actor, a, cmd);
        return detail(tx, actor, next);
      });
    },

    /** Community recommends a group for filing: a draft pre-filled from the ledger. */
    async recommendFiling(actor: Actor, orgId: string) {
      return db.transaction(async (tx) => {
        const o = await orgs.getScoped(tx, actor, orgId);
        if (!can(actor, 'filing.apply', { regionCode: o.regionCode, organizationId: o.id }))
          throw forbidden();
        if (o.tier !== 'group' || o.status !== 'active')
          throw unprocessable('只有正常活动的社区活动小组可以推荐备案');
        await assertNoOpen(tx, o.id, 'filing');
        const row = await insertApplication(tx, actor, {
          kind: 'filing',
          organizationId: o.id,
          regionCode: o.regionCode,
          form: { ...filingFormFromOrg(o), note: '由社区推荐备案' },
        });
        return { id: row.id };
      });
    },

    /** Street recommends a filed organization for registration with the district. */
    async recommendRegistration(actor: Actor, orgId: string, note: string) {
      return db.transaction(async (tx) => {
        const o = await orgs.getScoped(tx, actor, orgId);
        if (!can(actor, 'registration.recommend', { regionCode: o.regionCode })) throw forbidden();
        if (o.tier !== 'filed' || o.status !== 'active')
          throw unprocessable('只有正常活动的备案类组织可以推荐登记');
        await assertNoOpen(tx, o.id, 'registration');
        const draft = await insertApplication(tx, actor, {
          kind: 'registration',
          organizationId: o.id,
          regionCode: o.regionCode,
          form: { name: o.name, filingNumber: o.filingNumber, note },
        });
        const next = await fire(tx, actor, draft, { event: 'recommend', version: draft.version });
        return { id: next.id };
      });
    },

    /** A change of name, leader, venue or scope for a filed/registered organization. */
    async requestChange(
      actor: Actor,
      orgId: string,
      req: { changes: Record<string, string | undefined>; note: string },
    ) {
      return db.transaction(async (tx) => {
        const o = await orgs.getScoped(tx, actor, orgId);
        if (!can(actor, 'change.apply', { regionCode: o.regionCode, organizationId: o.id }))
          throw forbidden();
        if (o.tier === 'group') throw unprocessable('活动小组的信息可直接修改，无需变更申请');
        if (o.status === 'exited') throw unprocessable('已退出的组织不能申请变更');
        await assertNoOpen(tx, o.id, 'change');
        const { leaderIdNumber, leaderPhone, ...plain } = req.changes;
        if (plain.name && plain.name !== o.name) await assertNameFree(tx, o.regionCode, plain.name, o.id);
        const changes: Record<string, unknown> = Object.fromEntries(
          Object.entries(plain).filter(([, v]) => v !== undefined),
        );
        if (leaderIdNumber)
          changes.leaderId = { enc: pii.encrypt(leaderIdNumber), masked: maskIdNumber(leaderIdNumber) };
        if (leaderPhone)
          changes.leaderPhone = { enc: pii.encrypt(leaderPhone), masked: maskPhone(leaderPhone) };
        const row = await insertApplication(tx, actor, {
          kind: 'change',
          organizationId: o.id,
          regionCode: o.regionCode,
          form: {
            name: o.name,
            changes,
            before: {
              name: o.name,
              leaderName: o.leaderName,
              venue: o.venue,
              businessScope: o.businessScope,
              leaderIdMasked: o.leaderIdMasked,
              leaderPhoneMasked: o.leaderPhoneMasked,
            },
            note: req.note,
          },
        });
        const next = await fire(tx, actor, row, { event: 'submit', version: row.version });
        return { id: next.id };
      });
    },

    async requestExit(
      actor: Actor,
      orgId: string,
      req: { kind: 'dissolution' | 'cancellation'; reason: string },
    ) {
      return db.transaction(async (tx) => {
        const o = await orgs.getScoped(tx, actor, orgId);
        const res = { regionCode: o.regionCode, organizationId: o.id };
        if (!can(actor, 'change.apply', res) && !can(actor, 'org.exit', res)) throw forbidden();
        if (o.status === 'exited') throw unprocessable('该组织已退出');
        await assertNoOpen(tx, o.id, 'exit');
        const row = await insertApplication(tx, actor, {
          kind: 'exit',
          organizationId: o.id,
          regionCode: o.regionCode,
          form: { name: o.name, exitKind: req.kind, reason: req.reason },
        });
        const next = await fire(tx, actor, row, { event: 'submit', version: row.version });
        return { id: next.id };
      });
    },
  };
}
export type ApplicationService = ReturnType<typeof createApplicationService>;
