import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Matrix as MlMatrix } from 'ml-matrix';
import MlLogisticRegression from 'ml-logistic-regression';
import { matrixFromRows } from '../../lib/prep/matrix';
import { LogisticRegression } from '../../lib/models/logisticRegression';
import { accuracy, loadFixture, maxAbsoluteError, maxRelativeError, toLabels, toMatrix, twoGaussians } from './helpers';

test("matches scikit-learn's converged optimum (newton-cg, tol=1e-10) on mixed-scale data", () => {
  const f = loadFixture('logistic_regression.json');
  const X = toMatrix(f.X),
    y = toLabels(f.y),
    Xt = toMatrix(f.X_test);
  for (const c of f.cases) {
    const lr = new LogisticRegression({ C: c.C, fitIntercept: c.fit_intercept }).fit(X, y);
    assert.ok(lr.converged, `converged for C=${c.C}`);
    assert.ok(maxRelativeError(lr.coef, c.coef) < 1e-6, `coef ${lr.coef} vs ${c.coef}`);
    if (c.fit_intercept)
      assert.ok(Math.abs(lr.intercept - c.intercept) / Math.abs(c.intercept) < 1e-6, `intercept ${lr.intercept} vs ${c.intercept}`);
    else assert.equal(lr.intercept, 0);
    assert.ok(maxAbsoluteError(lr.predictProba(Xt), c.proba_test) < 1e-7);
    assert.deepEqual(Array.from(lr.predict(Xt)), c.predict_test);
  }
});

test('one-feature optimum equals the root of the hand-derived gradient', () => {
  // x = (1, -1), y = (1, 0), no intercept: objective 0.5 w² + 2C log(1 + e^(−w)); gradient w − 2C/(1 + e^w) = 0.
  const C = 3;
  let lo = 0,
    hi = 10;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid - (2 * C) / (1 + Math.exp(mid)) < 0) lo = mid;
    else hi = mid;
  }
  const lr = new LogisticRegression({ C, fitIntercept: false }).fit(matrixFromRows([[1], [-1]]), Uint8Array.from([1, 0]));
  assert.ok(Math.abs(lr.coef[0]! - lo) < 1e-12, `${lr.coef[0]} vs ${lo}`);
});

test('linearly separable data: 100% training accuracy, same predictions as ml-logistic-regression', () => {
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 40; i++) {
    const a = ((i * 7) % 11) - 5,
      b = ((i * 5) % 13) - 6;
    if (Math.abs(a + b - 0.5) < 1) continue; // a margin around the separating line a + b = 0.5
    rows.push([a, b]);
    y.push(a + b > 0.5 ? 1 : 0);
  }
  const X = matrixFromRows(rows),
    labels = Uint8Array.from(y);
  const ours = new LogisticRegression({ C: 100 }).fit(X, labels).predict(X);
  assert.equal(accuracy(ours, labels), 1);
  const ml = new MlLogisticRegression({ numSteps: 3000, learningRate: 5e-3 });
  ml.train(new MlMatrix(rows), MlMatrix.columnVector(y));
  assert.deepEqual(Array.from(ours), ml.predict(new MlMatrix(rows)));
});

test('two Gaussian classes: test accuracy close to the analytic Bayes rate', () => {
  const train = twoGaussians(4000, [1.5, -1, 0.5], 11);
  const testSet = twoGaussians(20000, [1.5, -1, 0.5], 12);
  const lr = new LogisticRegression().fit(train.X, train.y);
  const acc = accuracy(lr.predict(testSet.X), testSet.y);
  // Bayes accuracy ≈ 0.8043; sampling sd on 20000 rows ≈ 0.003, plus a small estimation loss from 4000 rows.
  assert.ok(acc <= testSet.bayesAccuracy + 0.01 && acc > testSet.bayesAccuracy - 0.015, `${acc} vs Bayes ${testSet.bayesAccuracy}`);
});

test('unscaled, badly conditioned features still converge to the optimum (scale invariance)', () => {
  const base = twoGaussians(2000, [1, 1], 5);
  const scaled = { ...base.X, data: base.X.data.map((v, k) => (k % 2 === 0 ? v * 1e4 : v)) };
  const a = new LogisticRegression({ C: 1e6 }).fit(base.X, base.y);
  const b = new LogisticRegression({ C: 1e6 }).fit(scaled, base.y);
  // With a negligible penalty the scaled fit is the same model: w0 scales by 1e-4, the rest is unchanged.
  assert.ok(b.converged);
  assert.ok(Math.abs(b.coef[0]! * 1e4 - a.coef[0]!) / Math.abs(a.coef[0]!) < 1e-6);
  assert.ok(Math.abs(b.coef[1]! - a.coef[1]!) / Math.abs(a.coef[1]!) < 1e-6);
});
