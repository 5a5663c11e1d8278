import { test } from 'node:test';
import assert from 'node:assert/strict';
import KNN from 'ml-knn';
import { matrixFromRows, type Matrix } from '../../lib/prep/matrix';
import { createRng } from '../../lib/random';
import { KNearestNeighbors, knnSweep } from '../../lib/models/knn';
import { kNearestNeighbors } from '../../lib/prep/nearestNeighbors';
import { accuracy, loadFixture, maxAbsoluteError, toLabels, toMatrix, twoGaussians } from './helpers';

const f = loadFixture('knn.json');
const X = toMatrix(f.X),
  y = toLabels(f.y),
  Xt = toMatrix(f.X_test),
  yt = toLabels(f.y_test);

test("neighbour lists and distances equal scikit-learn's (k-d tree and brute force)", () => {
  for (const algorithm of ['kd_tree', 'brute'] as const) {
    const nb = kNearestNeighbors(X, Xt, 20, algorithm);
    assert.deepEqual(Array.from(nb.indices), f.neighbors_k20.flat());
    assert.ok(maxAbsoluteError(nb.squaredDistances.map(Math.sqrt), f.distances_k20.flat()) < 1e-12);
  }
});

test('predict_proba and predict equal KNeighborsClassifier (k = 5; k = 2 with ties to class 0)', () => {
  const knn = new KNearestNeighbors().fit(X, y);
  assert.deepEqual(Array.from(knn.predictProba(Xt)), f.proba_test_k5);
  assert.deepEqual(Array.from(knn.predict(Xt)), f.predict_test_k5);
  const knn2 = new KNearestNeighbors({ nNeighbors: 2 }).fit(X, y);
  assert.deepEqual(Array.from(knn2.predict(Xt)), f.predict_test_k2);
});

test('knnSweep: accuracy for k = 1..20 equals twenty separate scikit-learn fits; per-k probabilities', () => {
  const sweep = knnSweep(X, y, Xt, yt, 20);
  assert.deepEqual(
    sweep.k,
    Array.from({ length: 20 }, (_, i) => i + 1),
  );
  for (let i = 0; i < 20; i++) assert.ok(Math.abs(sweep.accuracy[i]! - f.sweep_accuracy[i]) < 1e-12, `k=${i + 1}`);
  const best = f.sweep_accuracy.indexOf(Math.max(...f.sweep_accuracy)) + 1;
  assert.equal(sweep.bestK, best);
  assert.deepEqual(Array.from(sweep.probabilities[4]!), f.proba_test_k5);
});

test('hand-worked: ties at equal distance go to the smaller training index', () => {
  // Query 0 is at distance 1 from rows 0, 1, 2, 3 (labels 1, 0, 0, 1) and 5 from row 4.
  const train = matrixFromRows([
    [1, 0],
    [-1, 0],
    [0, 1],
    [0, -1],
    [3, 4],
  ]);
  const nb = kNearestNeighbors(train, matrixFromRows([[0, 0]]), 3);
  assert.deepEqual(Array.from(nb.indices), [0, 1, 2]);
  assert.deepEqual(Array.from(nb.squaredDistances), [1, 1, 1]);
  const knn = new KNearestNeighbors({ nNeighbors: 3 }).fit(train, Uint8Array.from([1, 0, 0, 1, 1]));
  assert.deepEqual(
    Array.from(
      knn.predictProba(
        matrixFromRows([
          [0, 0],
          [3, 3.9],
        ]),
      ),
    ),
    [1 / 3, 2 / 3],
  );
});

test('k-d tree equals brute force on integer data full of duplicates and ties', () => {
  const rng = createRng(7);
  const make = (n: number): Matrix => ({ rows: n, cols: 4, data: Float64Array.from({ length: n * 4 }, () => rng.int(4)) });
  const train = make(700),
    query = make(200);
  const a = kNearestNeighbors(train, query, 15, 'kd_tree');
  const b = kNearestNeighbors(train, query, 15, 'brute');
  assert.deepEqual(a.indices, b.indices);
  assert.deepEqual(a.squaredDistances, b.squaredDistances);
});

test('same predictions as ml-knn on small tie-free data', () => {
  const train = twoGaussians(300, [2, 1, 0], 41),
    query = twoGaussians(100, [2, 1, 0], 42);
  const rows = (m: Matrix): number[][] =>
    Array.from({ length: m.rows }, (_, i) => Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
  const ml = new KNN(rows(train.X), Array.from(train.y), { k: 5 });
  const ours = new KNearestNeighbors().fit(train.X, train.y).predict(query.X);
  assert.deepEqual(Array.from(ours), ml.predict(rows(query.X)));
});

test('two Gaussian classes: large-k accuracy approaches the Bayes rate', () => {
  const train = twoGaussians(4000, [2, 0], 51),
    testSet = twoGaussians(4000, [2, 0], 52);
  const sweep = knnSweep(train.X, train.y, testSet.X, testSet.y, 40);
  // Bayes accuracy Φ(1) ≈ 0.8413; k-NN with k = 40 on 4000 rows is within a couple of points of it.
  assert.ok(Math.abs(sweep.accuracy[39]! - testSet.bayesAccuracy) < 0.025, `${sweep.accuracy[39]} vs ${testSet.bayesAccuracy}`);
  assert.ok(accuracy(new KNearestNeighbors({ nNeighbors: 1 }).fit(train.X, train.y).predict(train.X), train.y) === 1);
});

test('rejects k larger than the training set', () => {
  assert.throws(
    () => new KNearestNeighbors({ nNeighbors: 6 }).fit(matrixFromRows([[0], [1], [2]]), Uint8Array.from([0, 1, 0])),
    /exceeds the 3 training rows/,
  );
  assert.throws(() => new KNearestNeighbors({ nNeighbors: 0 }), /positive integer/);
});
