import type { Matrix } from '../../prep/matrix';

/**
 * The training table re-laid out for split search, built once per fit and shared by every tree of a forest.
 *
 * Column-major, because a split search walks one feature over many rows. Values are rounded to float32 because
 * scikit-learn's trees cast X to float32 before fitting and predicting; doing the same makes thresholds (midpoints
 * between consecutive float32 values) and the resulting trees identical to sklearn's on the same data.
 */
export interface TrainingColumns {
  readonly rows: number;
  readonly cols: number;
  /** Feature j of row i at values[j * rows + i], rounded to float32. */
  readonly values: Float32Array;
  /** Exact splitter only: dense rank of values[k] among the distinct values of its column (0 = smallest). */
  readonly ranks?: Uint32Array;
  /** Histogram splitter only: the bins, codes and per-bin value ranges. */
  readonly bins?: FeatureBins;
}

/** Quantile bins per feature, computed once; a split "code <= b" keeps bins 0..b on the left. */
export interface FeatureBins {
  /** Bin code of values[k] (same layout), at most 255 bins so it fits a byte. */
  readonly codes: Uint8Array;
  /** Number of bins of each feature. */
  readonly nBins: Int32Array;
  /** Smallest and largest training value in bin b of feature j, at [j * maxBins + b]. */
  readonly binMin: Float64Array;
  readonly binMax: Float64Array;
  readonly maxBins: number;
}

/** Transpose X into float32 columns and add what the chosen splitter needs (ranks or bins). */
export function prepareTrainingColumns(X: Matrix, splitter: 'exact' | 'hist', maxBins = 255): TrainingColumns {
  const { rows, cols, data } = X;
  const values = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const rowOff = i * cols;
    for (let j = 0; j < cols; j++) values[j * rows + i] = data[rowOff + j]!;
  }
  if (splitter === 'exact') return { rows, cols, values, ranks: denseRanks(values, rows, cols) };
  return { rows, cols, values, bins: quantileBins(values, rows, cols, maxBins) };
}

/** Sorted distinct values of an ascending array. */
function distinctOfSorted(sorted: Float32Array): Float32Array {
  const out = new Float32Array(sorted.length);
  let m = 0;
  for (let k = 0; k < sorted.length; k++) {
    if (m === 0 || sorted[k] !== out[m - 1]) out[m++] = sorted[k]!;
  }
  return out.slice(0, m);
}

/** Index of the first element of ascending `a` that is >= v (binary search). */
function lowerBound(a: ArrayLike<number>, n: number, v: number): number {
  let lo = 0,
    hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Dense ranks let a node sort its rows by one feature with a single native sort of integer-valued keys
 * (rank * n + position) instead of a comparator sort, which is several times slower in JavaScript.
 */
function denseRanks(values: Float32Array, rows: number, cols: number): Uint32Array {
  const ranks = new Uint32Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const column = values.subarray(j * rows, (j + 1) * rows);
    const distinct = distinctOfSorted(column.slice().sort());
    for (let i = 0; i < rows; i++) ranks[j * rows + i] = lowerBound(distinct, distinct.length, column[i]!);
  }
  return ranks;
}

/**
 * Up to `maxBins` bins per feature: every distinct value gets its own bin when there are few enough (then the
 * histogram splitter sees exactly the exact splitter's candidate splits); otherwise bin upper bounds are the
 * values at the k/maxBins quantiles, de-duplicated, so heavy ties (e.g. many zero counts) simply give fewer bins.
 */
function quantileBins(values: Float32Array, rows: number, cols: number, maxBins: number): FeatureBins {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > 255) throw new Error(`maxBins must be an integer in 2..255, got ${maxBins}`);
  const codes = new Uint8Array(rows * cols);
  const nBins = new Int32Array(cols);
  const binMin = new Float64Array(cols * maxBins).fill(Infinity);
  const binMax = new Float64Array(cols * maxBins).fill(-Infinity);
  for (let j = 0; j < cols; j++) {
    const column = values.subarray(j * rows, (j + 1) * rows);
    const sorted = column.slice().sort();
    const distinct = distinctOfSorted(sorted);
    let upper: Float32Array;
    if (distinct.length <= maxBins) {
      upper = distinct;
    } else {
      const bounds: number[] = [];
      for (let k = 1; k < maxBins; k++) {
        const v = sorted[Math.floor((k * rows) / maxBins)]!;
        if (bounds.length === 0 || v > bounds[bounds.length - 1]!) bounds.push(v);
      }
      const last = distinct[distinct.length - 1]!;
      if (bounds[bounds.length - 1]! < last) bounds.push(last);
      upper = Float32Array.from(bounds);
    }
    nBins[j] = upper.length;
    for (let i = 0; i < rows; i++) {
      const v = column[i]!;
      const b = lowerBound(upper, upper.length, v);
      codes[j * rows + i] = b;
      const at = j * maxBins + b;
      if (v < binMin[at]!) binMin[at] = v;
      if (v > binMax[at]!) binMax[at] = v;
    }
  }
  return { codes, nBins, binMin, binMax, maxBins };
}
