/**
 * Converting numeric inputs for plotly specs: typed arrays (Float64Array, Uint8Array...) serialise
 * to JSON as objects, not arrays, so every builder copies its inputs into plain arrays.
 */

/** A plain number array from any array-like of numbers. */
export function plainNumbers(values: ArrayLike<number>): number[] {
  return Array.from(values);
}

/** Throws unless all the named series have the same length (a silent mismatch would misdraw). */
export function assertSameLength(what: string, series: Record<string, ArrayLike<unknown>>): void {
  const lengths = Object.entries(series).map(([name, s]) => `${name}=${s.length}`);
  const first = Object.values(series)[0]?.length;
  if (Object.values(series).some((s) => s.length !== first)) {
    throw new Error(`${what}: series lengths differ (${lengths.join(', ')})`);
  }
}

/** Indices of rows in each class of a 0/1 label vector: [negatives, positives]. */
export function splitByClass(labels: ArrayLike<number>): [number[], number[]] {
  const negatives: number[] = [];
  const positives: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] === 1 ? positives : negatives).push(i);
  return [negatives, positives];
}

/** The values at the given indices. */
export function pick(values: ArrayLike<number>, indices: number[]): number[] {
  return indices.map((i) => values[i]!);
}
