import { labelsFromProba, type Classifier } from './estimator';
import type { Labels, Matrix } from '../prep/matrix';
import { createRng } from '../random';
import { assertFitInput, assertPredictInput } from './validate';
import { growTree } from './tree/growTree';
import { prepareTrainingColumns } from './tree/trainingColumns';
import { resolveGrowOptions, type TreeOptions } from './tree/treeOptions';
import { accumulateProba, impurityImportances, type TreeNodes } from './tree/treeNodes';

export interface RandomForestOptions extends TreeOptions {
  /** Number of trees; default 100. */
  nEstimators?: number;
  /** Draw a bootstrap sample (n rows with replacement) per tree; default true. */
  bootstrap?: boolean;
}

/**
 * Random forest after scikit-learn's RandomForestClassifier: `nEstimators` fully grown gini trees, each on a
 * seeded bootstrap sample (passed as per-row counts used as weights, as sklearn does) with 'sqrt' features per
 * node; predictProba averages the trees' leaf fractions (sklearn's soft averaging, not majority votes).
 *
 * Defaults to the histogram splitter (255 quantile bins per feature, computed once per forest). Measured on a
 * synthetic table of the study's size (74k × 15 train, 65k test, 100 trees, busy 2-core machine, CPU seconds):
 * hist fit ≈ 10 s, exact fit ≈ 58 s, sklearn 1.2 (n_jobs=1) ≈ 32 s; held-out AUC 0.8568 / 0.8570 / 0.8571.
 * Pass `splitter: 'exact'` for sklearn's exact thresholds. Deterministic for a given seed.
 */
export class RandomForestClassifier implements Classifier {
  readonly name = 'random_forest';
  private trees: TreeNodes[] = [];
  private nFeatures = -1;

  constructor(private readonly options: RandomForestOptions = {}) {}

  fit(X: Matrix, y: Labels): this {
    assertFitInput(X, y, this.name);
    const nEstimators = this.options.nEstimators ?? 100;
    if (!Number.isInteger(nEstimators) || nEstimators < 1)
      throw new Error(`${this.name}: nEstimators must be a positive integer, got ${nEstimators}`);
    const grow = resolveGrowOptions(this.options, X.cols, 'sqrt', this.name);
    // Binning / ranking is done once for the whole forest; each tree only differs in its weights.
    const columns = prepareTrainingColumns(X, this.options.splitter ?? 'hist', this.options.maxBins);
    const rng = createRng(this.options.seed ?? 0);
    const n = X.rows;
    const weights = new Float64Array(n);
    this.trees = [];
    for (let t = 0; t < nEstimators; t++) {
      if (this.options.bootstrap ?? true) {
        weights.fill(0);
        for (let k = 0; k < n; k++) weights[rng.int(n)]! += 1;
      } else {
        weights.fill(1);
      }
      this.trees.push(growTree(columns, y, weights, grow, rng.fork()));
    }
    this.nFeatures = X.cols;
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    assertPredictInput(X, this.nFeatures, this.name);
    const out = new Float64Array(X.rows);
    // Tree-outer loop keeps one tree's arrays hot in cache while all rows descend it.
    for (const tree of this.trees) accumulateProba(tree, X.data, X.rows, X.cols, out);
    for (let i = 0; i < out.length; i++) out[i]! /= this.trees.length;
    return out;
  }

  /** Class 1 when the averaged probability exceeds 0.5 (sklearn's argmax; a tie goes to 0). */
  predict(X: Matrix): Labels {
    return labelsFromProba(this.predictProba(X));
  }

  /** The fitted trees' node arrays. */
  get estimators(): readonly TreeNodes[] {
    if (this.trees.length === 0) throw new Error(`${this.name}: not fitted yet; call fit() first`);
    return this.trees;
  }

  /**
   * Mean decrease in impurity, sklearn's `feature_importances_`: each tree's normalised importances averaged
   * over the trees that split at least once, then normalised to sum 1.
   */
  featureImportances(): Float64Array {
    const sum = new Float64Array(this.nFeatures);
    let used = 0;
    for (const tree of this.estimators) {
      if (tree.count <= 1) continue;
      const imp = impurityImportances(tree, this.nFeatures);
      for (let j = 0; j < sum.length; j++) sum[j]! += imp[j]!;
      used++;
    }
    let total = 0;
    for (let j = 0; j < sum.length; j++) total += sum[j]!;
    if (used > 0 && total > 0) for (let j = 0; j < sum.length; j++) sum[j]! /= total;
    return sum;
  }
}
