/** Load month files and run the honest evaluation in one call, shared by the CLI and the notebook. */
import { copyEventsToPostgres } from '../data/copyToPostgres';
import { loadEvents } from '../data/load';
import { DuckDbEngine } from '../engine/duckdb';
import type { Backend, Engine } from '../engine/engine';
import { PostgresEngine } from '../engine/postgres';
import { evaluateHonestly, type HonestEvaluation, type HonestEvaluationOptions } from './evaluate';

export interface RunHonestEvaluationOptions extends Omit<HonestEvaluationOptions, 'source'> {
  /** A folder of Kaggle month files (2 to 5 months), or a list of files. */
  data: string | string[];
  backend?: Backend;
  /** PostgreSQL connection string; default: the PG* environment variables. */
  postgresUrl?: string;
}

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
  const loader = await DuckDbEngine.open();
  let engine: Engine = loader;
  const close = async () => {
    if (engine !== loader) await engine.close();
    await loader.close();
  };
  try {
    const t0 = performance.now();
    await loadEvents(loader, options.data);
    if (options.backend === 'postgres') {
      engine = await PostgresEngine.open({ connectionString: options.postgresUrl });
      await copyEventsToPostgres(loader, engine as PostgresEngine);
    } else if (options.backend !== undefined && options.backend !== 'duckdb') {
      throw new Error(`unknown backend '${String(options.backend)}': expected duckdb or postgres`);
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    const result = await evaluateHonestly(engine, options);
    return { ...result, engine, loadSeconds, close };
  } catch (err) {
    await close();
    throw err;
  }
}
