import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, type TestEnv, type VolunteerAgent } from '../../test/harness';

let env: TestEnv;
let community: Agent;
let street: Agent;
let street2: Agent;
let district: Agent;
let leader: Agent;
let v1: VolunteerAgent;
let v2: VolunteerAgent;
let home: string;
let orgId: string;
let otherOrgId: string;
let orgName: string;

const q = <T = Record<string, unknown>>(sql: string, params?: unknown[]) =>
  env.database.query<T>(sql, params);

async function record(
  volunteerId: string,
  o: {
    org: string;
    date: string;
    minutes: number;
    source?: 'checkin' | 'backfill';
    status?: string;
    title?: string;
  },
) {
  const start = new Date(`${o.date}T01:00:00Z`);
  const end = new Date(start.getTime() + o.minutes * 60_000);
  await q(
    `insert into service_records (volunteer_id, organization_id, region_code, category, title, content, place, started_at,
       ended_at, service_date, minutes, source, organizer_name, recorder_name, status)
     values ($1, $2, $3, 'elderly', $4, '陪伴社区老人', '社区党群服务中心', $5, $6, $7, $8, $9, '测试组织', '记录员', $10)`,
    [
      volunteerId,
      o.org,
      home,
      o.title ?? '敬老院探访',
      start.toISOString(),
      end.toISOString(),
      o.date,
      o.minutes,
      o.source ?? 'checkin',
      o.status ?? 'valid',
    ],
  );
}

const count = async (table: string) =>
  Number((await q<{ n: number }>(`select count(*)::int as n from ${table}`))[0].n);

beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set(new Date('2026-11-23T04:00:00Z'));
  [community, street, street2, district, leader] = await Promise.all(
    ['community', 'street', 'street2', 'district', 'leader'].map((u) => env.login(u)),
  );
  home = (await community.get('/api/v1/auth/me')).json().homeRegion.code;
  orgId = (await leader.get('/api/v1/auth/me')).json().grants[0].organizationId;
  [{ name: orgName }] = await q<{ name: string }>('select name from organizations where id = $1', [orgId]);
  [{ id: otherOrgId }] = await q<{ id: string }>(
    `select id from organizations where id <> $1 and status <> 'exited' order by name limit 1`,
    [orgId],
  );
  v1 = await env.volunteer({ realName: '林小红' });
  v2 = await env.volunteer({ realName: '王大明' });
  await record(v1.volunteerId, { org: orgId, date: '2026-03-05', minutes: 120, title: '重阳节敬老活动' });
  await record(v1.volunteerId, { org: orgId, date: '2026-03-20', minutes: 90, source: 'backfill' });
  await record(v1.volunteerId, { org: otherOrgId, date: '2026-05-01', minutes: 90, title: '社区环境整治' });
  // neither counts: superseded, and outside the period
  await record(v1.volunteerId, { org: orgId, date: '2026-03-21', minutes: 600, status: 'superseded' });
  await record(v1.volunteerId, { org: orgId, date: '2026-08-01', minutes: 60 });
}, 120_000);
afterAll(async () => env?.close());

describe('service certificates (resident)', () => {
  let first: { id: string; number: string };

  it('issues a certificate for a period with a VC number, hours and the recording units', async () => {
    const res = await v1.post('/api/v1/me/certificates', { from: '2026-01-01', to: '2026-06-30' });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(c.number).toMatch(new RegExp(`^VC${home.slice(0, 6)}-2026-\\d{6}$`));
    expect(c).toMatchObject({
      periodFrom: '2026-01-01',
      periodTo: '2026-06-30',
      minutes: 300,
      hours: '5小时',
      records: 3,
      status: 'valid',
      issuedOn: '2026-11-23',
      organizationId: null,
    });
    expect(c.issuerName).toContain(orgName);
    first = c;
    const [row] = await q<{ snapshot: Record<string, unknown> }>(
      'select snapshot from service_certificates where id = $1',
      [c.id],
    );
    const s = row.snapshot as {
      idNumberMasked: string;
      lines: { source: string; date: string }[];
      checkinMinutes: number;
      backfillMinutes: number;
    };
    expect(s.idNumberMasked).not.toBe(v1.idNumber);
    expect(s.idNumberMasked).toContain('*');
    expect(s.lines.map((l) => [l.date, l.source])).toEqual([
      ['2026-03-05', 'checkin'],
      ['2026-03-20', 'backfill'],
      ['2026-05-01', 'checkin'],
    ]);
    expect([s.checkinMinutes, s.backfillMinutes]).toEqual([210, 90]);
    const [audit] = await q<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'service_certificate.issued' and entity_id = $1`,
      [c.id],
    );
    expect(audit.n).toBe(1);
  });

  it('numbers certificates in sequence; one recording unit issues for its own records only', async () => {
    const res = await v1.post('/api/v1/me/certificates', {
      from: '2026-01-01',
      to: '2026-06-30',
      organizationId: orgId,
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    expect(Number(c.number.slice(-6))).toBe(Number(first.number.slice(-6)) + 1);
    expect(c).toMatchObject({
      records: 2,
      minutes: 210,
      hours: '3.5小时',
      issuerName: orgName,
      organizationId: orgId,
    });
    const list = (await v1.get('/api/v1/me/certificates')).json().items;
    expect(list.map((x: { number: string }) => x.number).sort()).toEqual([first.number, c.number].sort());
  });

  it('refuses a reversed period, an empty period and an unknown unit with 422 and writes nothing', async () => {
    const before = await count('service_certificates');
    const reversed = await v1.post('/api/v1/me/certificates', { from: '2026-06-30', to: '2026-01-01' });
    expect(reversed.statusCode).toBe(422);
    expect(reversed.json().error.fields.to).toMatch(/结束日期/);
    const empty = await v1.post('/api/v1/me/certificates', { from: '2025-01-01', to: '2025-12-31' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.message).toMatch(/没有有效的志愿服务记录/);
    const noUnit = await v1.post('/api/v1/me/certificates', {
      from: '2026-01-01',
      to: '2026-06-30',
      organizationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(noUnit.statusCode).toBe(422);
    const bad = await v1.post('/api/v1/me/certificates', { from: '2026-13-01', to: '2026-06-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    const noRecordsV2 = await v2.post('/api/v1/me/certificates', { from: '2026-01-01', to: '2026-06-30' });
    expect(noRecordsV2.statusCode).toBe(422);
    expect(await count('service_certificates')).toBe(before);
  });

  it('downloads the own certificate as a PDF with its number; another volunteer gets 404', async () => {
    const res = await v1.get(`/api/v1/me/certificates/${first.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toContain(first.number);
    expect((await v2.get(`/api/v1/me/certificates/${first.id}/pdf`)).statusCode).toBe(404);
    expect((await v2.get('/api/v1/me/certificates')).json().items).toEqual([]);
    expect((await v1.get('/api/v1/me/certificates/not-an-id/pdf')).statusCode).toBe(404);
    // staff accounts are not residents
    expect((await community.get('/api/v1/me/certificates')).statusCode).toBe(403);
    expect((await env.anonymous.get('/api/v1/me/certificates')).statusCode).toBe(401);
  });

  it('verifies publicly with a masked name and never the ID number or phone', async () => {
    const res = await env.anonymous.get(`/api/v1/public/service-certificates/${first.number}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      number: first.number,
      status: 'valid',
      valid: true,
      realNameMasked: '林**',
      volunteerNumber: v1.volunteerNumber,
      periodFrom: '2026-01-01',
      periodTo: '2026-06-30',
      hours: '5小时',
      issuedOn: '2026-11-23',
      revokedOn: null,
    });
    expect(res.body).not.toContain(v1.idNumber);
    expect(res.body).not.toContain(v1.phone);
    expect(res.body).not.toMatch(/idNumber|phone|\*{4}/i);
    expect(res.body).not.toContain('林小红');
    const unknown = await env.anonymous.get('/api/v1/public/service-certificates/VC000000-2026-999999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toMatch(/不存在/);
  });
});

describe('service certificates (staff)', () => {
  let cert: { id: string; number: string };

  it('community staff issue for a volunteer in scope; other streets and read-only roles cannot', async () => {
    const res = await community.post(`/api/v1/volunteers/${v1.volunteerId}/certificates`, {
      from: '2026-03-01',
      to: '2026-03-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    cert = res.json();
    expect(cert).toMatchObject({ records: 2, minutes: 210 });
    const before = await count('service_certificates');
    // street officers hold volunteer.read only
    expect(
      (
        await street.post(`/api/v1/volunteers/${v1.volunteerId}/certificates`, {
          from: '2026-03-01',
          to: '2026-03-31',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await leader.post(`/api/v1/volunteers/${v1.volunteerId}/certificates`, {
          from: '2026-03-01',
          to: '2026-03-31',
        })
      ).statusCode,
    ).toBe(404);
    expect(await count('service_certificates')).toBe(before);
  });

  it('lists and downloads in scope, 404 outside', async () => {
    const list = await street.get(`/api/v1/volunteers/${v1.volunteerId}/certificates`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((c: { id: string }) => c.id)).toContain(cert.id);
    expect((await street2.get(`/api/v1/volunteers/${v1.volunteerId}/certificates`)).statusCode).toBe(404);
    const pdf = await district.get(`/api/v1/service-certificates/${cert.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.toString('latin1')).toContain(cert.number);
    expect((await street2.get(`/api/v1/service-certificates/${cert.id}/pdf`)).statusCode).toBe(404);
    expect((await leader.get(`/api/v1/service-certificates/${cert.id}/pdf`)).statusCode).toBe(404);
  });

  it('an organization leader certifies only their own organization’s records of a team member', async () => {
    const [team] = await q<{ id: string }>(
      `insert into volunteer_teams (organization_id, name, region_code) values ($1, '证明测试服务队', $2) returning id`,
      [orgId, home],
    );
    await q(`insert into team_memberships (team_id, volunteer_id, state) values ($1, $2, 'approved')`, [
      team.id,
      v1.volunteerId,
    ]);
    const all = await leader.post(`/api/v1/volunteers/${v1.volunteerId}/certificates`, {
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(all.statusCode).toBe(403);
    const other = await leader.post(`/api/v1/volunteers/${v1.volunteerId}/certificates`, {
      from: '2026-01-01',
      to: '2026-06-30',
      organizationId: otherOrgId,
    });
    expect(other.statusCode).toBe(403);
    const own = await leader.post(`/api/v1/volunteers/${v1.volunteerId}/certificates`, {
      from: '2026-01-01',
      to: '2026-06-30',
      organizationId: orgId,
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ issuerName: orgName, records: 2 });
  });

  it('revokes with a reason (volunteer.manage, audited); verification then shows revoked', async () => {
    expect(
      (await street.post(`/api/v1/service-certificates/${cert.id}/revoke`, { reason: '信息有误' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await street2.post(`/api/v1/service-certificates/${cert.id}/revoke`, { reason: '信息有误' }))
        .statusCode,
    ).toBe(403);
    const noReason = await community.post(`/api/v1/service-certificates/${cert.id}/revoke`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toMatch(/撤销原因/);
    expect(
      (await env.anonymous.get(`/api/v1/public/service-certificates/${cert.number}`)).json().status,
    ).toBe('valid');

    const res = await community.post(`/api/v1/service-certificates/${cert.id}/revoke`, {
      reason: '服务记录已更正，重新开具',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'revoked', revokeReason: '服务记录已更正，重新开具' });
    const again = await community.post(`/api/v1/service-certificates/${cert.id}/revoke`, {
      reason: '再次撤销',
    });
    expect(again.statusCode).toBe(409);

    const pub = (await env.anonymous.get(`/api/v1/public/service-certificates/${cert.number}`)).json();
    expect(pub).toMatchObject({ status: 'revoked', valid: false, revokedOn: '2026-11-23' });
    const [audit] = await q<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'service_certificate.revoked' and entity_id = $1`,
      [cert.id],
    );
    expect(audit.n).toBe(1);
    // the revoked certificate still downloads, marked as revoked
    const pdf = await v1.get(`/api/v1/me/certificates/${cert.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
  });
});
