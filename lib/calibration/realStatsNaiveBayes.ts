/**
 * The study's real-data Gaussian naive Bayes, rebuilt from the real per-class moments: a model trained on the
 * real shop, to score how much our data behaves like it (the real test set gave ROC AUC 0.89).
 */
import { MODEL_FEATURES } from '../features/columns';
import { GaussianNaiveBayes } from '../models/gaussianNaiveBayes';
import { realFeatureMoments, type FeatureMoments } from './realFeatureStats';

/**
 * A fitted GaussianNaiveBayes whose class means and variances are the given moments (default the real ones)
 * and whose priors are 0.5 / 0.5 (it was fitted on an undersampled, balanced training set).
 * @example realStatsNaiveBayes().predictProba(toMatrix(table).X)
 */
export function realStatsNaiveBayes(
  moments: FeatureMoments = realFeatureMoments(),
  features: readonly string[] = MODEL_FEATURES,
): GaussianNaiveBayes {
  const pick = (cls: 'not_purchased' | 'purchased', what: 'mean' | 'sd') =>
    Float64Array.from(features, (f) => {
      const m = moments[f];
      if (!m) throw new Error(`realStatsNaiveBayes: no moments for feature '${f}'`);
      return what === 'mean' ? m[cls].mean : m[cls].sd ** 2;
    });
  return GaussianNaiveBayes.fromParameters({
    theta: [pick('not_purchased', 'mean'), pick('purchased', 'mean')],
    variance: [pick('not_purchased', 'sd'), pick('purchased', 'sd')],
    classPrior: [0.5, 0.5],
  });
}
