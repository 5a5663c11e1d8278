/**
 * The small dialect shim: the few SQL spellings that differ between DuckDB and PostgreSQL.
 * Everything else in the project's SQL runs unchanged on both engines. Keep this file additive:
 * one function per difference, each returning a SQL fragment, with both spellings side by side.
 */
import type { Backend, Engine } from './engine';

export interface Dialect {
  readonly backend: Backend;
  /**
   * Integer division of two integer (BIGINT) expressions, truncating toward zero.
   * PostgreSQL's `/` on integers already truncates; DuckDB's `/` returns a DOUBLE and `//` truncates.
   */
  intDiv(numerator: string, denominator: string): string;
  /**
   * A SELECT of one row per `groupBy` value of `from` (a table name or a parenthesised subquery with an alias)
   * and, for each pivot column, MAX(value) over the rows whose `key` equals `keyValue` (NULL when none).
   * PostgreSQL: conditional aggregates; DuckDB: its PIVOT statement, many times faster with hundreds of columns.
   */
  pivotMax(from: string, groupBy: string, key: string, columns: readonly PivotColumn[]): string;
}

/** One output column of `pivotMax`. */
export interface PivotColumn {
  /** Value of the key column this output column is for. */
  keyValue: string;
  /** Column (of `from`) aggregated with MAX. */
  value: string;
  /** Output column name. */
  alias: string;
}

/** A SQL string literal (the same on both engines). */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A double-quoted SQL identifier (the same on both engines). */
export function sqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const DUCKDB: Dialect = {
  backend: 'duckdb',
  intDiv: (a, b) => `((${a}) // (${b}))`,
  pivotMax: (from, groupBy, key, columns) => {
    // PIVOT names its columns '<key value>_<aggregate alias>'; rename them to the requested aliases.
    const values = [...new Set(columns.map((c) => c.value))];
    const keys = [...new Set(columns.map((c) => c.keyValue))];
    const using = values.map((v, i) => `MAX(${v}) AS v${i}`).join(', ');
    const renamed = columns.map((c) => `${sqlIdentifier(`${c.keyValue}_v${values.indexOf(c.value)}`)} AS ${sqlIdentifier(c.alias)}`);
    return `SELECT ${[groupBy, ...renamed].join(', ')}
      FROM (PIVOT ${from} ON ${key} IN (${keys.map(sqlString).join(', ')}) USING ${using} GROUP BY ${groupBy}) pivoted`;
  },
};

const POSTGRES: Dialect = {
  backend: 'postgres',
  intDiv: (a, b) => `((${a}) / (${b}))`,
  pivotMax: (from, groupBy, key, columns) => {
    const aggregates = columns.map(
      (c) => `MAX(CASE WHEN ${key} = ${sqlString(c.keyValue)} THEN ${c.value} END) AS ${sqlIdentifier(c.alias)}`,
    );
    return `SELECT ${[groupBy, ...aggregates].join(', ')} FROM ${from} GROUP BY ${groupBy}`;
  },
};

/** The dialect of an engine (or of a backend name). */
export function dialectOf(engine: Engine | Backend): Dialect {
  const backend = typeof engine === 'string' ? engine : engine.backend;
  return backend === 'duckdb' ? DUCKDB : POSTGRES;
}
