/** Activity counts: num_views, adds_to_cart and add_to_cart_rate (spec section 4). */
import type { FeatureContext } from './context';
import { replaceTable, roundedRatioSql, DECIMAL_2 } from './sql';

/**
 * Build `feat_activity` (user_id, num_views, adds_to_cart, add_to_cart_rate) from `feat_sessions`.
 * The rate is cart rows / all rows of the user (the study), or with `rateOverSessions` sessions with a
 * cart row / sessions; 2 places, 0 when the user has no cart row (or no session). The study counted both
 * sides with COUNT(user_session), which skips rows without a session, so its rows are the rows with one.
 */
export async function buildActivity(ctx: FeatureContext): Promise<void> {
  const { dialect } = ctx;
  const rate = ctx.switches.rateOverSessions
    ? roundedRatioSql(dialect, 'SUM(CASE WHEN session IS NOT NULL AND carts > 0 THEN 1 ELSE 0 END)', 'COUNT(session)')
    : roundedRatioSql(
        dialect,
        'SUM(CASE WHEN session IS NOT NULL THEN carts ELSE 0 END)',
        'SUM(CASE WHEN session IS NOT NULL THEN event_rows ELSE 0 END)',
      );
  await replaceTable(
    ctx.engine,
    ctx.tables.activity,
    `SELECT user_id,
       CAST(SUM(views) AS INTEGER) AS num_views,
       CAST(SUM(carts) AS INTEGER) AS adds_to_cart,
       CAST(COALESCE(${rate}, 0) AS ${DECIMAL_2}) AS add_to_cart_rate
     FROM ${ctx.tables.sessions}
     GROUP BY user_id`,
  );
}
