import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addFunnels, CLEAN_EVENTS_TABLE, cleanEvents, dropCleaningIntermediates, type Funnel } from '../clean/clean';
import { copyEventsToPostgres } from '../data/copyToPostgres';
import { autoPartitions, createPartitionView, type EventStore } from '../data/eventStore';
import { listEventFiles } from '../data/files';
import { loadEvents, loadEventStore, type LoadReport } from '../data/load';
import { EVENTS_TABLE, ROW_HASH_COLUMN } from '../data/schema';
import type { ProgressOption } from '../data/progress';
import { DuckDbEngine, type DuckDbOptions } from '../engine/duckdb';
import { checkBackend, type Backend, type Engine } from '../engine/engine';
import { PostgresEngine } from '../engine/postgres';
import { emptyCleaningMessage, emptyModellingTableMessage } from './dataProblems';
import { readFeatureTable, type FeatureTable } from '../features/featureTable';
import {
  appendEventAggregates,
  buildModellingTable,
  type BuildModellingTableOptions,
  type BuildModellingTableResult,
} from '../features/modellingTable';
import type { FeatureMode, FeatureSwitches } from '../features/modes';

/** The feature settings the partitioned cleaning needs for the event aggregates it builds. */
type FeatureOptions = Pick<BuildModellingTableOptions, 'mode' | 'switches'>;

export interface PipelineOptions {
  /** A folder of Kaggle month files, or a list of files. */
  data: string | string[];
  backend?: Backend;
  /** PostgreSQL connection string; default: the PG* environment variables. */
  postgresUrl?: string;
  mode?: FeatureMode;
  switches?: Partial<FeatureSwitches>;
  refDate?: string;
  skipBadRows?: boolean;
  progress?: ProgressOption;
  duckdb?: DuckDbOptions;
  /** Also build the wide per-brand table (notebooks only; the model does not use it). */
  wideBrandTable?: boolean;
  /**
   * The load cache (lib/data/loadCache.ts): on (default) reuses the validated events of the same files from an
   * earlier run and keeps them for the next; `false` reads the CSV files and keeps nothing; a string names the
   * cache folder.
   */
  cache?: boolean | string;
  /**
   * User partitions (lib/data/eventStore.ts). 1 (default): one `events` table and every intermediate table of the
   * cleaning and the features, as the notebooks read them. More, or 'auto' (by input size): on DuckDB each
   * partition is cleaned and featurised alone, so memory stays bounded whatever the size; the funnel, the per-user
   * feature tables and the modelling table are the same, but `events`, `clean_events` and the cleaning steps' tables
   * are not kept.
   */
  partitions?: number | 'auto';
  /**
   * Runs each stage's work (default: just calls it). The benchmark passes one that measures CPU and memory
   * per stage; the pipeline's own `timings` are taken either way.
   */
  runStage?: StageRunner;
}

/** The stages of {@link runPipeline}, in order (copyToPostgres only on the postgres backend). */
export type PipelineStage = keyof StageTimings;

/** Wraps the work of one stage; must call `work` once and return its result. */
export type StageRunner = <T>(stage: PipelineStage, work: () => Promise<T>) => Promise<T>;

/** Seconds spent in each stage. */
export interface StageTimings {
  load: number;
  copyToPostgres?: number;
  clean: number;
  features: number;
  read: number;
}

export interface PipelineResult {
  /** The engine holding events, cleaned events, feature tables and the modelling table (close it when done). */
  engine: Engine;
  /** The DuckDB engine the files were loaded into (the same as `engine` on the duckdb backend). */
  loader: DuckDbEngine;
  load: LoadReport;
  funnel: Funnel;
  features: BuildModellingTableResult;
  table: FeatureTable;
  timings: StageTimings;
  /** Close every engine the pipeline opened. */
  close(): Promise<void>;
}

/**
 * DuckDB memory limit of a pipeline run unless `duckdb.memoryLimit` says otherwise. Measured (bench/results.md,
 * 2 cores): DuckDB itself plus Node and DuckDB's untracked allocations peak at ~0.45 GB above the limit, so
 * '1200MB' keeps 9M and 20M events under 2 GiB RSS; '1500MB' reached 2.1 GB at 20M. Beyond the limit DuckDB
 * spills table blocks to its temp folder; with the hash deduplication (lib/clean/hashDedup.ts) no statement
 * needs a big hash table any more, so spilling costs little at 9M (same time as without a limit).
 * Each run spills into a folder of its own (removed on close), so concurrent runs never share spill files and
 * nothing lands in the working directory.
 */
export const DEFAULT_PIPELINE_MEMORY_LIMIT = '1200MB';

/**
 * DuckDB memory limit of a partitioned run (unless `duckdb.memoryLimit` says otherwise): at 100M events the
 * default limit peaked at 1.8-2.1 GiB of RSS (the global feature tables, the sort of the CSV write, allocations
 * DuckDB does not count), so partitioned runs leave more headroom.
 */
export const PARTITIONED_MEMORY_LIMIT = '900MB';

/**
 * DuckDB memory limit once {@link runPipeline} has built the features (unless `duckdb.memoryLimit` was given): what
 * follows, the table read and a notebook's sampling queries, needs little, and lowering the limit makes DuckDB
 * evict its buffers to its temp folder and hand the memory back. Measured at 9M events: 1.46 GB RSS after the
 * features, 0.54 GB after the lower limit; the EDA notebook's kernel had peaked at 2.1 GB holding the buffers.
 */
export const AFTER_PIPELINE_MEMORY_LIMIT = '400MB';

/** The stages after the load, run on an engine that already holds `events` (see {@link openPipeline}). */
export interface LoadedPipeline {
  /** The engine holding the events (and, after each stage, its tables). */
  engine: Engine;
  /** The DuckDB engine the files were loaded into (the same as `engine` on the duckdb backend). */
  loader: DuckDbEngine;
  load: LoadReport;
  timings: StageTimings;
  /**
   * Run the five cleaning steps; stops with the step that left no row, if one did (unless `allowEmpty`, for a
   * caller that shows the funnel first and then says what is wrong).
   */
  clean(options?: { allowEmpty?: boolean }): Promise<Funnel>;
  /** Build the modelling table (after `clean`); stops when the merge leaves no row. */
  features(): Promise<BuildModellingTableResult>;
  /** Read the modelling table into typed arrays (after `features`). */
  read(): Promise<FeatureTable>;
  /** Close every engine the pipeline opened. */
  close(): Promise<void>;
}

/**
 * Open the pipeline's engines (DuckDB with the pipeline's memory limit and a private spill folder; PostgreSQL
 * connected first, so a server that is down fails the run before the load) and load the files: the one way every
 * command, notebook and the benchmark starts. The later stages are methods, each timed into `timings`.
 * @example const run = await openPipeline({ data: 'data/default' }); const funnel = await run.clean(); await run.close();
 */
export async function openPipeline(options: PipelineOptions): Promise<LoadedPipeline> {
  const backend = checkBackend(options.backend ?? 'duckdb');
  // The run's private folder: DuckDB's spill files (unless told otherwise) and, without the cache, the event store.
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'purchase-prediction-run-'));
  let postgres: PostgresEngine | null = null;
  let loader: DuckDbEngine | null = null;
  const close = async () => {
    try {
      if (postgres) await postgres.close();
      if (loader) await loader.close();
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  };
  try {
    if (backend === 'postgres') postgres = await PostgresEngine.open({ connectionString: options.postgresUrl });
    loader = await DuckDbEngine.open({
      ...options.duckdb,
      // `??`, not a default spread under the options: an option given as undefined must not erase the default.
      memoryLimit: options.duckdb?.memoryLimit ?? DEFAULT_PIPELINE_MEMORY_LIMIT,
      // Every stage orders its own output where order matters (readFeatureTable orders by user); unordered
      // inserts save memory and time in every CREATE TABLE AS.
      preserveInsertionOrder: options.duckdb?.preserveInsertionOrder ?? false,
      tempDirectory: options.duckdb?.tempDirectory ?? path.join(work, 'spill'),
    });
    const duck = loader;
    const timings: StageTimings = { load: 0, clean: 0, features: 0, read: 0 };
    const runStage = options.runStage ?? ((_stage, work) => work());
    const stage = async <T>(name: PipelineStage, work: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      const result = await runStage(name, work);
      timings[name] = (performance.now() - t) / 1000;
      return result;
    };
    // Partitioned: the event store whose partitions clean() and features() go through one by one.
    let store: EventStore | null = null;
    const load = await stage('load', async () => {
      const files = listEventFiles(options.data);
      // The postgres backend copies one events table; DuckDB goes partitioned when asked (or when 'auto' says so).
      const partitions = backend === 'postgres' ? 1 : options.partitions === 'auto' ? autoPartitions(files) : (options.partitions ?? 1);
      const loadOptions = { skipBadRows: options.skipBadRows, progress: options.progress, cache: options.cache ?? true };
      if (partitions === 1) return loadEvents(duck, files, loadOptions);
      // Partitions bound the working set, so DuckDB needs less; the rest is headroom for what it does not count.
      if (options.duckdb?.memoryLimit === undefined) await duck.run(`SET memory_limit = '${PARTITIONED_MEMORY_LIMIT}'`);
      store = await loadEventStore(duck, files, { ...loadOptions, partitions, storeDir: work });
      return store.report;
    });
    const pg = postgres;
    if (pg) await stage('copyToPostgres', () => copyEventsToPostgres(duck, pg, { progress: options.progress }));
    const engine: Engine = pg ?? duck;
    let funnel: Funnel | null = null;
    return {
      engine,
      loader: duck,
      load,
      timings,
      close,
      clean: async (cleanOptions = {}) => {
        const cleaned = await stage('clean', async () => {
          const partitioned: EventStore | null = store;
          return partitioned ? cleanPartitions(duck, partitioned, { mode: options.mode, switches: options.switches }) : cleanEvents(engine);
        });
        const empty = emptyCleaningMessage(cleaned);
        if (empty && !cleanOptions.allowEmpty) throw new Error(empty);
        funnel = cleaned;
        return cleaned;
      },
      features: async () => {
        if (!funnel) throw new Error('features: run clean() first');
        const counted = funnel;
        const features = await stage('features', () =>
          buildModellingTable(engine, {
            mode: options.mode,
            switches: options.switches,
            refDate: options.refDate,
            wideBrandTable: options.wideBrandTable,
            aggregated: store !== null,
          }),
        );
        const noRows = emptyModellingTableMessage(features.rows, counted);
        if (noRows) throw new Error(noRows);
        return features;
      },
      read: () => stage('read', () => readFeatureTable(engine)),
    };
  } catch (err) {
    await close();
    throw err;
  }
}

/**
 * Clean each partition of `store` (into `clean_events_part<K>`) and append its two event aggregates to the
 * feature tables, dropping the partition's tables after it; the funnel is the sum of the partitions' (every
 * count, users included, adds up over disjoint users). So in a partitioned run the clean stage also does the
 * features' per-partition half, and memory holds one partition's cleaned rows at a time.
 */
async function cleanPartitions(engine: DuckDbEngine, store: EventStore, features: FeatureOptions): Promise<Funnel> {
  let funnel: Funnel | null = null;
  for (let k = 0; k < store.partitions; k++) {
    // The partition's Parquet files are read in place (each statement reads only its columns); the stored row
    // hash spares the deduplication hashing nine columns three times. An empty partition is cleaned too (cheap),
    // so data without rows still has its all-zero funnel.
    const source = `${EVENTS_TABLE}_part${k}`;
    await createPartitionView(engine, store, k, source);
    const target = `${CLEAN_EVENTS_TABLE}_part${k}`;
    const part = await cleanEvents(engine, { source, target, hashColumn: ROW_HASH_COLUMN });
    await dropCleaningIntermediates(engine, target);
    await engine.run(`DROP VIEW ${source}`);
    // The features' two aggregations over events, while the partition's cleaned rows are at hand: they never pile up.
    await appendEventAggregates(engine, target, k === 0, features);
    await engine.run(`DROP TABLE ${target}`);
    funnel = funnel ? addFunnels(funnel, part) : part;
  }
  if (!funnel) throw new Error(`event store ${store.dir} has no partition`);
  return funnel;
}

/**
 * Load → clean → features → columnar hand-off: the event-level half of the study in one call, shared by the CLI,
 * the notebooks and the benchmark. Files are always parsed and validated by DuckDB; with the postgres backend
 * the validated events are then copied into PostgreSQL with COPY and every later stage runs there.
 * @example const run = await runPipeline({ data: 'data/default', mode: 'seed' }); ... await run.close();
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const run = await openPipeline(options);
  try {
    const funnel = await run.clean();
    const features = await run.features();
    if (run.engine instanceof DuckDbEngine && options.duckdb?.memoryLimit === undefined) {
      await run.engine.run(`SET memory_limit = '${AFTER_PIPELINE_MEMORY_LIMIT}'`);
    }
    const table = await run.read();
    return { engine: run.engine, loader: run.loader, load: run.load, funnel, features, table, timings: run.timings, close: run.close };
  } catch (err) {
    await run.close();
    throw err;
  }
}
