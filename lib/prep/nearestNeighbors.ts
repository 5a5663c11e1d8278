import type { Matrix } from './matrix';

/*
 * Exact k-nearest-neighbour search (Euclidean) of every row of a matrix among the other rows, with a k-d tree.
 * SMOTE needs it for ~30k minority rows of ~15 features, where brute force costs ~10^9 distances. The search
 * keeps the squared distance from the query to each node's cell (Arya & Mount's incremental bound) to skip
 * cells, and stops summing a distance once it exceeds the current k-th best. Neighbours are ordered by
 * (distance, row index), so equal distances are resolved identically on every run.
 */

const LEAF_SIZE = 24;

/** Rearrange order[start, end) so that position `nth` holds the element of that rank by X[., dim] (Hoare quickselect). */
function selectNth(order: Uint32Array, data: Float64Array, cols: number, dim: number, start: number, end: number, nth: number): void {
  let lo = start, hi = end - 1;
  while (lo < hi) {
    const pivot = data[order[(lo + hi) >>> 1] * cols + dim];
    let i = lo, j = hi;
    while (i <= j) {
      while (data[order[i] * cols + dim] < pivot) i++;
      while (data[order[j] * cols + dim] > pivot) j--;
      if (i <= j) { const t = order[i]; order[i] = order[j]; order[j] = t; i++; j--; }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}

/** A k-d tree as flat arrays: node n covers order[start[n], end[n]); dim[n] = -1 marks a leaf. */
interface KdTree {
  order: Uint32Array;
  start: Int32Array;
  end: Int32Array;
  dim: Int32Array;
  value: Float64Array;
  left: Int32Array;
  right: Int32Array;
}

function buildTree(X: Matrix): KdTree {
  const { rows, cols, data } = X;
  const order = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  // a tree with leaves of >= LEAF_SIZE / 2 rows has fewer than 4 * rows / LEAF_SIZE + 1 nodes
  const capacity = Math.ceil((4 * rows) / LEAF_SIZE) + 1;
  const tree: KdTree = {
    order,
    start: new Int32Array(capacity), end: new Int32Array(capacity), dim: new Int32Array(capacity),
    value: new Float64Array(capacity), left: new Int32Array(capacity), right: new Int32Array(capacity),
  };
  let count = 0;
  const build = (start: number, end: number): number => {
    const node = count++;
    tree.start[node] = start;
    tree.end[node] = end;
    tree.dim[node] = -1;
    if (end - start <= LEAF_SIZE) return node;
    // split on the widest dimension; a node whose rows are all identical stays a leaf
    let bestDim = -1, bestSpread = 0;
    for (let d = 0; d < cols; d++) {
      let min = Infinity, max = -Infinity;
      for (let k = start; k < end; k++) {
        const v = data[order[k] * cols + d];
        if (v < min) min = v;
        if (v > max) max = v;
      }
      if (max - min > bestSpread) { bestSpread = max - min; bestDim = d; }
    }
    if (bestDim < 0) return node;
    const mid = (start + end) >>> 1;
    selectNth(order, data, cols, bestDim, start, end, mid);
    tree.dim[node] = bestDim;
    tree.value[node] = data[order[mid] * cols + bestDim]; // rows left of mid are <= value, from mid on >= value
    tree.left[node] = build(start, mid);
    tree.right[node] = build(mid, end);
    return node;
  };
  build(0, rows);
  return tree;
}

/**
 * For each row i of X, the indices of its k nearest other rows (row i itself excluded), nearest first:
 * a rows × k array, row i's neighbours at [i * k, (i + 1) * k). Requires rows > k.
 */
export function kNearestNeighbors(X: Matrix, k: number): Uint32Array {
  const { rows, cols, data } = X;
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a whole number >= 1, got ${k}`);
  if (rows <= k) throw new Error(`k = ${k} neighbours need more than ${k} rows, got ${rows}`);
  const tree = buildTree(X);
  const { order, start, end, dim, value, left, right } = tree;

  // rows copied in tree order, so a leaf scan reads memory sequentially instead of jumping across X
  const packed = new Float64Array(rows * cols);
  for (let p = 0; p < rows; p++) packed.set(data.subarray(order[p] * cols, (order[p] + 1) * cols), p * cols);
  const queryPoint = new Float64Array(cols);

  const result = new Uint32Array(rows * k);
  // the current best k of one query, sorted by (distance, index); k is small, so insertion beats a heap
  const bestDist = new Float64Array(k);
  const bestIdx = new Uint32Array(k);
  // per dimension, the query's offset to the current cell along that dimension (0 when inside)
  const offset = new Float64Array(cols);
  const state = { found: 0, worst: Infinity, query: 0 };

  const scanLeaf = (node: number): void => {
    let { found, worst } = state;
    const query = state.query;
    for (let p = start[node], last = end[node]; p < last; p++) {
      const j = order[p];
      if (j === query) continue;
      const base = p * cols;
      let dist = 0;
      for (let d = 0; d < cols && dist <= worst; d++) {
        const diff = queryPoint[d] - packed[base + d];
        dist += diff * diff;
      }
      if (dist > worst || (found === k && dist === worst && j > bestIdx[k - 1])) continue;
      let pos = found < k ? found++ : k - 1;
      while (pos > 0 && (bestDist[pos - 1] > dist || (bestDist[pos - 1] === dist && bestIdx[pos - 1] > j))) {
        bestDist[pos] = bestDist[pos - 1];
        bestIdx[pos] = bestIdx[pos - 1];
        pos--;
      }
      bestDist[pos] = dist;
      bestIdx[pos] = j;
      if (found === k) worst = bestDist[k - 1];
    }
    state.found = found;
    state.worst = worst;
  };

  const search = (node: number, cellDist: number): void => {
    const d = dim[node];
    if (d < 0) { scanLeaf(node); return; }
    const diff = queryPoint[d] - value[node];
    const near = diff <= 0 ? left[node] : right[node];
    const far = diff <= 0 ? right[node] : left[node];
    search(near, cellDist);
    // entering the far cell moves the offset along d to |diff|; the bound may only grow
    const old = offset[d];
    const farDist = cellDist - old * old + diff * diff;
    if (farDist <= state.worst) {
      offset[d] = diff;
      search(far, farDist);
      offset[d] = old;
    }
  };

  for (let query = 0; query < rows; query++) {
    queryPoint.set(data.subarray(query * cols, (query + 1) * cols));
    state.query = query;
    state.found = 0;
    state.worst = Infinity;
    search(0, 0);
    result.set(bestIdx, query * k);
  }
  return result;
}
