import type { Labels } from '../../prep/matrix';
import type { Rng } from '../../random';
import type { TrainingColumns } from './trainingColumns';
import { TreeNodesBuilder, type TreeNodes } from './treeNodes';

/** Stopping rules and feature sampling of one CART tree (sklearn's names, camelCased). */
export interface GrowOptions {
  maxDepth: number;
  minSamplesSplit: number;
  minSamplesLeaf: number;
  /** Features examined per node (non-constant ones; see `growTree`). */
  maxFeatures: number;
}

/** sklearn's FEATURE_THRESHOLD: values closer than this count as equal, so no split is placed between them. */
const FEATURE_THRESHOLD = 1e-7;
/** sklearn's EPSILON: a node with impurity at or below this is pure and becomes a leaf. */
const EPSILON = 2.220446049250313e-16;

/**
 * Grow one gini CART tree the way scikit-learn's DepthFirstTreeBuilder + BestSplitter does, on the rows with
 * non-zero `weights` (bootstrap counts for a forest, all ones for a single tree).
 *
 * Split rule (as sklearn): for every candidate threshold midway between consecutive distinct values, keep the
 * one maximising the proxy −(w_left·gini_left + w_right·gini_right); a split is accepted even when it does not
 * decrease impurity (that is how a tree can solve XOR). Exact splitter: thresholds between consecutive distinct
 * node values; histogram splitter: only between pre-computed quantile bins.
 *
 * Tie rule (documented difference from sklearn, which visits features in a random order): features are visited
 * in index order when all are examined (maxFeatures = number of features), otherwise in a seeded random
 * permutation; the first best split wins (strictly greater proxy replaces), so among equally good splits the
 * earliest visited feature and then the lowest threshold is kept. Like sklearn, constant features in the node
 * do not count towards maxFeatures, so up to all features are visited until maxFeatures non-constant ones were.
 */
export function growTree(columns: TrainingColumns, y: Labels, weights: Float64Array, options: GrowOptions, rng: Rng): TreeNodes {
  return new TreeGrower(columns, y, weights, options, rng).grow();
}

/** Best split found so far at the current node. */
interface SplitCandidate {
  proxy: number;
  feature: number;
  threshold: number;
  /** Histogram splitter: last bin on the left. */
  bin: number;
  /** Class weights on the left side of the best split (the right side is the node's minus these). */
  left0: number;
  left1: number;
}

class TreeGrower {
  private readonly rows: number;
  private readonly cols: number;
  /** Rows of the sample (non-zero weight), partitioned in place so each node owns a contiguous range. */
  private readonly samples: Int32Array;
  /** Label and weight of samples[k] at k, moved along with it, so hot loops read them sequentially. */
  private readonly sampleLabel: Uint8Array;
  private readonly sampleWeight: Float64Array;
  /**
   * Histogram splitter: bin codes of samples[k], row-major at [k * codeStride + f], moved along with the sample.
   * Gathering codes through `samples` from the shared column-major table was memory-latency bound (random
   * access, ~50 ns per row on a busy machine); reading the node's own contiguous block is several times faster.
   */
  private readonly sampleCodes: Uint8Array;
  /** The same buffer as 32-bit words, so a partition swaps a row's codes 4 bytes at a time (stride padded to 4). */
  private readonly sampleCodeWords: Uint32Array;
  private readonly codeStride: number;
  private readonly nodes = new TreeNodesBuilder();
  private readonly featureOrder: Int32Array;
  // Scratch buffers reused by every node.
  private readonly keys: Float64Array;
  /** Exact splitter: the node's positions k (into samples) in ascending order of the current feature. */
  private readonly sortedPos: Int32Array;
  /** Histogram splitter: weight of class c in bin b at [2b + c]. */
  private readonly classWeight: Float64Array;
  private readonly histCount: Int32Array;
  private readonly occupied: Uint8Array;
  /** Bit b set when bin b is occupied in the current node: yields the occupied bins in order cheaply. */
  private readonly occupiedBits = new Int32Array(8);

  constructor(
    private readonly columns: TrainingColumns,
    y: Labels,
    weights: Float64Array,
    private readonly options: GrowOptions,
    private readonly rng: Rng,
  ) {
    this.rows = columns.rows;
    this.cols = columns.cols;
    let n = 0;
    for (let i = 0; i < this.rows; i++) if (weights[i] !== 0) n++;
    this.samples = new Int32Array(n);
    this.sampleLabel = new Uint8Array(n);
    this.sampleWeight = new Float64Array(n);
    n = 0;
    for (let i = 0; i < this.rows; i++) {
      if (weights[i] === 0) continue;
      this.samples[n] = i;
      this.sampleLabel[n] = y[i]!;
      this.sampleWeight[n++] = weights[i]!;
    }
    this.codeStride = Math.ceil(this.cols / 4) * 4;
    const codeBuffer = new ArrayBuffer(columns.bins ? n * this.codeStride : 0);
    this.sampleCodes = new Uint8Array(codeBuffer);
    this.sampleCodeWords = new Uint32Array(codeBuffer);
    if (columns.bins) {
      const codes = columns.bins.codes,
        cols = this.cols,
        rows = this.rows,
        stride = this.codeStride;
      for (let k = 0; k < n; k++) {
        const i = this.samples[k]!;
        for (let f = 0; f < cols; f++) this.sampleCodes[k * stride + f] = codes[f * rows + i]!;
      }
    }
    this.featureOrder = new Int32Array(this.cols);
    this.keys = new Float64Array(columns.bins ? 0 : n);
    this.sortedPos = new Int32Array(columns.bins ? 0 : n);
    const maxBins = columns.bins?.maxBins ?? 0;
    this.classWeight = new Float64Array(2 * maxBins);
    this.histCount = new Int32Array(maxBins);
    this.occupied = new Uint8Array(maxBins);
  }

  grow(): TreeNodes {
    const { maxDepth, minSamplesSplit, minSamplesLeaf } = this.options;
    const { nodes, samples, sampleLabel, sampleWeight } = this;
    let rootW0 = 0,
      rootW1 = 0;
    for (let k = 0; k < samples.length; k++) {
      if (sampleLabel[k] === 1) rootW1 += sampleWeight[k]!;
      else rootW0 += sampleWeight[k]!;
    }
    // Explicit stack of (start, end, depth, parent, isLeft, w0, w1); right pushed before left so that left is
    // numbered first. Children's class weights come from the split search (exact sums for integer weights).
    const stack: number[] = [0, samples.length, 0, -1, 0, rootW0, rootW1];
    // Doubles from the start (0.5), so V8 never has to change the fields' representation mid-run.
    const best: SplitCandidate = { proxy: -Infinity, feature: -1, threshold: 0.5, bin: -1, left0: 0.5, left1: 0.5 };
    while (stack.length > 0) {
      const w1 = stack.pop()!,
        w0 = stack.pop()!;
      const isLeft = stack.pop()!,
        parent = stack.pop()!,
        depth = stack.pop()!,
        end = stack.pop()!,
        start = stack.pop()!;
      const w = w0 + w1;
      const impurity = 1 - (w0 * w0 + w1 * w1) / (w * w);
      const id = nodes.add(w1 / w, w, impurity);
      if (parent >= 0) {
        if (isLeft === 1) nodes.left[parent] = id;
        else nodes.right[parent] = id;
      }
      const n = end - start;
      if (depth >= maxDepth || n < minSamplesSplit || n < 2 * minSamplesLeaf || impurity <= EPSILON) continue;

      best.proxy = -Infinity;
      best.feature = -1;
      this.findBestSplit(start, end, w0, w1, best);
      if (best.feature < 0) continue;

      const mid = this.partition(start, end, best);
      nodes.setSplit(id, best.feature, best.threshold);
      const l0 = best.left0,
        l1 = best.left1;
      stack.push(mid, end, depth + 1, id, 0, w0 - l0, w1 - l1);
      stack.push(start, mid, depth + 1, id, 1, l0, l1);
    }
    return nodes.finish();
  }

  /** Visit features (index order or a seeded permutation) until maxFeatures non-constant ones were searched. */
  private findBestSplit(start: number, end: number, w0: number, w1: number, best: SplitCandidate): void {
    const order = this.featureOrder;
    const p = this.cols;
    for (let j = 0; j < p; j++) order[j] = j;
    const sampleFeatures = this.options.maxFeatures < p;
    let visited = 0;
    for (let k = 0; k < p && visited < this.options.maxFeatures; k++) {
      if (sampleFeatures) {
        // Partial Fisher-Yates: draw the k-th feature among those not yet drawn.
        const r = k + this.rng.int(p - k);
        const t = order[k]!;
        order[k] = order[r]!;
        order[r] = t;
      }
      const f = order[k]!;
      const constant = this.columns.bins
        ? this.searchHistogram(f, start, end, w0, w1, best)
        : this.searchSorted(f, start, end, w0, w1, best);
      if (!constant) visited++;
    }
  }

  /**
   * Exact splitter for feature f: sort the node's rows by value (native sort of rank·n + position keys), then
   * scan thresholds between consecutive distinct values. Returns true if the feature is constant in the node.
   */
  private searchSorted(f: number, start: number, end: number, w0: number, w1: number, best: SplitCandidate): boolean {
    const { samples, keys, sortedPos, sampleLabel, sampleWeight } = this;
    const ranks = this.columns.ranks!;
    const values = this.columns.values;
    const off = f * this.rows;
    const n = end - start;
    for (let k = 0; k < n; k++) keys[k] = ranks[off + samples[start + k]!]! * n + k;
    const sorted = keys.subarray(0, n).sort();
    for (let k = 0; k < n; k++) {
      const key = sorted[k]!;
      sortedPos[k] = start + (key - Math.floor(key / n) * n);
    }
    if (values[off + samples[sortedPos[n - 1]!]!]! <= values[off + samples[sortedPos[0]!]!]! + FEATURE_THRESHOLD) return true;

    const minLeaf = this.options.minSamplesLeaf;
    let l0 = 0,
      l1 = 0;
    let prev = values[off + samples[sortedPos[0]!]!]!;
    for (let k = 1; k < n; k++) {
      const pPrev = sortedPos[k - 1]!;
      if (sampleLabel[pPrev] === 1) l1 += sampleWeight[pPrev]!;
      else l0 += sampleWeight[pPrev]!;
      const v = values[off + samples[sortedPos[k]!]!]!;
      const vPrev = prev;
      prev = v;
      if (v <= vPrev + FEATURE_THRESHOLD) continue;
      if (k < minLeaf || n - k < minLeaf) continue;
      const proxy = giniProxy(l0, l1, w0 - l0, w1 - l1);
      if (proxy > best.proxy) {
        best.proxy = proxy;
        best.feature = f;
        best.threshold = midpoint(vPrev, v);
        best.left0 = l0;
        best.left1 = l1;
      }
    }
    return false;
  }

  /**
   * Histogram splitter for feature f: weighted class counts per bin over the node's rows, then scan the
   * boundaries between occupied bins. Returns true if all the node's rows fall in one bin.
   */
  private searchHistogram(f: number, start: number, end: number, w0: number, w1: number, best: SplitCandidate): boolean {
    const { classWeight, histCount, occupied } = this;
    const bins = this.columns.bins!;
    const bits = this.occupiedBits;
    const nOccupied = accumulateBins(
      this.sampleCodes,
      this.codeStride,
      f,
      this.sampleLabel,
      this.sampleWeight,
      start,
      end,
      classWeight,
      histCount,
      bits,
    );
    listOccupiedBins(bits, occupied);
    if (nOccupied > 1) {
      const binBase = f * bins.maxBins;
      const pick = scanBins(occupied, nOccupied, classWeight, histCount, end - start, this.options.minSamplesLeaf, w0, w1, best.proxy);
      if (pick >= 0) {
        const b = occupied[pick]!;
        best.proxy = scanResult.proxy;
        best.feature = f;
        best.bin = b;
        best.threshold = midpoint(bins.binMax[binBase + b]!, bins.binMin[binBase + occupied[pick + 1]!]!);
        best.left0 = scanResult.left0;
        best.left1 = scanResult.left1;
      }
    }
    for (let k = 0; k < nOccupied; k++) {
      const b = occupied[k]!;
      classWeight[2 * b] = 0;
      classWeight[2 * b + 1] = 0;
      histCount[b] = 0;
    }
    return nOccupied <= 1;
  }

  /** Move rows going left to the front of [start, end); return the first right position. */
  private partition(start: number, end: number, best: SplitCandidate): number {
    const { samples, sampleLabel, sampleWeight, sampleCodes, sampleCodeWords, codeStride } = this;
    const words = codeStride >> 2;
    const hist = this.columns.bins !== undefined;
    const swap = (a: number, b: number): void => {
      const s = samples[a]!;
      samples[a] = samples[b]!;
      samples[b] = s;
      const l = sampleLabel[a]!;
      sampleLabel[a] = sampleLabel[b]!;
      sampleLabel[b] = l;
      const w = sampleWeight[a]!;
      sampleWeight[a] = sampleWeight[b]!;
      sampleWeight[b] = w;
      if (hist) {
        for (let t = 0, pa = a * words, pb = b * words; t < words; t++, pa++, pb++) {
          const c = sampleCodeWords[pa]!;
          sampleCodeWords[pa] = sampleCodeWords[pb]!;
          sampleCodeWords[pb] = c;
        }
      }
    };
    let i = start,
      j = end - 1;
    if (hist) {
      const f = best.feature,
        bin = best.bin;
      while (i <= j) {
        if (sampleCodes[i * codeStride + f]! <= bin) i++;
        else {
          swap(i, j);
          j--;
        }
      }
    } else {
      const off = best.feature * this.rows;
      const values = this.columns.values,
        thr = best.threshold;
      while (i <= j) {
        if (values[off + samples[i]!]! <= thr) i++;
        else {
          swap(i, j);
          j--;
        }
      }
    }
    return i;
  }
}

/**
 * sklearn's proxy_impurity_improvement for gini, evaluated with the same floating-point operations so that
 * near-ties resolve as in sklearn: −w_right·gini_right − w_left·gini_left.
 */
function giniProxy(l0: number, l1: number, r0: number, r1: number): number {
  const wl = l0 + l1,
    wr = r0 + r1;
  const giniLeft = 1 - (l0 * l0 + l1 * l1) / (wl * wl);
  const giniRight = 1 - (r0 * r0 + r1 * r1) / (wr * wr);
  return -wr * giniRight - wl * giniLeft;
}

/** sklearn's threshold: halfway between the two values, or the lower one if rounding lands on the upper. */
function midpoint(a: number, b: number): number {
  const t = a / 2 + b / 2;
  return t === b || !Number.isFinite(t) ? a : t;
}

/*
 * The histogram search is split into small monomorphic functions: one large function with rarely taken
 * branches was repeatedly deoptimised by V8 (hundreds of times per forest), costing several times its run time.
 */

/**
 * Add the node's rows to the per-bin class weights (interleaved [2b + label], so there is no branch on the
 * unpredictable label) and row counts; set the bit of each occupied bin. Returns the number of occupied bins.
 */
function accumulateBins(
  sampleCodes: Uint8Array,
  stride: number,
  f: number,
  labels: Uint8Array,
  weights: Float64Array,
  start: number,
  end: number,
  classWeight: Float64Array,
  histCount: Int32Array,
  bits: Int32Array,
): number {
  let nOccupied = 0;
  for (let k = start; k < end; k++) {
    const b = sampleCodes[k * stride + f]!;
    classWeight[2 * b + labels[k]!]! += weights[k]!;
    if (histCount[b]!++ === 0) {
      bits[b >> 5]! |= 1 << (b & 31);
      nOccupied++;
    }
  }
  return nOccupied;
}

/** Write the occupied bins in ascending order into `occupied` (lowest set bit first per 32-bit word) and clear the bits. */
function listOccupiedBins(bits: Int32Array, occupied: Uint8Array): void {
  let m = 0;
  for (let w = 0; w < 8; w++) {
    let x = bits[w]!;
    while (x !== 0) {
      const lowest = x & -x;
      occupied[m++] = (w << 5) + 31 - Math.clz32(lowest);
      x ^= lowest;
    }
    bits[w] = 0; // cleared for the next search
  }
}

/** Best boundary found by `scanBins` (module scratch, avoids allocating per call). */
const scanResult = { proxy: 0.5, left0: 0.5, left1: 0.5 };

/**
 * Scan the boundaries after each occupied bin (ascending) and return the index k in `occupied` of the best one
 * whose proxy beats `bestProxy` (then read `scanResult`), or −1.
 */
function scanBins(
  occupied: Uint8Array,
  nOccupied: number,
  classWeight: Float64Array,
  histCount: Int32Array,
  n: number,
  minLeaf: number,
  w0: number,
  w1: number,
  bestProxy: number,
): number {
  let l0 = 0,
    l1 = 0,
    nLeft = 0,
    pick = -1;
  for (let k = 0; k < nOccupied - 1; k++) {
    const b = occupied[k]!;
    l0 += classWeight[2 * b]!;
    l1 += classWeight[2 * b + 1]!;
    nLeft += histCount[b]!;
    if (nLeft < minLeaf || n - nLeft < minLeaf) continue;
    const proxy = giniProxy(l0, l1, w0 - l0, w1 - l1);
    if (proxy > bestProxy) {
      bestProxy = proxy;
      pick = k;
      scanResult.proxy = proxy;
      scanResult.left0 = l0;
      scanResult.left1 = l1;
    }
  }
  return pick;
}
