import type { Labels, Matrix } from '../prep/matrix';
import { indexOfNonBinary, indexOfNonFinite } from '../checks';

/**
 * Input checks shared by every model, so a bad table fails loudly with the model's name and the offending
 * row/column instead of silently producing NaN probabilities deep inside a fit.
 */

/** Throw unless `X`'s shape agrees with its data buffer. */
function assertShape(X: Matrix, modelName: string): void {
  if (!Number.isInteger(X.rows) || !Number.isInteger(X.cols) || X.rows < 0 || X.cols < 0) {
    throw new Error(`${modelName}: invalid matrix shape ${X.rows} x ${X.cols}`);
  }
  if (X.data.length !== X.rows * X.cols) {
    throw new Error(`${modelName}: matrix data has ${X.data.length} values, expected ${X.rows} x ${X.cols} = ${X.rows * X.cols}`);
  }
}

/** Throw on the first NaN or ±Infinity in `X`, naming its row, column and (if known) feature. */
function assertFinite(X: Matrix, modelName: string): void {
  const d = X.data;
  const k = indexOfNonFinite(d);
  if (k >= 0) {
    const row = Math.floor(k / X.cols);
    const col = k % X.cols;
    const name = X.names?.[col];
    throw new Error(
      `${modelName}: feature value ${d[k]} at row ${row}, column ${col}${name ? ` (${name})` : ''}; features must be finite numbers`,
    );
  }
}

/**
 * Validate a training set: non-empty, at least one feature, finite values, labels 0/1 of matching length,
 * and both classes present (a binary classifier cannot learn from one class).
 */
export function assertFitInput(X: Matrix, y: Labels, modelName: string): void {
  assertShape(X, modelName);
  if (X.rows === 0) throw new Error(`${modelName}: cannot fit on an empty table (0 rows)`);
  if (X.cols === 0) throw new Error(`${modelName}: cannot fit without features (0 columns)`);
  if (y.length !== X.rows) {
    throw new Error(`${modelName}: ${X.rows} feature rows but ${y.length} labels; lengths must match`);
  }
  assertFinite(X, modelName);
  const bad = indexOfNonBinary(y);
  if (bad >= 0) throw new Error(`${modelName}: label ${y[bad]} at row ${bad}; labels must be 0 or 1`);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i]!;
  if (positives === 0 || positives === y.length) {
    throw new Error(`${modelName}: the target has a single class (all ${positives === 0 ? 0 : 1}); need both 0 and 1 to fit`);
  }
}

/**
 * Validate rows to score: finite values and the same number of features the model was fitted on.
 * Pass `nFeatures = -1` from an unfitted model to get a "not fitted" error.
 */
export function assertPredictInput(X: Matrix, nFeatures: number, modelName: string): void {
  assertShape(X, modelName);
  if (nFeatures < 0) throw new Error(`${modelName}: not fitted yet; call fit() before predicting`);
  if (X.cols !== nFeatures) {
    throw new Error(`${modelName}: X has ${X.cols} features but the model was fitted with ${nFeatures}`);
  }
  assertFinite(X, modelName);
}
