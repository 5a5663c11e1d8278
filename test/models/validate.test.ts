import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrixFromRows } from '../../lib/prep/matrix';
import { assertFitInput, assertPredictInput } from '../../lib/models/validate';
import { LogisticRegression } from '../../lib/models/logisticRegression';
import { GaussianNaiveBayes } from '../../lib/models/gaussianNaiveBayes';
import { KNearestNeighbors } from '../../lib/models/knn';
import { VotingClassifier } from '../../lib/models/voting';
import { XGBoostClassifier, loadXGBoost } from '../../lib/models/xgboost';

const good = matrixFromRows(
  [
    [0, 1],
    [1, 0],
    [2, 2],
    [3, 1],
  ],
  ['a', 'b'],
);
const labels = Uint8Array.from([0, 1, 0, 1]);

test('assertFitInput accepts a clean two-class table', () => {
  assert.doesNotThrow(() => assertFitInput(good, labels, 'm'));
});

test('assertFitInput names NaN and Infinity with row, column and feature', () => {
  const nan = matrixFromRows(
    [
      [0, 1],
      [1, NaN],
      [2, 2],
      [3, 1],
    ],
    ['a', 'b'],
  );
  assert.throws(() => assertFitInput(nan, labels, 'm'), /m: feature value NaN at row 1, column 1 \(b\)/);
  const inf = matrixFromRows([
    [0, 1],
    [1, 0],
    [-Infinity, 2],
    [3, 1],
  ]);
  assert.throws(() => assertFitInput(inf, labels, 'm'), /-Infinity at row 2, column 0/);
});

test('assertFitInput rejects single-class targets, bad labels, length mismatch and empty tables', () => {
  assert.throws(() => assertFitInput(good, Uint8Array.from([1, 1, 1, 1]), 'm'), /single class \(all 1\)/);
  assert.throws(() => assertFitInput(good, Uint8Array.from([0, 0, 0, 0]), 'm'), /single class \(all 0\)/);
  assert.throws(() => assertFitInput(good, Uint8Array.from([0, 1, 2, 1]), 'm'), /label 2 at row 2/);
  assert.throws(() => assertFitInput(good, Uint8Array.from([0, 1, 0]), 'm'), /4 feature rows but 3 labels/);
  assert.throws(() => assertFitInput({ rows: 0, cols: 2, data: new Float64Array(0) }, new Uint8Array(0), 'm'), /empty table/);
  assert.throws(() => assertFitInput({ rows: 2, cols: 0, data: new Float64Array(0) }, Uint8Array.from([0, 1]), 'm'), /0 columns/);
  assert.throws(
    () => assertFitInput({ rows: 2, cols: 2, data: new Float64Array(3) }, Uint8Array.from([0, 1]), 'm'),
    /3 values, expected 2 x 2/,
  );
});

test('assertPredictInput checks fitted state, feature count and finiteness', () => {
  assert.throws(() => assertPredictInput(good, -1, 'm'), /not fitted/);
  assert.throws(() => assertPredictInput(good, 3, 'm'), /2 features but the model was fitted with 3/);
  assert.throws(() => assertPredictInput(matrixFromRows([[NaN, 0]]), 2, 'm'), /NaN at row 0/);
  assert.doesNotThrow(() => assertPredictInput({ rows: 0, cols: 2, data: new Float64Array(0) }, 2, 'm'));
});

test('every model reports bad input with its name', async () => {
  await loadXGBoost();
  const models = [
    new LogisticRegression(),
    new GaussianNaiveBayes(),
    new KNearestNeighbors({ nNeighbors: 1 }),
    new XGBoostClassifier({ nEstimators: 2 }),
    new VotingClassifier({ estimators: [new GaussianNaiveBayes()], voting: 'soft' }),
  ];
  const nan = matrixFromRows([
    [0, 1],
    [1, NaN],
    [2, 2],
    [3, 1],
  ]);
  for (const m of models) {
    assert.throws(() => m.fit(nan, labels), new RegExp(`${m.name}: feature value NaN`));
    assert.throws(() => m.fit(good, Uint8Array.from([1, 1, 1, 1])), new RegExp(`${m.name}: the target has a single class`));
    assert.throws(() => m.fit(good, Uint8Array.from([1, 0])), new RegExp(`${m.name}: 4 feature rows but 2 labels`));
    if (!(m instanceof VotingClassifier)) assert.throws(() => m.predictProba(good), new RegExp(`${m.name}: not fitted`));
    m.fit(good, labels);
    assert.throws(() => m.predictProba(matrixFromRows([[1, 2, 3]])), /3 features but the model was fitted with 2/);
    assert.throws(() => m.predict(matrixFromRows([[1, Infinity]])), /Infinity at row 0, column 1/);
    if (m instanceof XGBoostClassifier) m.dispose();
  }
});
