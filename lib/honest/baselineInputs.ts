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

/**
 * Build `table` from `events` (a cutoff's events table) and read it aligned with `userIds`; every user must
 * have a row (the population is the users with a kept view or cart before T, exactly the users of `events`).
 */
export async function buildBaselineInputs(
  engine: Engine,
  options: { events: string; cutoff: string; table: string; userIds: readonly string[] },
): Promise<BaselineInputs> {
  await replaceTable(engine, options.table, baselineInputsSql(options.events, options.cutoff));
  const data = await readColumns(engine, options.table, { textColumns: ['user_id'] });
  const row = new Map<string, number>();
  entry(data.text, 'user_id', options.table).forEach((id, i) => {
    row.set(id, i);
  });
  const hours = entry(data.numeric, 'hours_since_last_event', options.table);
  const carted = entry(data.numeric, 'carted_last_week', options.table);
  const out: BaselineInputs = {
    hoursSinceLastEvent: new Float64Array(options.userIds.length),
    cartedLastWeek: new Uint8Array(options.userIds.length),
  };
  options.userIds.forEach((id, i) => {
    const j = row.get(id);
    if (j === undefined) throw new Error(`user ${id} of the table at ${options.cutoff} has no event before the cutoff`);
    out.hoursSinceLastEvent[i] = hours[j]!;
    out.cartedLastWeek[i] = carted[j]!;
  });
  return out;
}
