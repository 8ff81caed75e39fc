import { char, index, integer, pgTable, smallint, text } from 'drizzle-orm/pg-core';

/**
 * Administrative divisions by 12-digit statistical code.
 * level: 1 province, 2 city, 3 county/district, 4 town/street, 5 village/community.
 */
export const regions = pgTable(
  'regions',
  {
    code: char('code', { length: 12 }).primaryKey(),
    name: text('name').notNull(),
    level: smallint('level').notNull(),
    parentCode: char('parent_code', { length: 12 }),
    /** for level 5: 'urban' (居委会/社区) | 'rural' (村委会); null above */
    areaType: text('area_type'),
    /** statistics bureau urban–rural code (111…220) where the data has it */
    urbanRuralCode: char('urban_rural_code', { length: 3 }),
    /** resident population where known (used by volunteer targets) */
    population: integer('population'),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);
