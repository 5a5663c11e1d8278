import fs from 'node:fs';
import type { DuckDbEngine } from '../engine/duckdb';
import { sqlString } from '../engine/dialect';
import { EVENT_COLUMNS, EVENT_SQL_TYPES, EVENT_TYPES, EVENTS_TABLE, createEventsTableSql, type EventColumn } from './schema';
import { listEventFiles, monthGapWarnings } from './files';
import { checkHeader } from './header';
import { isGzipName, verifyGzip } from './gzip';
import { LoadError } from './loadError';
import { badRowsFromRejects, type RejectRecord } from './rejects';
import { recordStartLines } from './recordLines';
import { formatFileLoaded, progressSink, type ProgressOption } from './progress';
import { checkTableName } from '../engine/tableName';
import { onlyRow } from '../engine/engine';

/** What was read from one file. `bytes` is the size on disk (compressed for .gz). */
export interface LoadedFile {
  path: string;
  rows: number;
  skipped: number;
  bytes: number;
  seconds: number;
}

/** A skipped row, located at its first bad field; `message` is the full located message. */
export interface SkippedRowSample {
  file: string;
  line: number;
  column: number;
  columnName: string;
  message: string;
}

export interface LoadReport {
  files: LoadedFile[];
  rows: number;
  skipped: number;
  /** The first {@link MAX_SKIPPED_SAMPLES} skipped rows, in file then line order. */
  skippedSamples: SkippedRowSample[];
  /** Problems that do not stop the load: a month missing inside the span, a file with no data row. */
  warnings: string[];
  seconds: number;
}

export interface LoadOptions {
  /** Table to (re)create; default `events`. */
  table?: string;
  /** Skip bad rows (counted, and sampled in the report) instead of failing on the first one. */
  skipBadRows?: boolean;
  /** `true`: one line per file on stderr; a function receives the lines instead. */
  progress?: ProgressOption;
  /** Where warnings go as well as into the report: `true` (default) stderr as `warning: ...`, a function, or off. */
  warnings?: ProgressOption;
}

/** How many skipped rows a report describes in full. */
export const MAX_SKIPPED_SAMPLES = 10;

/** Columns that may be empty in the Kaggle files (empty → NULL); every other column is required. */
const OPTIONAL_COLUMNS: ReadonlySet<EventColumn> = new Set<EventColumn>(['category_code', 'brand', 'user_session']);

// DuckDB keeps the rejects of each read in these temporary tables; we drop them before every file.
const REJECT_ERRORS = 'load_reject_errors';
const REJECT_SCANS = 'load_reject_scans';

/**
 * Load Kaggle month files (a folder, a file or a list; see {@link listEventFiles}) into a new events table.
 *
 * Every file's header is checked first, then each file is read by one DuckDB `read_csv` with fixed column
 * types: times must be `YYYY-MM-DD HH:MM:SS UTC`, ids are BIGINT (exact beyond 2^53; a negative id is
 * accepted, it is still an integer), price is DECIMAL(12,2) (more than two decimals round half away from
 * zero, as SQL casts do), event_type must be one of the four types, and empty fields become NULL where the
 * Kaggle data has gaps (category_code, brand, user_session) and are errors elsewhere.
 *
 * By default the first bad row throws a {@link LoadError} naming file, line and column, and nothing is
 * loaded: the whole load is one transaction (an existing table of that name is replaced only on success).
 * With `skipBadRows` bad rows are left out, counted per file, and the first ones described in the report.
 */
export async function loadEvents(engine: DuckDbEngine, source: string | string[], options: LoadOptions = {}): Promise<LoadReport> {
  const started = performance.now();
  const files = listEventFiles(source);
  const table = checkTableName(options.table ?? EVENTS_TABLE, { qualified: true });
  const progress = progressSink(options.progress);
  const warningSink = options.warnings ?? true;
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    if (typeof warningSink === 'function') warningSink(message);
    else if (warningSink) process.stderr.write(`warning: ${message}\n`);
  };
  // Check all headers before reading any data: a bad last file should not cost the load of the others.
  for (const file of files) await checkHeader(file);
  for (const message of monthGapWarnings(files)) warn(message);

  const loaded: LoadedFile[] = [];
  const samples: SkippedRowSample[] = [];
  await engine.run('BEGIN TRANSACTION');
  try {
    await engine.run(`DROP TABLE IF EXISTS ${table}`);
    await engine.run(createEventsTableSql(table));
    for (const file of files) {
      const result = await loadFile(engine, table, file, options.skipBadRows ?? false, MAX_SKIPPED_SAMPLES - samples.length);
      loaded.push(result.file);
      samples.push(...result.samples);
      progress?.(formatFileLoaded(result.file));
      if (result.file.rows === 0 && result.file.skipped === 0) warn(`${file}: the file has the header but no data row`);
    }
    await dropRejectTables(engine);
    await engine.run('COMMIT');
  } catch (err) {
    await engine.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return {
    files: loaded,
    rows: loaded.reduce((n, f) => n + f.rows, 0),
    skipped: loaded.reduce((n, f) => n + f.skipped, 0),
    skippedSamples: samples,
    warnings,
    seconds: (performance.now() - started) / 1000,
  };
}

async function loadFile(
  engine: DuckDbEngine,
  table: string,
  file: string,
  skipBadRows: boolean,
  sampleRoom: number,
): Promise<{ file: LoadedFile; samples: SkippedRowSample[] }> {
  const started = performance.now();
  const bytes = fs.statSync(file).size;
  await dropRejectTables(engine);
  // Runs on zlib's thread pool while DuckDB reads: DuckDB alone would load a truncated gzip without a word.
  const gzipCheck = isGzipName(file)
    ? verifyGzip(file).then(
        () => null,
        (err: unknown) => err,
      )
    : Promise.resolve(null);
  let rows = 0;
  let readError: unknown = null;
  try {
    const result = await engine.all<{ Count: string }>(insertSql(table, file));
    rows = Number(result[0]?.Count ?? 0);
  } catch (err) {
    readError = err;
  }
  const gzipError = await gzipCheck;
  if (gzipError) throw gzipError;
  if (readError) throw new LoadError({ file }, `could not be read: ${(readError as Error).message}`);

  const { skipped } = onlyRow(
    await engine.all<{ skipped: number }>(`SELECT CAST(count(DISTINCT line) AS INTEGER) AS skipped FROM ${REJECT_ERRORS}`),
    'rejected line count',
  );
  const samples: SkippedRowSample[] = [];
  if (skipped > 0) {
    const wanted = skipBadRows ? Math.max(sampleRoom, 0) : 1;
    const badRows = wanted > 0 ? await firstBadRows(engine, file, wanted) : [];
    if (!skipBadRows) throw badRows[0];
    for (const bad of badRows) {
      samples.push({ file, line: bad.line!, column: bad.column!, columnName: bad.columnName!, message: bad.message });
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { file: { path: file, rows, skipped, bytes, seconds }, samples };
}

/** The first `count` bad lines of the last read, each located at its first bad field. */
async function firstBadRows(engine: DuckDbEngine, file: string, count: number): Promise<LoadError[]> {
  const records = await engine.all<RejectRecord & Record<string, string | null>>(
    `SELECT CAST(line AS VARCHAR) AS line, CAST(column_idx AS VARCHAR) AS column_idx, column_name,
            CAST(error_type AS VARCHAR) AS error_type, csv_line, error_message
       FROM ${REJECT_ERRORS}
      WHERE line IN (SELECT DISTINCT line FROM ${REJECT_ERRORS} ORDER BY line LIMIT ${count})`,
  );
  const badRows = badRowsFromRejects(file, records);
  // DuckDB counts records; after a quoted newline those fall behind the lines an editor shows.
  const starts = await recordStartLines(
    file,
    badRows.map((bad) => bad.line!),
  );
  return badRows.map((bad) => {
    const line = starts.get(bad.line!) ?? bad.line;
    return line === bad.line ? bad : new LoadError({ file, line, column: bad.column, columnName: bad.columnName }, bad.reason);
  });
}

/** `INSERT ... SELECT ... FROM read_csv(...)` for one file, with every parsing choice spelled out. */
function insertSql(table: string, file: string): string {
  // event_type is read through an ENUM so that an unknown type is a cast error DuckDB records with its line;
  // the table stores it as VARCHAR, the same on both engines.
  const eventTypeEnum = `ENUM(${EVENT_TYPES.map((t) => `''${t}''`).join(', ')})`;
  const columnTypes = EVENT_COLUMNS.map((c) => `'${c}': '${c === 'event_type' ? eventTypeEnum : EVENT_SQL_TYPES[c]}'`);
  // Empty fields, and the text NULL that database exports write, become NULL in the optional columns.
  // Required columns are exempt from that rule, so an empty value fails its cast and is reported.
  const required = EVENT_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c)).map((c) => `'${c}'`);
  const selected = EVENT_COLUMNS.map((c) => (c === 'event_type' ? `CAST(${c} AS VARCHAR) AS ${c}` : c));
  return `INSERT INTO ${table}
    SELECT ${selected.join(', ')}
      FROM read_csv(${sqlString(file)},
        header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
        compression = '${isGzipName(file) ? 'gzip' : 'none'}',
        columns = {${columnTypes.join(', ')}},
        nullstr = ['', 'NULL'], force_not_null = [${required.join(', ')}],
        timestampformat = '%Y-%m-%d %H:%M:%S UTC',
        store_rejects = true, rejects_table = '${REJECT_ERRORS}', rejects_scan = '${REJECT_SCANS}')`;
}

async function dropRejectTables(engine: DuckDbEngine): Promise<void> {
  await engine.run(`DROP TABLE IF EXISTS ${REJECT_ERRORS}; DROP TABLE IF EXISTS ${REJECT_SCANS}`);
}
