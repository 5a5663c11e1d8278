import type { Matrix } from './matrix';
import { assertFiniteMatrix } from './validate';

/**
 * Standardisation z = (x − mean) / std per column, as sklearn's StandardScaler: population standard deviation
 * (ddof = 0), and a column that is constant (up to rounding) gets scale 1 so it maps to 0 instead of NaN.
 * Fit on the training rows only, then transform train and test with the same numbers, so no test
 * information leaks into the training features.
 */
export class StandardScaler {
  private fitted: { mean: Float64Array; variance: Float64Array; scale: Float64Array; rows: number } | null = null;

  /** Column means of the fitted data. */
  get mean(): Float64Array {
    return this.state().mean;
  }
  /** Column population variances of the fitted data. */
  get variance(): Float64Array {
    return this.state().variance;
  }
  /** Divisor per column: the population standard deviation, or 1 for a constant column. */
  get scale(): Float64Array {
    return this.state().scale;
  }
  /** Number of rows the scaler was fitted on. */
  get rowsSeen(): number {
    return this.state().rows;
  }

  /** Learn column means and standard deviations from X. */
  fit(X: Matrix): this {
    assertFiniteMatrix(X);
    const { rows, cols, data } = X;
    const mean = new Float64Array(cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j]! += data[i * cols + j]!;
    for (let j = 0; j < cols; j++) mean[j]! /= rows;
    // corrected two-pass variance (sklearn's _incremental_mean_and_var on one batch):
    // (Σ(x − m)² − (Σ(x − m))² / n) / n, the second term cancelling the rounding error of m
    const sumDev = new Float64Array(cols);
    const sumSq = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const dev = data[i * cols + j]! - mean[j]!;
        sumDev[j]! += dev;
        sumSq[j]! += dev * dev;
      }
    }
    const variance = new Float64Array(cols);
    const scale = new Float64Array(cols);
    const eps = Number.EPSILON;
    for (let j = 0; j < cols; j++) {
      variance[j] = (sumSq[j]! - (sumDev[j]! * sumDev[j]!) / rows) / rows;
      // sklearn's _is_constant_feature: a variance within rounding noise of 0 counts as 0
      const bound = rows * eps * variance[j]! + (rows * mean[j]! * eps) ** 2;
      scale[j] = variance[j]! <= bound ? 1 : Math.sqrt(variance[j]!);
    }
    this.fitted = { mean, variance, scale, rows };
    return this;
  }

  /** Standardise X with the fitted means and scales (a new matrix; X is not modified). */
  transform(X: Matrix): Matrix {
    const { mean, scale } = this.state();
    assertFiniteMatrix(X);
    if (X.cols !== mean.length) throw new Error(`X has ${X.cols} columns but the scaler was fitted on ${mean.length}`);
    const { rows, cols } = X;
    const data = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) data[i * cols + j] = (X.data[i * cols + j]! - mean[j]!) / scale[j]!;
    }
    return { rows, cols, data, names: X.names };
  }

  /** fit(X) then transform(X). */
  fitTransform(X: Matrix): Matrix {
    return this.fit(X).transform(X);
  }

  private state() {
    if (this.fitted === null) throw new Error('StandardScaler is not fitted: call fit(X) on the training rows first');
    return this.fitted;
  }
}
