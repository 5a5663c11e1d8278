/**
 * A hand-made event log around the cutoff T = 2019-10-10 with a 7-day horizon (window [Oct 10, Oct 17)),
 * with the population, labels and session times worked out by hand in the tests.
 */
import type { Engine } from '../../lib/engine/engine';
import { createEventsTableSql } from '../../lib/data/schema';

/** event_time, event_type, category_code, price, user_id, user_session (null = NULL). */
export type HandRow = readonly [string, string, string | null, string, string, string | null];

export const CUTOFF = '2019-10-10';
export const HORIZON = 7;

export const HAND_ROWS: readonly HandRow[] = [
  // 101: two sessions before T (the 10:30 view duplicated exactly; a remove_from_cart dropped), buys in the window.
  ['2019-10-01 10:00:00', 'view', null, '5.00', '101', 's1'],
  ['2019-10-01 10:30:00', 'view', null, '5.00', '101', 's1'],
  ['2019-10-01 10:30:00', 'view', null, '5.00', '101', 's1'],
  ['2019-10-05 12:00:00', 'cart', null, '5.00', '101', 's2'],
  ['2019-10-05 12:05:00', 'remove_from_cart', null, '5.00', '101', 's2'],
  ['2019-10-05 12:10:00', 'view', null, '4.00', '101', 's2'],
  ['2019-10-05 12:20:00', 'view', null, '6.00', '101', 's2'],
  ['2019-10-11 09:00:00', 'view', null, '6.00', '101', 's3'],
  ['2019-10-12 09:00:00', 'purchase', null, '6.00', '101', 's4'],
  // 102: bought before T: not in the population.
  ['2019-10-02 10:00:00', 'view', null, '3.00', '102', 'a1'],
  ['2019-10-03 10:00:00', 'purchase', null, '3.00', '102', 'a1'],
  ['2019-10-04 10:00:00', 'view', null, '3.00', '102', 'a2'],
  // 103: active before T, buys only after the window: label 0.
  ['2019-10-06 08:00:00', 'view', null, '2.00', '103', 'b1'],
  ['2019-10-20 08:00:00', 'purchase', null, '2.00', '103', 'b2'],
  // 104: first seen after T: not in the population.
  ['2019-10-11 08:00:00', 'view', null, '2.00', '104', 'c1'],
  ['2019-10-12 08:00:00', 'purchase', null, '2.00', '104', 'c1'],
  // 105: before T only a non-cosmetic view and a zero-price view: no kept row, not in the population.
  ['2019-10-02 08:00:00', 'view', 'apparel.glove', '2.00', '105', 'd1'],
  ['2019-10-03 08:00:00', 'view', null, '0.00', '105', 'd2'],
  // 106: a refund (negative purchase) before T still means a purchase: not in the population.
  ['2019-10-02 08:00:00', 'view', null, '2.00', '106', 'e1'],
  ['2019-10-03 08:00:00', 'purchase', null, '-2.00', '106', 'e1'],
  // 107: a non-cosmetic purchase in the window and one exactly at T + H (excluded): label 0.
  ['2019-10-09 08:00:00', 'view', null, '2.00', '107', 'f1'],
  ['2019-10-13 08:00:00', 'purchase', 'apparel.glove', '2.00', '107', 'f2'],
  ['2019-10-17 00:00:00', 'purchase', null, '2.00', '107', 'f3'],
  // 108: last event a second before T, no session on it; buys exactly at T (in the window): label 1.
  ['2019-10-09 23:59:59', 'view', null, '2.00', '108', null],
  ['2019-10-10 00:00:00', 'purchase', null, '2.00', '108', 'g1'],
  // 109: only a remove_from_cart before T: not in the population.
  ['2019-10-08 08:00:00', 'remove_from_cart', null, '2.00', '109', 'h1'],
];

/** (Re)create `table` holding `rows`. */
export async function insertHandRows(engine: Engine, rows: readonly HandRow[] = HAND_ROWS, table = 'events'): Promise<void> {
  await engine.run(`DROP TABLE IF EXISTS ${table}`);
  await engine.run(createEventsTableSql(table));
  const values = rows.map(([time, type, code, price, user, session]) => {
    const q = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);
    return `(CAST('${time}' AS TIMESTAMP), '${type}', 1, 10, ${q(code)}, 'brand', ${price}, ${user}, ${q(session)})`;
  });
  await engine.run(`INSERT INTO ${table} VALUES ${values.join(',\n')}`);
}

/** A unique PostgreSQL schema per test process and name. */
export function pgSchema(name: string): string {
  return `t_honest_${name}_${process.pid}`;
}
