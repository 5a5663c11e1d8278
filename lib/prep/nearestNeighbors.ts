import type { Matrix } from './matrix';

/**
 * Exact k-nearest-neighbour search (Euclidean), the one search of the project: the k-NN classifier
 * (lib/models/knn.ts) asks it for the k nearest training rows of each test row, SMOTE (lib/prep/smote.ts) for the
 * k nearest other minority rows of each minority row.
 *
 * Distances are computed from coordinate differences, Σ(xⱼ − qⱼ)², not from the ‖x‖² + ‖q‖² − 2x·q expansion:
 * on the study's unscaled features (values in the thousands) the expansion loses digits to cancellation and
 * turns exact duplicates into tiny random distances. With exact differences duplicates are at distance 0 and
 * ties are broken deterministically: among equal distances the row with the smaller index ranks first. The
 * result is therefore a function of the data alone: the k-d tree, brute force, the visiting order and the
 * query order all give the same neighbours in the same order.
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

/**
 * A k-d tree over the rows of a matrix: each node splits its widest dimension at the median and keeps the
 * tight bounding box of its points (on the study's discrete features a tight box prunes far more than the
 * split cell does). Rows are copied in tree order so each leaf is contiguous in memory.
 */
class KdTree {
  /** Rows in tree order, row-major. */
  readonly points: Float64Array;
  /** Original row index of each tree-ordered point. */
  readonly order: Int32Array;
  /** Per node: first and one-past-last point; the first child (−1 for a leaf; the second child is first + 1). */
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly child: Int32Array;
  /** Per inner node: split dimension and value (left points ≤ value ≤ right points). */
  readonly splitDim: Int32Array;
  readonly splitValue: Float64Array;
  /** Per node: 1 when all its points are identical (a zero-width box), so one distance serves them all. */
  readonly uniform: Uint8Array;
  /** Per node: the smallest original row index inside, for pruning boxes that can only offer losing ties. */
  readonly minIndex: Int32Array;
  /** Per node: bounding box, node-major × d. */
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly d: number;

  constructor(X: Matrix) {
    const n = X.rows,
      d = X.cols;
    this.d = d;
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    // At most 2·⌈n / (LEAF_SIZE/2)⌉ nodes: every split leaves more than LEAF_SIZE/2 points on each side.
    const maxNodes = Math.max(1, 2 * Math.ceil(n / (LEAF_SIZE / 2)) + 1);
    const start = new Int32Array(maxNodes),
      end = new Int32Array(maxNodes);
    const child = new Int32Array(maxNodes).fill(-1);
    const splitDim = new Int32Array(maxNodes),
      splitValue = new Float64Array(maxNodes);
    const uniform = new Uint8Array(maxNodes);
    const minIndex = new Int32Array(maxNodes);
    const lower = new Float64Array(maxNodes * d),
      upper = new Float64Array(maxNodes * d);
    const x = X.data;
    const keys = new Float64Array(n);
    let nodeCount = 0;
    const stack: number[] = [];
    const newNode = (s: number, e: number): number => {
      const id = nodeCount++;
      start[id] = s;
      end[id] = e;
      for (let j = 0; j < d; j++) {
        lower[id * d + j] = Infinity;
        upper[id * d + j] = -Infinity;
      }
      let first = n;
      for (let p = s; p < e; p++) {
        if (order[p]! < first) first = order[p]!;
        const o = order[p]! * d;
        for (let j = 0; j < d; j++) {
          const v = x[o + j]!;
          if (v < lower[id * d + j]!) lower[id * d + j] = v;
          if (v > upper[id * d + j]!) upper[id * d + j] = v;
        }
      }
      minIndex[id] = first;
      return id;
    };
    stack.push(newNode(0, n));
    while (stack.length > 0) {
      const id = stack.pop()!;
      const s = start[id]!,
        e = end[id]!;
      let dim = 0,
        spread = -1;
      for (let j = 0; j < d; j++) {
        const w = upper[id * d + j]! - lower[id * d + j]!;
        if (w > spread) {
          spread = w;
          dim = j;
        }
      }
      if (!(spread > 0)) {
        // All points identical (at any size: a zero-width box cannot be split). Sorting them by row index lets
        // the search offer them in tie order and stop at the first one that does not make the k best.
        uniform[id] = 1;
        order.subarray(s, e).sort();
        continue;
      }
      if (e - s <= LEAF_SIZE) continue;
      const mid = (s + e) >> 1;
      for (let p = s; p < e; p++) keys[p] = x[order[p]! * d + dim]!;
      quickselect(keys, order, s, e - 1, mid);
      splitDim[id] = dim;
      splitValue[id] = keys[mid]!;
      child[id] = newNode(s, mid);
      newNode(mid, e);
      stack.push(child[id]!, child[id]! + 1);
    }
    const points = new Float64Array(n * d);
    for (let p = 0; p < n; p++) points.set(x.subarray(order[p]! * d, order[p]! * d + d), p * d);
    this.points = points;
    this.order = order;
    this.start = start.slice(0, nodeCount);
    this.end = end.slice(0, nodeCount);
    this.child = child.slice(0, nodeCount);
    this.splitDim = splitDim.slice(0, nodeCount);
    this.splitValue = splitValue.slice(0, nodeCount);
    this.uniform = uniform.slice(0, nodeCount);
    this.minIndex = minIndex.slice(0, nodeCount);
    this.lower = lower.slice(0, nodeCount * d);
    this.upper = upper.slice(0, nodeCount * d);
  }

  /** The leaf a point descends to by the split values: where its nearest neighbours most likely are. */
  leafOf(query: Float64Array, qo: number): number {
    let node = 0;
    while (this.child[node]! >= 0) {
      node = this.child[node]! + (query[qo + this.splitDim[node]!]! < this.splitValue[node]! ? 0 : 1);
    }
    return node;
  }

  /**
   * Squared distance from the query to a node's bounding box, summed in feature order; once past `bound`
   * the partial sum is returned (the node is pruned either way).
   */
  boxDistance(node: number, query: Float64Array, qo: number, bound: number): number {
    const d = this.d,
      lo = this.lower,
      up = this.upper;
    const o = node * d;
    let acc = 0;
    for (let j = 0; j < d; j++) {
      const v = query[qo + j]!;
      const a = lo[o + j]!,
        b = up[o + j]!;
      // Same subtraction and summation order as the point distance, so (floating-point rounding being
      // monotone) the box distance never exceeds the distance to any point inside: pruning stays exact.
      if (v < a) {
        const t = a - v;
        acc += t * t;
      } else if (v > b) {
        const t = v - b;
        acc += t * t;
      }
      if (acc > bound) return acc;
    }
    return acc;
  }
}

/** Partially sort keys[lo..hi] (carrying `order`) so position k holds the k-th smallest; ties keep no order. */
function quickselect(keys: Float64Array, order: Int32Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const pivot = keys[(lo + hi) >> 1]!;
    let i = lo,
      j = hi;
    while (i <= j) {
      while (keys[i]! < pivot) i++;
      while (keys[j]! > pivot) j--;
      if (i <= j) {
        const tk = keys[i]!;
        keys[i] = keys[j]!;
        keys[j] = tk;
        const to = order[i]!;
        order[i] = order[j]!;
        order[j] = to;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
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
  reset(): void {
    this.count = 0;
  }
  /** Distance that a candidate must not exceed to matter (Infinity while fewer than k are held). */
  bound(): number {
    return this.count < this.k ? Infinity : this.dist[this.k - 1]!;
  }
  /** Insert the pair if it ranks among the k best; false when it does not. */
  offer(distance: number, index: number): boolean {
    const k = this.k,
      dist = this.dist,
      idx = this.idx;
    if (this.count === k) {
      const wd = dist[k - 1]!;
      if (distance > wd || (distance === wd && index > idx[k - 1]!)) return false;
    } else this.count++;
    let p = this.count - 1;
    while (p > 0 && (dist[p - 1]! > distance || (dist[p - 1] === distance && idx[p - 1]! > index))) {
      dist[p] = dist[p - 1]!;
      idx[p] = idx[p - 1]!;
      p--;
    }
    dist[p] = distance;
    idx[p] = index;
    return true;
  }
}

/**
 * Exact k nearest neighbours of every row of `query` among the rows of `train` (Euclidean), nearest first,
 * ties by smaller training index. `algorithm` picks a k-d tree (default; exact, prunes by bounding boxes)
 * or brute force (every pair).
 * @example kNearestNeighbors(XTrain, XTest, 5).indices // XTest.rows × 5 training row indices
 */
export function kNearestNeighbors(train: Matrix, query: Matrix, k: number, algorithm: NeighborAlgorithm = 'auto'): Neighbors {
  if (train.cols !== query.cols) throw new Error(`kNearestNeighbors: train has ${train.cols} features, query ${query.cols}`);
  if (!Number.isInteger(k) || k < 1) throw new Error(`kNearestNeighbors: k must be a positive integer, got ${k}`);
  if (k > train.rows) throw new Error(`kNearestNeighbors: k = ${k} exceeds the ${train.rows} training rows`);
  return algorithm === 'brute' ? bruteForce(train, query, k) : treeSearch(train, query, k);
}

/** Every query against every training row, in index order. */
function bruteForce(train: Matrix, query: Matrix, k: number): Neighbors {
  const indices = new Int32Array(query.rows * k);
  const squaredDistances = new Float64Array(query.rows * k);
  const best = new BestK(k);
  const d = query.cols,
    q = query.data,
    t = train.data,
    n = train.rows;
  for (let row = 0; row < query.rows; row++) {
    best.reset();
    const qo = row * d;
    let bound = Infinity;
    for (let i = 0; i < n; i++) {
      const dist = squaredDistanceAt(t, i * d, q, qo, d, bound);
      if (dist <= bound) {
        best.offer(dist, i);
        bound = best.bound();
      }
    }
    indices.set(best.idx, row * k);
    squaredDistances.set(best.dist, row * k);
  }
  return { k, indices, squaredDistances };
}

/**
 * The k-d tree search. Queries are answered in the order of the leaves they fall into, so consecutive queries
 * are near each other: the tree's memory is reused while warm, and the previous query's k neighbours give
 * the next one a tight starting bound (at least k training rows lie within it, so it never excludes a true
 * neighbour) before the first leaf is scanned.
 */
function treeSearch(train: Matrix, query: Matrix, k: number): Neighbors {
  const m = query.rows,
    d = query.cols,
    q = query.data,
    t = train.data;
  const indices = new Int32Array(m * k);
  const squaredDistances = new Float64Array(m * k);
  const tree = new KdTree(train);
  const { points: pts, order, start, end, child, uniform, minIndex } = tree;
  const queryOrder = queriesByLeaf(tree, query);
  const best = new BestK(k);
  // Depth ≤ log2(n / (LEAF_SIZE/2)) + 1 and each level pushes at most 2 nodes, so 128 slots cover any n.
  const stackNode = new Int32Array(128);
  const stackDist = new Float64Array(128);
  let previous = -1;
  for (let r = 0; r < m; r++) {
    const row = queryOrder[r]!;
    const qo = row * d;
    best.reset();
    let start0 = Infinity;
    if (previous >= 0) {
      start0 = 0;
      for (let j = 0; j < k; j++) {
        const dist = squaredDistanceAt(t, indices[previous * k + j]! * d, q, qo, d, Infinity);
        if (dist > start0) start0 = dist;
      }
    }
    // bound(): the k-th best distance so far, capped by the starting bound
    let bound = start0;
    let top = 0;
    stackNode[top] = 0;
    stackDist[top] = tree.boxDistance(0, q, qo, bound);
    top++;
    while (top > 0) {
      top--;
      const node = stackNode[top]!,
        boxDist = stackDist[top]!;
      if (boxDist > bound) continue;
      // A box at exactly the k-th distance can only offer ties, and ties with larger indices lose: with many
      // identical or equidistant rows (discrete features) this is what keeps the search from visiting them all.
      if (best.count === k && boxDist === best.dist[k - 1] && minIndex[node]! > best.idx[k - 1]!) continue;
      const c = child[node]!;
      if (c < 0) {
        if (uniform[node] === 1) {
          // identical points, sorted by index: one distance, then offer in tie order until one is refused
          const dist = squaredDistanceAt(pts, start[node]! * d, q, qo, d, bound);
          if (dist <= bound) {
            for (let p = start[node]!, e = end[node]!; p < e && best.offer(dist, order[p]!); p++);
            bound = Math.min(start0, best.bound());
          }
          continue;
        }
        for (let p = start[node]!, e = end[node]!; p < e; p++) {
          const dist = squaredDistanceAt(pts, p * d, q, qo, d, bound);
          if (dist <= bound) {
            best.offer(dist, order[p]!);
            bound = Math.min(start0, best.bound());
          }
        }
        continue;
      }
      const dl = tree.boxDistance(c, q, qo, bound),
        dr = tree.boxDistance(c + 1, q, qo, bound);
      // Push the farther child first so the nearer one is searched first and tightens the bound sooner; at
      // equal distance the one holding the smaller index first, as ties go to it.
      if (dl < dr || (dl === dr && minIndex[c]! <= minIndex[c + 1]!)) {
        stackNode[top] = c + 1;
        stackDist[top++] = dr;
        stackNode[top] = c;
        stackDist[top++] = dl;
      } else {
        stackNode[top] = c;
        stackDist[top++] = dl;
        stackNode[top] = c + 1;
        stackDist[top++] = dr;
      }
    }
    indices.set(best.idx, row * k);
    squaredDistances.set(best.dist, row * k);
    previous = row;
  }
  return { k, indices, squaredDistances };
}

/** Query row numbers sorted (counting sort, stable) by the first tree position of the leaf each descends to. */
function queriesByLeaf(tree: KdTree, query: Matrix): Int32Array {
  const m = query.rows,
    d = query.cols,
    n = tree.order.length;
  const key = new Int32Array(m);
  const count = new Int32Array(n + 1);
  for (let row = 0; row < m; row++) {
    key[row] = tree.start[tree.leafOf(query.data, row * d)]!;
    count[key[row]! + 1]!++;
  }
  for (let p = 0; p < n; p++) count[p + 1]! += count[p]!;
  const out = new Int32Array(m);
  for (let row = 0; row < m; row++) out[count[key[row]!]!++] = row;
  return out;
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
    let t = a[ao + j]! - b[bo + j]!;
    acc += t * t;
    t = a[ao + j + 1]! - b[bo + j + 1]!;
    acc += t * t;
    t = a[ao + j + 2]! - b[bo + j + 2]!;
    acc += t * t;
    t = a[ao + j + 3]! - b[bo + j + 3]!;
    acc += t * t;
    j += 4;
    if (acc > bound) return acc;
  }
  for (; j < d; j++) {
    const t = a[ao + j]! - b[bo + j]!;
    acc += t * t;
  }
  return acc;
}

/**
 * For each row i of X, its k nearest OTHER rows, nearest first (ties by smaller index): a rows × k array, row
 * i's neighbours at [i·k, (i+1)·k). Asks the search for k + 1 neighbours and drops row i itself; when more
 * than k identical rows with smaller indices push row i out of its own k + 1, the first k are the answer.
 * Requires rows > k.
 */
export function kNearestOtherRows(X: Matrix, k: number): Int32Array {
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a whole number >= 1, got ${k}`);
  if (X.rows <= k) throw new Error(`k = ${k} neighbours need more than ${k} rows, got ${X.rows}`);
  const nb = kNearestNeighbors(X, X, k + 1).indices;
  const out = new Int32Array(X.rows * k);
  for (let i = 0; i < X.rows; i++) {
    let w = i * k;
    for (let r = 0; r <= k && w < (i + 1) * k; r++) {
      const j = nb[i * (k + 1) + r]!;
      if (j !== i) out[w++] = j;
    }
  }
  return out;
}
