import { sql } from 'drizzle-orm';
import {
  char,
  check,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { volunteers } from './volunteers';

/**
 * Double-entry points ledger (core `points.ts`): every entry moves `points` (> 0) from
 * `debitAccount` to `creditAccount` ('volunteer:<id>' or a system account); the idempotency key
 * makes retries harmless. Entries are never changed: a mistake is undone by a reversal entry.
 * cause_type: service_record | redemption | manual | expiry | reversal.
 */
export const pointEntries = pgTable(
  'point_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    kind: text('kind').notNull(),
    points: integer('points').notNull(),
    debitAccount: text('debit_account').notNull(),
    creditAccount: text('credit_account').notNull(),
    idemKey: text('idem_key').notNull(),
    reason: text('reason').notNull(),
    causeType: text('cause_type').notNull(),
    causeId: uuid('cause_id'),
    reverses: uuid('reverses'),
    /** business date of an earning (Asia/Shanghai), for expiry */
    creditedOn: date('credited_on').notNull(),
    /** last valid day of earned/bonus points (null = never expire) */
    expiresOn: date('expires_on'),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('point_entries_idem_uq').on(t.idemKey),
    index('point_entries_volunteer_idx').on(t.volunteerId, t.at),
    index('point_entries_expiry_idx').on(t.expiresOn),
    check('point_entries_points_ck', sql`${t.points} > 0`),
  ],
);

/** Current balance per volunteer: row-locked by every posting, never negative. */
export const pointBalances = pgTable(
  'point_balances',
  {
    volunteerId: uuid('volunteer_id')
      .primaryKey()
      .references(() => volunteers.id),
    balance: integer('balance').notNull().default(0),
    earned: integer('earned').notNull().default(0),
    spent: integer('spent').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('point_balances_nonneg_ck', sql`${t.balance} >= 0`)],
);

/**
 * Goods and services offered for points ("金相邻"): by a community or a partner merchant.
 * provider_kind: community | merchant. status: listed | delisted. Stock never below zero.
 */
export const rewardItems = pgTable(
  'reward_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    providerKind: text('provider_kind').notNull(),
    providerName: text('provider_name').notNull(),
    /** 12-digit region the offer belongs to (community or street node) – scopes who manages it */
    regionCode: char('region_code', { length: 12 }).notNull(),
    pickupPlace: text('pickup_place').notNull(),
    pricePoints: integer('price_points').notNull(),
    stock: integer('stock').notNull(),
    perPersonLimit: integer('per_person_limit'),
    status: text('status').notNull().default('listed'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('reward_items_region_idx').on(t.regionCode, t.status),
    check('reward_items_stock_ck', sql`${t.stock} >= 0`),
    check('reward_items_price_ck', sql`${t.pricePoints} > 0`),
  ],
);

/** A redemption: points spent, a pickup code the provider verifies. state: issued | picked_up | cancelled. */
export const redemptions = pgTable(
  'redemptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => rewardItems.id),
    volunteerId: uuid('volunteer_id')
      .notNull()
      .references(() => volunteers.id),
    points: integer('points').notNull(),
    pickupCode: text('pickup_code').notNull(),
    state: text('state').notNull().default('issued'),
    entryId: uuid('entry_id'),
    idemKey: text('idem_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
    verifiedBy: uuid('verified_by'),
    verifiedByName: text('verified_by_name'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('redemptions_idem_uq').on(t.idemKey),
    uniqueIndex('redemptions_pickup_uq').on(t.pickupCode),
    index('redemptions_volunteer_idx').on(t.volunteerId, t.createdAt),
    index('redemptions_item_idx').on(t.itemId, t.state),
  ],
);
