/**
 * The merged modelling table (spec section 4): every feature group joined on user_id, in the study's column
 * order, and `buildModellingTable`, which builds all groups and the merge in one call.
 */
import { onlyRow, type Engine } from '../engine/engine';
import { buildActivity } from './activity';
import { buildBrandAffinityLong, buildBrandAffinityMax, buildBrandAffinityWide } from './brandAffinity';
import { MODELLING_COLUMNS } from './columns';
import { CLEAN_EVENTS_TABLE, MODELLING_TABLE, featureContext, featureTables, type FeatureContext } from './context';
import { resolveSwitches, type FeatureMode, type FeatureSwitches } from './modes';
import { buildPrices } from './prices';
import { buildRfm, buildRfmValues } from './rfm';
import { buildSessions } from './sessions';
import { DECIMAL_2, replaceTable } from './sql';
import { buildTarget } from './target';
import { buildVisits } from './visits';
import { checkTableName } from '../engine/tableName';

export interface BuildModellingTableOptions {
  /** Preset of switches; default 'seed' (the study). */
  mode?: FeatureMode;
  /** Individual switches over the preset. */
  switches?: Partial<FeatureSwitches>;
  /** Reference date for recency, 'YYYY-MM-DD'; default {@link defaultRefDate} for the mode. */
  refDate?: string;
  /** Cleaned events table; default 'clean_events'. */
  source?: string;
  /**
   * The two event aggregates (`feat_sessions`, `feat_brand_affinity_long` of `target`) are already built, partition
   * by partition with {@link appendEventAggregates} (the partitioned run): build the rest from them; `source` is
   * not read, and the default reference date comes from the sessions' last events (the same instant).
   */
  aggregated?: boolean;
  /** Output table; default 'modelling_table'. */
  target?: string;
  /** Also build the wide per-brand table for notebooks (the model does not use it; slow); default false. */
  wideBrandTable?: boolean;
}

export interface BuildModellingTableResult {
  /** Rows of the modelling table (in the study's mode, users straddling an NTILE edge count twice). */
  rows: number;
  seconds: number;
  refDate: string;
}

/** The 19 columns, each cast to one type so both engines produce the same table; gaps become 0. */
const MERGED_COLUMNS: Record<(typeof MODELLING_COLUMNS)[number], string> = {
  user_id: 'rfm.user_id',
  purchased: 'CAST(COALESCE(t.purchased, 0) AS INTEGER)',
  recency: 'rfm.recency',
  frequency: 'rfm.frequency',
  monetary_value: 'rfm.monetary_value',
  r: 'rfm.r',
  f: 'rfm.f',
  m: 'rfm.m',
  rfm_score: 'rfm.rfm_score',
  rfm_int: 'rfm.rfm_int',
  num_views: 'CAST(COALESCE(a.num_views, 0) AS INTEGER)',
  adds_to_cart: 'CAST(COALESCE(a.adds_to_cart, 0) AS INTEGER)',
  add_to_cart_rate: `CAST(COALESCE(a.add_to_cart_rate, 0) AS ${DECIMAL_2})`,
  max_perc_user_views: `CAST(COALESCE(b.max_perc_user_views, 0) AS ${DECIMAL_2})`,
  max_perc_user_carts: `CAST(COALESCE(b.max_perc_user_carts, 0) AS ${DECIMAL_2})`,
  range_visits: 'CAST(COALESCE(v.range_visits, 0) AS INTEGER)',
  avg_days_btw_sessions: `CAST(COALESCE(v.avg_days_btw_sessions, 0) AS ${DECIMAL_2})`,
  avg_view_price: `CAST(COALESCE(p.avg_view_price, 0) AS ${DECIMAL_2})`,
  avg_cart_price: `CAST(COALESCE(p.avg_cart_price, 0) AS ${DECIMAL_2})`,
};

/**
 * Build `target` from the feature tables: one row per row of `feat_rfm` (so the study's duplicated users
 * stay duplicated), joined on user_id. Users without a view row are dropped, as by the study's inner join on
 * view prices, unless `keepUsersWithoutViews`.
 */
export async function buildMergedTable(ctx: FeatureContext, target: string = MODELLING_TABLE): Promise<void> {
  const T = ctx.tables;
  const select = MODELLING_COLUMNS.map((c) => `  ${MERGED_COLUMNS[c]} AS ${c}`).join(',\n');
  await replaceTable(
    ctx.engine,
    target,
    `SELECT
${select}
FROM ${T.rfm} rfm
LEFT JOIN ${T.target} t ON t.user_id = rfm.user_id
LEFT JOIN ${T.activity} a ON a.user_id = rfm.user_id
LEFT JOIN ${T.brandAffinityMax} b ON b.user_id = rfm.user_id
LEFT JOIN ${T.visits} v ON v.user_id = rfm.user_id
LEFT JOIN ${T.prices} p ON p.user_id = rfm.user_id
${ctx.switches.keepUsersWithoutViews ? '' : 'WHERE p.avg_view_price IS NOT NULL'}`,
  );
}

/** 'YYYY-MM-DD' of a real calendar date, or an error naming the option. */
export function checkRefDate(refDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(refDate);
  const date = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : null;
  if (!date || date.toISOString().slice(0, 10) !== refDate) {
    throw new Error(`ref date must be a calendar date YYYY-MM-DD, got '${refDate}'`);
  }
  return refDate;
}

/**
 * The day the study ran its RFM query (its CURRENT_DATE), read off its published recency range: on Oct+Nov
 * 2019 data recency ran from 72 to 132 whole days, and EXTRACT(DAY FROM CURRENT_DATE - last event) gives 72 for
 * an event late on 2019-11-30 and 132 for one early on 2019-10-01 only when CURRENT_DATE is 2020-02-11
 * (2020-02-10 would give 71..131).
 */
export const STUDY_REF_DATE = '2020-02-11';

/**
 * The default reference date: the day after the date of the last event in `source`; in `seed` mode the
 * study's run date {@link STUDY_REF_DATE} when the data ends before it (as the study's own data did), so
 * recency is measured as the study measured it.
 */
export async function defaultRefDate(
  engine: Engine,
  source: string = CLEAN_EVENTS_TABLE,
  mode: FeatureMode = 'fixed',
  column = 'event_time',
): Promise<string> {
  const [row] = await engine.all<{ ref: string | null }>(`SELECT CAST(CAST(MAX(${column}) AS DATE) + 1 AS VARCHAR) AS ref FROM ${source}`);
  if (!row?.ref) throw new Error(`cannot choose a reference date: ${source} has no events`);
  return mode === 'seed' && row.ref < STUDY_REF_DATE ? STUDY_REF_DATE : row.ref;
}

/**
 * Build every feature table and the modelling table from the cleaned events, set-based on the engine.
 * @example const { rows, refDate } = await buildModellingTable(engine, { mode: 'fixed' });
 */
export async function buildModellingTable(engine: Engine, options: BuildModellingTableOptions = {}): Promise<BuildModellingTableResult> {
  const started = performance.now();
  const source = checkTableName(options.source ?? CLEAN_EVENTS_TABLE);
  const mode = options.mode ?? 'seed';
  const switches = resolveSwitches(mode, options.switches);
  const target = checkTableName(options.target ?? MODELLING_TABLE);
  const tables = featureTables(target);
  const refDate =
    options.refDate !== undefined
      ? checkRefDate(options.refDate)
      : options.aggregated
        ? await defaultRefDate(engine, tables.sessions, mode, 'last_event')
        : await defaultRefDate(engine, source, mode);
  const ctx = featureContext(engine, switches, refDate, source, target);
  if (!options.aggregated) await buildEventAggregates(ctx);
  await buildUserTables(ctx);
  // The quintiles rank every user against all others: the one global step.
  await buildRfm(ctx);
  if (options.wideBrandTable ?? false) await buildBrandAffinityWide(ctx);
  await buildMergedTable(ctx, target);
  const { n } = onlyRow(
    await engine.all<{ n: number }>(`SELECT CAST(COUNT(*) AS INTEGER) AS n FROM ${target}`),
    'modelling table row count',
  );
  return { rows: n, seconds: (performance.now() - started) / 1000, refDate };
}

/** The two aggregations over the cleaned events; every other table is built from these. */
async function buildEventAggregates(ctx: FeatureContext): Promise<void> {
  await buildSessions(ctx);
  await buildBrandAffinityLong(ctx);
}

/** The per-user feature tables, from `feat_sessions` and `feat_brand_affinity_long`. */
async function buildUserTables(ctx: FeatureContext): Promise<void> {
  await buildTarget(ctx);
  await buildRfmValues(ctx);
  await buildActivity(ctx);
  await buildBrandAffinityMax(ctx);
  await buildVisits(ctx);
  await buildPrices(ctx);
}

/**
 * Build the two event aggregates of one user partition's cleaned events (`source`) and append them to those of
 * `target` (created when `first`). Both are per user (and session or brand), so the union over disjoint user
 * partitions is the whole data's; {@link buildModellingTable} with `aggregated` then builds the rest.
 */
export async function appendEventAggregates(
  engine: Engine,
  source: string,
  first: boolean,
  options: Pick<BuildModellingTableOptions, 'mode' | 'switches' | 'target'> = {},
): Promise<void> {
  const switches = resolveSwitches(options.mode ?? 'seed', options.switches);
  const target = checkTableName(options.target ?? MODELLING_TABLE);
  // The reference date only enters the per-user tables, never these two.
  const whole = featureContext(engine, switches, STUDY_REF_DATE, source, target);
  const part = featureContext(engine, switches, STUDY_REF_DATE, checkTableName(source), `${target}_part`);
  await buildEventAggregates(part);
  for (const key of ['sessions', 'brandAffinityLong'] as const) {
    const from = part.tables[key];
    const into = whole.tables[key];
    if (first) await replaceTable(engine, into, `SELECT * FROM ${from}`);
    else await engine.run(`INSERT INTO ${into} SELECT * FROM ${from}`);
    await engine.run(`DROP TABLE ${from}`);
  }
}
