import type { Labels, Matrix } from '../prep/matrix';
import { labelsFromProba, type Classifier } from './estimator';
import { assertFitInput, assertPredictInput } from './validate';

/**
 * Exact k-nearest-neighbour search (Euclidean) and the k-NN classifier of scikit-learn's
 * `KNeighborsClassifier(n_neighbors=5, weights='uniform')`.
 *
 * Distances are computed from coordinate differences, Σ(xⱼ − qⱼ)², not from the ‖x‖² + ‖q‖² − 2x·q expansion:
 * on the study's unscaled features (values in the thousands) the expansion loses digits to cancellation and
 * turns exact duplicates (common: many users share a feature vector) into tiny random distances. With exact
 * differences duplicates are at distance 0 and ties are broken deterministically: among equal distances the
 * training row with the smaller index ranks first. (sklearn's own order among exact ties depends on its
 * search algorithm and is not specified; on tie-free data both give the same neighbours.)
 */

/** Search structure choice, as sklearn's `algorithm`: 'auto' uses the k-d tree (sklearn does too for ≤ 15 features). */
export type NeighborAlgorithm = 'auto' | 'kd_tree' | 'brute';

/** The k nearest training rows of each query row, nearest first. */
export interface Neighbors {
  /** Neighbours per query. */
  readonly k: number;
  /** Training row indices, row-major queries × k. */
  readonly indices: Int32Array;
  /** Squared Euclidean distances, row-major queries × k, ascending per query. */
  readonly squaredDistances: Float64Array;
}

/** Points per k-d tree leaf: sklearn's default leaf_size is 30; 32 measured as fast here. */
const LEAF_SIZE = 32;

/** A k-d tree over the rows of a matrix; the rows are copied in tree order so each leaf is contiguous. */
class KdTree {
  /** Rows in tree order, row-major. */
  readonly points: Float64Array;
  /** Original row index of each tree-ordered point. */
  readonly order: Int32Array;
  /** Per node: first and one-past-last point, children (−1 for a leaf), and the bounding box. */
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly d: number;

  constructor(X: Matrix) {
    const n = X.rows, d = X.cols;
    this.d = d;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    // At most 2·⌈n / (LEAF_SIZE/2)⌉ nodes: every split leaves more than LEAF_SIZE/2 points on each side.
    const maxNodes = Math.max(1, 2 * Math.ceil(n / (LEAF_SIZE / 2)) + 1);
    const start = new Int32Array(maxNodes), end = new Int32Array(maxNodes);
    const left = new Int32Array(maxNodes).fill(-1), right = new Int32Array(maxNodes).fill(-1);
    const lower = new Float64Array(maxNodes * d), upper = new Float64Array(maxNodes * d);
    const x = X.data;
    const keys = new Float64Array(n);
    let nodeCount = 0;
    const stack: number[] = [];
    const newNode = (s: number, e: number): number => {
      const id = nodeCount++;
      start[id] = s; end[id] = e;
      for (let j = 0; j < d; j++) { lower[id * d + j] = Infinity; upper[id * d + j] = -Infinity; }
      for (let p = s; p < e; p++) {
        const o = order[p] * d;
        for (let j = 0; j < d; j++) {
          const v = x[o + j];
          if (v < lower[id * d + j]) lower[id * d + j] = v;
          if (v > upper[id * d + j]) upper[id * d + j] = v;
        }
      }
      return id;
    };
    stack.push(newNode(0, n));
    while (stack.length > 0) {
      const id = stack.pop()!;
      const s = start[id], e = end[id];
      if (e - s <= LEAF_SIZE) continue;
      // Split the widest dimension at its median (sklearn's rule); a box of zero width (all duplicates) stays a leaf.
      let dim = 0, spread = -1;
      for (let j = 0; j < d; j++) {
        const w = upper[id * d + j] - lower[id * d + j];
        if (w > spread) { spread = w; dim = j; }
      }
      if (!(spread > 0)) continue;
      const mid = (s + e) >> 1;
      for (let p = s; p < e; p++) keys[p] = x[order[p] * d + dim];
      quickselect(keys, order, s, e - 1, mid);
      left[id] = newNode(s, mid);
      right[id] = newNode(mid, e);
      stack.push(left[id], right[id]);
    }
    const points = new Float64Array(n * d);
    for (let p = 0; p < n; p++) points.set(x.subarray(order[p] * d, order[p] * d + d), p * d);
    this.points = points; this.order = order;
    this.start = start.slice(0, nodeCount); this.end = end.slice(0, nodeCount);
    this.left = left.slice(0, nodeCount); this.right = right.slice(0, nodeCount);
    this.lower = lower.slice(0, nodeCount * d); this.upper = upper.slice(0, nodeCount * d);
  }

  /** Squared distance from q (at offset qo of `query`) to node's bounding box, summed in feature order. */
  boxDistance(node: number, query: Float64Array, qo: number): number {
    const d = this.d, lo = this.lower, up = this.upper;
    let acc = 0;
    for (let j = 0; j < d; j++) {
      const v = query[qo + j];
      const a = lo[node * d + j], b = up[node * d + j];
      // Same subtraction order and summation order as the point distance, so (floating-point rounding being
      // monotone) the box distance never exceeds the distance to any point inside: pruning stays exact.
      if (v < a) { const t = a - v; acc += t * t; } else if (v > b) { const t = v - b; acc += t * t; } else acc += 0;
    }
    return acc;
  }
}

/** Partially sort keys[lo..hi] (carrying `order`) so position k holds the k-th smallest; ties keep no order. */
function quickselect(keys: Float64Array, order: Int32Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const pivot = keys[(lo + hi) >> 1];
    let i = lo, j = hi;
    while (i <= j) {
      while (keys[i] < pivot) i++;
      while (keys[j] > pivot) j--;
      if (i <= j) {
        const tk = keys[i]; keys[i] = keys[j]; keys[j] = tk;
        const to = order[i]; order[i] = order[j]; order[j] = to;
        i++; j--;
      }
    }
    if (k <= j) hi = j; else if (k >= i) lo = i; else return;
  }
}

/**
 * Bounded sorted list of the k best (distance, index) pairs of one query; "better" = smaller distance,
 * then smaller training index, so results do not depend on the visiting order.
 */
class BestK {
  readonly dist: Float64Array;
  readonly idx: Int32Array;
  count = 0;
  constructor(readonly k: number) {
    this.dist = new Float64Array(k);
    this.idx = new Int32Array(k);
  }
  reset(): void { this.count = 0; }
  /** Distance that a candidate must not exceed to matter (Infinity while fewer than k are held). */
  bound(): number { return this.count < this.k ? Infinity : this.dist[this.k - 1]; }
  offer(distance: number, index: number): void {
    const k = this.k, dist = this.dist, idx = this.idx;
    if (this.count === k) {
      const wd = dist[k - 1];
      if (distance > wd || (distance === wd && index > idx[k - 1])) return;
    } else this.count++;
    let p = this.count - 1;
    while (p > 0 && (dist[p - 1] > distance || (dist[p - 1] === distance && idx[p - 1] > index))) {
      dist[p] = dist[p - 1]; idx[p] = idx[p - 1]; p--;
    }
    dist[p] = distance; idx[p] = index;
  }
}

/**
 * Exact k nearest neighbours of every row of `query` among the rows of `train` (Euclidean), nearest first,
 * ties by smaller training index. `algorithm` picks a k-d tree (default; exact, prunes by bounding boxes)
 * or brute force (every pair).
 */
export function kNearestNeighbors(train: Matrix, query: Matrix, k: number, algorithm: NeighborAlgorithm = 'auto'): Neighbors {
  if (train.cols !== query.cols) throw new Error(`kNearestNeighbors: train has ${train.cols} features, query ${query.cols}`);
  if (!Number.isInteger(k) || k < 1) throw new Error(`kNearestNeighbors: k must be a positive integer, got ${k}`);
  if (k > train.rows) throw new Error(`kNearestNeighbors: k = ${k} exceeds the ${train.rows} training rows`);
  const indices = new Int32Array(query.rows * k);
  const squaredDistances = new Float64Array(query.rows * k);
  const best = new BestK(k);
  const d = query.cols, q = query.data;
  const store = (row: number): void => {
    for (let r = 0; r < k; r++) {
      indices[row * k + r] = best.idx[r];
      squaredDistances[row * k + r] = best.dist[r];
    }
  };
  if (algorithm === 'brute') {
    const t = train.data, n = train.rows;
    for (let row = 0; row < query.rows; row++) {
      best.reset();
      const qo = row * d;
      let bound = Infinity;
      for (let i = 0; i < n; i++) {
        const dist = squaredDistanceAt(t, i * d, q, qo, d, bound);
        if (dist <= bound) { best.offer(dist, i); bound = best.bound(); }
      }
      store(row);
    }
    return { k, indices, squaredDistances };
  }
  const tree = new KdTree(train);
  const pts = tree.points, order = tree.order;
  // Ties are broken by the ORIGINAL training index, so BestK receives original indices.
  const stackNode = new Int32Array(128);
  const stackDist = new Float64Array(128);
  for (let row = 0; row < query.rows; row++) {
    best.reset();
    const qo = row * d;
    let top = 0;
    stackNode[top] = 0; stackDist[top] = tree.boxDistance(0, q, qo); top++;
    while (top > 0) {
      top--;
      const node = stackNode[top];
      if (stackDist[top] > best.bound()) continue;
      const l = tree.left[node];
      if (l < 0) {
        let bound = best.bound();
        for (let p = tree.start[node], e = tree.end[node]; p < e; p++) {
          const dist = squaredDistanceAt(pts, p * d, q, qo, d, bound);
          if (dist <= bound) { best.offer(dist, order[p]); bound = best.bound(); }
        }
        continue;
      }
      const r = tree.right[node];
      const dl = tree.boxDistance(l, q, qo), dr = tree.boxDistance(r, q, qo);
      // Push the farther child first so the nearer one is searched first and tightens the bound sooner.
      if (dl <= dr) {
        stackNode[top] = r; stackDist[top++] = dr;
        stackNode[top] = l; stackDist[top++] = dl;
      } else {
        stackNode[top] = l; stackDist[top++] = dl;
        stackNode[top] = r; stackDist[top++] = dr;
      }
    }
    store(row);
  }
  return { k, indices, squaredDistances };
}

/**
 * Σ(a − b)² over d coordinates, summed in feature order. Once the partial sum exceeds `bound` the candidate
 * cannot enter the k best; we then return that partial sum (already > bound) without finishing the loop.
 */
function squaredDistanceAt(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number, bound: number): number {
  let acc = 0;
  let j = 0;
  // Check the bound every 4 coordinates: often enough to skip most of the work, rarely enough to stay cheap.
  while (j + 4 <= d) {
    let t = a[ao + j] - b[bo + j]; acc += t * t;
    t = a[ao + j + 1] - b[bo + j + 1]; acc += t * t;
    t = a[ao + j + 2] - b[bo + j + 2]; acc += t * t;
    t = a[ao + j + 3] - b[bo + j + 3]; acc += t * t;
    j += 4;
    if (acc > bound) return acc;
  }
  for (; j < d; j++) { const t = a[ao + j] - b[bo + j]; acc += t * t; }
  return acc;
}

/** Options of {@link KNearestNeighbors}, named after scikit-learn's (camelCase). */
export interface KNearestNeighborsOptions {
  /** Neighbours voting (sklearn `n_neighbors`), default 5. */
  nNeighbors?: number;
  /** Search structure (sklearn `algorithm`), default 'auto' (k-d tree). */
  algorithm?: NeighborAlgorithm;
}

/**
 * k-NN classifier with uniform weights: P(y = 1) is the share of positives among the k nearest training rows;
 * the predicted label is the majority, a tie (possible for even k) going to class 0 as sklearn's mode does.
 */
export class KNearestNeighbors implements Classifier {
  readonly name = 'knn';
  readonly nNeighbors: number;
  readonly algorithm: NeighborAlgorithm;
  private train: Matrix | null = null;
  private labels: Labels = new Uint8Array(0);

  constructor(options: KNearestNeighborsOptions = {}) {
    this.nNeighbors = options.nNeighbors ?? 5;
    this.algorithm = options.algorithm ?? 'auto';
    if (!Number.isInteger(this.nNeighbors) || this.nNeighbors < 1) {
      throw new Error(`KNearestNeighbors: nNeighbors must be a positive integer, got ${this.nNeighbors}`);
    }
  }

  /** Memorise the training set (copied, so later changes to the caller's arrays do not leak in). */
  fit(X: Matrix, y: Labels): this {
    assertFitInput(X, y, this.name);
    if (this.nNeighbors > X.rows) throw new Error(`${this.name}: nNeighbors = ${this.nNeighbors} exceeds the ${X.rows} training rows`);
    this.train = { rows: X.rows, cols: X.cols, data: X.data.slice(), names: X.names };
    this.labels = y.slice();
    return this;
  }

  /** The nearest training rows of each row of X. */
  kneighbors(X: Matrix, k = this.nNeighbors): Neighbors {
    assertPredictInput(X, this.train ? this.train.cols : -1, this.name);
    return kNearestNeighbors(this.train!, X, k, this.algorithm);
  }

  /** Share of positive labels among the k nearest neighbours. */
  predictProba(X: Matrix): Float64Array {
    const nb = this.kneighbors(X);
    const k = this.nNeighbors;
    const out = new Float64Array(X.rows);
    for (let i = 0; i < X.rows; i++) {
      let pos = 0;
      for (let r = 0; r < k; r++) pos += this.labels[nb.indices[i * k + r]];
      out[i] = pos / k;
    }
    return out;
  }

  /** Majority label; ties → 0. */
  predict(X: Matrix): Labels {
    return labelsFromProba(this.predictProba(X));
  }
}

/** Result of {@link knnSweep}. */
export interface KnnSweepResult {
  /** 1..kMax. */
  readonly k: number[];
  /** Test accuracy of the k-NN classifier for each k. */
  readonly accuracy: number[];
  /** The k with the highest accuracy (the smallest such k on ties, as argmax). */
  readonly bestK: number;
  /** probabilities[k − 1][i] = P(y = 1) of test row i with k neighbours. */
  readonly probabilities: Float64Array[];
}

/**
 * The study's k sweep (k = 1..kMax by test accuracy) from ONE neighbour search for kMax neighbours: because
 * neighbours are sorted (ties by index), the k nearest are a prefix of the kMax nearest, so every k is read off
 * with running positive counts instead of kMax separate searches.
 */
export function knnSweep(XTrain: Matrix, yTrain: Labels, XTest: Matrix, yTest: Labels, kMax = 20, algorithm: NeighborAlgorithm = 'auto'): KnnSweepResult {
  assertFitInput(XTrain, yTrain, 'knn_sweep');
  assertPredictInput(XTest, XTrain.cols, 'knn_sweep');
  if (yTest.length !== XTest.rows) throw new Error(`knn_sweep: ${XTest.rows} test rows but ${yTest.length} test labels`);
  const nb = kNearestNeighbors(XTrain, XTest, kMax, algorithm);
  const m = XTest.rows;
  const correct = new Float64Array(kMax);
  const probabilities = Array.from({ length: kMax }, () => new Float64Array(m));
  for (let i = 0; i < m; i++) {
    let pos = 0;
    for (let r = 0; r < kMax; r++) {
      pos += yTrain[nb.indices[i * kMax + r]];
      const k = r + 1;
      probabilities[r][i] = pos / k;
      const predicted = 2 * pos > k ? 1 : 0;
      if (predicted === yTest[i]) correct[r]++;
    }
  }
  const ks: number[] = [], accuracy: number[] = [];
  let bestK = 1;
  for (let r = 0; r < kMax; r++) {
    ks.push(r + 1);
    accuracy.push(m === 0 ? NaN : correct[r] / m);
    if (correct[r] > correct[bestK - 1]) bestK = r + 1;
  }
  return { k: ks, accuracy, bestK, probabilities };
}
