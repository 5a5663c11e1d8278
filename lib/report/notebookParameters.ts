/**
 * How parameters reach a notebook: environment variables set by `executeNotebook` and read by the
 * notebook's first cell with `readNotebookParameters()`. Notebooks thus run unchanged from the CLI,
 * from the test suite, or by hand in Jupyter (where the defaults apply).
 */
import { DEFAULT_SEED } from '../random';

/** Names of the environment variables a notebook reads. */
export const NOTEBOOK_ENV = {
  /** Folder holding the month CSV files (or the generated default data). */
  dataDir: 'PURCHASE_DATA_DIR',
  /** Engine backend: `duckdb` or `postgres`. */
  backend: 'PURCHASE_BACKEND',
  /** DuckDB database file (empty: in memory). */
  database: 'PURCHASE_DATABASE',
  /** Reference date for recency, `YYYY-MM-DD` (empty: the day after the last event). */
  refDate: 'PURCHASE_REF_DATE',
  /** Seed of every random step (split, undersampling, models). */
  seed: 'PURCHASE_SEED',
  /** Folder the notebook writes its PNG figures to (empty: no PNGs). */
  figureDir: 'PURCHASE_FIGURE_DIR',
} as const;

/** The parameters as a notebook sees them; empty variables count as unset. */
export type NotebookParameters = {
  dataDir: string;
  backend: string;
  database: string | undefined;
  refDate: string | undefined;
  seed: number;
  figureDir: string | undefined;
};

/** Values used when a variable is unset, e.g. when a notebook is opened by hand. */
export const NOTEBOOK_DEFAULTS = { dataDir: 'data', backend: 'duckdb', seed: DEFAULT_SEED } as const;

/** Reads the notebook parameters from `env` (the process environment by default). */
export function readNotebookParameters(env: Record<string, string | undefined> = process.env): NotebookParameters {
  const get = (name: string): string | undefined => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const seedText = get(NOTEBOOK_ENV.seed);
  const seed = seedText === undefined ? NOTEBOOK_DEFAULTS.seed : Number(seedText);
  if (!Number.isInteger(seed)) throw new Error(`${NOTEBOOK_ENV.seed} must be an integer, got '${seedText}'`);
  return {
    dataDir: get(NOTEBOOK_ENV.dataDir) ?? NOTEBOOK_DEFAULTS.dataDir,
    backend: get(NOTEBOOK_ENV.backend) ?? NOTEBOOK_DEFAULTS.backend,
    database: get(NOTEBOOK_ENV.database),
    refDate: get(NOTEBOOK_ENV.refDate),
    seed,
    figureDir: get(NOTEBOOK_ENV.figureDir),
  };
}

/** The environment that passes `parameters` to a notebook (only the given ones). */
export function notebookEnvironment(parameters: Partial<NotebookParameters>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of Object.keys(NOTEBOOK_ENV) as (keyof typeof NOTEBOOK_ENV)[]) {
    const value = parameters[key];
    if (value !== undefined) env[NOTEBOOK_ENV[key]] = String(value);
  }
  return env;
}
