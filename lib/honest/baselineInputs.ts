/**
 * What the rule-based baselines read at a cutoff T, from the same events before T as the features (the
 * population's kept view and cart rows): the hours from the last event to T, finer than the whole-day
 * `recency` feature so that recency alone can rank users, and whether the user put anything in the cart in
 * the 7 days before T.
 */
import { entry } from '../entry';
import type { Engine } from '../engine/engine';
import { MODELLING_ROW_ORDER, readColumns } from '../features/featureTable';
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
 * Read `table` (built by {@link buildBaselineInputsTable}) in the row order of the cutoff's modelling table
 * `alignTo` (joined in SQL, so no user id is read); every user of `alignTo` must have a row (the population is
 * the users with a kept view or cart before T, exactly the users of the cutoff's events).
 */
export async function readBaselineInputs(
  engine: Engine,
  options: { cutoff: string; table: string; alignTo: string },
): Promise<BaselineInputs> {
  const joined = `FROM ${options.alignTo} t LEFT JOIN ${options.table} b ON b.user_id = t.user_id`;
  const missing = await engine.all<{ user_id: string }>(
    `SELECT CAST(t.user_id AS VARCHAR) AS user_id ${joined} WHERE b.user_id IS NULL LIMIT 1`,
  );
  if (missing.length > 0) {
    throw new Error(
      `user ${missing[0]!.user_id} of the table at ${options.cutoff} has no row in ${options.table} (no event before the cutoff)`,
    );
  }
  const data = await readColumns(engine, `(SELECT b.hours_since_last_event, b.carted_last_week, t.user_id, t.rfm_int ${joined}) aligned`, {
    orderBy: MODELLING_ROW_ORDER,
    columns: ['hours_since_last_event', 'carted_last_week'],
  });
  return {
    hoursSinceLastEvent: entry(data.numeric, 'hours_since_last_event', options.table),
    cartedLastWeek: Uint8Array.from(entry(data.numeric, 'carted_last_week', options.table)),
  };
}
