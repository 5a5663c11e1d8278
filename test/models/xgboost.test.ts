import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { matrixFromRows } from '../../lib/prep/matrix';
import { createXGBoostClassifier, loadXGBoost, XGBoostClassifier, XGBoostRandomForest } from '../../lib/models/xgboost';
import { accuracy, loadFixture, maxAbsoluteError, toLabels, toMatrix } from './helpers';

before(async () => {
  await loadXGBoost();
});

/** Rank-sum ROC AUC (ties count one half), computed here independently of the project's metrics module. */
function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let pairs = 0,
    wins = 0;
  for (let i = 0; i < labels.length; i++)
    if (labels[i] === 1)
      for (let j = 0; j < labels.length; j++)
        if (labels[j] === 0) {
          pairs++;
          wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
        }
  return wins / pairs;
}

const f = loadFixture('xgboost.json');
const X = toMatrix(f.X),
  y = toLabels(f.y),
  Xt = toMatrix(f.X_test);

test('study parameters reproduce python-xgboost 1.7 (exact tree method): probabilities, AUC, split counts', () => {
  const m = new XGBoostClassifier({ nEstimators: 100, maxDepth: 3, learningRate: 0.1, subsample: 1 }).fit(X, y);
  const p = m.predictProba(Xt);
  // Both libraries run exact greedy split finding on the same float32 inputs, so the trees coincide; what is
  // left is float32 rounding of the summed leaf values (one ulp at 0.5 is 6e-8), hence 1e-6.
  assert.ok(maxAbsoluteError(p, f.proba_test) < 1e-6, `max diff ${maxAbsoluteError(p, f.proba_test)}`);
  assert.ok(Math.abs(auc(p, f.y_test) - f.auc_test) < 1e-9);
  const weight = Object.fromEntries(m.featureImportance('weight').map((e) => [e.feature, e.score]));
  assert.deepEqual(weight, f.importance_weight);
  // Average gain per split: float32 statistics in both libraries, relative agreement to 1e-5.
  for (const e of m.featureImportance('gain')) {
    assert.ok(Math.abs(e.score - f.importance_gain[e.feature]) / f.importance_gain[e.feature] < 1e-5, e.feature);
  }
  m.dispose();
});

test('scoring more rows than one library call takes (32,768) keeps every row in place: python-xgboost probabilities tiled', () => {
  const m = new XGBoostClassifier({ nEstimators: 100, maxDepth: 3, learningRate: 0.1, subsample: 1 }).fit(X, y);
  const n = Xt.rows;
  const copies = Math.ceil(70_000 / n); // three library calls, the last one partial
  const data = new Float64Array(copies * n * Xt.cols);
  for (let c = 0; c < copies; c++) data.set(Xt.data, c * Xt.data.length);
  const p = m.predictProba({ rows: copies * n, cols: Xt.cols, data });
  assert.equal(p.length, copies * n);
  let worst = 0;
  for (let i = 0; i < p.length; i++) worst = Math.max(worst, Math.abs(p[i]! - f.proba_test[i % n]!));
  assert.ok(worst < 1e-6, `max diff ${worst}`);
});

test('featureImportance is sorted by score and uses the matrix column names', () => {
  const named = { ...X, names: ['recency', 'rate', 'carts', 'noise', 'price'] };
  const m = new XGBoostClassifier().fit(named, y);
  const imp = m.featureImportance();
  const scores = imp.map((e) => e.score);
  assert.deepEqual(
    scores,
    [...scores].sort((a, b) => b - a),
  );
  assert.deepEqual(
    imp.map((e) => e.feature),
    ['rate', 'recency', 'price', 'noise', 'carts'],
  ); // f1 173, f0 144, f4 99, f3 95, f2 78
  // Every split of 100 depth-3 trees is counted once: at most 7 per tree.
  assert.ok(scores.reduce((a, b) => a + b, 0) <= 700);
  m.dispose();
});

test('seeded: same seed → identical model, different seed → different model (with row subsampling)', () => {
  const run = (seed: number): Float64Array => {
    const m = new XGBoostClassifier({ subsample: 0.7, seed }).fit(X, y);
    const p = m.predictProba(Xt);
    m.dispose();
    return p;
  };
  assert.deepEqual(run(1), run(1));
  assert.notDeepEqual(run(1), run(2));
});

test("a feature value of -1 is data, not ml-xgboost's missing-value marker", () => {
  // Label 1 iff x = −1 among x ∈ {−2, −1, 0}: only representable if −1 is an ordinary value (two splits).
  const rows: number[][] = [],
    labels: number[] = [];
  for (let i = 0; i < 60; i++) {
    const x = (i % 3) - 2;
    rows.push([x]);
    labels.push(x === -1 ? 1 : 0);
  }
  const m = new XGBoostClassifier({ maxDepth: 2, nEstimators: 50, learningRate: 0.3 }).fit(matrixFromRows(rows), Uint8Array.from(labels));
  assert.deepEqual(Array.from(m.predict(matrixFromRows([[-2], [-1], [0]]))), [0, 1, 0]);
  m.dispose();
});

test('random-forest mode: 100 parallel trees in one round, good ranking, deterministic', async () => {
  const rf = new XGBoostRandomForest({ nEstimators: 100, seed: 3 }).fit(X, y);
  assert.equal(rf.model().trees.length, 100);
  const p = rf.predictProba(Xt);
  assert.ok(auc(p, f.y_test) > 0.7, `AUC ${auc(p, f.y_test)}`);
  const again = new XGBoostRandomForest({ nEstimators: 100, seed: 3 }).fit(X, y);
  assert.deepEqual(again.predictProba(Xt), p);
  rf.dispose();
  again.dispose();
  const made = await createXGBoostClassifier({ nEstimators: 5 });
  assert.ok(accuracy(made.fit(X, y).predict(X), y) > 0.6);
  made.dispose();
});

test('dispose frees the booster: predicting afterwards fails, a second dispose is harmless, refit works', () => {
  const m = new XGBoostClassifier({ nEstimators: 3 }).fit(X, y);
  m.dispose();
  m.dispose();
  assert.throws(() => m.predictProba(Xt), /not fitted/);
  for (let i = 0; i < 5; i++) m.fit(X, y); // each refit frees the previous booster
  assert.equal(m.predictProba(Xt).length, Xt.rows);
  m.dispose();
});
