import { createRng } from '../random';
import type { Labels } from './matrix';
import { assertTwoClasses } from './validate';

/**
 * Random undersampling of the majority class (imblearn RandomUnderSampler defaults: balance to the minority
 * count, without replacement). `indices` are the rows to resample (e.g. the training rows of a split); the
 * result keeps every minority row and a seeded random subset of the majority rows of the same size, laid out
 * like imblearn's: class 0's rows, then class 1's, the sampled class in draw order, the other in input order.
 */
export function randomUndersample(y: Labels, indices: ArrayLike<number>, seed: number): Uint32Array {
  const byClass: [number[], number[]] = [[], []];
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= y.length) throw new Error(`indices[${k}] = ${i} is not a row of y (${y.length} rows)`);
    const label = y[i]!;
    if (label > 1) throw new Error(`y[${i}] = ${label}: expected a 0/1 label`);
    byClass[label]!.push(i);
  }
  if (indices.length === 0) throw new Error('indices is empty');
  const counts: [number, number] = [byClass[0].length, byClass[1].length];
  assertTwoClasses(counts, 'randomUndersample');
  const minority = counts[1] < counts[0] ? 1 : 0;
  const keep = counts[minority];
  const rng = createRng(seed);
  const out = new Uint32Array(2 * keep);
  let end = 0;
  for (let c = 0; c < 2; c++) {
    const rows = byClass[c]!;
    if (c !== minority) {
      // partial Fisher-Yates: the first `keep` slots become a uniform sample without replacement
      for (let j = 0; j < keep; j++) {
        const r = j + rng.int(rows.length - j);
        const tmp = rows[j]!;
        rows[j] = rows[r]!;
        rows[r] = tmp;
      }
    }
    for (let j = 0; j < keep; j++) out[end++] = rows[j]!;
  }
  return out;
}
