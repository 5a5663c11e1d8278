import { labelsFromProba, type Classifier } from './estimator';
import type { Labels, Matrix } from '../prep/matrix';
import { createRng } from '../random';
import { assertFitInput, assertPredictInput } from './validate';
import { growTree } from './tree/growTree';
import { prepareTrainingColumns } from './tree/trainingColumns';
import { resolveGrowOptions, type TreeOptions } from './tree/treeOptions';
import { accumulateProba, impurityImportances, treeDepth, type TreeNodes } from './tree/treeNodes';

export type DecisionTreeOptions = TreeOptions;

/**
 * Gini CART decision tree with scikit-learn's defaults (fully grown, min_samples_split 2, min_samples_leaf 1,
 * all features, best splitter). On the same data it grows sklearn's tree (same node count, features and
 * thresholds) except where equally good splits tie, see `growTree` for the tie rule.
 * predictProba is the weighted fraction of class 1 in the leaf, as sklearn's predict_proba.
 */
export class DecisionTreeClassifier implements Classifier {
  readonly name = 'decision_tree';
  private tree: TreeNodes | null = null;
  private nFeatures = -1;

  constructor(private readonly options: DecisionTreeOptions = {}) {}

  fit(X: Matrix, y: Labels): this {
    assertFitInput(X, y, this.name);
    const grow = resolveGrowOptions(this.options, X.cols, 'all', this.name);
    const columns = prepareTrainingColumns(X, this.options.splitter ?? 'exact', this.options.maxBins);
    const weights = new Float64Array(X.rows).fill(1);
    this.tree = growTree(columns, y, weights, grow, createRng(this.options.seed ?? 0));
    this.nFeatures = X.cols;
    return this;
  }

  predictProba(X: Matrix): Float64Array {
    assertPredictInput(X, this.nFeatures, this.name);
    const out = new Float64Array(X.rows);
    accumulateProba(this.tree!, X.data, X.rows, X.cols, out);
    return out;
  }

  /** Class with the larger leaf fraction; an exact 0.5 tie goes to 0 (sklearn's argmax takes the first). */
  predict(X: Matrix): Labels {
    return labelsFromProba(this.predictProba(X));
  }

  /** The fitted node arrays (pre-order, left child first, like sklearn's `tree_`). */
  get nodes(): TreeNodes {
    if (!this.tree) throw new Error(`${this.name}: not fitted yet; call fit() first`);
    return this.tree;
  }

  /** Number of nodes, sklearn's `tree_.node_count`. */
  get nodeCount(): number {
    return this.nodes.count;
  }

  /** Depth of the deepest leaf, sklearn's `get_depth()`. */
  get depth(): number {
    return treeDepth(this.nodes);
  }

  /** Mean decrease in gini impurity per feature, normalised to sum 1 (sklearn's `feature_importances_`). */
  featureImportances(): Float64Array {
    return impurityImportances(this.nodes, this.nFeatures);
  }
}
