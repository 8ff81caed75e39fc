import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, createTestEnv, type TestEnv } from '../../test/harness';
import { runCreditRules } from '../creditLists/creditRules.job';

let env: TestEnv;
let district: Agent;
let street: Agent;
let street2: Agent;
let community: Agent;
let districtCode: string;
const agents: Record<string, Agent> = {};

beforeAll(async () => {
  env = await createTestEnv();
  // the inspector pool: the three demo officers this test signs in as (other seeded staff are disabled)
  await env.database.query(
    `update users set status = 'disabled' where username not in ('district', 'street', 'street2')
        and id in (select user_id from grants where role in ('district_officer', 'street_officer'))`,
  );
  [district, street, street2, community] = await Promise.all(
    ['district', 'street', 'street2', 'community'].map((u) => env.login(u)),
  );
  districtCode = (await district.get('/api/v1/auth/me')).json().homeRegion.code;
  for (const a of [district, street, street2]) agents[(await a.get('/api/v1/auth/me')).json().user.id] = a;
});
afterAll(async () => env?.close());

type Plan = {
  id: string;
  seed: string;
  poolSize: number;
  sampleSize: number;
  version: number;
  checks: {
    id: string;
    organizationId: string;
    inspectors: { id: string; name: string }[];
    version: number;
  }[];
};

describe('random spot checks', () => {
  it('draws 3 % of the pool and two inspectors per check; the recorded seed replays to the same selection', async () => {
    const r = await district.post('/api/v1/spot-check-plans', {
      title: '2026年度社会组织双随机抽查',
      regionCode: districtCode,
      ratio: 0.03,
    });
    expect(r.statusCode, r.body).toBe(201);
    const p = r.json() as Plan;
    const [{ n }] = await env.database.query<{ n: number }>(
      `select count(*)::int as n from organizations where region_code like $1 and tier in ('filed', 'registered') and status in ('active', 'dormant')`,
      [`${districtCode.slice(0, 6)}%`],
    );
    expect(p.poolSize).toBe(n);
    expect(p.sampleSize).toBe(Math.max(1, Math.ceil(n * 0.03)));
    expect(p.checks).toHaveLength(p.sampleSize);
    expect(p.seed).toMatch(/^\d{4}-\d{2}-\d{2}\/CC440305-\d{4}-001\/[0-9a-f]{8}$/);
    for (const c of p.checks) {
      expect(c.inspectors).toHaveLength(2);
      expect(new Set(c.inspectors.map((i) => i.id)).size).toBe(2);
      for (const i of c.inspectors) expect(i.name).toMatch(/[\u4e00-\u9fff]/);
    }
    const replay = await street.get(`/api/v1/spot-check-plans/${p.id}/replay`);
    expect(replay.statusCode).toBe(404); // the plan is the district's
    const ok = (await district.get(`/api/v1/spot-check-plans/${p.id}/replay`)).json();
    expect(ok).toMatchObject({ identical: true, seed: p.seed });
    expect(ok.assignments.map((a: { organizationId: string }) => a.organizationId)).toEqual(
      p.checks.map((c) => c.organizationId),
    );

    // the same seed on the same pools draws the same organizations and inspectors
    const again = (
      await district.post('/api/v1/spot-check-plans', {
        title: '复核抽取',
        regionCode: districtCode,
        ratio: 0.03,
        seed: p.seed,
      })
    ).json() as Plan;
    expect(again.checks.map((c) => [c.organizationId, c.inspectors.map((i) => i.id)])).toEqual(
      p.checks.map((c) => [c.organizationId, c.inspectors.map((i) => i.id)]),
    );
    const other = (
      await district.post('/api/v1/spot-check-plans', {
        title: '另一次抽取',
        regionCode: districtCode,
        ratio: 0.03,
        seed: 'another-seed',
      })
    ).json() as Plan;
    expect(other.checks.map((c) => c.organizationId)).not.toEqual(p.checks.map((c) => c.organizationId));

    const audit = await env.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'spot_check.draw' and entity_id = $1",
      [p.id],
    );
    expect(audit[0].n).toBe(1);
  });

  it('a declared conflict keeps the inspector off that organization', async () => {
    const p = (
      await district.post('/api/v1/spot-check-plans', {
        title: '全量抽取',
        regionCode: districtCode,
        ratio: 1,
        seed: 'all',
      })
    ).json() as Plan;
    const target = p.checks.find((c) => c.inspectors.some((i) => agents[i.id] === street))!;
    const c = await street.post('/api/v1/inspector-conflicts', {
      organizationId: target.organizationId,
      reason: '本人系该组织成员',
    });
    expect(c.statusCode, c.body).toBe(201);
    expect(
      (
        await street.post('/api/v1/inspector-conflicts', {
          organizationId: target.organizationId,
          reason: '重复申报',
        })
      ).statusCode,
    ).toBe(422);
    const streetId = Object.keys(agents).find((id) => agents[id] === street)!;
    const redrawn = (
      await district.post('/api/v1/spot-check-plans', {
        title: '全量抽取（申报后）',
        regionCode: districtCode,
        ratio: 1,
        seed: 'all',
      })
    ).json() as Plan;
    const check = redrawn.checks.find((x) => x.organizationId === target.organizationId)!;
    expect(check.inspectors.map((i) => i.id)).not.toContain(streetId);
    expect((await district.get(`/api/v1/spot-check-plans/${redrawn.id}/replay`)).json().identical).toBe(true);
  });

  it('inspectors record results; a problem becomes a rectification task that lists the organization when overdue; results are published', async () => {
    env.clock.set(new Date('2026-12-03T02:00:00Z'));
    const p = (
      await district.post('/api/v1/spot-check-plans', {
        title: '结果录入',
        regionCode: districtCode,
        ratio: 0.03,
        seed: 'results',
      })
    ).json() as Plan;
    const [first, ...rest] = p.checks;
    const inspector = agents[first.inspectors[0].id];
    const outsider = [district, street, street2].find(
      (a) => !first.inspectors.some((i) => agents[i.id] === a),
    );

    // validation and who may record
    const noTask = await inspector.post(`/api/v1/spot-checks/${first.id}/result`, {
      result: 'rectify',
      findings: '财务制度不健全，账目不清',
      checkedOn: '2026-12-02',
      version: first.version,
    });
    expect(noTask.statusCode).toBe(422);
    expect(noTask.json().error.fields.rectification).toBe('请填写整改要求和期限');
    const bad = await inspector.post(`/api/v1/spot-checks/${first.id}/result`, {
      result: 'maybe',
      findings: '',
      checkedOn: 'x',
      version: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['checkedOn', 'findings', 'result']);
    if (outsider)
      expect([403, 404]).toContain(
        (
          await outsider.post(`/api/v1/spot-checks/${first.id}/result`, {
            result: 'compliant',
            findings: '未发现问题',
            checkedOn: '2026-12-02',
            version: 1,
          })
        ).statusCode,
      );
    expect(
      (
        await community.post(`/api/v1/spot-checks/${first.id}/result`, {
          result: 'compliant',
          findings: '未发现问题',
          checkedOn: '2026-12-02',
          version: 1,
        })
      ).statusCode,
    ).toBe(404);

    const rec = await inspector.post(`/api/v1/spot-checks/${first.id}/result`, {
      result: 'rectify',
      findings: '财务制度不健全，账目不清',
      checkedOn: '2026-12-02',
      rectification: { requirement: '建立财务管理制度，规范记账', deadline: '2026-12-31' },
      version: first.version,
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const taskId = rec.json().rectificationTaskId as string;
    expect(taskId).toBeTruthy();
    expect(
      (await inspector.get('/api/v1/spot-checks/mine')).json().items.map((x: { id: string }) => x.id),
    ).toContain(first.id);
    // a corrected result amends the same task; it cannot become 'no problem' once a task exists
    const fix = await inspector.post(`/api/v1/spot-checks/${first.id}/result`, {
      result: 'rectify',
      findings: '财务制度不健全，账目不清，会计凭证缺失',
      checkedOn: '2026-12-02',
      rectification: { requirement: '建立财务管理制度，补齐会计凭证', deadline: '2026-12-31' },
      version: 2,
    });
    expect(fix.statusCode, fix.body).toBe(200);
    expect(fix.json().rectificationTaskId).toBe(taskId);
    const noProblem = await inspector.post(`/api/v1/spot-checks/${first.id}/result`, {
      result: 'compliant',
      findings: '未发现问题',
      checkedOn: '2026-12-02',
      version: 3,
    });
    expect(noProblem.statusCode).toBe(422);
    expect(noProblem.json().error.message).toBe('该检查已生成整改任务，不能改为未发现问题');
    const tasksOfCheck = await env.database.query<{ n: number }>(
      'select count(*)::int as n from rectification_tasks where spot_check_id = $1',
      [first.id],
    );
    expect(tasksOfCheck[0].n).toBe(1);

    // publishing needs every result
    const early = await district.post(`/api/v1/spot-check-plans/${p.id}/publish`, { version: p.version });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.message).toBe(`还有 ${rest.length} 个组织未录入检查结果，不能公示`);
    for (const c of rest) {
      const a = agents[c.inspectors[1].id];
      const r = await a.post(`/api/v1/spot-checks/${c.id}/result`, {
        result: 'compliant',
        findings: '制度健全，活动记录完整',
        checkedOn: '2026-12-03',
        version: c.version,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    expect(
      (await street.post(`/api/v1/spot-check-plans/${p.id}/publish`, { version: p.version })).statusCode,
    ).toBe(403);
    const pub = await district.post(`/api/v1/spot-check-plans/${p.id}/publish`, { version: p.version });
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', statusLabel: '已公示' });
    const publicList = (await env.anonymous.get('/api/v1/public/spot-checks?pageSize=100')).json().items as {
      code: string;
      resultLabel: string;
    }[];
    const mine = publicList.filter((x) => x.code === (pub.json() as { code: string }).code);
    expect(mine).toHaveLength(p.checks.length);
    expect(mine.map((x) => x.resultLabel)).toContain('发现问题，责令整改');
    expect(
      (
        await inspector.post(`/api/v1/spot-checks/${first.id}/result`, {
          result: 'compliant',
          findings: '改为合格',
          checkedOn: '2026-12-03',
          version: 3,
        })
      ).statusCode,
    ).toBe(422);

    // not rectified by the deadline: the rules list the organization the day after
    const stateOn = async (asOf: string) =>
      (
        await district.get(`/api/v1/organizations/${first.organizationId}/credit-listings?asOf=${asOf}`)
      ).json();
    await runCreditRules({ database: env.database, audit: env.audit, clock: env.clock }, '2027-01-01');
    const s = await stateOn('2027-01-01');
    // (the organization may already be listed for demo annual reports: look at this listing)
    const listing = s.listings.find((l: { cause: string }) => l.cause === 'rectification_overdue');
    expect(listing).toMatchObject({ list: 'abnormal', enteredOn: '2027-01-01', leftOn: null });
    expect(s.inForce).toContain(listing.id);
    expect((await stateOn('2026-12-31')).inForce).not.toContain(listing.id);
    expect(s.state).not.toBe('none');

    // completed late, confirmed by the officer: the listing stays until removed as rectified
    const tasks = (
      await district.get(`/api/v1/rectification-tasks?organizationId=${first.organizationId}`)
    ).json();
    expect(tasks.items[0]).toMatchObject({ id: taskId, statusLabel: '整改中' });
    const done = await district.post(`/api/v1/rectification-tasks/${taskId}/complete`, {
      completedOn: '2026-12-03',
      note: '已建立财务制度，账目核对清楚',
      version: 2, // amended once by the corrected result
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', onTime: true });
    expect(
      (
        await community.post(`/api/v1/rectification-tasks/${taskId}/complete`, {
          completedOn: '2026-12-03',
          note: '重复确认',
          version: 2,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('only the district may draw; bad input changes nothing', async () => {
    const before = (
      await env.database.query<{ n: number }>('select count(*)::int as n from spot_check_plans')
    )[0].n;
    expect(
      (
        await street.post('/api/v1/spot-check-plans', {
          title: '街道抽查',
          regionCode: districtCode,
          ratio: 0.03,
        })
      ).statusCode,
    ).toBe(403);
    const bad = await district.post('/api/v1/spot-check-plans', { title: '', regionCode: '44', ratio: 2 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toMatchObject({
      ratio: '抽查比例不能超过 100%',
      regionCode: '区划代码应为 12 位数字',
    });
    expect(
      (
        await district.post('/api/v1/spot-check-plans', {
          title: '外区抽查',
          regionCode: '440304000000',
          ratio: 0.03,
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await env.database.query<{ n: number }>('select count(*)::int as n from spot_check_plans'))[0].n,
    ).toBe(before);
    expect((await street2.get('/api/v1/spot-check-plans')).json().total).toBe(0);
  });
});
