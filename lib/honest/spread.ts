/** How much a number moves from origin to origin: mean, sample standard deviation, min and max. */

export interface Spread {
  /** Number of origins. */
  n: number;
  mean: number;
  /** Sample standard deviation (n − 1 in the denominator); NaN for a single origin, where it is undefined. */
  sd: number;
  min: number;
  max: number;
}

/**
 * The spread of `values` (one per origin).
 * @example spread([0.78, 0.80, 0.85]) // { n: 3, mean: 0.81, sd: 0.036..., min: 0.78, max: 0.85 }
 */
export function spread(values: readonly number[]): Spread {
  const n = values.length;
  if (n === 0) throw new Error('spread of no values');
  let sum = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error(`spread: ${v} is not a finite number`);
    sum += v;
  }
  const mean = sum / n;
  let squares = 0;
  for (const v of values) squares += (v - mean) ** 2;
  return { n, mean, sd: n > 1 ? Math.sqrt(squares / (n - 1)) : NaN, min: Math.min(...values), max: Math.max(...values) };
}
