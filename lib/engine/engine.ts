/**
 * One small interface over the two SQL backends (DuckDB embedded, PostgreSQL server).
 * Values come back normalised the same way on both, so callers and tests never branch on the backend:
 * - INTEGER / DOUBLE → number
 * - BIGINT / DECIMAL / NUMERIC → string (exact; parse where needed)
 * - TIMESTAMP → 'YYYY-MM-DD HH:MM:SS' string
 * - NULL → null
 */
export type Backend = 'duckdb' | 'postgres';
export const BACKENDS: readonly Backend[] = ['duckdb', 'postgres'];

/**
 * `value` as a Backend, or an error naming where it came from (`what`, e.g. '--backend').
 * @example const backend = checkBackend(values.backend, '--backend');
 */
export function checkBackend(value: unknown, what = 'backend'): Backend {
  if (BACKENDS.includes(value as Backend)) return value as Backend;
  throw new Error(`${what} must be one of ${BACKENDS.join(', ')}, got '${String(value)}'`);
}

export type SqlValue = string | number | boolean | null;
export type Row = Record<string, SqlValue>;

export interface Engine {
  readonly backend: Backend;
  /** Run one or more statements, discarding results. */
  run(sql: string): Promise<void>;
  /** Run one query and return its rows as plain objects (see normalisation above). */
  all<T extends Row = Row>(sql: string): Promise<T[]>;
  /** Release the connection / database. */
  close(): Promise<void>;
}

/** Parse a backend's exact numeric string (BIGINT, DECIMAL) into a JS number. */
export function toNumber(v: SqlValue): number {
  if (v === null) return NaN;
  return typeof v === 'number' ? v : Number(v);
}

/** The one row of a query that always returns exactly one (an aggregate without GROUP BY); throws naming `what` if it returned none. */
export function onlyRow<T>(rows: readonly T[], what: string): T {
  const row = rows[0];
  if (row === undefined) throw new Error(`${what}: the query returned no row`);
  return row;
}

/** A column of a result row; throws naming the column if the query did not select it. */
export function column(row: Row, name: string): SqlValue {
  const value = row[name];
  if (value === undefined) throw new Error(`the result row has no column '${name}'`);
  return value;
}
