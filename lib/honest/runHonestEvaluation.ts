/** Load month files and run the honest evaluation in one call, shared by the CLI and the notebook. */
import type { Backend, Engine } from '../engine/engine';
import { openPipeline } from '../pipeline/runPipeline';
import { evaluateHonestly, type HonestEvaluation, type HonestEvaluationOptions } from './evaluate';

export interface RunHonestEvaluationOptions extends Omit<HonestEvaluationOptions, 'source'> {
  /** A folder of Kaggle month files (2 to 5 months), or a list of files. */
  data: string | string[];
  backend?: Backend;
  /** PostgreSQL connection string; default: the PG* environment variables. */
  postgresUrl?: string;
  /** The load cache: on by default (see PipelineOptions.cache). */
  cache?: boolean | string;
}

/**
 * DuckDB's memory limit in the honest evaluation (the pipeline's default is 1200MB). Measured at 9M events: 300MB
 * instead of 500MB took ~0.2 GiB off the peak at no measurable cost in time (the events spill and are read back
 * once per cutoff), but failed two runs of four with "Out of Memory" on building a cutoff's events (a nine-column
 * DISTINCT over ~2.5M rows); 400MB peaks at 1.49 GiB (1.37-1.38 at 300MB) and has not failed.
 */
export const HONEST_DUCKDB_MEMORY_LIMIT = '400MB';

export interface HonestRun extends HonestEvaluation {
  engine: Engine;
  loadSeconds: number;
  /** Close every engine opened. */
  close(): Promise<void>;
}

/**
 * Load the files (validated by DuckDB; copied to PostgreSQL with the postgres backend), then evaluate.
 * @example const run = await runHonestEvaluation({ data: 'data/default' }); ...; await run.close();
 */
export async function runHonestEvaluation(options: RunHonestEvaluationOptions): Promise<HonestRun> {
  // The pipeline's one way in (memory limit, private spill folder, PostgreSQL connected first); the honest
  // evaluation then builds its own cutoff tables from the loaded events.
  const run = await openPipeline({
    data: options.data,
    backend: options.backend,
    postgresUrl: options.postgresUrl,
    cache: options.cache,
    // The models' matrices live in JavaScript beside DuckDB (one cutoff's at a time, ~0.3 GB at 9M events): DuckDB
    // gets less memory here and spills the events table instead, and hands freed memory back to the system sooner.
    duckdb: {
      memoryLimit: HONEST_DUCKDB_MEMORY_LIMIT,
      settings: { allocator_flush_threshold: '32MB', allocator_background_threads: 'true' },
    },
  });
  try {
    const loadSeconds = run.timings.load + (run.timings.copyToPostgres ?? 0);
    const result = await evaluateHonestly(run.engine, options);
    return { ...result, engine: run.engine, loadSeconds, close: run.close };
  } catch (err) {
    await run.close();
    throw err;
  }
}
