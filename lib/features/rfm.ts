/**
 * Recency, frequency, monetary value and their quintiles r, f, m (spec section 4).
 * `feat_rfm_values` holds one row per user; `feat_rfm` adds the quintiles and, in the study's mode
 * (NTILE over event rows), holds one row per distinct (user, r, f, m): users straddling a bin edge twice.
 */
import type { Engine, Row } from '../engine/engine';
import { FEATURE_TABLES, type FeatureContext, type FeatureTableNames } from './context';
import { replaceTable, roundedRatioSql, sqlString, wholeDaysSql, DECIMAL_2 } from './sql';

/** Number of quantile bins (NTILE(5)). */
export const RFM_BINS = 5;

/**
 * Build `feat_rfm_values` (user_id, recency, frequency, monetary_value, event_rows) from `feat_sessions`:
 * - recency: whole days from the start of `refDate` back to the user's last event;
 * - frequency: distinct non-empty sessions;
 * - monetary_value: per session, the sum of the prices of its view and cart rows; averaged over those
 *   sessions (a session with only purchase rows does not count); 0 when the user has none; 2 places;
 * - event_rows: the user's rows, the weight NTILE gives the user in the study's mode.
 */
export async function buildRfmValues(ctx: FeatureContext): Promise<void> {
  const ref = `CAST(${sqlString(ctx.refDate)} AS TIMESTAMP)`;
  const monetary = roundedRatioSql(ctx.dialect, 'SUM(spend_cents)', '100 * SUM(CASE WHEN spend_rows > 0 THEN 1 ELSE 0 END)');
  await replaceTable(
    ctx.engine,
    ctx.tables.rfmValues,
    `SELECT user_id,
       ${wholeDaysSql(ref, 'MAX(last_event)')} AS recency,
       CAST(COUNT(session) AS INTEGER) AS frequency,
       CAST(COALESCE(${monetary}, 0) AS ${DECIMAL_2}) AS monetary_value,
       CAST(SUM(event_rows) AS INTEGER) AS event_rows
     FROM ${ctx.tables.sessions}
     GROUP BY user_id`,
  );
}

/** The three quintile dimensions and the raw value each is ordered by. */
const DIMENSIONS = [
  { bin: 'r', value: 'recency' },
  { bin: 'f', value: 'frequency' },
  { bin: 'm', value: 'monetary_value' },
] as const;

/**
 * Build `feat_rfm` (user_id, recency, frequency, monetary_value, r, f, m, rfm_score, rfm_int) from
 * `feat_rfm_values`. Quintiles are NTILE(5) ascending in the raw value; ties, which SQL leaves in any order,
 * are broken by user_id, so both engines give the same bins.
 * - `ntileOverUsers`: NTILE over users, one row per user;
 * - otherwise (the study): NTILE over event rows, each user repeated once per event row, keeping the distinct
 *   (user, r, f, m); a user whose rows straddle a bin edge appears twice (or more).
 */
export async function buildRfm(ctx: FeatureContext): Promise<void> {
  const ranked = ctx.switches.ntileOverUsers ? ntileOverUsersSql(ctx) : ntileOverEventRowsSql(ctx);
  await replaceTable(
    ctx.engine,
    ctx.tables.rfm,
    `SELECT user_id, recency, frequency, monetary_value,
       CAST(r AS INTEGER) AS r, CAST(f AS INTEGER) AS f, CAST(m AS INTEGER) AS m,
       CAST(r AS VARCHAR) || CAST(f AS VARCHAR) || CAST(m AS VARCHAR) AS rfm_score,
       CAST(100 * r + 10 * f + m AS INTEGER) AS rfm_int
     FROM (${ranked}) ranked`,
  );
}

function ntileOverUsersSql(ctx: FeatureContext): string {
  const bins = DIMENSIONS.map((d) => `NTILE(${RFM_BINS}) OVER (ORDER BY ${d.value}, user_id) AS ${d.bin}`);
  return `SELECT user_id, recency, frequency, monetary_value, ${bins.join(', ')} FROM ${ctx.tables.rfmValues}`;
}

/**
 * The study's NTILE over event rows, computed from one row per user instead of materialising every event row
 * (millions of rows sorted three times). Ordered by (value, user_id), a user's n rows occupy positions
 * start .. start+n-1, where start is the running total of event_rows before the user. NTILE(5) over N rows
 * makes bins of q = N div 5 rows, the first N mod 5 of them one larger, so bin k starts at
 * edge_k = (k-1)·q + min(k-1, N mod 5) and bin(p) = 1 + #{k ≥ 2 : p ≥ edge_k}. Walking a user's block, the
 * combination (r, f, m) only changes where one of the three positions crosses an edge, so the user's distinct
 * combinations are those at offset 0 and at each edge crossing inside the block. Equal, by construction,
 * to NTILE(5) OVER (ORDER BY value, user_id, row index) over the event rows followed by DISTINCT
 * (test/features/rfm.test.ts checks this against the engine's own NTILE).
 */
function ntileOverEventRowsSql(ctx: FeatureContext): string {
  const { intDiv } = ctx.dialect;
  const edges = [2, 3, 4, 5].map((k) => `${k - 1} * q + LEAST(${k - 1}, total - 5 * q) AS edge${k}`);
  const starts = DIMENSIONS.map(
    (d) =>
      `CAST(SUM(event_rows) OVER (ORDER BY ${d.value}, user_id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS BIGINT) - event_rows AS start_${d.bin}`,
  );
  const crossings = DIMENSIONS.flatMap((d) =>
    [2, 3, 4, 5].map(
      (k) =>
        `SELECT u.user_id, e.edge${k} - u.start_${d.bin} AS j FROM users u CROSS JOIN edges e
         WHERE e.edge${k} - u.start_${d.bin} BETWEEN 1 AND u.event_rows - 1`,
    ),
  );
  const bin = (position: string) => `(1 + ${[2, 3, 4, 5].map((k) => `CASE WHEN ${position} >= e.edge${k} THEN 1 ELSE 0 END`).join(' + ')})`;
  return `WITH users AS (
      SELECT user_id, recency, frequency, monetary_value, event_rows, ${starts.join(',\n        ')}
      FROM ${ctx.tables.rfmValues}
    ),
    edges AS (
      SELECT ${edges.join(', ')}
      FROM (SELECT total, ${intDiv('total', String(RFM_BINS))} AS q
            FROM (SELECT CAST(SUM(event_rows) AS BIGINT) AS total FROM ${ctx.tables.rfmValues}) t) sizes
    ),
    offsets AS (
      SELECT user_id, 0 AS j FROM users
      UNION ALL ${crossings.join('\n      UNION ALL ')}
    )
    SELECT DISTINCT u.user_id, u.recency, u.frequency, u.monetary_value,
      ${DIMENSIONS.map((d) => `${bin(`u.start_${d.bin} + o.j`)} AS ${d.bin}`).join(',\n      ')}
    FROM offsets o JOIN users u ON u.user_id = o.user_id CROSS JOIN edges e`;
}

export interface RfmRow extends Row {
  user_id: string;
  recency: number;
  frequency: number;
  /** Exact 2-place decimal text. */
  monetary_value: string;
  r: number;
  f: number;
  m: number;
  rfm_score: string;
  rfm_int: number;
}

/** The rows of `feat_rfm` (of the build whose tables are given), ordered by user and quintiles. */
export async function readRfm(engine: Engine, tables: FeatureTableNames = FEATURE_TABLES): Promise<RfmRow[]> {
  return engine.all<RfmRow>(
    `SELECT user_id, recency, frequency, monetary_value, r, f, m, rfm_score, rfm_int
     FROM ${tables.rfm} ORDER BY user_id, rfm_int`,
  );
}
