import type { Labels, Matrix } from '../../lib/prep/matrix';
import { createRng } from '../../lib/random';

/**
 * Synthetic stand-in for the study's user table: two overlapping classes over 15 features shaped like the real
 * ones — Gaussian-ish scores, heavy-tailed counts (many zeros, long right tail, ties) and log-normal prices —
 * with some pure-noise columns. Class 1 shifts a few columns, so trees have signal to find and noise to overfit.
 */
export function syntheticShopTable(rows: number, seed: number): { X: Matrix; y: Labels } {
  const rng = createRng(seed);
  const cols = 15;
  const data = new Float64Array(rows * cols);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = rng.next() < 0.5 ? 1 : 0;
    y[i] = c;
    const o = i * cols;
    const shift = c === 1 ? 0.8 : 0;
    data[o + 0] = rng.normal() + shift; // score-like
    data[o + 1] = rng.normal() * 2 - shift; // score-like, other sign
    data[o + 2] = Math.floor(-Math.log(1 - rng.next()) * (1.5 + 2 * c)); // count: geometric-ish, many ties
    data[o + 3] = Math.floor(-Math.log(1 - rng.next()) * 4); // count, no signal
    data[o + 4] = Math.round(Math.exp(rng.normal() * 0.8 + 3 + 0.4 * c) * 100) / 100; // price, log-normal
    data[o + 5] = Math.round(Math.exp(rng.normal() + 2) * 100) / 100; // price, no signal
    data[o + 6] = rng.next() < 0.3 + 0.3 * c ? 1 : 0; // flag
    data[o + 7] = rng.normal() + rng.normal() * shift; // signal in the variance
    data[o + 8] = data[o + 0]! * 0.5 + rng.normal(); // correlated with a signal column
    for (let j = 9; j < cols; j++) data[o + j] = rng.normal(); // noise
    // Interaction: a product of two noise-looking columns carries signal only jointly.
    if (c === 1 && data[o + 9]! * data[o + 10]! > 0) data[o + 11]! += 1;
  }
  return { X: { rows, cols, data }, y };
}

/** ROC AUC by the rank-sum (Mann-Whitney) formula, ties counted half: independent of any library code. */
export function rocAuc(y: Labels, score: ArrayLike<number>): number {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a]! - score[b]!);
  let rankSumPos = 0,
    nPos = 0;
  let k = 0;
  while (k < n) {
    let e = k;
    while (e + 1 < n && score[order[e + 1]!] === score[order[k]!]) e++;
    const avgRank = (k + e) / 2 + 1;
    for (let t = k; t <= e; t++)
      if (y[order[t]!] === 1) {
        rankSumPos += avgRank;
        nPos++;
      }
    k = e + 1;
  }
  const nNeg = n - nPos;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}
