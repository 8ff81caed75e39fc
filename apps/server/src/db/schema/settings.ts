import { boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/** Deployment configuration as data (coverage targets, active category scheme, …). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const categorySchemes = pgTable('category_schemes', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** scheme applies the 5+X rule (every required category + one distinctive) */
  fivePlusX: boolean('five_plus_x').notNull().default(false),
  version: integer('version').notNull().default(1),
});

export const categories = pgTable(
  'categories',
  {
    schemeCode: text('scheme_code')
      .notNull()
      .references(() => categorySchemes.code),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** required in every community under the 5+X rule */
    required: boolean('required').notNull().default(false),
    /** the "X" – distinctive category */
    distinctive: boolean('distinctive').notNull().default(false),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.schemeCode, t.code] })],
);
