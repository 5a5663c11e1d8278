/**
 * The session summary every per-user feature is computed from: one pass over the cleaned events grouped by
 * (user, session), so the large table is scanned once instead of once per feature group.
 */
import type { FeatureContext } from './context';
import { centsSql, replaceTable } from './sql';
import { sessionSqlOf } from '../data/sessionType';

/**
 * Build `feat_sessions`: per (user_id, session) the row counts by type, the cents of view, cart and
 * non-purchase rows, and the first and last event time. A user's rows without a session form one group with
 * session NULL (as in the study's GROUP BY); it is not counted as a session.
 */
export async function buildSessions(ctx: FeatureContext): Promise<void> {
  const count = (condition: string) => `CAST(SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END) AS BIGINT)`;
  const cents = (condition: string) => `CAST(SUM(CASE WHEN ${condition} THEN ${centsSql('price')} ELSE 0 END) AS BIGINT)`;
  const session = await sessionSqlOf(ctx.engine, ctx.source);
  await replaceTable(
    ctx.engine,
    ctx.tables.sessions,
    `SELECT user_id, ${session} AS session,
       CAST(COUNT(*) AS BIGINT) AS event_rows,
       ${count(`event_type = 'view'`)} AS views,
       ${count(`event_type = 'cart'`)} AS carts,
       ${count(`event_type = 'purchase'`)} AS purchases,
       ${count(`event_type <> 'purchase'`)} AS spend_rows,
       ${cents(`event_type <> 'purchase'`)} AS spend_cents,
       ${cents(`event_type = 'view'`)} AS view_cents,
       ${cents(`event_type = 'cart'`)} AS cart_cents,
       MIN(event_time) AS first_event,
       MAX(event_time) AS last_event
     FROM ${ctx.source}
     GROUP BY user_id, ${session}`,
  );
}
