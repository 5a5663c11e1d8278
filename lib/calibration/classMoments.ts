/** Per-class mean and standard deviation of the model features of a modelling table. */
import { MODEL_FEATURES } from '../features/columns';
import type { FeatureTable } from '../features/featureTable';
import type { ClassMoments, FeatureMoments, MomentPair } from './realFeatureStats';

/**
 * Mean and SD (divide by n, as GaussianNB's `var_`) of each feature among non-purchasers and purchasers.
 * @example classMoments(table).add_to_cart_rate.purchased.mean
 */
export function classMoments(table: FeatureTable, features: readonly string[] = MODEL_FEATURES): FeatureMoments {
  const out: FeatureMoments = {};
  for (const name of features) {
    const column = table.columns[name];
    if (!column) throw new Error(`classMoments: the table has no column '${name}'`);
    out[name] = {
      not_purchased: moments(column, table.purchased, 0),
      purchased: moments(column, table.purchased, 1),
    } satisfies ClassMoments;
  }
  return out;
}

function moments(values: Float64Array, labels: Uint8Array, label: number): MomentPair {
  let n = 0,
    sum = 0;
  for (let i = 0; i < values.length; i++)
    if (labels[i] === label) {
      n++;
      sum += values[i]!;
    }
  if (n === 0) return { mean: NaN, sd: NaN };
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < values.length; i++) if (labels[i] === label) ss += (values[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / n) };
}
