import {
  type ApplicationKind,
  formatFilingNumber,
  maskName,
  todayInShanghai,
  validateUscc,
  yearInShanghai,
} from '@linli/core';
import { eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client';
import { type applications, certificates, organizations } from '../../db/schema';
import type { Audit } from '../../lib/audit';
import { type Actor, auditActor } from '../../lib/authz/actor';
import type { Clock } from '../../lib/clock';
import { conflict, isUniqueViolation, unprocessable } from '../../lib/errors';
import type { OrganizationService, OrgRow } from '../organizations/organizations.service';
import type { SettingsRepo } from '../settings/categories.repo';
import type { StoredFilingForm } from './filingForm';

type AppRow = typeof applications.$inferSelect;
type Deps = {
  database: Database;
  audit: Audit;
  clock: Clock;
  settings: SettingsRepo;
  orgs: OrganizationService;
};
type Cmd = { event: string; reason?: string; uscc?: string };
export type EffectResult = { organizationId?: string; certificateNumber?: string };

/** What a workflow step does to the organization register, in the same transaction as the step. */
export function createApplicationEffects({ audit, clock, settings, orgs }: Deps) {
  async function loadOrg(tx: DbOrTx, id: string | null): Promise<OrgRow> {
    const [o] = id ? await tx.select().from(organizations).where(eq(organizations.id, id)).for('update') : [];
    if (!o) throw unprocessable('申请所属的组织不存在');
    return o;
  }

  async function nextFilingNumber(tx: DbOrTx, streetCode: string) {
    const year = yearInShanghai(clock.now());
    const res = await tx.execute(
      sql`insert into filing_counters (street_code, year, last_seq) values (${streetCode}, ${year}, 1)
          on conflict (street_code, year) do update set last_seq = filing_counters.last_seq + 1
          returning last_seq`,
    );
    const seq = Number((res as unknown as { rows: { last_seq: number }[] }).rows[0].last_seq);
    return formatFilingNumber({ streetCode, year, seq });
  }

  async function file(tx: DbOrTx, actor: Actor, a: AppRow): Promise<EffectResult> {
    const form = a.form as StoredFilingForm;
    const streetCode = a.regionCode.slice(0, 9);
    const number = await nextFilingNumber(tx, streetCode);
    const today = todayInShanghai(clock.now());
    const scheme = await settings.activeScheme();
    const fields = {
      name: form.name,
      tier: 'filed',
      category: form.category,
      categoryScheme: scheme.code,
      businessScope: form.businessScope,
      venue: form.venue,
      foundedOn: form.foundedOn ?? null,
      charter: form.charter,
      leaderName: form.leaderName,
      leaderIdEnc: form.leaderIdEnc ?? null,
      leaderIdMasked: form.leaderIdMasked ?? null,
      leaderPhoneEnc: form.leaderPhoneEnc ?? null,
      leaderPhoneMasked: form.leaderPhoneMasked ?? null,
      contactName: form.contactName ?? '',
      contactPhoneEnc: form.contactPhoneEnc ?? null,
      contactPhoneMasked: form.contactPhoneMasked ?? null,
      filingNumber: number,
      filedOn: today,
      status: 'active',
    } satisfies Partial<OrgRow>;
    let org: OrgRow;
    if (a.organizationId) {
      const before = await loadOrg(tx, a.organizationId);
      org = await orgs.applyUpdate(tx, actor, before, fields, 'filed');
    } else {
      org = await orgs.insertOrganization(
        tx,
        actor,
        { ...fields, regionCode: a.regionCode, streetCode, memberCount: form.memberCount ?? 0 },
        'filed',
      );
    }
    const names = await tx.execute(
      sql`select (select name from regions where code = ${a.regionCode}) as community,
                 (select name from regions where code = ${`${streetCode}000`}) as street`,
    );
    const n = (names as unknown as { rows: { community: string; street: string }[] }).rows[0];
    const categoryName = scheme.categories.find((c) => c.code === form.category)?.name ?? form.category;
    const leaderNameMasked = maskName(form.leaderName);
    await tx.insert(certificates).values({
      number,
      organizationId: org.id,
      applicationId: a.id,
      kind: 'filing',
      particulars: {
        name: form.name,
        tier: 'filed',
        category: form.category,
        categoryName,
        leaderNameMasked,
        businessScope: form.businessScope,
        venue: form.venue,
        communityName: n.community,
        streetName: n.street,
        filedOn: today,
      },
      issuedOn: today,
      issuedBy: actor.id,
      issuerName: `${n.street}办事处`.replace('街道办事处办事处', '街道办事处'),
    });
    await audit.record(tx, {
      actor: auditActor(actor),
      action: 'certificate.issued',
      entity: ['certificate', number],
      regionCode: a.regionCode,
      after: { number, organizationId: org.id },
    });
    return { organizationId: org.id, certificateNumber: number };
  }

  async function approveChange(tx: DbOrTx, actor: Actor, a: AppRow): Promise<EffectResult> {
    const before = await loadOrg(tx, a.organizationId);
    const c = (a.form as { changes: Record<string, unknown> }).changes;
    const patch: Partial<OrgRow> = {};
    for (const k of ['name', 'leaderName', 'venue', 'businessScope'] as const)
      if (typeof c[k] === 'string') patch[k] = c[k] as string;
    const leaderId = c.leaderId as { enc: string; masked: string } | undefined;
    if (leaderId) Object.assign(patch, { leaderIdEnc: leaderId.enc, leaderIdMasked: leaderId.masked });
    const leaderPhone = c.leaderPhone as { enc: string; masked: string } | undefined;
    if (leaderPhone)
      Object.assign(patch, { leaderPhoneEnc: leaderPhone.enc, leaderPhoneMasked: leaderPhone.masked });
    await orgs.applyUpdate(tx, actor, before, patch, 'change_approved', (a.form as { note?: string }).note);
    return {};
  }

  async function register(
    tx: DbOrTx,
    actor: Actor,
    a: AppRow,
    uscc: string | undefined,
  ): Promise<EffectResult> {
    const r = validateUscc(uscc ?? '');
    if (!uscc) throw unprocessable('请填写统一社会信用代码', { uscc: '准予登记须填写统一社会信用代码' });
    if (!r.ok) throw unprocessable(r.message, { uscc: r.message });
    const before = await loadOrg(tx, a.organizationId);
    try {
      await orgs.applyUpdate(
        tx,
        actor,
        before,
        { tier: 'registered', uscc: r.normalized, registeredOn: todayInShanghai(clock.now()) },
        'registered',
      );
    } catch (e) {
      if (isUniqueViolation(e, 'org_uscc_uq'))
        throw conflict('该统一社会信用代码已被其他组织使用', { uscc: '代码已被使用' });
      throw e;
    }
    return {};
  }

  async function exitStep(
    tx: DbOrTx,
    actor: Actor,
    a: AppRow,
    to: string,
    reason?: string,
  ): Promise<EffectResult> {
    const before = await loadOrg(tx, a.organizationId);
    const form = a.form as { exitKind: string; reason: string };
    if (to === 'street_review' && before.status !== 'exiting') {
      await orgs.applyUpdate(tx, actor, before, { status: 'exiting' }, 'exit_requested', form.reason);
    } else if (to === 'exited') {
      await orgs.applyUpdate(
        tx,
        actor,
        before,
        {
          status: 'exited',
          exitedOn: todayInShanghai(clock.now()),
          exitReason: `${form.exitKind === 'dissolution' ? '自行解散' : '撤销/清理'}：${form.reason}`,
        },
        'exited',
        form.reason,
      );
      await tx.execute(
        sql`update certificates set revoked_at = ${clock.now()}, revoke_reason = '组织已退出' where organization_id = ${before.id} and revoked_at is null`,
      );
    } else if ((to === 'withdrawn' || to === 'returned') && before.status === 'exiting') {
      await orgs.applyUpdate(tx, actor, before, { status: 'active' }, 'exit_cancelled', reason);
    }
    return {};
  }

  return {
    async run(tx: DbOrTx, actor: Actor, a: AppRow, cmd: Cmd, to: string): Promise<EffectResult> {
      const kind = a.kind as ApplicationKind;
      if (kind === 'filing' && to === 'filed') return file(tx, actor, a);
      if (kind === 'change' && to === 'approved') return approveChange(tx, actor, a);
      if (kind === 'registration' && to === 'registered') return register(tx, actor, a, cmd.uscc);
      if (kind === 'exit') return exitStep(tx, actor, a, to, cmd.reason);
      return {};
    },
  };
}
