/**
 * Input checks shared by the metric functions. scikit-learn raises ValueError on these inputs;
 * we throw with a message that names the argument, so a bad hand-off fails where it happens.
 */
import { indexOfNonBinary, indexOfNonFinite } from '../checks';

/** Throw unless `values` is non-empty and every entry is exactly 0 or 1. */
export function assertBinary(values: ArrayLike<number>, name: string): void {
  if (values.length === 0) throw new Error(`${name} is empty`);
  const i = indexOfNonBinary(values);
  if (i >= 0) throw new Error(`${name}[${i}] = ${values[i]}: expected a 0/1 label`);
}

/** Throw unless every score is a finite number (NaN and ±Infinity are rejected, as sklearn's assert_all_finite does). */
export function assertFiniteScores(values: ArrayLike<number>, name: string): void {
  if (values.length === 0) throw new Error(`${name} is empty`);
  const i = indexOfNonFinite(values);
  if (i >= 0) throw new Error(`${name}[${i}] = ${values[i]}: scores must be finite`);
}

/** Throw unless the two arrays have the same length. */
export function assertSameLength(a: ArrayLike<number>, b: ArrayLike<number>, nameA: string, nameB: string): void {
  if (a.length !== b.length) {
    throw new Error(`${nameA} has ${a.length} values but ${nameB} has ${b.length}`);
  }
}

/** The checks for (labels, hard predictions). */
export function assertLabelsAndPredictions(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  assertSameLength(yTrue, yPred, 'yTrue', 'yPred');
  assertBinary(yTrue, 'yTrue');
  assertBinary(yPred, 'yPred');
}

/** The checks for (labels, continuous scores). */
export function assertLabelsAndScores(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): void {
  assertSameLength(yTrue, yScore, 'yTrue', 'yScore');
  assertBinary(yTrue, 'yTrue');
  assertFiniteScores(yScore, 'yScore');
}
