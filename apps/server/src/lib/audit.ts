import { asc, desc, gt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { auditLog } from '../db/schema';
import { canonicalJson } from './canonicalJson';
import type { Clock } from './clock';
import { sha256 } from './crypto';
import { requestContext } from './requestContext';

export type AuditActor = { id: string | null; name: string } | null;

export type AuditInput = {
  actor: AuditActor;
  action: string;
  entity: [type: string, id: string];
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  requestId?: string;
};

const GENESIS = '0'.repeat(64);
/** Arbitrary constant key for the advisory lock that serializes the chain. */
const CHAIN_LOCK = 7_301_945;

type HashedFields = {
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
};

export function entryHash(e: HashedFields): string {
  return sha256(
    canonicalJson({
      at: e.at.toISOString(),
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      regionCode: e.regionCode,
      before: e.before ?? null,
      after: e.after ?? null,
      prevHash: e.prevHash,
    }),
  );
}

/** Strip secrets (encrypted PII) from snapshots that go into the log. */
function redact(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v ?? null;
  if (Array.isArray(v)) return v.map(redact);
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (/(Enc|Hmac|passwordHash|content)$/.test(k)) continue;
    out[k] = val instanceof Date ? val.toISOString() : redact(val);
  }
  return out;
}

export type Audit = { record(tx: DbOrTx, input: AuditInput): Promise<void> };

export function createAudit({ clock }: { clock: Clock }): Audit {
  return {
    async record(tx, input) {
      await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
      const [last] = await tx
        .select({ hash: auditLog.hash })
        .from(auditLog)
        .orderBy(desc(auditLog.seq))
        .limit(1);
      const row: HashedFields = {
        at: clock.now(),
        actorId: input.actor?.id ?? null,
        action: input.action,
        entityType: input.entity[0],
        entityId: input.entity[1],
        regionCode: input.regionCode ?? null,
        before: JSON.parse(canonicalJson(redact(input.before))),
        after: JSON.parse(canonicalJson(redact(input.after))),
        prevHash: last?.hash ?? GENESIS,
      };
      await tx.insert(auditLog).values({
        ...row,
        actorName: input.actor?.name ?? 'system',
        requestId: input.requestId ?? requestContext.getStore()?.requestId,
        hash: entryHash(row),
      });
    },
  };
}

/** Walks the chain; returns the first broken entry, if any. */
export async function verifyAuditChain(
  db: DbOrTx,
): Promise<{ ok: true; count: number } | { ok: false; count: number; brokenAt: number; reason: string }> {
  let prev = GENESIS;
  let count = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, after))
      .orderBy(asc(auditLog.seq))
      .limit(1000);
    if (rows.length === 0) return { ok: true, count };
    for (const r of rows) {
      if (r.prevHash !== prev) return { ok: false, count, brokenAt: r.seq, reason: 'prev_hash mismatch' };
      const h = entryHash({ ...r, at: r.at, before: r.before, after: r.after });
      if (h !== r.hash) return { ok: false, count, brokenAt: r.seq, reason: 'hash mismatch' };
      prev = r.hash;
      count++;
      after = r.seq;
    }
  }
}
