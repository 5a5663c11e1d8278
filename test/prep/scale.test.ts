import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mean, standardDeviation } from 'simple-statistics';
import { matrixFromRows } from '../../lib/prep/matrix';
import { StandardScaler } from '../../lib/prep/scale';
import { assertAllClose, assertClose } from '../metrics/assertClose';

test('hand-computed: population std, constant column scale 1', () => {
  // column 0: 1 2 3 6 -> mean 3, deviations -2 -1 0 3, variance (4 + 1 + 0 + 9) / 4 = 3.5 (ddof 0)
  // column 1: constant 10 -> variance 0, scale 1, transformed 0
  const X = matrixFromRows([
    [1, 10],
    [2, 10],
    [3, 10],
    [6, 10],
  ]);
  const s = new StandardScaler().fit(X);
  assertAllClose(s.mean, [3, 10]);
  assertAllClose(s.variance, [3.5, 0]);
  assertAllClose(s.scale, [Math.sqrt(3.5), 1]);
  const Z = s.transform(X);
  assertAllClose(
    Z.data,
    [-2, 0, -1, 0, 0, 0, 3, 0].map((v, i) => (i % 2 === 0 ? v / Math.sqrt(3.5) : 0)),
  );
  // simple-statistics as an independent reference on the same column
  assertClose(s.mean[0]!, mean([1, 2, 3, 6]));
  assertClose(s.scale[0]!, standardDeviation([1, 2, 3, 6]));
  assert.equal(s.rowsSeen, 4);
});

test('fitted on train only: test rows use the training mean and scale', () => {
  const s = new StandardScaler().fit(matrixFromRows([[0], [2]])); // mean 1, std 1
  assertAllClose(s.transform(matrixFromRows([[5], [-1]])).data, [4, -2]);
});

test('matches sklearn StandardScaler on the fixture', () => {
  const g = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sklearn', 'prep.json'), 'utf8')).scaler as {
    train: number[][];
    test: number[][];
    mean: number[];
    var: number[];
    scale: number[];
    train_transformed: number[][];
    test_transformed: number[][];
  };
  const s = new StandardScaler().fit(matrixFromRows(g.train));
  // relative tolerance: one column sits near 1e6
  g.mean.forEach((m, j) => {
    assertClose(s.mean[j]!, m, 1e-12 * Math.max(1, Math.abs(m)), `mean ${j}`);
  });
  g.var.forEach((v, j) => {
    assertClose(s.variance[j]!, v, 1e-12 * Math.max(1, v), `var ${j}`);
  });
  assertAllClose(s.scale, g.scale, 1e-12, 'scale');
  assertAllClose(s.transform(matrixFromRows(g.train)).data, g.train_transformed.flat(), 1e-12, 'train');
  assertAllClose(s.transform(matrixFromRows(g.test)).data, g.test_transformed.flat(), 1e-12, 'test');
});

test('errors: not fitted, wrong width, non-finite, empty', () => {
  assert.throws(() => new StandardScaler().transform(matrixFromRows([[1]])), /not fitted/);
  const s = new StandardScaler().fit(
    matrixFromRows([
      [1, 2],
      [3, 4],
    ]),
  );
  assert.throws(() => s.transform(matrixFromRows([[1]])), /1 columns but the scaler was fitted on 2/);
  assert.throws(() => s.fit(matrixFromRows([[1, NaN]])), /column 1 is NaN/);
  assert.throws(() => s.fit(matrixFromRows([])), /empty/);
});
