/**
 * Per-class mean and standard deviation of the 15 model features on the real data's training set, read from
 * the study's Gaussian naive Bayes fitted on the real Kaggle Oct+Nov 2019 data (after random undersampling,
 * 26,856 users per class, seed-mode features, recency from the study's run date). Shipped as
 * realFeatureStats.json, the project's copy of the requirements' `real-feature-stats.json`.
 */
import stats from './realFeatureStats.json';
import { MODEL_FEATURES, type ModellingColumn } from '../features/columns';

/** Mean and SD of one feature in one class. */
export interface MomentPair {
  mean: number;
  sd: number;
}

/** Mean and SD of one feature in each class. */
export interface ClassMoments {
  not_purchased: MomentPair;
  purchased: MomentPair;
}

export type FeatureMoments = Record<string, ClassMoments>;

/** The real data's per-class moments of every model feature, in MODEL_FEATURES order. */
export function realFeatureMoments(): FeatureMoments {
  const table = stats.features as Record<string, ClassMoments>;
  const out: FeatureMoments = {};
  for (const name of MODEL_FEATURES) {
    const m = table[name];
    if (!m) throw new Error(`realFeatureStats.json has no statistics for feature '${name}'`);
    out[name] = m;
  }
  return out;
}

/** Users per class of the real training set the moments were taken from. */
export const REAL_USERS_PER_CLASS: number = stats.users_per_class;

export type { ModellingColumn };
