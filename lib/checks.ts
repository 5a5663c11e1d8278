/**
 * The element checks behind every input validation (prep, models, metrics): one loop each, so the rule is the
 * same everywhere, while each caller words its error in its own terms (which matrix, which model, which metric).
 */

/** Index of the first value that is NaN or ±Infinity, or -1 when all are finite. */
export function indexOfNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    // x − x is 0 for every finite x and NaN for NaN and ±Infinity: one subtraction, no call, in the hot path.
    const v = values[i]!;
    if (v - v !== 0) return i;
  }
  return -1;
}

/** Index of the first value that is not exactly 0 or 1, or -1 when all are labels. */
export function indexOfNonBinary(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== 0 && v !== 1) return i;
  }
  return -1;
}
