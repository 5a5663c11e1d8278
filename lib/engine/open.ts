import { checkBackend, type Backend, type Engine } from './engine';
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
  const backend = checkBackend(options.backend ?? 'duckdb');
  return backend === 'postgres' ? PostgresEngine.open(options.postgres) : DuckDbEngine.open(options.duckdb);
}
