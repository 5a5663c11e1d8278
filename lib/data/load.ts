import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DuckDbEngine } from '../engine/duckdb';
import { sqlString } from '../engine/dialect';
import { EVENT_COLUMNS, EVENT_SQL_TYPES, EVENT_TYPES, EVENTS_TABLE, type EventColumn } from './schema';
import { listEventFiles, monthGapWarnings } from './files';
import { checkHeader } from './header';
import { isGzipName, verifyGzip } from './gzip';
import { LoadError } from './loadError';
import { badRowsFromRejects, type RejectRecord } from './rejects';
import { recordStartLines } from './recordLines';
import { formatCount, formatFileLoaded, formatSeconds, progressSink, type ProgressOption } from './progress';
import { checkTableName } from '../engine/tableName';
import { onlyRow } from '../engine/engine';
import {
  autoPartitions,
  checkPartitions,
  countPartitionRows,
  materializeEvents,
  PARTITION_COLUMN_SQL,
  storeFromFiles,
  storeWriteOptions,
  type EventStore,
} from './eventStore';
import {
  cacheKey,
  commitEntry,
  describeFiles,
  fingerprintFiles,
  LOAD_CACHE_VERSION,
  lookupEntry,
  resolveCacheRoot,
  stagingFolder,
  type InputFingerprint,
  type LoadCacheSettings,
} from './loadCache';

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
  /** Where the events came from: read now without the cache ('off'), read now into the cache, or a cache hit. */
  cache: 'off' | 'written' | 'hit';
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
  /**
   * Keep the validated events in the load cache and reuse them on the next run over the same files
   * (lib/data/loadCache.ts): `true` for the default folder, or the cache folder. Default off here; the pipeline
   * and the commands turn it on unless told `--no-cache`.
   */
  cache?: boolean | string;
  /** User partitions of the event store: a number, or 'auto' (by input size, {@link autoPartitions}); default 1. */
  partitions?: number | 'auto';
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
 * The files are first read into an event store ({@link loadEventStore}: validated, typed, Parquet), then the
 * table is filled from it in one transaction (an existing table of that name is replaced only on success).
 * With `cache` the store is kept for the next load of the same files; otherwise it is removed once read.
 */
export async function loadEvents(engine: DuckDbEngine, source: string | string[], options: LoadOptions = {}): Promise<LoadReport> {
  const table = checkTableName(options.table ?? EVENTS_TABLE, { qualified: true });
  // Where the store goes when the cache is off (left empty otherwise).
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'purchase-prediction-store-'));
  try {
    const store = await loadEventStore(engine, source, { ...options, storeDir: scratch });
    await materializeEvents(engine, store, table);
    return store.report;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Read the files into an event store: every file's header is checked first, then each file is read by one
 * DuckDB `read_csv` with fixed column types and written as Parquet, split into user partitions. Times must be
 * `YYYY-MM-DD HH:MM:SS UTC`, ids are BIGINT (exact beyond 2^53; a negative id is accepted, it is still an
 * integer), price is DECIMAL(12,2) (more than two decimals round half away from zero, as SQL casts do),
 * event_type must be one of the four types, and empty fields become NULL where the Kaggle data has gaps
 * (category_code, brand, user_session) and are errors elsewhere.
 *
 * By default the first bad row throws a {@link LoadError} naming file, line and column, and nothing is kept.
 * With `skipBadRows` bad rows are left out, counted per file, and the first ones described in the report.
 *
 * With `cache`, a valid cache entry of the same files and settings is used instead of reading them (the report is
 * the one of the run that wrote it, with `cache: 'hit'`), and a freshly read store becomes the entry. Without,
 * the store is written into `storeDir` (required then), which the caller removes.
 */
export async function loadEventStore(
  engine: DuckDbEngine,
  source: string | string[],
  options: LoadOptions & { storeDir?: string },
): Promise<EventStore> {
  const started = performance.now();
  const files = listEventFiles(source);
  const progress = progressSink(options.progress);
  const warningSink = options.warnings ?? true;
  const partitions = options.partitions === 'auto' ? autoPartitions(files) : checkPartitions(options.partitions ?? 1);
  const settings: LoadCacheSettings = { skipBadRows: options.skipBadRows ?? false, partitions };

  const cacheRoot = resolveCacheRoot(options.cache);
  let key = '';
  let inputs: InputFingerprint[] = [];
  if (cacheRoot) {
    inputs = fingerprintFiles(files);
    key = cacheKey(inputs, settings);
    const found = await lookupEntry(cacheRoot, key, inputs, settings);
    if (found.status === 'hit') {
      const report: LoadReport = { ...found.manifest.report, cache: 'hit', seconds: (performance.now() - started) / 1000 };
      // The warnings of the load that wrote the entry are still true of these files: say them again.
      for (const message of report.warnings) emitWarning(warningSink, message);
      progress?.(
        `read ${formatCount(report.rows)} rows of ${files.length} file(s) from the load cache ${found.dir} in ${formatSeconds(report.seconds)} s`,
      );
      return storeFromFiles(found.dir, partitions, found.manifest.partitionRows, found.manifest.files, report);
    }
    if (found.status === 'invalid') {
      emitWarning(warningSink, `load cache entry ${found.dir} not used (${found.reason}): reading the CSV files again`);
      fs.rmSync(found.dir, { recursive: true, force: true });
    }
  } else if (!options.storeDir) {
    throw new Error('loadEventStore: give storeDir when the cache is off');
  }

  const dir = cacheRoot ? stagingFolder(cacheRoot, key) : fs.mkdtempSync(path.join(options.storeDir!, 'events-'));
  try {
    const report = await readFilesIntoStore(engine, files, dir, { ...options, partitions, warningSink, progress, started });
    const partitionRows = await countPartitionRows(engine, dir, partitions);
    // Hashes only for the cache, whose next run checks them.
    const stored = await describeFiles(dir, cacheRoot !== null);
    if (!cacheRoot) return storeFromFiles(dir, partitions, partitionRows, stored, { ...report, cache: 'off' });
    const written: LoadReport = { ...report, cache: 'written' };
    const entry = commitEntry(cacheRoot, dir, {
      version: LOAD_CACHE_VERSION,
      key,
      settings,
      inputs,
      report: written,
      partitionRows,
      files: stored,
    });
    return storeFromFiles(entry, partitions, partitionRows, stored, written);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function emitWarning(sink: ProgressOption, message: string): void {
  if (typeof sink === 'function') sink(message);
  else if (sink) process.stderr.write(`warning: ${message}\n`);
}

/** Headers, then every file into `dir`; the load report (without its cache status). */
async function readFilesIntoStore(
  engine: DuckDbEngine,
  files: string[],
  dir: string,
  options: LoadOptions & {
    partitions: number;
    warningSink: ProgressOption;
    progress: ((line: string) => void) | undefined;
    started: number;
  },
): Promise<LoadReport> {
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    emitWarning(options.warningSink, message);
  };
  // Check all headers before reading any data: a bad last file should not cost the load of the others.
  for (const file of files) await checkHeader(file);
  for (const message of monthGapWarnings(files)) warn(message);

  const loaded: LoadedFile[] = [];
  const samples: SkippedRowSample[] = [];
  for (const [index, file] of files.entries()) {
    const result = await loadFile(
      engine,
      dir,
      index,
      options.partitions,
      file,
      options.skipBadRows ?? false,
      MAX_SKIPPED_SAMPLES - samples.length,
    );
    loaded.push(result.file);
    samples.push(...result.samples);
    options.progress?.(formatFileLoaded(result.file));
    if (result.file.rows === 0 && result.file.skipped === 0) warn(`${file}: the file has the header but no data row`);
  }
  await dropRejectTables(engine);
  return {
    files: loaded,
    rows: loaded.reduce((n, f) => n + f.rows, 0),
    skipped: loaded.reduce((n, f) => n + f.skipped, 0),
    skippedSamples: samples,
    warnings,
    cache: 'off',
    seconds: (performance.now() - options.started) / 1000,
  };
}

async function loadFile(
  engine: DuckDbEngine,
  dir: string,
  index: number,
  partitions: number,
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
    const result = await engine.all<{ Count: string }>(copySql(dir, index, partitions, file));
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

/**
 * `COPY (SELECT ... FROM read_csv(...)) TO <dir> (FORMAT parquet, PARTITION_BY ...)` for the `index`-th file, with
 * every parsing choice spelled out. Rows go to partition hash(user_id) mod `partitions` (`part=K/` folders).
 */
function copySql(dir: string, index: number, partitions: number, file: string): string {
  // event_type is read through an ENUM so that an unknown type is a cast error DuckDB records with its line;
  // the table stores it as VARCHAR, the same on both engines.
  const eventTypeEnum = `ENUM(${EVENT_TYPES.map((t) => `''${t}''`).join(', ')})`;
  const columnTypes = EVENT_COLUMNS.map((c) => `'${c}': '${c === 'event_type' ? eventTypeEnum : EVENT_SQL_TYPES[c]}'`);
  // Empty fields, and the text NULL that database exports write, become NULL in the optional columns.
  // Required columns are exempt from that rule, so an empty value fails its cast and is reported.
  const required = EVENT_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c)).map((c) => `'${c}'`);
  const selected = EVENT_COLUMNS.map((c) => (c === 'event_type' ? `CAST(${c} AS VARCHAR) AS ${c}` : c));
  return `COPY (
    SELECT ${selected.join(', ')}, ${PARTITION_COLUMN_SQL(partitions)}
      FROM read_csv(${sqlString(file)},
        header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
        compression = '${isGzipName(file) ? 'gzip' : 'none'}',
        columns = {${columnTypes.join(', ')}},
        nullstr = ['', 'NULL'], force_not_null = [${required.join(', ')}],
        timestampformat = '%Y-%m-%d %H:%M:%S UTC',
        store_rejects = true, rejects_table = '${REJECT_ERRORS}', rejects_scan = '${REJECT_SCANS}')
  ) TO ${sqlString(dir)} (${storeWriteOptions(index)})`;
}

async function dropRejectTables(engine: DuckDbEngine): Promise<void> {
  await engine.run(`DROP TABLE IF EXISTS ${REJECT_ERRORS}; DROP TABLE IF EXISTS ${REJECT_SCANS}`);
}
