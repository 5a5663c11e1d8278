/**
 * A fitted tree as flat typed arrays (one slot per node), like scikit-learn's `tree_`: compact for forests of
 * thousands of nodes per tree and fast to walk. Nodes are numbered in pre-order with the left child first,
 * the order sklearn's depth-first builder assigns, so arrays can be compared with `tree_.feature` etc.
 */
export interface TreeNodes {
  readonly count: number;
  /** Split feature, or -1 for a leaf. */
  readonly feature: Int32Array;
  /** Rows with float32(x[feature]) <= threshold go left. */
  readonly threshold: Float64Array;
  /** Child node ids, -1 for a leaf. */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Weighted fraction of class 1 among the node's training rows (a leaf's predicted probability). */
  readonly value: Float64Array;
  /** Weighted number of training rows reaching the node (bootstrap counts included). */
  readonly weightedSamples: Float64Array;
  /** Gini impurity of the node. */
  readonly impurity: Float64Array;
}

/** Growable node arrays used while building; `finish` trims them to their final size. */
export class TreeNodesBuilder {
  private capacity: number;
  count = 0;
  feature: Int32Array;
  threshold: Float64Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  weightedSamples: Float64Array;
  impurity: Float64Array;

  constructor(initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.feature = new Int32Array(initialCapacity);
    this.threshold = new Float64Array(initialCapacity);
    this.left = new Int32Array(initialCapacity);
    this.right = new Int32Array(initialCapacity);
    this.value = new Float64Array(initialCapacity);
    this.weightedSamples = new Float64Array(initialCapacity);
    this.impurity = new Float64Array(initialCapacity);
  }

  /** Append a node (as a leaf until `setSplit`) and return its id. */
  add(value: number, weightedSamples: number, impurity: number): number {
    if (this.count === this.capacity) this.grow();
    const id = this.count++;
    this.feature[id] = -1;
    this.threshold[id] = 0;
    this.left[id] = -1;
    this.right[id] = -1;
    this.value[id] = value;
    this.weightedSamples[id] = weightedSamples;
    this.impurity[id] = impurity;
    return id;
  }

  setSplit(id: number, feature: number, threshold: number): void {
    this.feature[id] = feature;
    this.threshold[id] = threshold;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const widenI = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    const widenF = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.feature = widenI(this.feature);
    this.left = widenI(this.left);
    this.right = widenI(this.right);
    this.threshold = widenF(this.threshold);
    this.value = widenF(this.value);
    this.weightedSamples = widenF(this.weightedSamples);
    this.impurity = widenF(this.impurity);
    this.capacity = cap;
  }

  /** Copy into exactly-sized arrays so a forest does not keep the doubling slack of every tree. */
  finish(): TreeNodes {
    const n = this.count;
    return {
      count: n,
      feature: this.feature.slice(0, n),
      threshold: this.threshold.slice(0, n),
      left: this.left.slice(0, n),
      right: this.right.slice(0, n),
      value: this.value.slice(0, n),
      weightedSamples: this.weightedSamples.slice(0, n),
      impurity: this.impurity.slice(0, n),
    };
  }
}

/** Leaf id reached by row `row` of row-major `data` (with `cols` columns). */
export function findLeaf(tree: TreeNodes, data: Float64Array, row: number, cols: number): number {
  const { feature, threshold, left, right } = tree;
  const off = row * cols;
  let node = 0;
  let f = feature[0]!;
  while (f >= 0) {
    // float32 rounding as in sklearn, which casts X to float32 before descending.
    node = Math.fround(data[off + f]!) <= threshold[node]! ? left[node]! : right[node]!;
    f = feature[node]!;
  }
  return node;
}

/** Add each row's leaf probability to `out` (a forest sums trees, then divides). */
export function accumulateProba(tree: TreeNodes, data: Float64Array, rows: number, cols: number, out: Float64Array): void {
  for (let i = 0; i < rows; i++) out[i]! += tree.value[findLeaf(tree, data, i, cols)]!;
}

/** Depth of the deepest leaf (root alone = 0), as sklearn's `get_depth()`. */
export function treeDepth(tree: TreeNodes): number {
  let max = 0;
  const depth = new Int32Array(tree.count);
  // Pre-order numbering means a parent always precedes its children.
  for (let id = 0; id < tree.count; id++) {
    if (tree.feature[id]! >= 0) {
      depth[tree.left[id]!] = depth[id]! + 1;
      depth[tree.right[id]!] = depth[id]! + 1;
    } else if (depth[id]! > max) max = depth[id]!;
  }
  return max;
}

/**
 * Mean decrease in impurity per feature, normalised to sum 1 (sklearn's `feature_importances_`):
 * each split adds w·gini − w_left·gini_left − w_right·gini_right to its feature.
 */
export function impurityImportances(tree: TreeNodes, nFeatures: number): Float64Array {
  const imp = new Float64Array(nFeatures);
  const { feature, left, right, weightedSamples: w, impurity } = tree;
  for (let id = 0; id < tree.count; id++) {
    const f = feature[id]!;
    if (f < 0) continue;
    const l = left[id]!,
      r = right[id]!;
    imp[f]! += w[id]! * impurity[id]! - w[l]! * impurity[l]! - w[r]! * impurity[r]!;
  }
  let total = 0;
  for (let j = 0; j < nFeatures; j++) total += imp[j]!;
  if (total > 0) for (let j = 0; j < nFeatures; j++) imp[j]! /= total;
  return imp;
}
