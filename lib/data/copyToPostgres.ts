import { finished } from 'node:stream/promises';
import { from as copyFrom, type CopyStreamQuery } from 'pg-copy-streams';
import type { DuckDbEngine } from '../engine/duckdb';
import type { PostgresEngine } from '../engine/postgres';
import { EVENT_COLUMNS, EVENT_SQL_TYPES, EVENTS_TABLE, createEventsTableSql } from './schema';
import { formatCount, formatRate, formatSeconds, progressSink, type ProgressOption } from './progress';
import { checkTableName } from '../engine/tableName';
import { onlyRow } from '../engine/engine';

export interface CopyOptions {
  /** Table to read in DuckDB and (re)create in PostgreSQL; default `events`. */
  table?: string;
  /** `true`: progress lines on stderr (every {@link PROGRESS_EVERY_ROWS} rows and at the end); a function receives them. */
  progress?: ProgressOption;
}

/** Rows between two progress lines. */
export const PROGRESS_EVERY_ROWS = 1_000_000;

/**
 * Copy an events table from DuckDB into PostgreSQL (replacing a table of the same name there) and return the
 * number of rows copied. Rows stream through `COPY ... FROM STDIN` in DuckDB's result chunks, so memory
 * stays bounded whatever the table size. Values travel as text in COPY's format, so 64-bit ids, decimals and
 * timestamps arrive exact. The copy is one PostgreSQL transaction: on failure the target is left unchanged.
 */
export async function copyEventsToPostgres(source: DuckDbEngine, target: PostgresEngine, options: CopyOptions = {}): Promise<number> {
  const started = performance.now();
  const table = options.table ?? EVENTS_TABLE;
  checkTableName(table);
  const progress = progressSink(options.progress);
  const { n } = onlyRow(await source.all<{ n: string }>(`SELECT CAST(count(*) AS VARCHAR) AS n FROM ${table}`), 'source row count');
  const expected = Number(n);

  await target.run('BEGIN');
  try {
    await target.run(`DROP TABLE IF EXISTS ${table}`);
    await target.run(createEventsTableSql(table));
    const copy = target.client.query(copyFrom(`COPY ${table} (${EVENT_COLUMNS.join(', ')}) FROM STDIN`));
    const sent = await streamRows(source, table, copy, (rows) => {
      const seconds = (performance.now() - started) / 1000;
      progress?.(`copied ${formatCount(rows)} of ${formatCount(expected)} rows to PostgreSQL (${formatSeconds(seconds)} s)`);
    });
    if (copy.rowCount !== sent || sent !== expected) {
      throw new Error(`copy of ${table} incomplete: ${expected} rows in DuckDB, ${sent} sent, ${copy.rowCount} stored`);
    }
    await target.run('COMMIT');
    const seconds = (performance.now() - started) / 1000;
    progress?.(
      `copied ${table} to PostgreSQL: ${formatCount(sent)} rows in ${formatSeconds(seconds)} s ` +
        `(${formatRate(sent / Math.max(seconds, 1e-3))} rows/s)`,
    );
    return sent;
  } catch (err) {
    await target.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
}

/** Write every row of the DuckDB table into the COPY stream, honouring back-pressure; returns rows sent. */
async function streamRows(source: DuckDbEngine, table: string, copy: CopyStreamQuery, onProgress: (rows: number) => void): Promise<number> {
  // A COPY error (e.g. a connection loss) surfaces here instead of as an unhandled 'error' event.
  let copyError: Error | null = null;
  copy.on('error', (err: Error) => (copyError = err));
  // DuckDB formats each row as one COPY text line in its own threads; JavaScript only joins and sends them.
  const result = await source.connection.stream(`SELECT ${copyLineSql()} AS line FROM ${table}`);
  let rows = 0;
  let nextProgress = PROGRESS_EVERY_ROWS;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    if (copyError) throw copyError;
    const lines = chunk.getColumnValues(0) as string[];
    rows += lines.length;
    if (!copy.write(`${lines.join('\n')}\n`)) await drained(copy);
    if (rows >= nextProgress) {
      onProgress(rows);
      nextProgress += PROGRESS_EVERY_ROWS;
    }
  }
  copy.end();
  await finished(copy);
  if (copyError) throw copyError;
  return rows;
}

function drained(copy: CopyStreamQuery): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      copy.off('error', onError);
      resolve();
    };
    const onError = (err: Error) => {
      copy.off('drain', onDrain);
      reject(err);
    };
    copy.once('drain', onDrain);
    copy.once('error', onError);
  });
}

/**
 * SQL (DuckDB) for one row in PostgreSQL's COPY text format: tab-separated, `\N` for NULL, and backslash,
 * tab, newline and carriage return escaped inside strings. Numbers and timestamps cast to their exact text; a UUID
 * session to its canonical text, which is what the file held (lib/data/sessionType.ts), into PostgreSQL's text column.
 */
export function copyLineSql(): string {
  const fields = EVENT_COLUMNS.map((c) => {
    const text =
      EVENT_SQL_TYPES[c] === 'VARCHAR'
        ? `replace(replace(replace(replace(CAST(${c} AS VARCHAR), '\\', '\\\\'), chr(9), '\\t'), chr(10), '\\n'), chr(13), '\\r')`
        : `CAST(${c} AS VARCHAR)`;
    return `coalesce(${text}, '\\N')`;
  });
  return fields.join(` || chr(9) || `);
}
