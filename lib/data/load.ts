import fs from 'node:fs';
import path from 'node:path';
import type { DuckDbEngine } from '../engine/duckdb';
import { sqlString } from '../engine/dialect';
import {
  createEventsTableSql,
  EVENT_COLUMNS,
  EVENT_TYPES,
  eventSqlTypes,
  EVENTS_TABLE,
  ROW_HASH_COLUMN,
  ROW_HASH_SQL,
  type EventColumn,
} from './schema';
import { listEventFiles, monthGapWarnings } from './files';
import type { SessionType } from './sessionType';
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
  materializeEvents,
  partitionColumnSql,
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
  /**
   * How `user_session` is stored (in the table or in every file of the store): UUID when every session of every
   * file is a canonical UUID, otherwise text (lib/data/sessionType.ts).
   */
  sessionType: SessionType;
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
 * Every file's header is checked first, then each file is read by one DuckDB `read_csv` with fixed column
 * types: times must be `YYYY-MM-DD HH:MM:SS UTC`, ids are BIGINT (exact beyond 2^53; a negative id is
 * accepted, it is still an integer), price is DECIMAL(12,2) (more than two decimals round half away from
 * zero, as SQL casts do), event_type must be one of the four types, and empty fields become NULL where the
 * Kaggle data has gaps (category_code, brand, user_session) and are errors elsewhere.
 *
 * By default the first bad row throws a {@link LoadError} naming file, line and column, and nothing is
 * loaded: the whole load is one transaction (an existing table of that name is replaced only on success).
 * With `skipBadRows` bad rows are left out, counted per file, and the first ones described in the report.
 *
 * With `cache`, a valid cache entry of the same files and settings fills the table instead (the report is the
 * one of the run that wrote it, with `cache: 'hit'`); after a fresh read the table is written to a new entry.
 */
export async function loadEvents(engine: DuckDbEngine, source: string | string[], options: LoadOptions = {}): Promise<LoadReport> {
  const table = checkTableName(options.table ?? EVENTS_TABLE, { qualified: true });
  const started = performance.now();
  const files = listEventFiles(source);
  const cached = await openCache(files, options, 1, started);
  if (cached.hit) {
    await materializeEvents(engine, cached.hit, table);
    return cached.hit.report;
  }
  const report = await readFilesStoringSessions(engine, files, options, started, { kind: 'table', table });
  if (!cached.entry) return report;
  const staging = stagingFolder(cached.entry.root, cached.entry.key);
  try {
    // The store of a table load is one partition; the row hash is stored as the partitioned load stores it.
    fs.mkdirSync(path.join(staging, 'part=0'));
    await engine.run(
      `COPY (SELECT *, ${ROW_HASH_SQL} AS ${ROW_HASH_COLUMN} FROM ${table}) TO ${sqlString(path.join(staging, 'part=0', 'input0_0.parquet'))} (FORMAT parquet)`,
    );
    return (await commitStore(staging, cached, report)).report;
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

/**
 * Read the files into an event store ({@link EventStore}): the same validation as {@link loadEvents}, each file
 * written as Parquet split into user partitions, with each row's hash (the cleaning's deduplication key).
 * With `cache`, a valid entry is used instead of reading the files, and a fresh store becomes the entry; without,
 * the store is written into `storeDir` (required then), which the caller removes.
 */
export async function loadEventStore(
  engine: DuckDbEngine,
  source: string | string[],
  options: LoadOptions & { storeDir?: string },
): Promise<EventStore> {
  const started = performance.now();
  const files = listEventFiles(source);
  const partitions = options.partitions === 'auto' ? autoPartitions(files) : checkPartitions(options.partitions ?? 1);
  const cached = await openCache(files, options, partitions, started);
  if (cached.hit) return cached.hit;
  if (!cached.entry && !options.storeDir) throw new Error('loadEventStore: give storeDir when the cache is off');
  const dir = cached.entry ? stagingFolder(cached.entry.root, cached.entry.key) : fs.mkdtempSync(path.join(options.storeDir!, 'events-'));
  try {
    const report = await readFilesStoringSessions(engine, files, options, started, { kind: 'store', dir, partitions });
    return await commitStore(dir, cached, report);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** A load's view of the cache: a verified hit, or the entry to write (null when the cache is off). */
interface CacheState {
  partitions: number;
  hit: EventStore | null;
  entry: { root: string; key: string; inputs: InputFingerprint[]; settings: LoadCacheSettings } | null;
}

/** Look the files up in the cache (when on): a verified hit, or where a fresh load's entry goes. */
async function openCache(files: string[], options: LoadOptions, partitions: number, started: number): Promise<CacheState> {
  const settings: LoadCacheSettings = { skipBadRows: options.skipBadRows ?? false, partitions };
  const root = resolveCacheRoot(options.cache);
  if (!root) return { partitions, hit: null, entry: null };
  const inputs = fingerprintFiles(files);
  const key = cacheKey(inputs, settings);
  const found = await lookupEntry(root, key, inputs, settings);
  const warningSink = options.warnings ?? true;
  if (found.status === 'hit') {
    const report: LoadReport = { ...found.manifest.report, cache: 'hit', seconds: (performance.now() - started) / 1000 };
    // The warnings of the load that wrote the entry are still true of these files: say them again.
    for (const message of report.warnings) emitWarning(warningSink, message);
    progressSink(options.progress)?.(
      `read ${formatCount(report.rows)} rows of ${files.length} file(s) from the load cache ${found.dir} in ${formatSeconds(report.seconds)} s`,
    );
    const hit = storeFromFiles(found.dir, partitions, found.manifest.files, report);
    return { partitions, hit, entry: null };
  }
  if (found.status === 'invalid') {
    emitWarning(warningSink, `load cache entry ${found.dir} not used (${found.reason}): reading the CSV files again`);
    fs.rmSync(found.dir, { recursive: true, force: true });
  }
  return { partitions, hit: null, entry: { root, key, inputs, settings } };
}

/** With the cache on, make the written store the entry; the store it now is. */
async function commitStore(dir: string, cached: CacheState, report: LoadReport): Promise<EventStore> {
  // Hashes only for the cache, whose next run checks them.
  const stored = await describeFiles(dir, cached.entry !== null);
  if (!cached.entry) return storeFromFiles(dir, cached.partitions, stored, { ...report, cache: 'off' });
  const written: LoadReport = { ...report, cache: 'written' };
  const { root, key, inputs, settings } = cached.entry;
  const entry = commitEntry(root, dir, {
    version: LOAD_CACHE_VERSION,
    key,
    settings,
    inputs,
    report: written,
    files: stored,
  });
  // Another run may have committed the same entry first: then its files are the store.
  return storeFromFiles(entry.dir, cached.partitions, entry.manifest.files, written);
}

/** Where a load's rows go: a table (one transaction), or a partitioned Parquet store folder. */
type Destination = { kind: 'table'; table: string } | { kind: 'store'; dir: string; partitions: number };

/**
 * {@link readFiles} into a table or store with the sessions stored as UUIDs, or, when some session is not a
 * canonical UUID, read again with text sessions: the first read stops at the first such value.
 * Headers are checked and warnings given once; the switch is said on the progress sink only when the first read
 * had already shown progress.
 */
async function readFilesStoringSessions(
  engine: DuckDbEngine,
  files: string[],
  options: LoadOptions,
  started: number,
  destination: Destination,
): Promise<LoadReport> {
  const progress = progressSink(options.progress);
  const warningSink = options.warnings ?? true;
  const warnings: string[] = [];
  const warn = (message: string) => {
    if (warnings.includes(message)) return; // the second read meets the first one's empty files again
    warnings.push(message);
    emitWarning(warningSink, message);
  };
  // Check all headers before reading any data: a bad last file should not cost the load of the others.
  for (const file of files) await checkHeader(file);
  for (const message of monthGapWarnings(files)) warn(message);
  let linesShown = 0;
  const sinks: ReadSinks = {
    warn,
    warnings,
    progress: (line) => {
      linesShown++;
      progress?.(line);
    },
  };
  try {
    return await readFiles(engine, files, options, started, destination, 'UUID', sinks);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.includes(NOT_A_UUID_SESSION)) throw err;
    if (linesShown > 0) progress?.('some user_session is not a lower-case UUID: reading the files again with sessions stored as text');
    // A table's read was rolled back; a store's first files are on disk with UUID sessions and must not stay.
    if (destination.kind === 'store') emptyFolder(destination.dir);
    return readFiles(engine, files, options, started, destination, 'VARCHAR', sinks);
  }
}

/** Remove everything inside `dir`, keeping the folder. */
function emptyFolder(dir: string): void {
  for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
}

/** Where one read sends its progress lines and warnings (shared by the two reads of {@link readFilesStoringSessions}). */
interface ReadSinks {
  progress: (line: string) => void;
  warn: (message: string) => void;
  /** Every warning given so far, in order: the report's list. */
  warnings: string[];
}

/** Read each file into `destination` with sessions stored as `sessionType`; the load report (cache status 'off'). */
async function readFiles(
  engine: DuckDbEngine,
  files: string[],
  options: LoadOptions,
  started: number,
  destination: Destination,
  sessionType: SessionType,
  { progress, warn, warnings }: ReadSinks,
): Promise<LoadReport> {
  const loaded: LoadedFile[] = [];
  const samples: SkippedRowSample[] = [];
  const inTable = destination.kind === 'table';
  if (inTable) await engine.run('BEGIN TRANSACTION');
  try {
    if (inTable) {
      await engine.run(`DROP TABLE IF EXISTS ${destination.table}`);
      await engine.run(createEventsTableSql(destination.table, sessionType));
    }
    for (const [index, file] of files.entries()) {
      const sql = inTable
        ? insertSql(destination.table, file, sessionType)
        : copySql(destination.dir, index, destination.partitions, file, sessionType);
      const result = await loadFile(engine, sql, file, options.skipBadRows ?? false, MAX_SKIPPED_SAMPLES - samples.length);
      loaded.push(result.file);
      samples.push(...result.samples);
      progress(formatFileLoaded(result.file));
      if (result.file.rows === 0 && result.file.skipped === 0) warn(`${file}: the file has the header but no data row`);
    }
    await dropRejectTables(engine);
    if (inTable) await engine.run('COMMIT');
  } catch (err) {
    if (inTable) await engine.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
  return {
    files: loaded,
    rows: loaded.reduce((n, f) => n + f.rows, 0),
    skipped: loaded.reduce((n, f) => n + f.skipped, 0),
    skippedSamples: samples,
    warnings: [...warnings],
    cache: 'off',
    sessionType,
    seconds: (performance.now() - started) / 1000,
  };
}

function emitWarning(sink: ProgressOption, message: string): void {
  if (typeof sink === 'function') sink(message);
  else if (sink) process.stderr.write(`warning: ${message}\n`);
}

/** Run one file's read (`sql`, with its rejects recorded) and check its rejects. */
async function loadFile(
  engine: DuckDbEngine,
  sql: string,
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
    const result = await engine.all<{ Count: string }>(sql);
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
 * Marks the error a UUID read stops with at the first session that is not a canonical UUID (the load then
 * reads the files again with text sessions).
 */
const NOT_A_UUID_SESSION = 'user_session is not a canonical UUID';

/** The inner projection's column holding the session cast to UUID once (NULL where the cast fails). */
const SESSION_AS_UUID = 'session_as_uuid';

/**
 * The session of a row as `sessionType`. Text is read as it is; as UUID only when it converts back to the very
 * same text (DuckDB's UUID cast also takes upper case, braces or no hyphens, which would not round-trip).
 * The cast itself comes from the inner projection ({@link SESSION_AS_UUID}): written twice inside the CASE it
 * ran twice, and the check then cost ~4x as much (measured per 4.4M-row file: 1.1 s of CPU above the plain
 * cast, against 0.27 s computed once).
 */
function storedSessionSql(sessionType: SessionType): string {
  if (sessionType === 'VARCHAR') return 'user_session';
  // A NULL session gives a NULL cast and passes; a text that is not a UUID gives NULL against text and fails.
  return `CASE WHEN CAST(${SESSION_AS_UUID} AS VARCHAR) IS NOT DISTINCT FROM user_session THEN ${SESSION_AS_UUID}
      ELSE error('${NOT_A_UUID_SESSION}') END`;
}

/**
 * `SELECT <event columns> FROM read_csv(<file>, ...)` with every parsing choice spelled out; for UUID sessions the
 * reader is wrapped in a projection that adds the session's cast ({@link SESSION_AS_UUID}).
 */
function readCsvSql(file: string, sessionType: SessionType): string {
  // event_type is read through an ENUM so that an unknown type is a cast error DuckDB records with its line;
  // the table stores it as VARCHAR, the same on both engines. The session is read as text and converted here.
  const eventTypeEnum = `ENUM(${EVENT_TYPES.map((t) => `''${t}''`).join(', ')})`;
  const csvTypes = eventSqlTypes('VARCHAR');
  const columnTypes = EVENT_COLUMNS.map((c) => `'${c}': '${c === 'event_type' ? eventTypeEnum : csvTypes[c]}'`);
  // Empty fields, and the text NULL that database exports write, become NULL in the optional columns.
  // Required columns are exempt from that rule, so an empty value fails its cast and is reported.
  const required = EVENT_COLUMNS.filter((c) => !OPTIONAL_COLUMNS.has(c)).map((c) => `'${c}'`);
  const converted: Partial<Record<EventColumn, string>> = {
    event_type: 'CAST(event_type AS VARCHAR)',
    user_session: storedSessionSql(sessionType),
  };
  const selected = EVENT_COLUMNS.map((c) => (converted[c] ? `${converted[c]} AS ${c}` : c));
  const reader = `read_csv(${sqlString(file)},
        header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
        compression = '${isGzipName(file) ? 'gzip' : 'none'}',
        columns = {${columnTypes.join(', ')}},
        nullstr = ['', 'NULL'], force_not_null = [${required.join(', ')}],
        timestampformat = '%Y-%m-%d %H:%M:%S UTC',
        store_rejects = true, rejects_table = '${REJECT_ERRORS}', rejects_scan = '${REJECT_SCANS}')`;
  const from = sessionType === 'UUID' ? `(SELECT *, TRY_CAST(user_session AS UUID) AS ${SESSION_AS_UUID} FROM ${reader}) csv` : reader;
  return `SELECT ${selected.join(', ')}
      FROM ${from}`;
}

/** `INSERT INTO <table> SELECT ... FROM read_csv(...)` for one file. */
function insertSql(table: string, file: string, sessionType: SessionType): string {
  return `INSERT INTO ${table} ${readCsvSql(file, sessionType)}`;
}

/**
 * `COPY (...) TO <dir> (FORMAT parquet, PARTITION_BY ...)` for the `index`-th file: the file's rows with their
 * hash, into partition hash(user_id) mod `partitions` (`part=K/` folders).
 */
function copySql(dir: string, index: number, partitions: number, file: string, sessionType: SessionType): string {
  return `COPY (
    SELECT *, ${ROW_HASH_SQL} AS ${ROW_HASH_COLUMN}, ${partitionColumnSql(partitions)} FROM (${readCsvSql(file, sessionType)}) rows
  ) TO ${sqlString(dir)} (${storeWriteOptions(index)})`;
}

async function dropRejectTables(engine: DuckDbEngine): Promise<void> {
  await engine.run(`DROP TABLE IF EXISTS ${REJECT_ERRORS}; DROP TABLE IF EXISTS ${REJECT_SCANS}`);
}
