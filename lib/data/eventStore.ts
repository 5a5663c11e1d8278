/**
 * The event store: the loader's output, the validated and typed events of a set of input files as Parquet files
 * split into user partitions (`part=K/` folders, K = hash(user_id) mod partitions). Every cleaning step and every
 * feature but the RFM quintiles is per user, so the pipeline can clean and featurise one partition at a time
 * with memory bounded by the partition's size (cleanPartitions in lib/pipeline/runPipeline.ts); with one partition it is simply
 * the whole data. The same folder is the load cache's entry (lib/data/loadCache.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DuckDbEngine } from '../engine/duckdb';
import { sqlString } from '../engine/dialect';
import { isGzipName } from './gzip';
import type { LoadReport } from './load';
import type { CachedFile } from './loadCache';
import { createEventsTableSql, EVENT_COLUMNS, eventSqlTypes, ROW_HASH_COLUMN } from './schema';

/** A written event store. */
export interface EventStore {
  dir: string;
  partitions: number;
  /** Absolute Parquet file names of each partition (empty for a partition without rows). */
  partitionFiles: string[][];
  report: LoadReport;
}

/**
 * Input up to this size (uncompressed CSV bytes) is loaded as one table by {@link autoPartitions}: the fastest
 * plan while DuckDB holds it within its memory limit (9M events, 1.02 GB: 1.6 GiB peak RSS; 20M events as one
 * table: 2.2 GiB, over the 2 GiB target).
 */
export const WHOLE_TABLE_INPUT_BYTES = 1.2e9;

/**
 * Input bytes per partition beyond that: about 5M events of the Kaggle files, whose cleaning stays within a few
 * hundred MB of DuckDB memory.
 */
export const PARTITION_INPUT_BYTES = 512e6;

/** Most partitions 'auto' picks (each partition costs ~30 statements). */
export const MAX_AUTO_PARTITIONS = 64;

/** gzip'd Kaggle CSV is about a quarter of its plain size (measured: 9M events, 1.02 GB plain, 0.25 GB gzip). */
const GZIP_RATIO = 4;

/** The plain CSV size of `files`, bytes: gzip'd files counted at {@link GZIP_RATIO} times their size. */
export function plainInputBytes(files: readonly string[]): number {
  return files.reduce((sum, f) => sum + fs.statSync(f).size * (isGzipName(f) ? GZIP_RATIO : 1), 0);
}

/**
 * The partition count for `files`: 1 up to {@link WHOLE_TABLE_INPUT_BYTES} of (uncompressed) input, else one
 * per {@link PARTITION_INPUT_BYTES}.
 */
export function autoPartitions(files: readonly string[]): number {
  const bytes = plainInputBytes(files);
  if (bytes <= WHOLE_TABLE_INPUT_BYTES) return 1;
  return Math.min(MAX_AUTO_PARTITIONS, Math.max(2, Math.ceil(bytes / PARTITION_INPUT_BYTES)));
}

/** A valid partition count, or an error saying what is wrong. */
export function checkPartitions(n: number): number {
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new Error(`partitions must be a whole number from 1 to 1024, got ${n}`);
  return n;
}

/** The partition column of a row, as the loader writes it: hash(user_id) mod `partitions`. */
export function partitionColumnSql(partitions: number): string {
  // DuckDB's hash is an unsigned 64-bit value, so the remainder is never negative (user ids can be).
  return `CAST(hash(user_id) % ${checkPartitions(partitions)} AS INTEGER) AS part`;
}

/**
 * How a partitioned store's Parquet files are written. Uncompressed: each partition's files are read several
 * times, and at 20M events snappy cost ~3 s of the run's ~43 s (writing and reading). (A one-table load's cache
 * file is read once per hit; for it snappy measured as fast, and a third smaller.)
 */
const STORE_PARQUET_FORMAT = `FORMAT parquet, COMPRESSION 'uncompressed'`;

/** COPY options of the `index`-th input file's write into the store. */
export function storeWriteOptions(index: number): string {
  // One file name pattern per input file, so the files of several inputs share the partition folders.
  return `${STORE_PARQUET_FORMAT}, PARTITION_BY (part), FILENAME_PATTERN 'input${index}_{i}', OVERWRITE_OR_IGNORE true`;
}

/** The Parquet files of each partition folder under `dir`, sorted (absent folder: none). */
function partitionFileLists(dir: string, partitions: number): string[][] {
  return Array.from({ length: partitions }, (_, k) => {
    const folder = path.join(dir, `part=${k}`);
    if (!fs.existsSync(folder)) return [];
    return fs
      .readdirSync(folder)
      .filter((n) => n.endsWith('.parquet'))
      .sort()
      .map((n) => path.join(folder, n));
  });
}

/** An {@link EventStore} over the files of `dir`; `files` (from the manifest) must be exactly what is there. */
export function storeFromFiles(dir: string, partitions: number, files: CachedFile[], report: LoadReport): EventStore {
  const partitionFiles = partitionFileLists(dir, partitions);
  const listed = partitionFiles
    .flat()
    .map((f) => path.relative(dir, f))
    .sort();
  const expected = files.map((f) => f.name).sort();
  if (listed.join('\n') !== expected.join('\n')) throw new Error(`event store ${dir}: its files changed while it was being opened`);
  return { dir, partitions, partitionFiles, report };
}

/**
 * `view`: the rows of partition `k` read in place from its Parquet files (with the stored row hash); an empty
 * partition is an empty table of the same columns.
 */
export async function createPartitionView(engine: DuckDbEngine, store: EventStore, k: number, view: string): Promise<void> {
  const files = store.partitionFiles[k] ?? [];
  const columns = [...EVENT_COLUMNS, ROW_HASH_COLUMN];
  if (files.length > 0) {
    await engine.run(`CREATE VIEW ${view} AS SELECT ${columns.join(', ')} FROM read_parquet(${fileListSql(files)})`);
    return;
  }
  const types = eventSqlTypes(store.report.sessionType);
  const typed = [...EVENT_COLUMNS.map((c) => `CAST(NULL AS ${types[c]}) AS ${c}`), `CAST(NULL AS UBIGINT) AS ${ROW_HASH_COLUMN}`];
  await engine.run(`CREATE VIEW ${view} AS SELECT ${typed.join(', ')} WHERE false`);
}

/** `['a.parquet', 'b.parquet']` as a DuckDB list literal. */
function fileListSql(files: readonly string[]): string {
  return `[${files.map(sqlString).join(', ')}]`;
}

/**
 * (Re)create `table` with every event of the store, in one transaction: an existing table of that name is
 * replaced only on success.
 */
export async function materializeEvents(engine: DuckDbEngine, store: EventStore, table: string): Promise<void> {
  const files = store.partitionFiles.flat();
  await engine.run('BEGIN TRANSACTION');
  try {
    await engine.run(`DROP TABLE IF EXISTS ${table}`);
    await engine.run(createEventsTableSql(table, store.report.sessionType));
    if (files.length > 0) {
      await engine.run(`INSERT INTO ${table} SELECT ${EVENT_COLUMNS.join(', ')} FROM read_parquet(${fileListSql(files)})`);
    }
    await engine.run('COMMIT');
  } catch (err) {
    await engine.run('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
