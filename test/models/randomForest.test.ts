import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RandomForestClassifier as MlRandomForest } from 'ml-random-forest';
import { RandomForestClassifier } from '../../lib/models/randomForest';
import { DecisionTreeClassifier } from '../../lib/models/decisionTree';
import { matrixFromRows, type Matrix } from '../../lib/prep/matrix';
import { createRng } from '../../lib/random';
import fixture from '../fixtures/sklearn/trees.json';
import { rocAuc, syntheticShopTable } from './treeTestData';

/*
 * Full-size timing is not a test (too slow for CI). Measured by hand on syntheticShopTable(74000, 1) for training
 * and syntheticShopTable(65000, 2) for scoring, 100 trees, seed 1: see RandomForestClassifier's TSDoc.
 */

const forestData = fixture.forest;
const Xf = matrixFromRows(forestData.X),
  yf = Uint8Array.from(forestData.y);
const Xft = matrixFromRows(forestData.X_test),
  yft = Uint8Array.from(forestData.y_test);

for (const splitter of ['exact', 'hist'] as const) {
  test(`${splitter} forest reaches scikit-learn's held-out AUC within 0.01 (100 trees, 1500 × 6)`, () => {
    const rf = new RandomForestClassifier({ splitter, seed: 0 }).fit(Xf, yf);
    const auc = rocAuc(yft, rf.predictProba(Xft));
    assert.ok(Math.abs(auc - forestData.sklearn_forest_auc_mean) < 0.01, `ours ${auc} vs sklearn ${forestData.sklearn_forest_auc_mean}`);
  });
}

test('a forest beats a single fully grown tree on noisy held-out data', () => {
  // sklearn on the fixture data: tree AUC ≈ 0.74, forest ≈ 0.90; same pattern on the synthetic shop table.
  const train = syntheticShopTable(3000, 31),
    holdout = syntheticShopTable(2000, 32);
  const tree = new DecisionTreeClassifier().fit(train.X, train.y);
  const forest = new RandomForestClassifier({ nEstimators: 60, seed: 3 }).fit(train.X, train.y);
  const aucTree = rocAuc(holdout.y, tree.predictProba(holdout.X));
  const aucForest = rocAuc(holdout.y, forest.predictProba(holdout.X));
  assert.ok(aucForest > aucTree + 0.05, `forest ${aucForest} vs tree ${aucTree}`);
});

test('deterministic for a seed; another seed gives another forest', () => {
  const { X, y } = syntheticShopTable(500, 41);
  const fitWith = (seed: number): Float64Array => new RandomForestClassifier({ nEstimators: 10, seed }).fit(X, y).predictProba(X);
  assert.deepEqual(fitWith(5), fitWith(5));
  assert.notDeepEqual(fitWith(5), fitWith(6));
});

test('one tree without bootstrap and with all features is the plain decision tree', () => {
  const { X, y } = syntheticShopTable(400, 51);
  const single = new RandomForestClassifier({ nEstimators: 1, bootstrap: false, maxFeatures: 'all', splitter: 'exact' }).fit(X, y);
  const tree = new DecisionTreeClassifier().fit(X, y);
  assert.deepEqual(single.estimators[0]!.feature, tree.nodes.feature);
  assert.deepEqual(single.estimators[0]!.threshold, tree.nodes.threshold);
  assert.deepEqual(single.predictProba(X), tree.predictProba(X));
});

test("bootstrap rows enter as counts: every tree's root carries n draws of weight", () => {
  const { X, y } = syntheticShopTable(2000, 61);
  const rf = new RandomForestClassifier({ nEstimators: 5, seed: 2 }).fit(X, y);
  for (const tree of rf.estimators) {
    assert.equal(tree.weightedSamples[0], 2000); // root weight = number of draws
  }
});

test("predictProba is the mean of the trees' leaf fractions (sklearn averages probabilities, not votes)", () => {
  const { X, y } = syntheticShopTable(300, 71);
  const rf = new RandomForestClassifier({ nEstimators: 7, seed: 1 }).fit(X, y);
  const proba = rf.predictProba(X);
  for (const i of [0, 17, 123, 299]) {
    let sum = 0;
    for (const tree of rf.estimators) {
      let id = 0;
      while (tree.feature[id]! >= 0)
        id = Math.fround(X.data[i * X.cols + tree.feature[id]!]!) <= tree.threshold[id]! ? tree.left[id]! : tree.right[id]!;
      sum += tree.value[id]!;
    }
    assert.ok(Math.abs(proba[i]! - sum / 7) < 1e-12);
  }
});

test('impurity importances sum to 1 and rank the only informative feature first', () => {
  const rng = createRng(81);
  const rows: number[][] = [],
    y: number[] = [];
  for (let i = 0; i < 600; i++) {
    const c = i % 2;
    rows.push([rng.normal() + 2 * c, rng.normal(), rng.normal(), rng.normal()]);
    y.push(c);
  }
  const rf = new RandomForestClassifier({ nEstimators: 30, seed: 4 }).fit(matrixFromRows(rows), Uint8Array.from(y));
  const imp = Array.from(rf.featureImportances());
  assert.ok(Math.abs(imp.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.equal(imp.indexOf(Math.max(...imp)), 0);
  assert.ok(imp[0]! > 0.4, `importance of the signal ${imp[0]}`);
});

test("agrees with the user's ml-random-forest on an easy problem (accuracy within 0.02)", () => {
  const rng = createRng(91);
  const make = (n: number): { rows: number[][]; y: number[] } => {
    const rows: number[][] = [],
      y: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = i % 2;
      rows.push([rng.normal() + 3 * c, rng.normal() - 2 * c, rng.normal(), rng.normal()]);
      y.push(c);
    }
    return { rows, y };
  };
  const train = make(300),
    holdout = make(300);
  const theirs = new MlRandomForest({ nEstimators: 25, seed: 3 });
  theirs.train(train.rows, train.y);
  const ours = new RandomForestClassifier({ nEstimators: 25, seed: 3 }).fit(matrixFromRows(train.rows), Uint8Array.from(train.y));
  const predTheirs = theirs.predict(holdout.rows);
  const predOurs = Array.from(ours.predict(matrixFromRows(holdout.rows)));
  const accuracy = (p: number[]): number => p.filter((v, i) => v === holdout.y[i]).length / p.length;
  assert.ok(accuracy(predOurs) > 0.9, `ours ${accuracy(predOurs)}`);
  assert.ok(
    Math.abs(accuracy(predOurs) - accuracy(predTheirs)) <= 0.02,
    `ours ${accuracy(predOurs)} vs ml-random-forest ${accuracy(predTheirs)}`,
  );
});

test('bad input fails with clear errors', () => {
  const X = matrixFromRows([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  const forest = (): RandomForestClassifier => new RandomForestClassifier({ nEstimators: 3 });
  assert.throws(() => forest().predictProba(X), /not fitted/);
  assert.throws(
    () =>
      forest().fit(
        matrixFromRows([
          [NaN, 1],
          [2, 3],
        ]),
        Uint8Array.from([0, 1]),
      ),
    /finite/,
  );
  assert.throws(() => forest().fit(X, Uint8Array.from([0, 1])), /labels/);
  assert.throws(() => forest().fit(X, Uint8Array.from([0, 0, 0])), /single class/);
  const empty: Matrix = { rows: 0, cols: 2, data: new Float64Array(0) };
  assert.throws(() => forest().fit(empty, new Uint8Array(0)), /empty/);
  assert.throws(
    () =>
      forest()
        .fit(X, Uint8Array.from([0, 1, 1]))
        .predictProba(matrixFromRows([[1]])),
    /features/,
  );
  assert.throws(() => new RandomForestClassifier({ nEstimators: 0 }).fit(X, Uint8Array.from([0, 1, 1])), /nEstimators/);
});
