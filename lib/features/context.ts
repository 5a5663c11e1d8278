/** What every feature builder needs: the engine, its dialect, the cleaned source table, switches, ref date. */
import type { Engine } from '../engine/engine';
import { dialectOf, type Dialect } from '../engine/dialect';
import type { FeatureSwitches } from './modes';
import { CLEAN_EVENTS_TABLE } from '../clean/clean';

/** Names of the intermediate tables, kept after a build so notebooks can read them. */
export const FEATURE_TABLES = {
  sessions: 'feat_sessions',
  target: 'feat_target',
  rfmValues: 'feat_rfm_values',
  rfm: 'feat_rfm',
  activity: 'feat_activity',
  brandAffinityLong: 'feat_brand_affinity_long',
  brandAffinityWide: 'feat_brand_affinity_wide',
  brandAffinityMax: 'feat_brand_affinity_max',
  visits: 'feat_visits',
  prices: 'feat_prices',
} as const;

/** Default names of the input (cleaned events) and the output (modelling table). */
// The cleaned table is the cleaning stage's output: one name, owned there.
export { CLEAN_EVENTS_TABLE };
export const MODELLING_TABLE = 'modelling_table';

export interface FeatureContext {
  readonly engine: Engine;
  readonly dialect: Dialect;
  /** Cleaned events table (columns of `events`). */
  readonly source: string;
  readonly switches: FeatureSwitches;
  /** Reference date for recency, 'YYYY-MM-DD'. */
  readonly refDate: string;
}

/** Bundle the inputs of the builders. */
export function featureContext(
  engine: Engine,
  switches: FeatureSwitches,
  refDate: string,
  source: string = CLEAN_EVENTS_TABLE,
): FeatureContext {
  return { engine, dialect: dialectOf(engine), source, switches, refDate };
}
