/**
 * The contract between the report and the notebooks, in one place: the environment variables the report sets
 * and a notebook's first cell reads (`readNotebookParameters()`, `notebookSettings()`), their defaults, and the
 * repository root that relative folders are taken from. Notebooks thus run unchanged from the CLI, from the test
 * suite, or by hand in any Jupyter front end (where the defaults apply). Files handed from one notebook to the
 * next are named beside their writers (`HONEST_TARGETS_FILE`, `MODEL_TABLE_FILES`, the feature table file).
 */
import { DEFAULT_SEED } from '../random';

// The repository root is owned by lib/io (the load cache needs it too); the notebooks' contract re-exports it.
export { REPOSITORY_ROOT } from '../io/repositoryRoot';

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
  /** Feature mode: `seed` (the study's SQL, quirks included) or `fixed`. */
  mode: 'PURCHASE_MODE',
  /** Folder of the report run: the hand-off between notebooks and the model table files go there. */
  reportDir: 'PURCHASE_REPORT_DIR',
  /** Honest evaluation: days after a cutoff in which a first purchase counts (default 14). */
  horizonDays: 'PURCHASE_HORIZON_DAYS',
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

/** What the report can pass: the parameters plus the settings only `notebookSettings` reads. */
export type NotebookEnvironment = Partial<NotebookParameters & { mode: string; reportDir: string; horizonDays: number }>;

/** The environment that passes `parameters` to a notebook (only the given ones). */
export function notebookEnvironment(parameters: NotebookEnvironment): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of Object.keys(NOTEBOOK_ENV) as (keyof typeof NOTEBOOK_ENV)[]) {
    const value = parameters[key];
    if (value !== undefined) env[NOTEBOOK_ENV[key]] = String(value);
  }
  return env;
}
