import { createRng } from '../random';
import type { Labels, Matrix } from './matrix';
import { kNearestOtherRows } from './nearestNeighbors';
import { assertFiniteMatrix, assertSameRows, assertTwoClasses, countBinaryLabels } from './validate';

export interface SmoteOptions {
  /** Neighbours among the minority rows to interpolate towards (imblearn's k_neighbors, default 5). */
  readonly k?: number;
  readonly seed: number;
}

/** A resampled training set: the input rows first, in order, then the synthetic rows. */
export interface Resampled {
  readonly X: Matrix;
  readonly y: Labels;
}

/**
 * SMOTE oversampling (imblearn SMOTE defaults): add synthetic minority rows until both classes have the
 * majority's count. Each synthetic row picks a minority row a uniformly, one of its k nearest minority
 * neighbours b uniformly (Euclidean, on the features as given: scale first if their units differ), and a
 * uniform gap g in [0, 1): the new row is a + g · (b − a), a point on the segment from a to b.
 */
export function smote(X: Matrix, y: Labels, options: SmoteOptions): Resampled {
  const k = options.k ?? 5;
  assertFiniteMatrix(X);
  assertSameRows(X, y);
  const counts = countBinaryLabels(y);
  assertTwoClasses(counts, 'smote');
  const minority = counts[1] < counts[0] ? 1 : 0;
  const nMin = counts[minority];
  const nNew = counts[1 - minority]! - nMin;
  if (nNew > 0 && nMin <= k) {
    throw new Error(`smote with k = ${k} needs more than ${k} minority rows (class ${minority}), got ${nMin}`);
  }

  const cols = X.cols;
  const minorityRows = new Uint32Array(nMin);
  for (let i = 0, m = 0; i < y.length; i++) if (y[i] === minority) minorityRows[m++] = i;
  const data = new Float64Array((X.rows + nNew) * cols);
  data.set(X.data);
  const labels = new Uint8Array(X.rows + nNew);
  labels.set(y);
  labels.fill(minority, X.rows);
  if (nNew === 0) return { X: { rows: X.rows, cols, data, names: X.names }, y: labels };

  const minorityData = new Float64Array(nMin * cols);
  for (let m = 0; m < nMin; m++) {
    minorityData.set(X.data.subarray(minorityRows[m]! * cols, (minorityRows[m]! + 1) * cols), m * cols);
  }
  const neighbors = kNearestOtherRows({ rows: nMin, cols, data: minorityData }, k);

  const rng = createRng(options.seed);
  for (let s = 0; s < nNew; s++) {
    // one draw picks the (row, neighbour) pair, as imblearn draws an index into the rows × k neighbour table
    const pair = rng.int(nMin * k);
    const a = Math.floor(pair / k) * cols;
    const b = neighbors[pair]! * cols;
    const gap = rng.next();
    const out = (X.rows + s) * cols;
    for (let d = 0; d < cols; d++) {
      data[out + d] = minorityData[a + d]! + gap * (minorityData[b + d]! - minorityData[a + d]!);
    }
  }
  return { X: { rows: X.rows + nNew, cols, data, names: X.names }, y: labels };
}
