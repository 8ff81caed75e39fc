import { expiringEntries, todayInShanghai } from '@linli/core';
import type { Database } from '../../db/client';
import type { Clock } from '../../lib/clock';
import { loadVolunteerConfig } from '../volunteerConfig/volunteerConfig';
import { coreEntry, lockBalance, postPoints, txQuery, volunteerEntries } from './points.ledger';

export type ExpiryRun = { volunteers: number; entries: number; points: number };

/**
 * Writes off points past their last valid day: for each volunteer with old credits, under the
 * volunteer's balance lock, the core's `expiringEntries` lists the unspent remainder of each lot and an
 * `expire` entry is posted for it. The key `expire:<lot entry>:<n>` (n = earlier write-offs of that lot)
 * plus the lock make two runs at once harmless: the second sees the first's entries and finds nothing.
 */
export async function runPointExpiry(database: Database, clock: Clock): Promise<ExpiryRun> {
  const config = await loadVolunteerConfig(database);
  const run: ExpiryRun = { volunteers: 0, entries: 0, points: 0 };
  if (config.expiry === 'never') return run;
  const now = clock.now();
  const today = todayInShanghai(now);
  const candidates = await database.query<{ volunteer_id: string }>(
    `select distinct e.volunteer_id from point_entries e join point_balances b on b.volunteer_id = e.volunteer_id
     where e.kind in ('earn', 'bonus') and e.expires_on < $1 and b.balance > 0`,
    [today],
  );
  for (const { volunteer_id: volunteerId } of candidates) {
    const posted = await database.db.transaction(async (tx) => {
      await lockBalance(tx, volunteerId);
      const lots = expiringEntries(
        (await volunteerEntries(tx, volunteerId)).map(coreEntry),
        now,
        config.expiry,
      );
      let entries = 0;
      let points = 0;
      for (const lot of lots) {
        const [{ n }] = await txQuery<{ n: number }>(
          tx,
          "select count(*)::int as n from point_entries where kind = 'expire' and cause_id = $1",
          [lot.entryId],
        );
        const r = await postPoints(tx, {
          volunteerId,
          kind: 'expire',
          points: lot.points,
          reason: lot.reason,
          key: `expire:${lot.entryId}:${n}`,
          causeType: 'expiry',
          causeId: lot.entryId,
          creditedOn: today,
          actor: null,
          at: now,
        });
        if (!r.duplicate) {
          entries++;
          points += lot.points;
        }
      }
      return { entries, points };
    });
    if (posted.entries) {
      run.volunteers++;
      run.entries += posted.entries;
      run.points += posted.points;
    }
  }
  return run;
}

/** Run the write-off once a day (shortly after midnight in Asia/Shanghai) until stopped. */
export function startPointExpiryTimer(database: Database, clock: Clock, log: (msg: string) => void) {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    const now = clock.now();
    // next 00:10 Asia/Shanghai
    const next = new Date(`${todayInShanghai(now)}T00:10:00+08:00`);
    while (next.getTime() <= now.getTime()) next.setTime(next.getTime() + 86_400_000);
    timer = setTimeout(async () => {
      try {
        const r = await runPointExpiry(database, clock);
        log(`积分过期处理：${r.volunteers} 名志愿者，${r.entries} 笔，${r.points} 分`);
      } catch (err) {
        log(`积分过期处理失败：${(err as Error).message}`);
      }
      schedule();
    }, next.getTime() - now.getTime());
    timer.unref?.();
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
