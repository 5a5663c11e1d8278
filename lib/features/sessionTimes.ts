/**
 * Session-based time features, the deck's "time-based features" future work: how long a user's sessions
 * last, how many events they hold, how fast the user clicks, and how long ago the last session ended.
 * Built over an events-shaped source table, like the other feature groups, into one row per user.
 */
import type { Engine, Row } from '../engine/engine';
import type { FeatureContext } from './context';
import { replaceTable, sqlString } from './sql';
import { sessionSqlOf } from '../data/sessionType';

/** The table the builder writes (user_id + SESSION_TIME_FEATURES). */
export const SESSION_TIMES_TABLE = 'feat_session_times';

/** The model inputs this group adds, in table order. */
export const SESSION_TIME_FEATURES = [
  'avg_session_minutes',
  'avg_events_per_session',
  'avg_minutes_between_events',
  'hours_since_last_session',
] as const;

export type SessionTimeFeature = (typeof SESSION_TIME_FEATURES)[number];

/** Seconds since the epoch of a TIMESTAMP expression, as a double on both engines. */
export function epochSql(timestamp: string): string {
  return `CAST(EXTRACT(EPOCH FROM ${timestamp}) AS DOUBLE PRECISION)`;
}

/**
 * Build `feat_session_times` (user_id, avg_session_minutes, avg_events_per_session,
 * avg_minutes_between_events, hours_since_last_session) from `ctx.source`, one row per user of the source:
 * - avg_session_minutes: mean over the user's sessions of (last event - first event), in minutes;
 * - avg_events_per_session: mean rows per session;
 * - avg_minutes_between_events: mean gap between consecutive events inside a session, i.e. the summed
 *   session spans over the summed (rows - 1); 0 when no session has two rows;
 * - hours_since_last_session: hours from the start of `ctx.refDate` back to the end of the user's last session.
 * Rows without a session (empty user_session) belong to no session; a user with only such rows gets 0 for the
 * first three and the hours since the last event for the fourth.
 */
export async function buildSessionTimes(ctx: FeatureContext, target: string = SESSION_TIMES_TABLE): Promise<void> {
  const ref = epochSql(`CAST(${sqlString(ctx.refDate)} AS TIMESTAMP)`);
  const inSession = (value: string) => `CASE WHEN session IS NOT NULL THEN ${value} END`;
  const session = await sessionSqlOf(ctx.engine, ctx.source);
  await replaceTable(
    ctx.engine,
    target,
    `WITH per_session AS (
       SELECT user_id, ${session} AS session,
         CAST(COUNT(*) AS DOUBLE PRECISION) AS event_rows,
         ${epochSql('MIN(event_time)')} AS start_s,
         ${epochSql('MAX(event_time)')} AS end_s
       FROM ${ctx.source}
       GROUP BY user_id, ${session}
     )
     SELECT user_id,
       CAST(COALESCE(AVG(${inSession('end_s - start_s')}), 0) / 60 AS DOUBLE PRECISION) AS avg_session_minutes,
       CAST(COALESCE(AVG(${inSession('event_rows')}), 0) AS DOUBLE PRECISION) AS avg_events_per_session,
       CAST(COALESCE(SUM(${inSession('end_s - start_s')}) / NULLIF(SUM(${inSession('event_rows - 1')}), 0), 0) / 60
         AS DOUBLE PRECISION) AS avg_minutes_between_events,
       CAST((${ref} - COALESCE(MAX(${inSession('end_s')}), MAX(end_s))) / 3600 AS DOUBLE PRECISION) AS hours_since_last_session
     FROM per_session
     GROUP BY user_id`,
  );
}

export interface SessionTimesRow extends Row {
  user_id: string;
  avg_session_minutes: number;
  avg_events_per_session: number;
  avg_minutes_between_events: number;
  hours_since_last_session: number;
}

/** The rows of the session-times table, ordered by user. */
export async function readSessionTimes(engine: Engine, table: string = SESSION_TIMES_TABLE): Promise<SessionTimesRow[]> {
  return engine.all<SessionTimesRow>(`SELECT user_id, ${SESSION_TIME_FEATURES.join(', ')} FROM ${table} ORDER BY user_id`);
}
