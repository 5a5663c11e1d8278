import type { Labels, Matrix } from './matrix';
import { indexOfNonFinite } from '../checks';

/*
 * Input checks of the preparation steps. They run once per call over typed arrays, cheap next to the work
 * they guard, and turn a silent NaN or a misaligned label vector into an error naming the problem.
 */

/** Throw unless the matrix is non-empty, its data length matches rows × cols, and every value is finite. */
export function assertFiniteMatrix(X: Matrix, name = 'X'): void {
  if (X.rows === 0 || X.cols === 0) throw new Error(`${name} is empty (${X.rows} rows x ${X.cols} columns)`);
  if (X.data.length !== X.rows * X.cols) {
    throw new Error(`${name} has ${X.data.length} values, expected rows x cols = ${X.rows * X.cols}`);
  }
  const { data, cols } = X;
  const k = indexOfNonFinite(data);
  if (k >= 0) {
    const column = X.names?.[k % cols] ?? String(k % cols);
    throw new Error(`${name} row ${Math.floor(k / cols)}, column ${column} is ${data[k]}: values must be finite`);
  }
}

/** Throw unless y is non-empty and holds only 0/1. Returns the count of each class. */
export function countBinaryLabels(y: Labels, name = 'y'): [number, number] {
  if (y.length === 0) throw new Error(`${name} is empty`);
  let ones = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v > 1) throw new Error(`${name}[${i}] = ${v}: expected a 0/1 label`);
    ones += v;
  }
  return [y.length - ones, ones];
}

/** Throw when one class is missing: resampling and stratification need both. */
export function assertTwoClasses(counts: readonly [number, number], what: string): void {
  if (counts[0] === 0 || counts[1] === 0) {
    throw new Error(`${what} needs both classes, but y has only class ${counts[0] === 0 ? 1 : 0} (${counts[0] + counts[1]} rows)`);
  }
}

/** Throw unless X and y describe the same rows. */
export function assertSameRows(X: Matrix, y: Labels): void {
  if (X.rows !== y.length) throw new Error(`X has ${X.rows} rows but y has ${y.length} labels`);
}
