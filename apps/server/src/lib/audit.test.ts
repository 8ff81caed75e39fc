import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness';
import { verifyAuditChain } from './audit';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => env?.close());

describe('audit chain', () => {
  it('records every mutation and detects tampering', async () => {
    const community = await env.login('community');
    const me = (await community.get('/api/v1/auth/me')).json();
    const r = await community.post('/api/v1/organizations', {
      name: '审计测试读书会',
      category: 'wenti',
      regionCode: me.homeRegion.code,
      leaderName: '孙立',
    });
    expect(r.statusCode, r.body).toBe(201);
    const [entry] = await env.database.query<{ seq: number; actor_name: string; request_id: string | null }>(
      `select seq, actor_name, request_id from audit_log where entity_id = $1 and action = 'organization.created'`,
      [r.json().id],
    );
    expect(entry.actor_name).toBe(me.user.displayName);
    expect(entry.request_id).toBeTruthy();

    const ok = await verifyAuditChain(env.database.db);
    expect(ok.ok).toBe(true);

    await env.database.query(
      `update audit_log set after = jsonb_set(after, '{name}', '"篡改"') where seq = $1`,
      [entry.seq],
    );
    const broken = await verifyAuditChain(env.database.db);
    expect(broken).toMatchObject({ ok: false, brokenAt: Number(entry.seq), reason: 'hash mismatch' });
  });
});
