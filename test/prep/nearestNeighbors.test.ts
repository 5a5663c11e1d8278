import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrixFromRows, type Matrix } from '../../lib/prep/matrix';
import { kNearestNeighbors } from '../../lib/prep/nearestNeighbors';
import { createRng } from '../../lib/random';

/** Reference: all distances, sorted by (distance, index). */
function bruteForce(X: Matrix, k: number): { idx: number[][]; dist: number[][] } {
  const idx: number[][] = [], dist: number[][] = [];
  for (let i = 0; i < X.rows; i++) {
    const all: [number, number][] = [];
    for (let j = 0; j < X.rows; j++) {
      if (j === i) continue;
      let d = 0;
      for (let c = 0; c < X.cols; c++) d += (X.data[i * X.cols + c] - X.data[j * X.cols + c]) ** 2;
      all.push([d, j]);
    }
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    idx.push(all.slice(0, k).map((p) => p[1]));
    dist.push(all.slice(0, k).map((p) => p[0]));
  }
  return { idx, dist };
}

test('a hand-made line of points', () => {
  // points on a line at 0, 1, 3, 7, 8: nearest of 0 -> 1 (1), 3 (3); of 3 -> 1 (2), 0 (3)
  const X = matrixFromRows([[0], [1], [3], [7], [8]]);
  const nn = kNearestNeighbors(X, 2);
  assert.deepEqual(Array.from(nn), [1, 2, 0, 2, 1, 0, 4, 2, 3, 2]);
});

test('the k-d tree agrees with brute force on random data, ties included', () => {
  const rng = createRng(3);
  const rows = Array.from({ length: 700 }, () => [rng.normal(), rng.normal() * 10, rng.next(), Math.round(rng.next() * 3)]);
  // exact duplicates and a large identical cluster exercise the tie rule (distance, then index)
  for (let i = 0; i < 40; i++) rows.push([0.5, 0.5, 0.5, 1]);
  for (let i = 0; i < 20; i++) rows.push([...rows[i]]);
  const X = matrixFromRows(rows);
  const k = 5;
  const nn = kNearestNeighbors(X, k);
  const ref = bruteForce(X, k);
  for (let i = 0; i < X.rows; i++) assert.deepEqual(Array.from(nn.subarray(i * k, (i + 1) * k)), ref.idx[i], `row ${i}`);
});

test('errors', () => {
  assert.throws(() => kNearestNeighbors(matrixFromRows([[1], [2]]), 2), /more than 2 rows/);
  assert.throws(() => kNearestNeighbors(matrixFromRows([[1], [2]]), 0), /k must be/);
});
