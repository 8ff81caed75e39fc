import { formatHours, maskName, type ServiceCertificateIssue, todayInShanghai } from '@linli/core';
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../app';
import { volunteers } from '../../db/schema';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { scopeRanges } from '../../lib/authz/scope';
import type { ServiceCertificateData, ServiceCertificateLine } from '../../lib/documents/serviceCertificate';
import { conflict, forbidden, notFound, unprocessable } from '../../lib/errors';
import { volunteerScope } from '../volunteers/volunteers.service';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'>;

/** What a certificate states, frozen when it is issued (service_certificates.snapshot). */
export type CertificateSnapshot = {
  realName: string;
  idNumberMasked: string;
  volunteerNumber: string;
  periodFrom: string;
  periodTo: string;
  minutes: number;
  hours: string;
  records: number;
  checkinMinutes: number;
  backfillMinutes: number;
  /** the recording units, with what each recorded */
  organizations: { id: string; name: string; minutes: number; records: number }[];
  /** one line per valid service record in the period */
  lines: (ServiceCertificateLine & { minutes: number; recordId: string })[];
  issuer: string;
  issuedOn: string;
  /** set when revoked (the table has no column for it) */
  revocation?: { at: string; reason: string; byId: string | null; byName: string | null };
};

export type CertificateRow = {
  id: string;
  number: string;
  volunteerId: string;
  periodFrom: string;
  periodTo: string;
  minutes: number;
  records: number;
  organizationId: string | null;
  issuerName: string;
  snapshot: CertificateSnapshot;
  issuedAt: string;
  issuedBy: string | null;
  status: 'valid' | 'revoked';
  regionCode: string;
};

const certCols = `c.id, c.number, c.volunteer_id as "volunteerId", c.period_from::text as "periodFrom",
  c.period_to::text as "periodTo", c.minutes, c.records, c.organization_id as "organizationId",
  c.issuer_name as "issuerName", c.snapshot, to_char(c.issued_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "issuedAt",
  c.issued_by as "issuedBy", c.status, v.region_code as "regionCode"`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The public address a certificate's QR code opens. */
export function serviceCertVerifyUrl(base: string, number: string) {
  return `${base.replace(/\/$/, '')}/public/service-cert/${encodeURIComponent(number)}`;
}

/** What the API shows of a certificate (the snapshot's lines stay in the PDF). */
export function presentCertificate(c: CertificateRow) {
  return {
    id: c.id,
    number: c.number,
    volunteerId: c.volunteerId,
    periodFrom: c.periodFrom,
    periodTo: c.periodTo,
    minutes: c.minutes,
    hours: formatHours(c.minutes),
    records: c.records,
    organizationId: c.organizationId,
    issuerName: c.issuerName,
    issuedAt: c.issuedAt,
    issuedOn: c.snapshot.issuedOn,
    status: c.status,
    revokedAt: c.snapshot.revocation?.at ?? null,
    revokeReason: c.snapshot.revocation?.reason ?? null,
  };
}

/** The issuer line: one recording unit by name, several as "A、B等3个组织". */
export function issuerOf(names: string[]): string {
  if (names.length === 1) return names[0];
  if (names.length <= 3) return names.join('、');
  return `${names.slice(0, 2).join('、')}等${names.length}个组织`;
}

export function createServiceCertificateService(deps: Deps) {
  const { database, audit, clock } = deps;

  async function byId(id: string): Promise<CertificateRow | null> {
    if (!UUID.test(id)) return null;
    const [r] = await database.query<CertificateRow>(
      `select ${certCols} from service_certificates c join volunteers v on v.id = c.volunteer_id where c.id = $1`,
      [id],
    );
    return r ?? null;
  }

  async function listFor(volunteerId: string) {
    const rows = await database.query<CertificateRow>(
      `select ${certCols} from service_certificates c join volunteers v on v.id = c.volunteer_id
        where c.volunteer_id = $1 order by c.issued_at desc, c.number desc`,
      [volunteerId],
    );
    return rows.map(presentCertificate);
  }

  /** The volunteer if the actor may `permission` them (404 otherwise, as if absent). */
  async function scopedVolunteer(
    actor: Actor,
    id: string,
    permission: 'volunteer.read' | 'volunteer.manage',
  ) {
    if (!UUID.test(id)) throw notFound('志愿者');
    const [v] = await database.db
      .select({ id: volunteers.id, regionCode: volunteers.regionCode })
      .from(volunteers)
      .where(and(eq(volunteers.id, id), volunteerScope(actor, permission)));
    if (!v) throw notFound('志愿者');
    return v;
  }

  async function nextNumber(regionCode: string, year: string) {
    const prefix = `VC${regionCode.slice(0, 6)}-${year}`;
    const [r] = await database.query<{ last: number }>(
      `insert into volunteer_number_counters (prefix, last) values ($1, 1)
         on conflict (prefix) do update set last = volunteer_number_counters.last + 1 returning last`,
      [prefix],
    );
    return `${prefix}-${String(r.last).padStart(6, '0')}`;
  }

  /** Issues a certificate for the volunteer's valid records in the period (one transaction, audited). */
  async function issue(
    actor: Actor,
    volunteerId: string,
    input: ServiceCertificateIssue,
    requestId?: string,
  ): Promise<ReturnType<typeof presentCertificate>> {
    const today = todayInShanghai(clock.now());
    if (input.from > input.to)
      throw unprocessable('开始日期不能晚于结束日期', { to: '结束日期不能早于开始日期' });
    if (input.from > today) throw unprocessable('开始日期不能晚于今天', { from: '开始日期不能晚于今天' });
    return database.db.transaction(async (tx) => {
      let orgName: string | null = null;
      if (input.organizationId) {
        const [o] = await database.query<{ name: string }>('select name from organizations where id = $1', [
          input.organizationId,
        ]);
        if (!o) throw unprocessable('记录单位不存在', { organizationId: '请选择有效的记录单位' });
        orgName = o.name;
      }
      const [v] = await database.query<{
        realName: string;
        idNumberMasked: string;
        volunteerNumber: string;
        regionCode: string;
      }>(
        `select real_name as "realName", id_number_masked as "idNumberMasked", volunteer_number as "volunteerNumber",
                region_code as "regionCode" from volunteers where id = $1`,
        [volunteerId],
      );
      if (!v) throw notFound('志愿者');
      const records = await database.query<{
        id: string;
        date: string;
        title: string;
        organizationId: string;
        organization: string;
        minutes: number;
        source: 'checkin' | 'backfill';
      }>(
        `select r.id, r.service_date::text as date, r.title, r.organization_id as "organizationId",
                coalesce(o.name, r.organizer_name) as organization, r.minutes, r.source
           from service_records r left join organizations o on o.id = r.organization_id
          where r.volunteer_id = $1 and r.status = 'valid' and r.service_date between $2 and $3
            and ($4::uuid is null or r.organization_id = $4::uuid)
          order by r.service_date, r.started_at, r.id`,
        [volunteerId, input.from, input.to, input.organizationId ?? null],
      );
      if (records.length === 0)
        throw unprocessable(
          '所选期间没有有效的志愿服务记录，无法出具证明',
          { from: '所选期间没有有效的志愿服务记录' },
          'no_records',
        );

      const orgs = new Map<string, { id: string; name: string; minutes: number; records: number }>();
      let minutes = 0;
      let checkinMinutes = 0;
      let backfillMinutes = 0;
      for (const r of records) {
        minutes += r.minutes;
        if (r.source === 'backfill') backfillMinutes += r.minutes;
        else checkinMinutes += r.minutes;
        const o = orgs.get(r.organizationId) ?? {
          id: r.organizationId,
          name: r.organization,
          minutes: 0,
          records: 0,
        };
        o.minutes += r.minutes;
        o.records += 1;
        orgs.set(r.organizationId, o);
      }
      const issuer = orgName ?? issuerOf([...orgs.values()].map((o) => o.name));
      const organizationId = input.organizationId ?? (orgs.size === 1 ? [...orgs.keys()][0] : null);
      const snapshot: CertificateSnapshot = {
        realName: v.realName,
        idNumberMasked: v.idNumberMasked,
        volunteerNumber: v.volunteerNumber,
        periodFrom: input.from,
        periodTo: input.to,
        minutes,
        hours: formatHours(minutes),
        records: records.length,
        checkinMinutes,
        backfillMinutes,
        organizations: [...orgs.values()],
        lines: records.map((r) => ({
          recordId: r.id,
          date: r.date,
          title: r.title,
          organization: r.organization,
          minutes: r.minutes,
          hours: formatHours(r.minutes),
          source: r.source === 'backfill' ? 'backfill' : 'checkin',
        })),
        issuer,
        issuedOn: today,
      };
      const number = await nextNumber(v.regionCode, today.slice(0, 4));
      const [row] = await database.query<{ id: string }>(
        `insert into service_certificates (number, volunteer_id, period_from, period_to, minutes, records,
           organization_id, issuer_name, snapshot, issued_at, issued_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11) returning id`,
        [
          number,
          volunteerId,
          input.from,
          input.to,
          minutes,
          records.length,
          organizationId,
          issuer,
          JSON.stringify(snapshot),
          clock.now().toISOString(),
          actor.id,
        ],
      );
      const { lines: _lines, ...summary } = snapshot;
      await audit.record(tx, {
        actor: auditActor(actor),
        action: 'service_certificate.issued',
        entity: ['service_certificate', row.id],
        regionCode: v.regionCode,
        after: { number, volunteerId, organizationId, ...summary },
        requestId,
      });
      const c = await byId(row.id);
      return presentCertificate(c!);
    });
  }

  /** A certificate the actor may read through its volunteer (404 otherwise). */
  async function scoped(actor: Actor, id: string, permission: 'volunteer.read' | 'volunteer.manage') {
    const c = await byId(id);
    if (!c) throw notFound('证明');
    try {
      await scopedVolunteer(actor, c.volunteerId, permission);
    } catch {
      throw notFound('证明');
    }
    return c;
  }

  return {
    byId,
    listFor,
    scopedVolunteer,

    /** A resident's own certificate (404 for anyone else's). */
    async own(volunteerId: string, id: string) {
      const c = await byId(id);
      if (!c || c.volunteerId !== volunteerId) throw notFound('证明');
      return c;
    },

    issueOwn: (actor: Actor, volunteerId: string, input: ServiceCertificateIssue, requestId?: string) =>
      issue(actor, volunteerId, input, requestId),

    /**
     * Staff issue for a volunteer they manage. An organization leader (no region grant for the
     * volunteer) may only certify their own organization's records.
     */
    async issueFor(actor: Actor, volunteerId: string, input: ServiceCertificateIssue, requestId?: string) {
      await scopedVolunteer(actor, volunteerId, 'volunteer.manage');
      const s = scopeRanges(actor, 'volunteer.manage');
      const [v] = await database.query<{ regionCode: string }>(
        'select region_code as "regionCode" from volunteers where id = $1',
        [volunteerId],
      );
      const byRegion = s.all || s.ranges.some(([lo, hi]) => v.regionCode >= lo && v.regionCode <= hi);
      if (!byRegion && !(input.organizationId && s.orgIds.includes(input.organizationId)))
        throw forbidden('组织负责人只能为本组织记录的服务出具证明，请选择本组织为记录单位');
      return issue(actor, volunteerId, input, requestId);
    },

    scoped,

    async revoke(actor: Actor, id: string, reason: string, requestId?: string) {
      const c = await scoped(actor, id, 'volunteer.manage');
      return database.db.transaction(async (tx) => {
        const revocation = {
          at: clock.now().toISOString(),
          reason,
          byId: actor.id,
          byName: actor.displayName,
        };
        const [r] = await database.query<{ id: string }>(
          `update service_certificates set status = 'revoked',
                  snapshot = snapshot || jsonb_build_object('revocation', $2::jsonb)
            where id = $1 and status = 'valid' returning id`,
          [id, JSON.stringify(revocation)],
        );
        if (!r) throw conflict('该证明已撤销', { status: '该证明已撤销' });
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'service_certificate.revoked',
          entity: ['service_certificate', id],
          regionCode: c.regionCode,
          before: { number: c.number, status: 'valid' },
          after: { number: c.number, status: 'revoked', reason },
          requestId,
        });
        return presentCertificate((await byId(id))!);
      });
    },

    /** Public verification: status, masked name, volunteer number, period, hours, issuer, date. */
    async verify(number: string) {
      const [c] = await database.query<CertificateRow>(
        `select ${certCols} from service_certificates c join volunteers v on v.id = c.volunteer_id where c.number = $1`,
        [number.trim()],
      );
      if (!c) throw notFound('证明');
      return {
        number: c.number,
        status: c.status,
        valid: c.status === 'valid',
        realNameMasked: maskName(c.snapshot.realName),
        volunteerNumber: c.snapshot.volunteerNumber,
        periodFrom: c.periodFrom,
        periodTo: c.periodTo,
        minutes: c.minutes,
        hours: formatHours(c.minutes),
        records: c.records,
        issuer: c.issuerName,
        issuedOn: c.snapshot.issuedOn,
        revokedOn: c.snapshot.revocation ? todayInShanghai(new Date(c.snapshot.revocation.at)) : null,
      };
    },

    /** The PDF data of a certificate as issued. */
    pdfData(c: CertificateRow, base: string): ServiceCertificateData {
      const s = c.snapshot;
      return {
        number: c.number,
        realName: s.realName,
        idNumberMasked: s.idNumberMasked,
        volunteerNumber: s.volunteerNumber,
        periodFrom: s.periodFrom,
        periodTo: s.periodTo,
        hours: s.hours,
        records: s.records,
        checkinHours: formatHours(s.checkinMinutes),
        backfillHours: formatHours(s.backfillMinutes),
        issuer: s.issuer,
        issuedOn: s.issuedOn,
        lines: s.lines,
        verifyUrl: serviceCertVerifyUrl(base, c.number),
        revoked: c.status === 'revoked',
      };
    },
  };
}
export type ServiceCertificateService = ReturnType<typeof createServiceCertificateService>;
