import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cleanEvents, type Funnel } from '../clean/clean';
import { copyEventsToPostgres } from '../data/copyToPostgres';
import { loadEvents, type LoadReport } from '../data/load';
import type { ProgressOption } from '../data/progress';
import { DuckDbEngine, type DuckDbOptions } from '../engine/duckdb';
import type { Backend, Engine } from '../engine/engine';
import { PostgresEngine } from '../engine/postgres';
import { emptyCleaningMessage, emptyModellingTableMessage } from './dataProblems';
import { readFeatureTable, type FeatureTable } from '../features/featureTable';
import { buildModellingTable, type BuildModellingTableResult } from '../features/modellingTable';
import type { FeatureMode, FeatureSwitches } from '../features/modes';

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
 * Load → clean → features → columnar hand-off: the event-level half of the study in one call, shared by the CLI,
 * the notebooks and the benchmark. Files are always parsed and validated by DuckDB; with the postgres backend
 * the validated events are then copied into PostgreSQL with COPY and every later stage runs there.
 * @example const run = await runPipeline({ data: 'data/default', mode: 'seed' }); ... await run.close();
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const backend = options.backend ?? 'duckdb';
  const spill = options.duckdb?.tempDirectory ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'purchase-prediction-duckdb-'));
  const loader = await DuckDbEngine.open({
    ...options.duckdb,
    // `??`, not a default spread under the options: an option given as undefined must not erase the default.
    memoryLimit: options.duckdb?.memoryLimit ?? DEFAULT_PIPELINE_MEMORY_LIMIT,
    // Every stage orders its own output where order matters (readFeatureTable orders by user); unordered
    // inserts save memory and time in every CREATE TABLE AS.
    preserveInsertionOrder: options.duckdb?.preserveInsertionOrder ?? false,
    tempDirectory: options.duckdb?.tempDirectory ?? spill ?? undefined,
  })
    .catch((err: unknown) => {
      if (spill) fs.rmSync(spill, { recursive: true, force: true });
      throw err;
    });
  let engine: Engine = loader;
  const close = async () => {
    try {
      if (engine !== loader) await engine.close();
      await loader.close();
    } finally {
      if (spill) fs.rmSync(spill, { recursive: true, force: true });
    }
  };
  try {
    if (backend !== 'duckdb' && backend !== 'postgres') {
      throw new Error(`unknown backend '${String(backend)}': expected duckdb or postgres`);
    }
    const timings: StageTimings = { load: 0, clean: 0, features: 0, read: 0 };
    const runStage = options.runStage ?? ((_stage, work) => work());
    const stage = async <T>(name: PipelineStage, work: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      const result = await runStage(name, work);
      timings[name] = (performance.now() - t) / 1000;
      return result;
    };
    const load = await stage('load', () =>
      loadEvents(loader, options.data, { skipBadRows: options.skipBadRows, progress: options.progress }));
    if (backend === 'postgres') {
      engine = await PostgresEngine.open({ connectionString: options.postgresUrl });
      await stage('copyToPostgres', () => copyEventsToPostgres(loader, engine as PostgresEngine, { progress: options.progress }));
    }
    const funnel = await stage('clean', () => cleanEvents(engine));
    const empty = emptyCleaningMessage(funnel);
    if (empty) throw new Error(empty);
    const features = await stage('features', () =>
      buildModellingTable(engine, {
        mode: options.mode,
        switches: options.switches,
        refDate: options.refDate,
        wideBrandTable: options.wideBrandTable,
      }));
    const noRows = emptyModellingTableMessage(features.rows, funnel);
    if (noRows) throw new Error(noRows);
    const table = await stage('read', () => readFeatureTable(engine));
    return { engine, loader, load, funnel, features, table, timings, close };
  } catch (err) {
    await close();
    throw err;
  }
}
