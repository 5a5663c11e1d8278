/**
 * The modelling table at one cutoff T: the population's features from events before T only, with the target
 * replaced by the window label. It reuses the study's feature builders unchanged on the filtered events, in
 * the `fixed` mode, because each of its corrections is needed here:
 * - NTILE over users: one row per user, so features and labels join one to one;
 * - keep users without views: the population is fixed before features are built, and a user whose only rows
 *   before T are carts must not drop out through a merge quirk;
 * - the add-to-cart rate over sessions: the meaningful rate (the choice does not affect leakage).
 * The session time features are joined on as extra columns; the baselines' inputs are read beside the table.
 */
import { onlyRow, type Engine } from '../engine/engine';
import { MODELLING_COLUMNS, TARGET_COLUMN } from '../features/columns';
import { featureContext, featureTables } from '../features/context';
import { readFeatureTable, type FeatureTable } from '../features/featureTable';
import { engineRowSource, type RowSource } from '../features/rowSource';
import { buildModellingTable } from '../features/modellingTable';
import { resolveSwitches } from '../features/modes';
import { buildSessionTimes, SESSION_TIME_FEATURES } from '../features/sessionTimes';
import { dropTables, replaceTable } from '../features/sql';
import { buildBaselineInputsTable, readBaselineInputs, type BaselineInputs } from './baselineInputs';
import { buildWindowLabels } from './labels';
import { buildPopulation } from './population';
import { checkTableName } from '../engine/tableName';

/** The tables one cutoff creates, all named after a prefix (e.g. 'honest_train'). */
export interface CutoffTables {
  population: string;
  events: string;
  labels: string;
  features: string;
  sessionTimes: string;
  table: string;
  baselineInputs: string;
}

/** Table names for `prefix`, e.g. 'honest_train_population'. */
export function cutoffTables(prefix: string): CutoffTables {
  checkTableName(prefix, { what: 'table prefix' });
  return {
    population: `${prefix}_population`,
    events: `${prefix}_events`,
    labels: `${prefix}_labels`,
    features: `${prefix}_features`,
    sessionTimes: `${prefix}_session_times`,
    table: `${prefix}_table`,
    baselineInputs: `${prefix}_baseline_inputs`,
  };
}

export interface CutoffTableOptions {
  /** Raw events table (default 'events'). */
  source?: string;
  cutoff: string;
  horizonDays: number;
  /** Prefix of the created tables. */
  prefix: string;
  /**
   * Drop the build's intermediate tables (population, the events before the cutoff, labels, features, session
   * times) once the final table and the baselines' inputs exist: the evaluation reads only those two, and a
   * cutoff's events are most of the data. Default false (tests inspect them).
   */
  dropIntermediates?: boolean;
}

/** The tables of one cutoff, built in the engine and not read yet (the rolling origins keep these between origins). */
export interface StoredCutoffTable {
  cutoff: string;
  tables: CutoffTables;
  /** Population users (= rows of `tables.table`) and first buyers in the label window. */
  users: number;
  buyers: number;
}

/** The modelling table at one cutoff, read, and its counts. */
export interface CutoffTable extends StoredCutoffTable {
  /** One row per population user: the 19 modelling columns + the session time features; purchased = window label. */
  table: FeatureTable;
  /** What the rule-based baselines read, aligned with `table.userIds`. */
  baselineInputs: BaselineInputs;
}

/**
 * Build population, events before the cutoff, window labels, features (refDate = cutoff), the final table
 * `<prefix>_table` and the baselines' inputs in the engine. Nothing at or after the cutoff is read except by the labels.
 */
export async function storeCutoffTable(engine: Engine, options: CutoffTableOptions): Promise<StoredCutoffTable> {
  const source = options.source ?? 'events';
  const t = cutoffTables(options.prefix);
  await buildPopulation(engine, { source, cutoff: options.cutoff, population: t.population, events: t.events });
  const { n } = onlyRow(await engine.all<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${t.population}`), 'population count');
  if (n === 0) throw new Error(`no user is active without a purchase before the cutoff ${options.cutoff}`);
  await buildWindowLabels(engine, {
    source,
    population: t.population,
    cutoff: options.cutoff,
    horizonDays: options.horizonDays,
    labels: t.labels,
  });
  await buildModellingTable(engine, { mode: 'fixed', refDate: options.cutoff, source: t.events, target: t.features });
  await buildSessionTimes(featureContext(engine, resolveSwitches('fixed'), options.cutoff, t.events), t.sessionTimes);
  const columns = MODELLING_COLUMNS.map((c) => (c === TARGET_COLUMN ? `l.purchased AS ${c}` : `f.${c}`));
  await replaceTable(
    engine,
    t.table,
    `SELECT ${[...columns, ...SESSION_TIME_FEATURES.map((c) => `s.${c}`)].join(', ')}
     FROM ${t.features} f
     JOIN ${t.labels} l ON l.user_id = f.user_id
     JOIN ${t.sessionTimes} s ON s.user_id = f.user_id`,
  );
  await buildBaselineInputsTable(engine, { events: t.events, cutoff: options.cutoff, table: t.baselineInputs });
  const { table_rows: rows, buyers } = onlyRow(
    await engine.all<{ table_rows: number; buyers: number }>(
      `SELECT CAST(COUNT(*) AS INTEGER) AS table_rows, CAST(COALESCE(SUM(${TARGET_COLUMN}), 0) AS INTEGER) AS buyers FROM ${t.table}`,
    ),
    'table counts',
  );
  if (rows !== n) {
    throw new Error(`the table at ${options.cutoff} has ${rows} rows for ${n} population users: features must give one row per user`);
  }
  const stored = { cutoff: options.cutoff, tables: t, users: n, buyers };
  if (options.dropIntermediates) await dropTables(engine, intermediateTables(stored));
  return stored;
}

/** The tables a cutoff's build leaves beside `table` and `baselineInputs`. */
function intermediateTables(stored: StoredCutoffTable): string[] {
  const t = stored.tables;
  return [...Object.values(featureTables(t.features)), t.sessionTimes, t.features, t.labels, t.events, t.population];
}

/** Read a stored cutoff's table and baseline inputs into memory. */
export async function readCutoffTable(engine: Engine, stored: StoredCutoffTable): Promise<CutoffTable> {
  const table = await readFeatureTable(engine, stored.tables.table);
  checkUnchanged(stored, table.rows, table.purchased);
  return { ...stored, table, baselineInputs: await readCutoffBaselines(engine, stored) };
}

/** A stored cutoff's rows: labels now, matrices streamed when asked for (in the row order of its baseline inputs). */
export async function readCutoffRows(engine: Engine, stored: StoredCutoffTable): Promise<RowSource> {
  const rows = await engineRowSource(engine, stored.tables.table);
  checkUnchanged(stored, rows.rows, rows.labels);
  return rows;
}

/** A stored cutoff's baseline inputs, in the row order of its table (only a test window needs them). */
export function readCutoffBaselines(engine: Engine, stored: StoredCutoffTable): Promise<BaselineInputs> {
  return readBaselineInputs(engine, { cutoff: stored.cutoff, table: stored.tables.baselineInputs, alignTo: stored.tables.table });
}

function checkUnchanged(stored: StoredCutoffTable, rows: number, labels: ArrayLike<number>): void {
  let buyers = 0;
  for (let i = 0; i < rows; i++) buyers += labels[i]!;
  if (rows !== stored.users || buyers !== stored.buyers) {
    throw new Error(
      `${stored.tables.table} changed since it was built: ${rows} rows and ${buyers} buyers, ${stored.users} and ${stored.buyers} then`,
    );
  }
}

/**
 * Build a cutoff's tables ({@link storeCutoffTable}) and read them ({@link readCutoffTable}).
 * @example const t = await buildCutoffTable(engine, { cutoff: '2019-11-03', horizonDays: 14, prefix: 'honest_train' });
 */
export async function buildCutoffTable(engine: Engine, options: CutoffTableOptions): Promise<CutoffTable> {
  return readCutoffTable(engine, await storeCutoffTable(engine, options));
}

/** Drop every table of a stored cutoff, the feature build's intermediate tables included. */
export async function dropCutoffTables(engine: Engine, stored: StoredCutoffTable): Promise<void> {
  await dropTables(engine, [...intermediateTables(stored), stored.tables.table, stored.tables.baselineInputs]);
}
