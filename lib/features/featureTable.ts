/**
 * The columnar hand-off from SQL to the models: the modelling table read in bulk into typed arrays.
 * On DuckDB the result is streamed chunk by chunk into the typed arrays (numbers cast to DOUBLE by the engine,
 * so no decimal text is parsed per value); PostgreSQL rows are gathered into the same form.
 */
import { entry } from '../entry';
import type { Engine, Row } from '../engine/engine';
import { DuckDbEngine } from '../engine/duckdb';
import { matrixFromColumns, takeLabels, type Labels, type Matrix } from '../prep/matrix';
import { MODELLING_COLUMNS, MODEL_FEATURES, TARGET_COLUMN } from './columns';
import { MODELLING_TABLE } from './context';
import { sqlIdentifier, sqlString } from './sql';

/** A table in columnar form: text columns as strings, every other column as doubles (NULL → NaN). */
export interface Columns {
  /** Column names in table order. */
  names: string[];
  rows: number;
  text: Record<string, string[]>;
  numeric: Record<string, Float64Array>;
}

/** The modelling table in columnar form. Row i of every array is the same table row. */
export interface FeatureTable {
  userIds: string[];
  purchased: Uint8Array;
  /** Every numeric column (all but user_id and rfm_score), by name. */
  columns: Record<string, Float64Array>;
  rfmScore: string[];
  rows: number;
}

/** Column names of `table` in table order (information_schema works on both engines). */
export async function tableColumnNames(engine: Engine, table: string): Promise<string[]> {
  const rows = await engine.all<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_name = ${sqlString(table)} AND table_schema = current_schema()
     ORDER BY ordinal_position`,
  );
  if (rows.length === 0) throw new Error(`table '${table}' not found: build the features first`);
  return rows.map((r) => r.column_name);
}

/**
 * Read `table` column by column; `textColumns` come back as strings, all others as doubles. `columns` reads
 * only those (default every column of the table; with it, `table` may also be a parenthesised subquery and alias).
 */
export async function readColumns(
  engine: Engine,
  table: string,
  options: { textColumns?: readonly string[]; orderBy?: string; columns?: readonly string[] } = {},
): Promise<Columns> {
  const names = options.columns ? [...options.columns] : await tableColumnNames(engine, table);
  const textSet = new Set(options.textColumns ?? []);
  // Positional aliases, so odd or clashing column names cannot collide in PostgreSQL's row objects.
  const selected = names.map((n, j) => `CAST(${sqlIdentifier(n)} AS ${textSet.has(n) ? 'VARCHAR' : 'DOUBLE PRECISION'}) AS c${j}`);
  const sql = `SELECT ${selected.join(', ')} FROM ${table}${options.orderBy ? ` ORDER BY ${options.orderBy}` : ''}`;
  if (engine instanceof DuckDbEngine) return duckDbColumns(engine, table, sql, names, textSet);
  const raw = await rowsToColumns(engine, sql, names.length);
  const rows = raw.length === 0 ? 0 : raw[0]!.length;
  const text: Record<string, string[]> = {};
  const numeric: Record<string, Float64Array> = {};
  names.forEach((name, j) => {
    const values = raw[j]!;
    if (textSet.has(name)) {
      text[name] = values.map((v) => (v === null ? '' : String(v)));
    } else {
      const out = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        const v = values[i];
        out[i] = v === null ? NaN : typeof v === 'number' ? v : Number(v);
      }
      numeric[name] = out;
    }
  });
  return { names, rows, text, numeric };
}

/**
 * DuckDB: stream the result chunk by chunk (~2k rows each) straight into the typed arrays, sized from the table's
 * row count. Neither a materialised result nor an array of JavaScript numbers per column is ever held: at 9M
 * events' honest evaluation (tables of 0.6-0.8M users) that was several hundred MB of transient memory.
 */
async function duckDbColumns(
  engine: DuckDbEngine,
  table: string,
  sql: string,
  names: string[],
  textSet: ReadonlySet<string>,
): Promise<Columns> {
  const rows = await countRows(engine, table);
  const text: Record<string, string[]> = {};
  const numeric: Record<string, Float64Array> = {};
  for (const name of names) {
    if (textSet.has(name)) text[name] = new Array<string>(rows);
    else numeric[name] = new Float64Array(rows);
  }
  await streamRows(engine, sql, table, rows, (chunk, offset, n) => {
    names.forEach((name, j) => {
      const vector = chunk.getColumnVector(j);
      const strings = text[name];
      if (strings) {
        for (let i = 0; i < n; i++) {
          const v = vector.getItem(i);
          strings[offset + i] = v === null ? '' : String(v);
        }
      } else {
        const out = numeric[name]!;
        for (let i = 0; i < n; i++) {
          const v = vector.getItem(i);
          out[offset + i] = v === null ? NaN : (v as number);
        }
      }
    });
  });
  return { names, rows, text, numeric };
}

/** Rows of `table` (a table, or a parenthesised subquery and alias), counted as text so BIGINT needs no conversion. */
export async function countRows(engine: Engine, table: string): Promise<number> {
  const [counted] = await engine.all<{ n: string }>(`SELECT CAST(COUNT(*) AS VARCHAR) AS n FROM ${table}`);
  return Number(counted?.n ?? 0);
}

/** A DuckDB result chunk as {@link streamRows} hands it over. */
export interface ResultChunk {
  rowCount: number;
  getColumnVector(j: number): { getItem(i: number): unknown };
}

/**
 * Stream the result of `sql` on DuckDB chunk by chunk (~2k rows each) to `onChunk`, which gets each chunk with
 * the position of its first row; `expected` rows in all, or `table` changed while it was read.
 */
export async function streamRows(
  engine: DuckDbEngine,
  sql: string,
  table: string,
  expected: number,
  onChunk: (chunk: ResultChunk, offset: number, n: number) => void,
): Promise<void> {
  const result = await engine.connection.stream(sql);
  let offset = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    if (offset + chunk.rowCount > expected) throw new Error(`${table} changed while it was read (more than ${expected} rows)`);
    onChunk(chunk as unknown as ResultChunk, offset, chunk.rowCount);
    offset += chunk.rowCount;
  }
  if (offset !== expected) throw new Error(`${table} changed while it was read (${offset} of ${expected} rows)`);
}

async function rowsToColumns(engine: Engine, sql: string, count: number): Promise<unknown[][]> {
  const rows: Row[] = await engine.all(sql);
  const columns: unknown[][] = Array.from({ length: count }, () => new Array<unknown>(rows.length));
  rows.forEach((row, i) => {
    for (let j = 0; j < count; j++) columns[j]![i] = row[`c${j}`];
  });
  return columns;
}

/** Build a FeatureTable from columnar data holding the modelling columns. */
export function featureTableFromColumns(data: Columns): FeatureTable {
  const missing = MODELLING_COLUMNS.filter((c) => !(c in data.text) && !(c in data.numeric));
  if (missing.length > 0) throw new Error(`not a modelling table: missing column(s) ${missing.join(', ')}`);
  const target = entry(data.numeric, TARGET_COLUMN, 'numeric columns of the modelling table');
  const purchased = new Uint8Array(data.rows);
  for (let i = 0; i < data.rows; i++) {
    if (target[i] !== 0 && target[i] !== 1) throw new Error(`row ${i}: ${TARGET_COLUMN} must be 0 or 1, got ${target[i]}`);
    purchased[i] = target[i]!;
  }
  return {
    userIds: entry(data.text, 'user_id', 'text columns of the modelling table'),
    purchased,
    columns: data.numeric,
    rfmScore: entry(data.text, 'rfm_score', 'text columns of the modelling table'),
    rows: data.rows,
  };
}

/** The order every reader of a modelling table uses (one row per user), so rows align across reads. */
export const MODELLING_ROW_ORDER = 'user_id, rfm_int';

/** Read the modelling table (default `modelling_table`), ordered by user and rfm_int. */
export async function readFeatureTable(engine: Engine, table: string = MODELLING_TABLE): Promise<FeatureTable> {
  const data = await readColumns(engine, table, { textColumns: ['user_id', 'rfm_score'], orderBy: MODELLING_ROW_ORDER });
  return featureTableFromColumns(data);
}

/**
 * The model inputs (default the 15 MODEL_FEATURES, in that order) and labels of a feature table; with `rows`,
 * only those rows (in that order), so a sample never needs the whole matrix first.
 */
export function toMatrix(
  table: FeatureTable,
  features: readonly string[] = MODEL_FEATURES,
  rows?: ArrayLike<number>,
): { X: Matrix; y: Labels } {
  const columns = features.map((name) => {
    const column = table.columns[name];
    if (!column) throw new Error(`unknown feature '${name}': numeric columns are ${Object.keys(table.columns).join(', ')}`);
    return column;
  });
  return { X: matrixFromColumns(columns, [...features], rows), y: rows ? takeLabels(table.purchased, rows) : table.purchased };
}
