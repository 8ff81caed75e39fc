import {
  ageOn,
  type StarBasis,
  todayInShanghai,
  VOLUNTEER_GUARDIAN_AGE,
  type VolunteerConsentChange,
  type VolunteerConsentHow,
  type VolunteerInput,
  type VolunteerPatch,
  validateIdNumber,
} from '@linli/core';
import { and, asc, desc, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database, DbOrTx } from '../../db/client';
import {
  regions,
  teamMemberships,
  volunteerConsents,
  volunteers,
  volunteerTeams,
  volunteerTotals,
} from '../../db/schema';
import { updateVersioned } from '../../db/versioned';
import type { Audit, AuditActor } from '../../lib/audit';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can, scopeRanges } from '../../lib/authz/scope';
import type { Clock } from '../../lib/clock';
import type { Pii } from '../../lib/crypto';
import { EXPORT_ROW_LIMIT } from '../../lib/documents/excel';
import {
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
  staleVersion,
  unprocessable,
} from '../../lib/errors';
import { likePattern, parseSort } from '../../lib/pagination';
import {
  presentConsent,
  presentVolunteer,
  type VolunteerRow,
  volunteerPiiColumns,
  volunteerSnapshot,
} from './volunteers.presenter';

type Deps = { database: Database; pii: Pii; audit: Audit; clock: Clock };
export type RegisterVia = 'self' | 'staff' | 'import';

export const duplicateVolunteerError = () =>
  conflict('该身份证号已登记为志愿者', { idNumber: '该身份证号已登记为志愿者' });

/**
 * Rows the actor may see: volunteers in the communities their region grants cover, and for an
 * organization leader the volunteers who applied to or joined one of their organization's teams.
 */
export function volunteerScope(
  actor: Actor,
  permission: 'volunteer.read' | 'volunteer.manage' = 'volunteer.read',
) {
  const s = scopeRanges(actor, permission);
  if (s.all) return sql`true`;
  const parts: SQL[] = s.ranges.map(([lo, hi]) => sql`${volunteers.regionCode} between ${lo} and ${hi}`);
  if (s.orgIds.length)
    parts.push(
      sql`${volunteers.id} in (select m.volunteer_id from team_memberships m join volunteer_teams on volunteer_teams.id = m.team_id where ${inArray(volunteerTeams.organizationId, s.orgIds)})`,
    );
  if (parts.length === 0) return sql`false`;
  return parts.length === 1 ? parts[0] : (or(...parts) as SQL);
}

const VOLUNTEER_SORTS = ['realName', 'volunteerNumber', 'createdAt'] as const;

/** `realName`, `volunteerNumber` or `createdAt`, `-` for descending; default: newest first. */
function volunteerOrder(sort: string | undefined): SQL[] {
  if (!sort) return [desc(volunteers.createdAt), desc(volunteers.id)];
  const s = parseSort(sort, VOLUNTEER_SORTS, 'createdAt');
  const dir = s.desc ? desc : asc;
  return [dir(volunteers[s.key]), dir(volunteers.id)];
}

/** The list's filters (GET /api/v1/volunteers and its export). */
export type VolunteerListFilter = { q?: string; regionCode?: string; status?: string; sort?: string };

/** The actor's scope and the list filters. */
function listWhere(actor: Actor, f: VolunteerListFilter): SQL | undefined {
  const conds: SQL[] = [volunteerScope(actor)];
  if (f.q) {
    const p = likePattern(f.q);
    conds.push(or(like(volunteers.realName, p), like(volunteers.volunteerNumber, p)) as SQL);
  }
  if (f.regionCode)
    conds.push(sql`${volunteers.regionCode} like ${`${f.regionCode.replace(/(000)+$/, '')}%`}`);
  if (f.status) conds.push(eq(volunteers.status, f.status));
  return and(...conds);
}

export function createVolunteerService(deps: Deps) {
  const { database, pii, audit, clock } = deps;
  const db = database.db;

  async function getScoped(tx: DbOrTx, actor: Actor, id: string, lock = false): Promise<VolunteerRow> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound('志愿者');
    const q = tx
      .select()
      .from(volunteers)
      .where(and(eq(volunteers.id, id), volunteerScope(actor)));
    const [row] = lock ? await q.for('update') : await q;
    if (!row) throw notFound('志愿者');
    return row;
  }

  async function community(tx: DbOrTx, regionCode: string) {
    const [r] = await tx.select().from(regions).where(eq(regions.code, regionCode));
    if (r?.level !== 5)
      throw unprocessable('所属社区不存在', { regionCode: '请选择有效的社区（居委会/村委会）' });
    return r;
  }

  /** Age and guardian rule: under 14 the guardian's name, phone and consent are required. */
  function guardianCheck(
    input: Pick<VolunteerInput, 'idNumber' | 'guardianName' | 'guardianPhone' | 'guardianConsent'>,
  ) {
    const id = validateIdNumber(input.idNumber);
    if (!id.ok) throw unprocessable(id.message, { idNumber: id.message });
    const minor = ageOn(id.birthDate, todayInShanghai(clock.now())) < VOLUNTEER_GUARDIAN_AGE;
    if (minor) {
      const fields: Record<string, string> = {};
      if (!input.guardianName) fields.guardianName = '未满 14 周岁须填写监护人姓名';
      if (!input.guardianPhone) fields.guardianPhone = '未满 14 周岁须填写监护人电话';
      if (input.guardianConsent !== true) fields.guardianConsent = '未满 14 周岁须经监护人同意';
      if (Object.keys(fields).length)
        throw unprocessable('未满 14 周岁的志愿者须由监护人陪同登记并同意', fields, 'guardian_required');
    }
    return { ...id, minor };
  }

  async function nextNumber(regionCode: string) {
    const prefix = `V${regionCode.slice(0, 6)}-${todayInShanghai(clock.now()).slice(0, 4)}`;
    const [r] = await database.query<{ last: number }>(
      `insert into volunteer_number_counters (prefix, last) values ($1, 1)
         on conflict (prefix) do update set last = volunteer_number_counters.last + 1 returning last`,
      [prefix],
    );
    return `${prefix}-${String(r.last).padStart(6, '0')}`;
  }

  async function consentHistory(tx: DbOrTx, volunteerId: string) {
    return tx
      .select()
      .from(volunteerConsents)
      .where(eq(volunteerConsents.volunteerId, volunteerId))
      .orderBy(desc(volunteerConsents.at), desc(volunteerConsents.id));
  }

  /** Inserts one volunteer with its consents and the audit entry, inside an open transaction. */
  async function insertVolunteer(
    tx: DbOrTx,
    actor: Actor | null,
    input: Omit<VolunteerInput, 'teamId'>,
    via: RegisterVia,
  ): Promise<VolunteerRow> {
    const id = guardianCheck(input);
    const hmac = pii.blindIndex(id.normalized);
    const [dup] = await tx
      .select({ id: volunteers.id })
      .from(volunteers)
      .where(eq(volunteers.idNumberHmac, hmac));
    if (dup) throw duplicateVolunteerError();
    const now = clock.now();
    let row: VolunteerRow;
    try {
      [row] = await tx
        .insert(volunteers)
        .values({
          volunteerNumber: await nextNumber(input.regionCode),
          realName: input.realName,
          birthDate: id.birthDate,
          sex: id.sex,
          regionCode: input.regionCode,
          skills: [...new Set(input.skills)],
          interests: [...new Set(input.interests)],
          guardianName: id.minor ? (input.guardianName ?? null) : null,
          createdVia: via,
          createdBy: actor?.id ?? null,
          createdAt: now,
          updatedAt: now,
          ...(volunteerPiiColumns(pii, {
            idNumber: id.normalized,
            phone: input.phone,
            guardianPhone: id.minor ? input.guardianPhone : undefined,
          }) as Required<
            Pick<VolunteerRow, 'idNumberEnc' | 'idNumberHmac' | 'idNumberMasked' | 'phoneEnc' | 'phoneMasked'>
          >),
        })
        .returning();
    } catch (e) {
      if (isUniqueViolation(e, 'volunteers_id_hmac_uq')) throw duplicateVolunteerError();
      throw e;
    }
    const how: VolunteerConsentHow = id.minor ? 'guardian' : via === 'self' ? 'self' : 'staff_recorded';
    const byName = actor?.displayName ?? (id.minor ? `监护人 ${input.guardianName}` : input.realName);
    const latest = new Map(input.consents.map((c) => [c.purpose, c.granted]));
    await tx.insert(volunteerConsents).values(
      [...latest].map(([purpose, granted]) => ({
        volunteerId: row.id,
        purpose,
        granted,
        at: now,
        byUserId: actor?.id ?? null,
        byName,
        how,
      })),
    );
    await audit.record(tx, {
      actor: actorFor(actor),
      action:
        via === 'self'
          ? 'volunteer.self_registered'
          : `volunteer.${via === 'import' ? 'imported' : 'registered'}`,
      entity: ['volunteer', row.id],
      regionCode: row.regionCode,
      after: { ...volunteerSnapshot(row), consents: Object.fromEntries(latest), consentHow: how },
    });
    return row;
  }

  const actorFor = (actor: Actor | null): AuditActor => auditActor(actor) ?? { id: null, name: '志愿者本人' };

  function allowedActions(actor: Actor, v: VolunteerRow) {
    const acts: string[] = [];
    if (can(actor, 'volunteer.manage', { regionCode: v.regionCode })) acts.push('update', 'consent');
    return acts;
  }

  async function detail(tx: DbOrTx, actor: Actor, v: VolunteerRow) {
    const history = await consentHistory(tx, v.id);
    const current: Record<string, boolean> = {};
    for (const c of [...history].reverse()) current[c.purpose] = c.granted;
    const [names] = await database.query<{ communityName: string | null; streetName: string | null }>(
      `select (select name from regions where code = $1) as "communityName",
              (select name from regions where code = $2) as "streetName"`,
      [v.regionCode, `${v.regionCode.slice(0, 9)}000`],
    );
    const teams = await tx
      .select({
        membershipId: teamMemberships.id,
        teamId: volunteerTeams.id,
        teamName: volunteerTeams.name,
        organizationId: volunteerTeams.organizationId,
        state: teamMemberships.state,
      })
      .from(teamMemberships)
      .innerJoin(volunteerTeams, eq(volunteerTeams.id, teamMemberships.teamId))
      .where(eq(teamMemberships.volunteerId, v.id))
      .orderBy(desc(teamMemberships.requestedAt));
    return {
      ...presentVolunteer(v),
      ...names,
      age: ageOn(v.birthDate, todayInShanghai(clock.now())),
      consents: current,
      consentHistory: history.map(presentConsent),
      teams,
      allowedActions: allowedActions(actor, v),
    };
  }

  return {
    getScoped,
    community,
    insertVolunteer,
    detail,

    /** Self-registration from the H5 page (no login). */
    async registerSelf(input: Omit<VolunteerInput, 'teamId'>) {
      await community(db, input.regionCode);
      const row = await db.transaction(async (tx) => insertVolunteer(tx, null, input, 'self'));
      return {
        id: row.id,
        volunteerNumber: row.volunteerNumber,
        realName: row.realName,
        idNumberMasked: row.idNumberMasked,
        phoneMasked: row.phoneMasked,
        regionCode: row.regionCode,
        status: row.status,
        createdAt: row.createdAt,
      };
    },

    /** Staff (or a team's leader, into their team) register a volunteer with the volunteer's consent. */
    async create(actor: Actor, input: VolunteerInput) {
      const c = await community(db, input.regionCode);
      const row = await db.transaction(async (tx) => {
        let team: typeof volunteerTeams.$inferSelect | undefined;
        if (input.teamId) {
          [team] = await tx.select().from(volunteerTeams).where(eq(volunteerTeams.id, input.teamId));
          if (
            !team ||
            !can(actor, 'team.manage', { regionCode: team.regionCode, organizationId: team.organizationId })
          )
            throw unprocessable('服务队不存在或无权管理', { teamId: '请选择您管理的服务队' });
        }
        const byRegion = can(actor, 'volunteer.manage', { regionCode: c.code });
        const byTeam =
          !!team &&
          can(actor, 'volunteer.manage', {
            regionCode: team.regionCode,
            organizationId: team.organizationId,
          });
        if (!byRegion && !byTeam) throw forbidden('只能在本人负责的社区或服务队登记志愿者');
        const v = await insertVolunteer(tx, actor, input, 'staff');
        if (team) {
          const now = clock.now();
          const [m] = await tx
            .insert(teamMemberships)
            .values({
              teamId: team.id,
              volunteerId: v.id,
              state: 'approved',
              requestedAt: now,
              requestedBy: actor.id,
              decidedBy: actor.id,
              decidedByName: actor.displayName,
              decidedAt: now,
            })
            .returning();
          await audit.record(tx, {
            actor: auditActor(actor),
            action: 'team.member_added',
            entity: ['volunteer_team', team.id],
            regionCode: team.regionCode,
            after: m,
          });
        }
        return v;
      });
      return detail(db, actor, row);
    },

    async get(actor: Actor, id: string) {
      const v = await getScoped(db, actor, id);
      return detail(db, actor, v);
    },

    async list(actor: Actor, f: VolunteerListFilter & { page: number; pageSize: number }) {
      const where = listWhere(actor, f);
      const [{ total }] = await db
        .select({ total: sql<number>`count(*)::int` })
        .from(volunteers)
        .where(where);
      const rows = await db
        .select({
          id: volunteers.id,
          volunteerNumber: volunteers.volunteerNumber,
          realName: volunteers.realName,
          idNumberMasked: volunteers.idNumberMasked,
          phoneMasked: volunteers.phoneMasked,
          sex: volunteers.sex,
          regionCode: volunteers.regionCode,
          communityName: regions.name,
          skills: volunteers.skills,
          interests: volunteers.interests,
          status: volunteers.status,
          createdVia: volunteers.createdVia,
          createdAt: volunteers.createdAt,
          version: volunteers.version,
        })
        .from(volunteers)
        .leftJoin(regions, eq(regions.code, volunteers.regionCode))
        .where(where)
        .orderBy(...volunteerOrder(f.sort))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize);
      return { items: rows, total, page: f.page, pageSize: f.pageSize };
    },

    /**
     * Every row of the list for an Excel export: the list's filters, scope and order, no paging
     * (capped at `limit`), with the street, lifetime minutes and the minutes the star level counts
     * (lifetime, or this calendar year's valid records when the deployment's stars are per year).
     */
    async exportRows(actor: Actor, f: VolunteerListFilter, starBasis: StarBasis, limit = EXPORT_ROW_LIMIT) {
      const year = todayInShanghai(clock.now()).slice(0, 4);
      const streets = alias(regions, 'streets');
      const minutes = sql<number>`coalesce(${volunteerTotals.minutes}, 0)`.mapWith(Number);
      const starMinutes =
        starBasis === 'year'
          ? sql<number>`(select coalesce(sum(r.minutes), 0)::int from service_records r
              where r.volunteer_id = ${volunteers.id} and r.status = 'valid'
                and r.service_date between ${`${year}-01-01`} and ${`${year}-12-31`})`.mapWith(Number)
          : minutes;
      return db
        .select({
          volunteerNumber: volunteers.volunteerNumber,
          realName: volunteers.realName,
          sex: volunteers.sex,
          idNumberMasked: volunteers.idNumberMasked,
          phoneMasked: volunteers.phoneMasked,
          regionCode: volunteers.regionCode,
          communityName: regions.name,
          streetName: streets.name,
          skills: volunteers.skills,
          interests: volunteers.interests,
          minutes,
          starMinutes,
          status: volunteers.status,
          createdVia: volunteers.createdVia,
          createdAt: volunteers.createdAt,
        })
        .from(volunteers)
        .leftJoin(regions, eq(regions.code, volunteers.regionCode))
        .leftJoin(streets, eq(streets.code, sql`substr(${volunteers.regionCode}, 1, 9) || '000'`))
        .leftJoin(volunteerTotals, eq(volunteerTotals.volunteerId, volunteers.id))
        .where(listWhere(actor, f))
        .orderBy(...volunteerOrder(f.sort))
        .limit(limit);
    },

    async update(actor: Actor, id: string, patch: VolunteerPatch) {
      return db.transaction(async (tx) => {
        const before = await getScoped(tx, actor, id, true);
        if (!can(actor, 'volunteer.manage', { regionCode: before.regionCode })) throw forbidden();
        if (patch.version !== before.version) throw staleVersion();
        const { version: _v, phone, guardianPhone, ...fields } = patch;
        const changes: Partial<VolunteerRow> = {};
        for (const [k, v] of Object.entries(fields))
          if (v !== undefined) (changes as Record<string, unknown>)[k] = v;
        if (fields.regionCode && fields.regionCode !== before.regionCode) {
          const c = await community(tx, fields.regionCode);
          if (!can(actor, 'volunteer.manage', { regionCode: c.code }))
            throw forbidden('不能将志愿者移出您负责的区域');
        }
        Object.assign(changes, volunteerPiiColumns(pii, { phone, guardianPhone }));
        const after = await updateVersioned(tx, volunteers, before, { ...changes, updatedAt: clock.now() });
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'volunteer.updated',
          entity: ['volunteer', after.id],
          regionCode: after.regionCode,
          before: volunteerSnapshot(before),
          after: volunteerSnapshot(after),
        });
        return detail(tx, actor, after);
      });
    },

    /** Grant or withdraw one purpose: a new row, never an edit. Withdrawing `record` stops the record. */
    async changeConsent(actor: Actor, id: string, input: VolunteerConsentChange) {
      return db.transaction(async (tx) => {
        let v = await getScoped(tx, actor, id, true);
        if (!can(actor, 'volunteer.manage', { regionCode: v.regionCode })) throw forbidden();
        const now = clock.now();
        await tx.insert(volunteerConsents).values({
          volunteerId: v.id,
          purpose: input.purpose,
          granted: input.granted,
          at: now,
          byUserId: actor.id,
          byName: actor.displayName,
          how: input.how,
        });
        if (input.purpose === 'record') {
          const status = input.granted ? 'active' : 'inactive';
          if (status !== v.status)
            [v] = await tx
              .update(volunteers)
              .set({ status, version: v.version + 1, updatedAt: now })
              .where(eq(volunteers.id, v.id))
              .returning();
        }
        await audit.record(tx, {
          actor: auditActor(actor),
          action: input.granted ? 'volunteer.consent_granted' : 'volunteer.consent_withdrawn',
          entity: ['volunteer', v.id],
          regionCode: v.regionCode,
          after: { purpose: input.purpose, granted: input.granted, how: input.how, status: v.status },
        });
        return detail(tx, actor, v);
      });
    },
  };
}
export type VolunteerService = ReturnType<typeof createVolunteerService>;
