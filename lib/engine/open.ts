import type { Backend, Engine } from './engine';
import { DuckDbEngine, type DuckDbOptions } from './duckdb';
import { PostgresEngine, type PostgresOptions } from './postgres';

export interface OpenEngineOptions {
  backend?: Backend;
  duckdb?: DuckDbOptions;
  postgres?: PostgresOptions;
}

/**
 * Open the chosen backend (DuckDB by default).
 * @example const engine = await openEngine({ backend: 'postgres', postgres: { connectionString: 'postgres://...' } });
 */
export async function openEngine(options: OpenEngineOptions = {}): Promise<Engine> {
  const backend = options.backend ?? 'duckdb';
  if (backend === 'duckdb') return DuckDbEngine.open(options.duckdb);
  if (backend === 'postgres') return PostgresEngine.open(options.postgres);
  throw new Error(`unknown backend '${String(backend)}': expected duckdb or postgres`);
}
