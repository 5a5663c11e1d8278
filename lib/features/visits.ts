/** Visit span: range_visits and avg_days_btw_sessions (spec section 4). */
import type { FeatureContext } from './context';
import { replaceTable, roundedRatioSql, wholeDaysSql, DECIMAL_2 } from './sql';

/**
 * Build `feat_visits` (user_id, range_visits, avg_days_btw_sessions) from `feat_sessions`:
 * range_visits = whole days of (last event - first event); avg_days_btw_sessions = range_visits / number of
 * distinct sessions, 2 places (0 for a user whose rows have no session, where the study would divide by 0).
 */
export async function buildVisits(ctx: FeatureContext): Promise<void> {
  await replaceTable(
    ctx.engine,
    ctx.tables.visits,
    `SELECT user_id, range_visits,
       CAST(COALESCE(${roundedRatioSql(ctx.dialect, 'range_visits', 'sessions')}, 0) AS ${DECIMAL_2}) AS avg_days_btw_sessions
     FROM (
       SELECT user_id, ${wholeDaysSql('MAX(last_event)', 'MIN(first_event)')} AS range_visits, COUNT(session) AS sessions
       FROM ${ctx.tables.sessions}
       GROUP BY user_id
     ) span`,
  );
}
