/** What every feature builder needs: the engine, its dialect, the cleaned source table, switches, ref date. */
import type { Engine } from '../engine/engine';
import { dialectOf, type Dialect } from '../engine/dialect';
import type { FeatureSwitches } from './modes';
import { CLEAN_EVENTS_TABLE } from '../clean/clean';

/** Names of the intermediate tables of one feature build, kept after it so notebooks can read them. */
export interface FeatureTableNames {
  sessions: string;
  target: string;
  rfmValues: string;
  rfm: string;
  activity: string;
  brandAffinityLong: string;
  brandAffinityWide: string;
  brandAffinityMax: string;
  visits: string;
  prices: string;
}

const FEATURE_TABLE_SUFFIXES: FeatureTableNames = {
  sessions: 'sessions',
  target: 'target',
  rfmValues: 'rfm_values',
  rfm: 'rfm',
  activity: 'activity',
  brandAffinityLong: 'brand_affinity_long',
  brandAffinityWide: 'brand_affinity_wide',
  brandAffinityMax: 'brand_affinity_max',
  visits: 'visits',
  prices: 'prices',
};

/**
 * The intermediate tables of the build of `target`: `feat_*` for the default modelling table, `<target>_feat_*`
 * for any other, so two builds on one engine (the honest cutoffs, the leaky run) never overwrite each other's.
 */
export function featureTables(target: string = MODELLING_TABLE): FeatureTableNames {
  const prefix = target === MODELLING_TABLE ? 'feat_' : `${target}_feat_`;
  const out = {} as FeatureTableNames;
  for (const key of Object.keys(FEATURE_TABLE_SUFFIXES) as (keyof FeatureTableNames)[]) out[key] = prefix + FEATURE_TABLE_SUFFIXES[key];
  return out;
}

/** Default names of the input (cleaned events) and the output (modelling table). */
// The cleaned table is the cleaning stage's output: one name, owned there.
export { CLEAN_EVENTS_TABLE };
export const MODELLING_TABLE = 'modelling_table';

/** The intermediate tables of the default build (the ones the notebooks read). */
export const FEATURE_TABLES: FeatureTableNames = featureTables();

export interface FeatureContext {
  readonly engine: Engine;
  readonly dialect: Dialect;
  /** Cleaned events table (columns of `events`). */
  readonly source: string;
  readonly switches: FeatureSwitches;
  /** Reference date for recency, 'YYYY-MM-DD'. */
  readonly refDate: string;
  /** The intermediate tables of this build. */
  readonly tables: FeatureTableNames;
}

/** Bundle the inputs of the builders. */
export function featureContext(
  engine: Engine,
  switches: FeatureSwitches,
  refDate: string,
  source: string = CLEAN_EVENTS_TABLE,
  target: string = MODELLING_TABLE,
): FeatureContext {
  return { engine, dialect: dialectOf(engine), source, switches, refDate, tables: featureTables(target) };
}
