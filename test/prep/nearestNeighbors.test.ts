import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrixFromRows, type Matrix } from '../../lib/prep/matrix';
import { kNearestNeighbors, kNearestOtherRows } from '../../lib/prep/nearestNeighbors';
import { createRng } from '../../lib/random';

/** Reference: every (distance, index) pair sorted, the first k per query; `skipSelf` drops j === i. */
function reference(train: Matrix, query: Matrix, k: number, skipSelf = false): { idx: number[][]; dist: number[][] } {
  const idx: number[][] = [],
    dist: number[][] = [];
  for (let i = 0; i < query.rows; i++) {
    const all: [number, number][] = [];
    for (let j = 0; j < train.rows; j++) {
      if (skipSelf && j === i) continue;
      let d = 0;
      for (let c = 0; c < train.cols; c++) d += (train.data[j * train.cols + c]! - query.data[i * query.cols + c]!) ** 2;
      all.push([d, j]);
    }
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    idx.push(all.slice(0, k).map((p) => p[1]));
    dist.push(all.slice(0, k).map((p) => p[0]));
  }
  return { idx, dist };
}

/** Rows i..i+1 of a rows × k array as plain arrays. */
function rowsOf(a: ArrayLike<number>, k: number): number[][] {
  return Array.from({ length: a.length / k }, (_, i) => Array.from(Array.prototype.slice.call(a, i * k, (i + 1) * k) as number[]));
}

/** Random data with heavy ties: small-integer coordinates, a rounded-decimal one, and big identical clusters. */
function tiedData(seed: number, n: number): Matrix {
  const rng = createRng(seed);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push([rng.int(4), rng.int(3), Math.round(rng.normal() * 100) / 100, rng.int(2)]);
  // clusters larger than a leaf (zero-width boxes) and duplicates of earlier rows at later indices
  for (let i = 0; i < 90; i++) rows.push([1, 1, 0.5, 1]);
  for (let i = 0; i < 40; i++) rows.push([...rows[i * 3]!]);
  rng.shuffle(rows);
  return matrixFromRows(rows);
}

test('a hand-made line of points: neighbours and squared distances', () => {
  // points at 0, 1, 3, 7, 8; the query 2 is at squared distance 1 from both 1 and 3: the smaller index first
  const train = matrixFromRows([[0], [1], [3], [7], [8]]);
  const nb = kNearestNeighbors(train, matrixFromRows([[2], [7.5]]), 3);
  assert.deepEqual(Array.from(nb.indices), [1, 2, 0, 3, 4, 2]);
  assert.deepEqual(Array.from(nb.squaredDistances), [1, 1, 4, 0.25, 0.25, 20.25]);
});

test('k-d tree and brute force equal an independent sort of all pairs, ties and duplicates included', () => {
  for (const seed of [1, 2, 3]) {
    const train = tiedData(seed, 900),
      query = tiedData(seed + 10, 300);
    for (const k of [1, 6, 21]) {
      const ref = reference(train, query, k);
      for (const algorithm of ['kd_tree', 'brute'] as const) {
        const nb = kNearestNeighbors(train, query, k, algorithm);
        assert.deepEqual(rowsOf(nb.indices, k), ref.idx, `seed ${seed}, k ${k}, ${algorithm}`);
        assert.deepEqual(rowsOf(nb.squaredDistances, k), ref.dist, `seed ${seed}, k ${k}, ${algorithm}`);
      }
    }
  }
});

test('hundreds of identical rows (zero-width leaves): the smallest indices among them come first', () => {
  const rng = createRng(6);
  const rows: number[][] = [];
  for (let i = 0; i < 150; i++) rows.push([rng.int(4), rng.int(3)]);
  for (let i = 0; i < 400; i++) rows.push([1, 1]);
  rng.shuffle(rows);
  const X = matrixFromRows(rows);
  for (const k of [3, 40]) {
    assert.deepEqual(rowsOf(kNearestNeighbors(X, X, k).indices, k), reference(X, X, k).idx, `k ${k}`);
    assert.deepEqual(rowsOf(kNearestOtherRows(X, k), k), reference(X, X, k, true).idx, `k ${k}`);
  }
});

test("continuous data in 15 dimensions (the study's width): tree equals the reference", () => {
  const rng = createRng(5);
  const make = (n: number): Matrix => ({ rows: n, cols: 15, data: Float64Array.from({ length: n * 15 }, () => rng.normal()) });
  const train = make(1500),
    query = make(200);
  const nb = kNearestNeighbors(train, query, 20);
  const ref = reference(train, query, 20);
  assert.deepEqual(rowsOf(nb.indices, 20), ref.idx);
  assert.deepEqual(rowsOf(nb.squaredDistances, 20), ref.dist);
});

test('the answer does not depend on the query order', () => {
  const train = tiedData(8, 700),
    query = tiedData(9, 250);
  const k = 7;
  const perm = Array.from({ length: query.rows }, (_, i) => query.rows - 1 - i);
  const reversed: Matrix = { rows: query.rows, cols: query.cols, data: new Float64Array(query.data.length) };
  perm.forEach((src, dst) => {
    reversed.data.set(query.data.subarray(src * 4, src * 4 + 4), dst * 4);
  });
  const a = rowsOf(kNearestNeighbors(train, query, k).indices, k);
  const b = rowsOf(kNearestNeighbors(train, reversed, k).indices, k);
  assert.deepEqual(
    perm.map((src) => a[src]),
    b,
  );
});

test('kNearestOtherRows: the k nearest other rows, the row itself dropped even inside a big duplicate cluster', () => {
  const X = tiedData(4, 800);
  for (const k of [1, 5]) assert.deepEqual(rowsOf(kNearestOtherRows(X, k), k), reference(X, X, k, true).idx, `k ${k}`);
  // 10 identical rows: row 9 has 9 duplicates with smaller indices, more than k + 1 = 4 of them
  const dup = matrixFromRows([...Array.from({ length: 10 }, () => [2, 2]), [0, 0], [5, 5]]);
  const nn = rowsOf(kNearestOtherRows(dup, 3), 3);
  assert.deepEqual(nn[0], [1, 2, 3]);
  assert.deepEqual(nn[2], [0, 1, 3]);
  assert.deepEqual(nn[9], [0, 1, 2]);
  assert.deepEqual(nn[10], [0, 1, 2]);
});

test('a hand-made line of points: nearest other rows', () => {
  // points on a line at 0, 1, 3, 7, 8: nearest of 0 -> 1 (1), 3 (3); of 3 -> 1 (2), 0 (3)
  const X = matrixFromRows([[0], [1], [3], [7], [8]]);
  assert.deepEqual(Array.from(kNearestOtherRows(X, 2)), [1, 2, 0, 2, 1, 0, 4, 2, 3, 2]);
});

test('errors', () => {
  assert.throws(() => kNearestOtherRows(matrixFromRows([[1], [2]]), 2), /more than 2 rows/);
  assert.throws(() => kNearestOtherRows(matrixFromRows([[1], [2]]), 0), /k must be/);
  assert.throws(() => kNearestNeighbors(matrixFromRows([[1], [2]]), matrixFromRows([[1]]), 3), /exceeds the 2 training rows/);
  assert.throws(() => kNearestNeighbors(matrixFromRows([[1], [2]]), matrixFromRows([[1, 2]]), 1), /1 features, query 2/);
});
