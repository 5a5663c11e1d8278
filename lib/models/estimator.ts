import type { Labels, Matrix } from '../prep/matrix';

/**
 * The one interface every model implements, after scikit-learn's estimators, so notebooks swap models in one line.
 * Binary classification only: labels are 0/1, `predictProba` returns P(y = 1) per row.
 */
export interface Classifier {
  /** Short stable name, e.g. 'logistic_regression'. */
  readonly name: string;
  /** Train on X (rows × features) and labels y (0/1). Returns this for chaining. */
  fit(X: Matrix, y: Labels): this;
  /** Probability of the positive class for each row of X. */
  predictProba(X: Matrix): Float64Array;
  /** Hard 0/1 predictions (the model's own rule; 0.5 on the probability unless the model says otherwise). */
  predict(X: Matrix): Labels;
  /** Split-count ("weight") importance per feature, for models that have one (XGBoost), sorted descending. */
  featureImportance?(type: 'weight'): { feature: string; score: number }[];
  /** Free what the model holds outside the JavaScript heap (XGBoost's WebAssembly booster); a no-op elsewhere. */
  dispose?(): void;
}

/**
 * Hard labels from P(y = 1): 1 where the probability is above 0.5. An exact 0.5 goes to class 0, as
 * scikit-learn's predict takes argmax over the classes and argmax returns the first (smaller) label.
 */
export function labelsFromProba(proba: ArrayLike<number>): Labels {
  const out = new Uint8Array(proba.length);
  for (let i = 0; i < proba.length; i++) out[i] = proba[i]! > 0.5 ? 1 : 0;
  return out;
}
