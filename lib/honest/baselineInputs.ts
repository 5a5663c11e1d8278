/**
 * What the rule-based baselines read at a cutoff T, from the same events before T as the features (the
 * population's kept view and cart rows): the hours from the last event to T, finer than the whole-day
 * `recency` feature so that recency alone can rank users, and whether the user put anything in the cart in
 * the 7 days before T.
 */
import { entry } from '../entry';
import type { Engine } from '../engine/engine';
import { readColumns } from '../features/featureTable';
import { epochSql } from '../features/sessionTimes';
import { replaceTable } from '../features/sql';
import { addDays } from './cutoffs';
import { midnightSql } from './population';

/** Days before the cutoff in which a cart counts for the "carted recently" baseline. */
export const CART_WINDOW_DAYS = 7;

/** Per user of a cutoff table, in the order of its `userIds`. */
export interface BaselineInputs {
  hoursSinceLastEvent: Float64Array;
  /** 1 when the user has a cart row in [T − 7 days, T). */
  cartedLastWeek: Uint8Array;
}

/** SQL of (user_id, hours_since_last_event, carted_last_week) over `events` (rows before `cutoff` only). */
export function baselineInputsSql(events: string, cutoff: string): string {
  return `SELECT user_id,
  CAST((${epochSql(midnightSql(cutoff))} - MAX(${epochSql('event_time')})) / 3600 AS DOUBLE PRECISION) AS hours_since_last_event,
  CAST(MAX(CASE WHEN event_type = 'cart' AND event_time >= ${midnightSql(addDays(cutoff, -CART_WINDOW_DAYS))} THEN 1 ELSE 0 END) AS INTEGER) AS carted_last_week
FROM ${events}
WHERE event_time < ${midnightSql(cutoff)}
GROUP BY user_id`;
}

/** Build `table` from `events` (a cutoff's events table): one row per user with an event before the cutoff. */
export async function buildBaselineInputsTable(engine: Engine, options: { events: string; cutoff: string; table: string }): Promise<void> {
  await replaceTable(engine, options.table, baselineInputsSql(options.events, options.cutoff));
}

/**
 * Read `table` (built by {@link buildBaselineInputsTable}) aligned with `userIds`; every user must have a row (the
 * population is the users with a kept view or cart before T, exactly the users of the cutoff's events).
 */
export async function readBaselineInputs(
  engine: Engine,
  options: { cutoff: string; table: string; userIds: readonly string[] },
): Promise<BaselineInputs> {
  // Ordered like the cutoff's feature table (one row per user, by user_id), so rows align without a lookup map.
  const data = await readColumns(engine, options.table, { textColumns: ['user_id'], orderBy: 'user_id' });
  const ids = entry(data.text, 'user_id', options.table);
  const hours = entry(data.numeric, 'hours_since_last_event', options.table);
  const carted = entry(data.numeric, 'carted_last_week', options.table);
  const out: BaselineInputs = {
    hoursSinceLastEvent: new Float64Array(options.userIds.length),
    cartedLastWeek: new Uint8Array(options.userIds.length),
  };
  let j = 0;
  options.userIds.forEach((id, i) => {
    while (j < ids.length && ids[j] !== id) j++; // rows of users outside userIds are passed over
    if (j === ids.length) {
      throw new Error(
        `user ${id} of the table at ${options.cutoff} has no row in ${options.table} (no event before the cutoff, or userIds not in user_id order)`,
      );
    }
    out.hoursSinceLastEvent[i] = hours[j]!;
    out.cartedLastWeek[i] = carted[j]!;
    j++;
  });
  return out;
}
