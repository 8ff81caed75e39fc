import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, type TestEnv } from '../../test/harness';
import { runDormantCheck } from './dormant.job';

let env: TestEnv;
let street: Agent;
let street2: Agent;
let quiet: string;
let revived: string;

const run = (day: string) =>
  runDormantCheck({ database: env.database, audit: env.audit, clock: env.clock }, day);
const casesOf = async (id: string) =>
  env.database.query<{
    status: string;
    warned_on: string;
    proposed_on: string | null;
    cleared_on: string | null;
  }>(
    `select status, to_char(warned_on, 'YYYY-MM-DD') as warned_on, to_char(proposed_on, 'YYYY-MM-DD') as proposed_on,
            to_char(cleared_on, 'YYYY-MM-DD') as cleared_on from dormant_cases where organization_id = $1 order by created_at`,
    [id],
  );

beforeAll(async () => {
  env = await createTestEnv();
  [street, street2] = await Promise.all(['street', 'street2'].map((u) => env.login(u)));
  const streetCode = (await street.get('/api/v1/auth/me')).json().homeRegion.code as string;
  // two filed organizations of the street with nothing recorded, filed on 10 January 2024
  const rows = await env.database.query<{ id: string }>(
    `select o.id from organizations o where o.tier = 'filed' and o.status = 'active' and o.street_code = $1
        and not exists (select 1 from service_activities a where a.organization_id = o.id)
      order by o.name limit 2`,
    [streetCode.slice(0, 9)],
  );
  [quiet, revived] = rows.map((r) => r.id);
  for (const id of [quiet, revived]) {
    await env.database.query('delete from ledger_activities where organization_id = $1', [id]);
    await env.database.query(
      'delete from annual_report_history where report_id in (select id from annual_reports where organization_id = $1)',
      [id],
    );
    await env.database.query('delete from annual_reports where organization_id = $1', [id]);
    await env.database.query(
      `update organizations set filed_on = '2024-01-10', registered_on = null where id = $1`,
      [id],
    );
  }
});
afterAll(async () => env?.close());

describe('dormant organizations', () => {
  it('warns after 12 silent months, proposes exit 60 days later, clears on a new activity; runs are idempotent', async () => {
    await run('2025-01-09');
    expect(await casesOf(quiet)).toEqual([]);
    await run('2025-01-10');
    expect(await casesOf(quiet)).toEqual([
      { status: 'warned', warned_on: '2025-01-10', proposed_on: null, cleared_on: null },
    ]);
    // twice, and two at once: still one case
    await run('2025-01-10');
    await Promise.all([run('2025-01-11'), run('2025-01-11')]);
    expect(await casesOf(quiet)).toHaveLength(1);

    // the other organization records an activity after the warning: the case is cleared
    await env.database.query(
      `insert into ledger_activities (organization_id, held_on, title) values ($1, '2025-02-01', '邻里议事会')`,
      [revived],
    );
    const cleared = await run('2025-02-02');
    expect(cleared.cleared).toBeGreaterThanOrEqual(1);
    expect((await casesOf(revived))[0]).toMatchObject({ status: 'cleared', cleared_on: '2025-02-02' });

    // 60 days after the warning nothing changed: an exit proposal to the street
    await run('2025-03-11');
    expect((await casesOf(quiet))[0].status).toBe('warned');
    await run('2025-03-12');
    expect((await casesOf(quiet))[0]).toMatchObject({ status: 'proposed', proposed_on: '2025-03-12' });
    await run('2025-03-13');
    expect(await casesOf(quiet)).toHaveLength(1);

    // silent again for 12 months after its activity: a new warning, the old case stays cleared
    await run('2026-02-01');
    const again = await casesOf(revived);
    expect(again.map((c) => c.status)).toEqual(['cleared', 'warned']);
    expect(again[1].warned_on).toBe('2026-02-01');

    const audit = await env.database.query<{ action: string }>(
      `select action from audit_log where entity_type = 'dormant_case'
         and entity_id in (select id::text from dormant_cases where organization_id = $1) order by seq`,
      [quiet],
    );
    expect(audit.map((a) => a.action)).toEqual(['dormant.warn', 'dormant.propose_exit']);
  });

  it('officers see the cases in their scope with Chinese labels', async () => {
    const r = await street.get('/api/v1/dormant-cases?status=proposed&pageSize=100');
    expect(r.statusCode).toBe(200);
    const item = (
      r.json().items as {
        organizationId: string;
        statusLabel: string;
        lastSignLabel: string;
        message: string;
      }[]
    ).find((i) => i.organizationId === quiet);
    expect(item).toMatchObject({ statusLabel: '已提出退出建议', lastSignLabel: '备案或登记' });
    expect(item?.message).toMatch(/退出建议/);
    const other = (await street2.get('/api/v1/dormant-cases?pageSize=100')).json().items as {
      organizationId: string;
    }[];
    expect(other.map((i) => i.organizationId)).not.toContain(quiet);
    expect((await street.get('/api/v1/dormant-cases?status=gone')).statusCode).toBe(400);
    expect((await env.anonymous.get('/api/v1/dormant-cases')).statusCode).toBe(401);
  });
});
