/**
 * Portable SQL fragments of the feature stage with PostgreSQL's decimal semantics on both engines.
 * Averages and shares are computed as exact integer ratios (prices in cents) and rounded half away from
 * zero, which is what PostgreSQL's ROUND(numeric, 2) does to an exact numeric quotient. DuckDB would
 * otherwise divide DECIMALs as DOUBLEs, and e.g. 0.285 as a double rounds to 0.28 instead of 0.29.
 */
import type { Engine } from '../engine/engine';
import type { Dialect } from '../engine/dialect';

/** The SQL type of every 2-place feature (monetary value, rates, shares, averages). */
export const DECIMAL_2 = 'DECIMAL(18,2)';

/** A row's brand, with empty or missing brands grouped as 'other' (the study's fill value). */
export const BRAND_SQL = `COALESCE(NULLIF(brand, ''), 'other')`;

/** A DECIMAL(…,2) price as an exact BIGINT number of cents. */
export function centsSql(price: string): string {
  return `CAST((${price}) * 100 AS BIGINT)`;
}

/**
 * ROUND(numerator / denominator, 2) for integer expressions, half away from zero, as DECIMAL(18,2);
 * NULL when the denominator is 0. Computed as ⌊(200·|n| + d) / (2d)⌋ hundredths with the sign of n,
 * so no engine rounds through a float.
 */
export function roundedRatioSql(dialect: Dialect, numerator: string, denominator: string): string {
  const n = `CAST((${numerator}) AS BIGINT)`;
  const d = `CAST((${denominator}) AS BIGINT)`;
  const hundredths = dialect.intDiv(`200 * ABS(${n}) + ${d}`, `2 * NULLIF(${d}, 0)`);
  return `CAST(CAST(CASE WHEN ${n} < 0 THEN -1 ELSE 1 END * ${hundredths} AS DECIMAL(18,0)) * 0.01 AS ${DECIMAL_2})`;
}

/**
 * Whole days of (later - earlier): the day field of the interval, as PostgreSQL's EXTRACT(DAY FROM …)
 * gives it for a timestamp difference (days plus a time of day below 24 h, never months), i.e. the
 * elapsed time in days truncated toward zero. DuckDB's interval difference has the same fields.
 */
export function wholeDaysSql(later: string, earlier: string): string {
  return `CAST(EXTRACT(DAY FROM ((${later}) - (${earlier}))) AS INTEGER)`;
}

// The quoting helpers live with the dialect; the feature builders import them from here with the rest.
export { sqlIdentifier, sqlString } from '../engine/dialect';

/** Drop each of `tables` that exists, in order. */
export async function dropTables(engine: Engine, tables: readonly string[]): Promise<void> {
  for (const table of tables) await engine.run(`DROP TABLE IF EXISTS ${table}`);
}

/** (Re)create `table` from a SELECT, on both engines (PostgreSQL has no CREATE OR REPLACE TABLE). */
export async function replaceTable(engine: Engine, table: string, select: string): Promise<void> {
  await engine.run(`DROP TABLE IF EXISTS ${table}`);
  await engine.run(`CREATE TABLE ${table} AS\n${select}`);
}
