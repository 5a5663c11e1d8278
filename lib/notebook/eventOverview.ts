/**
 * Event-level numbers for the EDA notebook, computed in SQL (the event table has about a million rows
 * at default size, far too many for a data frame). The same SQL runs on DuckDB and PostgreSQL.
 */
import { onlyRow, toNumber, type Engine } from '../engine/engine';
import { checkTableName } from '../engine/tableName';
import { sessionSqlOf } from '../data/sessionType';

/** Rows per event type of `table`, in the order view, cart, remove_from_cart, purchase (absent types: 0). */
export async function eventTypeMix(engine: Engine, table: string): Promise<Record<string, number>> {
  const rows = await engine.all<{ event_type: string; n: string | number }>(
    `SELECT event_type, COUNT(*) AS n FROM ${checkTableName(table)} GROUP BY event_type`,
  );
  const mix: Record<string, number> = { view: 0, cart: 0, remove_from_cart: 0, purchase: 0 };
  for (const r of rows) mix[r.event_type] = toNumber(r.n);
  return mix;
}

/** Rows and non-empty values of the optional text columns of the raw table (spec section 1's calibration figures). */
export async function nonEmptyCounts(engine: Engine, table = 'events'): Promise<Record<string, number>> {
  const relation = checkTableName(table);
  const session = await sessionSqlOf(engine, relation);
  const row = onlyRow(
    await engine.all(
      `SELECT COUNT(*) AS rows,
            COUNT(NULLIF(category_code, '')) AS category_code,
            COUNT(NULLIF(brand, '')) AS brand,
            COUNT(${session}) AS user_session,
            COUNT(DISTINCT user_id) AS users
     FROM ${relation}`,
    ),
    'column counts',
  );
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toNumber(v)]));
}

/**
 * An evenly spaced sample of at most `size` values of a numeric column: every k-th row in a fixed order,
 * so the sample is the same on both engines and across runs (a histogram of a million points would make
 * the report page tens of megabytes).
 */
export async function systematicSample(engine: Engine, table: string, column: string, size: number): Promise<number[]> {
  if (!/^[a-z_][a-z0-9_]*$/.test(column)) throw new Error(`not a plain column name: '${column}'`);
  const t = checkTableName(table);
  const { n } = onlyRow(await engine.all<{ n: string | number }>(`SELECT COUNT(*) AS n FROM ${t}`), 'event count');
  const step = Math.max(1, Math.ceil(toNumber(n) / size));
  const rows = await engine.all<{ v: string | number }>(
    `SELECT CAST(v AS DOUBLE PRECISION) AS v FROM (
       SELECT ${column} AS v, ROW_NUMBER() OVER (ORDER BY user_id, event_time, event_type, product_id, price) AS i
       FROM ${t}
     ) numbered WHERE MOD(i - 1, ${step}) = 0 ORDER BY i`,
  );
  return rows.map((r) => toNumber(r.v));
}
