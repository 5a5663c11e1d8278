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
import { featureContext } from '../features/context';
import { readFeatureTable, type FeatureTable } from '../features/featureTable';
import { buildModellingTable } from '../features/modellingTable';
import { resolveSwitches } from '../features/modes';
import { buildSessionTimes, SESSION_TIME_FEATURES } from '../features/sessionTimes';
import { replaceTable } from '../features/sql';
import { buildBaselineInputs, type BaselineInputs } from './baselineInputs';
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
}

/** The modelling table at one cutoff and its counts. */
export interface CutoffTable {
  cutoff: string;
  tables: CutoffTables;
  /** One row per population user: the 19 modelling columns + the session time features; purchased = window label. */
  table: FeatureTable;
  users: number;
  buyers: number;
  /** What the rule-based baselines read, aligned with `table.userIds`. */
  baselineInputs: BaselineInputs;
}

/**
 * Build population, events before the cutoff, window labels, features (refDate = cutoff) and the final table
 * `<prefix>_table`, then read it. Nothing at or after the cutoff is read except by the labels.
 */
export async function buildCutoffTable(engine: Engine, options: CutoffTableOptions): Promise<CutoffTable> {
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
  const table = await readFeatureTable(engine, t.table);
  if (table.rows !== n) {
    throw new Error(`the table at ${options.cutoff} has ${table.rows} rows for ${n} population users: features must give one row per user`);
  }
  let buyers = 0;
  for (let i = 0; i < table.rows; i++) buyers += table.purchased[i]!;
  const baselineInputs = await buildBaselineInputs(engine, {
    events: t.events,
    cutoff: options.cutoff,
    table: t.baselineInputs,
    userIds: table.userIds,
  });
  return { cutoff: options.cutoff, tables: t, table, users: n, buyers, baselineInputs };
}
