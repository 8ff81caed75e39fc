import { randomInt } from 'node:crypto';
import {
  PICKUP_CODE_ALPHABET,
  type RedemptionInput,
  type RewardItemInput,
  type RewardItemPatch,
  type RewardStockAdjustment,
  redemptionStateLabels,
  rewardItemStatusLabels,
  rewardProviderKindLabels,
  todayInShanghai,
} from '@linli/core';
import type { AppDeps } from '../../app';
import type { DbOrTx } from '../../db/client';
import { type Actor, auditActor } from '../../lib/authz/actor';
import { can, scopeRanges } from '../../lib/authz/scope';
import { conflict, forbidden, isUniqueViolation, notFound, unprocessable } from '../../lib/errors';
import { likePattern, type Page } from '../../lib/pagination';
import { lockBalance, postPoints, txQuery } from '../points/points.ledger';

type Deps = Pick<AppDeps, 'database' | 'audit' | 'clock'>;

type ItemRow = {
  id: string;
  name: string;
  description: string;
  provider_kind: 'community' | 'merchant';
  provider_name: string;
  region_code: string;
  region_name: string | null;
  pickup_place: string;
  price_points: number;
  stock: number;
  per_person_limit: number | null;
  status: 'listed' | 'delisted';
  version: number;
  created_at: Date | string;
  updated_at: Date | string;
  issued?: number;
  picked_up?: number;
};

type RedemptionRow = {
  id: string;
  item_id: string;
  item_name: string;
  provider_name: string;
  pickup_place: string;
  region_code: string;
  volunteer_id: string;
  volunteer_name: string;
  volunteer_number: string;
  points: number;
  pickup_code: string;
  state: 'issued' | 'picked_up' | 'cancelled';
  entry_id: string | null;
  created_at: Date | string;
  picked_up_at: Date | string | null;
  verified_by_name: string | null;
  cancelled_at: Date | string | null;
  cancel_reason: string | null;
  version: number;
};

const iso = (d: Date | string | null) =>
  d === null ? null : (d instanceof Date ? d : new Date(d)).toISOString();
const UUID = /^[0-9a-f-]{36}$/i;

export function presentItem(r: ItemRow) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    providerKind: r.provider_kind,
    providerKindLabel: rewardProviderKindLabels[r.provider_kind] ?? r.provider_kind,
    providerName: r.provider_name,
    regionCode: r.region_code,
    regionName: r.region_name ?? '',
    pickupPlace: r.pickup_place,
    pricePoints: Number(r.price_points),
    stock: Number(r.stock),
    perPersonLimit: r.per_person_limit === null ? null : Number(r.per_person_limit),
    status: r.status,
    statusLabel: rewardItemStatusLabels[r.status] ?? r.status,
    version: Number(r.version),
    issuedCount: Number(r.issued ?? 0),
    pickedUpCount: Number(r.picked_up ?? 0),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}
export type RewardItemView = ReturnType<typeof presentItem>;

export function presentRedemption(r: RedemptionRow) {
  return {
    id: r.id,
    itemId: r.item_id,
    itemName: r.item_name,
    providerName: r.provider_name,
    pickupPlace: r.pickup_place,
    regionCode: r.region_code,
    volunteerId: r.volunteer_id,
    volunteerName: r.volunteer_name,
    volunteerNumber: r.volunteer_number,
    points: Number(r.points),
    pickupCode: r.pickup_code,
    state: r.state,
    stateLabel: redemptionStateLabels[r.state] ?? r.state,
    entryId: r.entry_id,
    createdAt: iso(r.created_at)!,
    pickedUpAt: iso(r.picked_up_at),
    verifiedByName: r.verified_by_name,
    cancelledAt: iso(r.cancelled_at),
    cancelReason: r.cancel_reason,
    version: Number(r.version),
  };
}
export type RedemptionView = ReturnType<typeof presentRedemption>;

const ITEM_SELECT = `select i.id, i.name, i.description, i.provider_kind, i.provider_name, i.region_code,
  g.name as region_name, i.pickup_place, i.price_points, i.stock, i.per_person_limit, i.status, i.version,
  i.created_at, i.updated_at,
  (select count(*) from redemptions r where r.item_id = i.id and r.state = 'issued')::int as issued,
  (select count(*) from redemptions r where r.item_id = i.id and r.state = 'picked_up')::int as picked_up
  from reward_items i left join regions g on g.code = i.region_code`;

const REDEMPTION_SELECT = `select r.id, r.item_id, i.name as item_name, i.provider_name, i.pickup_place, i.region_code,
  r.volunteer_id, v.real_name as volunteer_name, v.volunteer_number, r.points, r.pickup_code, r.state, r.entry_id,
  r.created_at, r.picked_up_at, r.verified_by_name, r.cancelled_at, r.cancel_reason, r.version
  from redemptions r join reward_items i on i.id = r.item_id join volunteers v on v.id = r.volunteer_id`;

/** `(col between $n and $n+1 or …)` for the actor's exchange.manage grants; params appended. */
function scopeSql(actor: Actor, col: string, params: unknown[]): string {
  const s = scopeRanges(actor, 'exchange.manage');
  if (s.all) return 'true';
  if (!s.ranges.length) return 'false';
  const parts = s.ranges.map(([lo, hi]) => {
    params.push(lo, hi);
    return `${col} between $${params.length - 1} and $${params.length}`;
  });
  return `(${parts.join(' or ')})`;
}

function newPickupCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += PICKUP_CODE_ALPHABET[randomInt(PICKUP_CODE_ALPHABET.length)];
  return s;
}

export type ItemListFilter = {
  q?: string;
  status?: string;
  providerKind?: string;
  regionCode?: string;
  page: number;
  pageSize: number;
};
export type RedemptionListFilter = {
  q?: string;
  state?: string;
  itemId?: string;
  page: number;
  pageSize: number;
};

/** The exchange ("金相邻"): goods and services for points, redemptions with pickup codes. */
export function createExchangeService(deps: Deps) {
  const { database, audit, clock } = deps;
  const db = database.db;

  /** An item the actor manages (404 outside scope), optionally row-locked. */
  async function managedItem(tx: DbOrTx, actor: Actor, id: string, lock = false): Promise<ItemRow> {
    if (!UUID.test(id)) throw notFound('兑换商品');
    const [row] = await txQuery<ItemRow>(
      tx,
      `${ITEM_SELECT} where i.id = $1${lock ? ' for update of i' : ''}`,
      [id],
    );
    if (!row || !can(actor, 'exchange.manage', { regionCode: row.region_code })) throw notFound('兑换商品');
    return row;
  }

  async function redemptionBy(tx: DbOrTx, where: string, params: unknown[], lock = false) {
    const [row] = await txQuery<RedemptionRow>(
      tx,
      `${REDEMPTION_SELECT} where ${where}${lock ? ' for update of r' : ''}`,
      params,
    );
    return row;
  }

  /** The volunteer's community and its street: where the offers they may redeem sit. */
  async function volunteerPlaces(tx: DbOrTx, volunteerId: string) {
    const [v] = await txQuery<{ region_code: string; street: string | null; status: string }>(
      tx,
      `select v.region_code, g.parent_code as street, v.status from volunteers v
       left join regions g on g.code = v.region_code where v.id = $1`,
      [volunteerId],
    );
    if (!v) throw notFound('志愿者');
    return { status: v.status, codes: [v.region_code, v.street].filter((c): c is string => !!c) };
  }

  async function itemAudit(
    tx: DbOrTx,
    actor: Actor,
    action: string,
    before: ItemRow | null,
    after: ItemRow,
    requestId?: string,
    extra: Record<string, unknown> = {},
  ) {
    const snap = (r: ItemRow | null) =>
      r && {
        name: r.name,
        providerKind: r.provider_kind,
        providerName: r.provider_name,
        pickupPlace: r.pickup_place,
        pricePoints: Number(r.price_points),
        stock: Number(r.stock),
        perPersonLimit: r.per_person_limit,
        status: r.status,
        version: Number(r.version),
      };
    await audit.record(tx, {
      actor: auditActor(actor),
      action,
      entity: ['reward_item', after.id],
      regionCode: after.region_code,
      before: snap(before),
      after: { ...snap(after), ...extra },
      requestId,
    });
  }

  /** Versioned update of an item; 409 when someone else changed it first. */
  async function updateItem(tx: DbOrTx, before: ItemRow, version: number, set: Record<string, unknown>) {
    if (Number(before.version) !== version)
      throw conflict('该记录已被他人修改，请刷新后重试', { version: '版本已过期' });
    const cols = Object.keys(set);
    const params: unknown[] = [before.id, version, clock.now(), ...Object.values(set)];
    const assigns = cols.map((c, i) => `${c} = $${i + 4}`);
    const rows = await txQuery<{ id: string }>(
      tx,
      `update reward_items set ${[...assigns, 'version = version + 1', 'updated_at = $3'].join(', ')}
       where id = $1 and version = $2 returning id`,
      params,
    );
    if (!rows[0]) throw conflict('该记录已被他人修改，请刷新后重试', { version: '版本已过期' });
    const [after] = await txQuery<ItemRow>(tx, `${ITEM_SELECT} where i.id = $1`, [before.id]);
    return after;
  }

  return {
    async listItems(actor: Actor, f: ItemListFilter): Promise<Page<RewardItemView>> {
      const params: unknown[] = [];
      const conds = [scopeSql(actor, 'i.region_code', params)];
      if (f.status) {
        params.push(f.status);
        conds.push(`i.status = $${params.length}`);
      }
      if (f.providerKind) {
        params.push(f.providerKind);
        conds.push(`i.provider_kind = $${params.length}`);
      }
      if (f.regionCode) {
        params.push(f.regionCode);
        conds.push(`i.region_code = $${params.length}`);
      }
      if (f.q) {
        params.push(likePattern(f.q));
        conds.push(`(i.name like $${params.length} or i.provider_name like $${params.length})`);
      }
      const where = conds.join(' and ');
      const [{ total }] = await database.query<{ total: number }>(
        `select count(*)::int as total from reward_items i where ${where}`,
        params,
      );
      const rows = await database.query<ItemRow>(
        `${ITEM_SELECT} where ${where} order by i.status, i.updated_at desc, i.id limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
        params,
      );
      return { items: rows.map(presentItem), total: Number(total), page: f.page, pageSize: f.pageSize };
    },

    async getItem(actor: Actor, id: string) {
      return presentItem(await managedItem(db, actor, id));
    },

    async createItem(actor: Actor, input: RewardItemInput, requestId?: string) {
      if (!can(actor, 'exchange.manage', { regionCode: input.regionCode }))
        throw forbidden('只能在自己负责的社区或街道发布兑换商品');
      return db.transaction(async (tx) => {
        const [region] = await txQuery<{ level: number }>(tx, 'select level from regions where code = $1', [
          input.regionCode,
        ]);
        if (!region || (Number(region.level) !== 4 && Number(region.level) !== 5))
          throw unprocessable('所属区域无效', { regionCode: '请选择社区或街道' });
        const [{ id }] = await txQuery<{ id: string }>(
          tx,
          `insert into reward_items (name, description, provider_kind, provider_name, region_code, pickup_place,
             price_points, stock, per_person_limit, created_by, created_at, updated_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) returning id`,
          [
            input.name,
            input.description ?? '',
            input.providerKind,
            input.providerName,
            input.regionCode,
            input.pickupPlace,
            input.pricePoints,
            input.stock,
            input.perPersonLimit ?? null,
            actor.id,
            clock.now(),
          ],
        );
        const [row] = await txQuery<ItemRow>(tx, `${ITEM_SELECT} where i.id = $1`, [id]);
        await itemAudit(tx, actor, 'exchange.item.create', null, row, requestId);
        return presentItem(row);
      });
    },

    async patchItem(actor: Actor, id: string, patch: RewardItemPatch, requestId?: string) {
      return db.transaction(async (tx) => {
        const before = await managedItem(tx, actor, id, true);
        const set: Record<string, unknown> = {};
        if (patch.name !== undefined) set.name = patch.name;
        if (patch.description !== undefined) set.description = patch.description;
        if (patch.providerKind !== undefined) set.provider_kind = patch.providerKind;
        if (patch.providerName !== undefined) set.provider_name = patch.providerName;
        if (patch.pickupPlace !== undefined) set.pickup_place = patch.pickupPlace;
        if (patch.pricePoints !== undefined) set.price_points = patch.pricePoints;
        if (patch.perPersonLimit !== undefined) set.per_person_limit = patch.perPersonLimit;
        const after = await updateItem(tx, before, patch.version, set);
        await itemAudit(tx, actor, 'exchange.item.update', before, after, requestId);
        return presentItem(after);
      });
    },

    async setStatus(
      actor: Actor,
      id: string,
      status: 'listed' | 'delisted',
      body: { version: number; reason?: string },
      requestId?: string,
    ) {
      return db.transaction(async (tx) => {
        const before = await managedItem(tx, actor, id, true);
        if (before.status === status)
          throw conflict(status === 'listed' ? '该商品已在上架中' : '该商品已下架', { status: '状态未变化' });
        const after = await updateItem(tx, before, body.version, { status });
        await itemAudit(
          tx,
          actor,
          status === 'listed' ? 'exchange.item.relist' : 'exchange.item.delist',
          before,
          after,
          requestId,
          body.reason ? { reason: body.reason } : {},
        );
        return presentItem(after);
      });
    },

    async adjustStock(actor: Actor, id: string, body: RewardStockAdjustment, requestId?: string) {
      return db.transaction(async (tx) => {
        const before = await managedItem(tx, actor, id, true);
        const stock = Number(before.stock) + body.delta;
        if (stock < 0)
          throw unprocessable(`库存不足：当前库存${before.stock}件，不能减少${-body.delta}件`, {
            delta: '调整后库存不能为负数',
          });
        const after = await updateItem(tx, before, body.version, { stock });
        await itemAudit(tx, actor, 'exchange.item.stock', before, after, requestId, {
          delta: body.delta,
          reason: body.reason,
        });
        return presentItem(after);
      });
    },

    /** Listed offers of the volunteer's community and street, with what they can afford. */
    async offersFor(volunteerId: string) {
      return db.transaction(async (tx) => {
        const places = await volunteerPlaces(tx, volunteerId);
        const [bal] = await txQuery<{ balance: number }>(
          tx,
          'select balance from point_balances where volunteer_id = $1',
          [volunteerId],
        );
        const balance = Number(bal?.balance ?? 0);
        const rows = await txQuery<ItemRow & { mine: number }>(
          tx,
          `select i.id, i.name, i.description, i.provider_kind, i.provider_name, i.region_code, g.name as region_name,
             i.pickup_place, i.price_points, i.stock, i.per_person_limit, i.status, i.version, i.created_at, i.updated_at,
             (select count(*) from redemptions r where r.item_id = i.id and r.volunteer_id = $2 and r.state <> 'cancelled')::int as mine
           from reward_items i left join regions g on g.code = i.region_code
           where i.status = 'listed' and i.region_code = any($1::text[]) order by i.price_points, i.name`,
          [places.codes, volunteerId],
        );
        return {
          balance,
          items: rows.map((r) => {
            const limitLeft =
              r.per_person_limit === null ? null : Math.max(0, Number(r.per_person_limit) - Number(r.mine));
            return {
              id: r.id,
              name: r.name,
              description: r.description,
              providerKind: r.provider_kind,
              providerKindLabel: rewardProviderKindLabels[r.provider_kind] ?? r.provider_kind,
              providerName: r.provider_name,
              regionName: r.region_name ?? '',
              pickupPlace: r.pickup_place,
              pricePoints: Number(r.price_points),
              stockLeft: Number(r.stock),
              perPersonLimit: r.per_person_limit === null ? null : Number(r.per_person_limit),
              redeemedByMe: Number(r.mine),
              affordable: balance >= Number(r.price_points),
              canRedeem: balance >= Number(r.price_points) && Number(r.stock) > 0 && limitLeft !== 0,
            };
          }),
        };
      });
    },

    /**
     * Redeem one item, all in one transaction: item row lock (stock and per-person limit are decided
     * one redemption at a time), stock − 1, a `redeem` ledger entry under the volunteer's balance lock,
     * the redemption with a fresh pickup code. A retry with the same key returns the first redemption.
     */
    async redeem(
      actor: Actor,
      volunteerId: string,
      input: RedemptionInput,
      requestId?: string,
    ): Promise<{ redemption: RedemptionView; balance: number; duplicate: boolean }> {
      const key = `redeem:${volunteerId}:${input.idempotencyKey}`;
      try {
        return await redeemIn(key);
      } catch (err) {
        // the same key used at the same moment for another item: the first one stands
        if (isUniqueViolation(err, 'redemptions_idem_uq') || isUniqueViolation(err, 'point_entries_idem_uq'))
          throw conflict('请求编号已被使用', { idempotencyKey: '请求编号已被其他兑换使用' });
        throw err;
      }
      function redeemIn(key: string) {
        return db.transaction(async (tx) => {
          const places = await volunteerPlaces(tx, volunteerId);
          const [item] = await txQuery<ItemRow>(
            tx,
            'select id, name, region_code, price_points, stock, per_person_limit, status, provider_name, pickup_place from reward_items where id = $1 for update',
            [input.itemId],
          );
          if (!item || !places.codes.includes(item.region_code)) throw notFound('兑换商品');
          const existing = await redemptionBy(tx, 'r.idem_key = $1', [key]);
          if (existing) {
            if (existing.volunteer_id !== volunteerId || existing.item_id !== input.itemId)
              throw conflict('请求编号已被使用', { idempotencyKey: '请求编号已被其他兑换使用' });
            const [b] = await txQuery<{ balance: number }>(
              tx,
              'select balance from point_balances where volunteer_id = $1',
              [volunteerId],
            );
            return {
              redemption: presentRedemption(existing),
              balance: Number(b?.balance ?? 0),
              duplicate: true,
            };
          }
          if (places.status !== 'active')
            throw unprocessable('志愿者状态异常，暂不能兑换', {}, 'volunteer_inactive');
          if (item.status !== 'listed') throw conflict('该商品已下架', { itemId: '已下架' });
          if (Number(item.stock) <= 0) throw conflict('该商品已兑完', { itemId: '已兑完' });
          if (item.per_person_limit !== null) {
            const [{ n }] = await txQuery<{ n: number }>(
              tx,
              "select count(*)::int as n from redemptions where item_id = $1 and volunteer_id = $2 and state <> 'cancelled'",
              [item.id, volunteerId],
            );
            if (Number(n) >= Number(item.per_person_limit))
              throw conflict(`该商品每人限兑${item.per_person_limit}件，您已兑换${n}件`, {
                itemId: '已达每人限兑数量',
              });
          }
          const price = Number(item.price_points);
          const { balance } = await lockBalance(tx, volunteerId);
          if (balance < price)
            throw unprocessable(
              `积分不足：当前余额${balance}分，兑换“${item.name}”需要${price}分`,
              { points: '积分不足' },
              'insufficient_points',
            );
          await txQuery(tx, 'update reward_items set stock = stock - 1, updated_at = $2 where id = $1', [
            item.id,
            clock.now(),
          ]);
          const now = clock.now();
          let redemptionId: string | undefined;
          for (let attempt = 0; attempt < 5 && !redemptionId; attempt++) {
            const [row] = await txQuery<{ id: string }>(
              tx,
              `insert into redemptions (item_id, volunteer_id, points, pickup_code, idem_key, created_at)
             values ($1, $2, $3, $4, $5, $6) on conflict (pickup_code) do nothing returning id`,
              [item.id, volunteerId, price, newPickupCode(), key, now],
            );
            redemptionId = row?.id;
          }
          if (!redemptionId) throw new Error('could not allocate a unique pickup code');
          const posted = await postPoints(tx, {
            volunteerId,
            kind: 'redeem',
            points: price,
            reason: `兑换“${item.name}”（${item.provider_name}）`,
            key,
            causeType: 'redemption',
            causeId: redemptionId,
            creditedOn: todayInShanghai(now),
            actor: auditActor(actor),
            at: now,
          });
          await txQuery(tx, 'update redemptions set entry_id = $2 where id = $1', [
            redemptionId,
            posted.entryId,
          ]);
          const created = await redemptionBy(tx, 'r.id = $1', [redemptionId]);
          await audit.record(tx, {
            actor: auditActor(actor),
            action: 'exchange.redeem',
            entity: ['redemption', redemptionId],
            regionCode: item.region_code,
            before: null,
            after: {
              itemId: item.id,
              itemName: item.name,
              points: price,
              entryId: posted.entryId,
              stockAfter: Number(item.stock) - 1,
            },
            requestId,
          });
          return { redemption: presentRedemption(created!), balance: posted.balance, duplicate: false };
        });
      }
    },

    async myRedemptions(volunteerId: string) {
      const rows = await database.query<RedemptionRow>(
        `${REDEMPTION_SELECT} where r.volunteer_id = $1 order by r.created_at desc, r.id limit 200`,
        [volunteerId],
      );
      return { items: rows.map(presentRedemption) };
    },

    async listRedemptions(actor: Actor, f: RedemptionListFilter): Promise<Page<RedemptionView>> {
      const params: unknown[] = [];
      const conds = [scopeSql(actor, 'i.region_code', params)];
      if (f.state) {
        params.push(f.state);
        conds.push(`r.state = $${params.length}`);
      }
      if (f.itemId) {
        params.push(f.itemId);
        conds.push(`r.item_id = $${params.length}`);
      }
      if (f.q) {
        params.push(likePattern(f.q), f.q.toUpperCase().replace(/[\s-]/g, ''));
        conds.push(
          `(v.real_name like $${params.length - 1} or v.volunteer_number like $${params.length - 1} or r.pickup_code = $${params.length})`,
        );
      }
      const where = conds.join(' and ');
      const [{ total }] = await database.query<{ total: number }>(
        `select count(*)::int as total from redemptions r join reward_items i on i.id = r.item_id
         join volunteers v on v.id = r.volunteer_id where ${where}`,
        params,
      );
      const rows = await database.query<RedemptionRow>(
        `${REDEMPTION_SELECT} where ${where} order by r.created_at desc, r.id limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize}`,
        params,
      );
      return { items: rows.map(presentRedemption), total: Number(total), page: f.page, pageSize: f.pageSize };
    },

    /** The provider hands over the goods: the pickup code is checked and marked used, once. */
    async verify(actor: Actor, pickupCode: string, requestId?: string) {
      return db.transaction(async (tx) => {
        const row = await redemptionBy(tx, 'r.pickup_code = $1', [pickupCode], true);
        if (!row || !can(actor, 'exchange.manage', { regionCode: row.region_code }))
          throw notFound('取货码对应的兑换记录');
        if (row.state === 'picked_up')
          throw conflict(
            `该取货码已于${new Date(row.picked_up_at!).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}核销，不能重复领取`,
            { pickupCode: '已核销' },
          );
        if (row.state === 'cancelled')
          throw unprocessable(
            '该兑换已取消，取货码无效',
            { pickupCode: '兑换已取消' },
            'redemption_cancelled',
          );
        const now = clock.now();
        await txQuery(
          tx,
          `update redemptions set state = 'picked_up', picked_up_at = $2, verified_by = $3, verified_by_name = $4,
             version = version + 1 where id = $1`,
          [row.id, now, actor.id, actor.displayName],
        );
        const after = (await redemptionBy(tx, 'r.id = $1', [row.id]))!;
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'exchange.verify',
          entity: ['redemption', row.id],
          regionCode: row.region_code,
          before: { state: row.state },
          after: { state: after.state, itemName: row.item_name, volunteerNumber: row.volunteer_number },
          requestId,
        });
        return presentRedemption(after);
      });
    },

    /** Staff cancel an issued redemption: stock goes back and the points are refunded by a reversal. */
    async cancel(actor: Actor, id: string, reason: string, requestId?: string) {
      if (!UUID.test(id)) throw notFound('兑换记录');
      return db.transaction(async (tx) => {
        const row = await redemptionBy(tx, 'r.id = $1', [id], true);
        if (!row || !can(actor, 'exchange.manage', { regionCode: row.region_code }))
          throw notFound('兑换记录');
        if (row.state !== 'issued')
          throw conflict(row.state === 'picked_up' ? '已领取的兑换不能取消' : '该兑换已取消', {
            state: '只有待领取的兑换可以取消',
          });
        await txQuery(tx, 'select id from reward_items where id = $1 for update', [row.item_id]);
        const now = clock.now();
        await txQuery(tx, 'update reward_items set stock = stock + 1, updated_at = $2 where id = $1', [
          row.item_id,
          now,
        ]);
        let refund: { entryId: string; balance: number } | null = null;
        if (row.entry_id) {
          refund = await postPoints(tx, {
            volunteerId: row.volunteer_id,
            kind: 'reversal',
            points: Number(row.points),
            reason: `取消兑换“${row.item_name}”，退回积分（${reason}）`,
            key: `refund:${row.id}`,
            causeType: 'redemption',
            causeId: row.id,
            reverses: row.entry_id,
            creditedOn: todayInShanghai(now),
            actor: auditActor(actor),
            at: now,
          });
        }
        await txQuery(
          tx,
          `update redemptions set state = 'cancelled', cancelled_at = $2, cancel_reason = $3, version = version + 1
           where id = $1`,
          [row.id, now, reason],
        );
        const after = (await redemptionBy(tx, 'r.id = $1', [row.id]))!;
        await audit.record(tx, {
          actor: auditActor(actor),
          action: 'exchange.cancel',
          entity: ['redemption', row.id],
          regionCode: row.region_code,
          before: { state: row.state },
          after: { state: after.state, reason, refundEntryId: refund?.entryId ?? null },
          requestId,
        });
        return presentRedemption(after);
      });
    },
  };
}

export type ExchangeService = ReturnType<typeof createExchangeService>;
