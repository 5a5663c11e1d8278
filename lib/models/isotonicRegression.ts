/**
 * Isotonic regression of y on one input x, as scikit-learn's `IsotonicRegression(out_of_bounds='clip')`
 * (increasing, unit weights): the non-decreasing step function closest to y in squared error, found by pool
 * adjacent violators, read between its knots by linear interpolation and clipped to the fitted x range.
 *
 * Fitted on a model's scores against outcomes on rows the model never saw, it maps scores to calibrated
 * probabilities (the isotonic method of sklearn's CalibratedClassifierCV) without changing their order.
 */

// sklearn's _make_unique merges inputs closer than np.finfo(float64).resolution.
const UNIQUE_RESOLUTION = 1e-15;

export class IsotonicRegression {
  /** Knots after fit (sklearn X_thresholds_ / y_thresholds_): x increasing, y non-decreasing. */
  xThresholds: Float64Array = new Float64Array(0);
  yThresholds: Float64Array = new Float64Array(0);

  /**
   * Fit on (x, y). Equal x values are merged first (their mean y, weighted by their count), as sklearn does.
   * @example new IsotonicRegression().fit([1, 2, 3], [1, 0, 2]).predict([2.5]) // [1.25]: knots (1, 0.5), (2, 0.5), (3, 2)
   */
  fit(x: ArrayLike<number>, y: ArrayLike<number>): this {
    if (x.length !== y.length) throw new Error(`IsotonicRegression: ${x.length} inputs but ${y.length} targets`);
    if (x.length === 0) throw new Error('IsotonicRegression: no rows to fit');
    for (let i = 0; i < x.length; i++) {
      if (!Number.isFinite(x[i]) || !Number.isFinite(y[i]))
        throw new Error(`IsotonicRegression: row ${i} is not finite (${x[i]}, ${y[i]})`);
    }
    // np.lexsort((y, x)): by x, then y
    const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || y[a]! - y[b]!);
    const ux: number[] = [];
    const uy: number[] = [];
    const uw: number[] = [];
    let currentX = x[order[0]!]!; // x is not empty (checked above)
    let weight = 0;
    let sumY = 0;
    for (const i of order) {
      if (x[i]! - currentX >= UNIQUE_RESOLUTION) {
        ux.push(currentX);
        uw.push(weight);
        uy.push(sumY / weight);
        currentX = x[i]!;
        weight = 0;
        sumY = 0;
      }
      weight += 1;
      sumY += y[i]!;
    }
    ux.push(currentX);
    uw.push(weight);
    uy.push(sumY / weight);
    const fitted = poolAdjacentViolators(Float64Array.from(uy), Float64Array.from(uw));
    // keep the ends and every knot where y changes on either side (the middle of a flat run adds nothing)
    const keptX: number[] = [];
    const keptY: number[] = [];
    for (let i = 0; i < fitted.length; i++) {
      if (i === 0 || i === fitted.length - 1 || fitted[i] !== fitted[i - 1] || fitted[i] !== fitted[i + 1]) {
        keptX.push(ux[i]!);
        keptY.push(fitted[i]!);
      }
    }
    this.xThresholds = Float64Array.from(keptX);
    this.yThresholds = Float64Array.from(keptY);
    return this;
  }

  /** The fitted function at each x: linear between knots (scipy interp1d's formula), constant beyond the ends. */
  predict(x: ArrayLike<number>): Float64Array {
    const kx = this.xThresholds;
    const ky = this.yThresholds;
    if (kx.length === 0) throw new Error('IsotonicRegression is not fitted: call fit(x, y) first');
    const out = new Float64Array(x.length);
    const m = kx.length;
    for (let i = 0; i < x.length; i++) {
      if (m === 1) {
        out[i] = ky[0]!;
        continue;
      }
      const v = Math.min(Math.max(x[i]!, kx[0]!), kx[m - 1]!);
      // interp1d: searchsorted(left), clipped to [1, m - 1]; hi is the first knot >= v
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (kx[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      const h = Math.min(Math.max(lo, 1), m - 1);
      const slope = (ky[h]! - ky[h - 1]!) / (kx[h]! - kx[h - 1]!);
      out[i] = slope * (v - kx[h - 1]!) + ky[h - 1]!;
    }
    return out;
  }
}

/**
 * Weighted pool adjacent violators (sklearn's _inplace_contiguous_isotonic_regression): blocks of a
 * decreasing run are merged into their weighted mean, backtracking so one pass suffices.
 */
function poolAdjacentViolators(y: Float64Array, w: Float64Array): Float64Array {
  const n = y.length;
  // target[i] = j and target[j] = i when [i..j] is a block
  const target = Int32Array.from({ length: n }, (_, i) => i);
  let i = 0;
  while (i < n) {
    let k = target[i]! + 1;
    if (k === n) break;
    if (y[i]! < y[k]!) {
      i = k;
      continue;
    }
    let sumWy = w[i]! * y[i]!;
    let sumW = w[i]!;
    for (;;) {
      const prevY = y[k]!;
      sumWy += w[k]! * y[k]!;
      sumW += w[k]!;
      k = target[k]! + 1;
      if (k === n || prevY < y[k]!) {
        y[i] = sumWy / sumW;
        w[i] = sumW;
        target[i] = k - 1;
        target[k - 1] = i;
        if (i > 0) i = target[i - 1]!;
        break;
      }
    }
  }
  for (let b = 0; b < n; ) {
    const end = target[b]! + 1;
    for (let j = b + 1; j < end; j++) y[j] = y[b]!;
    b = end;
  }
  return y;
}
