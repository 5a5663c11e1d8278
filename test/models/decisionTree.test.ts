import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecisionTreeClassifier } from '../../lib/models/decisionTree';
import { matrixFromRows, type Matrix } from '../../lib/prep/matrix';
import { createRng } from '../../lib/random';
import fixture from '../fixtures/sklearn/trees.json';
import { rocAuc, syntheticShopTable } from './treeTestData';

// ml-cart ships no type declarations; describe the part of its API used here.
const { DecisionTreeClassifier: MlCartTree } = require('ml-cart') as {
  DecisionTreeClassifier: new (options?: object) => { train(X: number[][], y: number[]): void; predict(X: number[][]): number[] };
};

const labels = (a: readonly number[]): Uint8Array => Uint8Array.from(a);

interface SklearnTreeCase {
  params: { max_depth?: number; min_samples_leaf?: number; min_samples_split?: number };
  X: number[][];
  y: number[];
  X_test: number[][];
  sklearn: {
    node_count: number;
    depth: number;
    feature: number[];
    threshold: number[];
    children_left: number[];
    children_right: number[];
    value: number[];
    proba_test: number[];
    predict_test: number[];
    feature_importances: number[];
  };
}

for (const splitter of ['exact', 'hist'] as const) {
  for (const [name, c] of Object.entries(fixture.trees as Record<string, SklearnTreeCase>)) {
    // 'hist' sees every distinct value as its own bin on these ≤ 255-row tables, so it must grow the same tree.
    test(`${splitter} splitter grows scikit-learn's tree node for node (${name})`, () => {
      const tree = new DecisionTreeClassifier({
        splitter,
        maxDepth: c.params.max_depth,
        minSamplesLeaf: c.params.min_samples_leaf,
        minSamplesSplit: c.params.min_samples_split,
      }).fit(matrixFromRows(c.X), labels(c.y));
      const sk = c.sklearn;
      const nodes = tree.nodes;
      assert.equal(tree.nodeCount, sk.node_count);
      assert.equal(tree.depth, sk.depth);
      for (let id = 0; id < sk.node_count; id++) {
        const isLeaf = sk.children_left[id] === -1;
        assert.equal(nodes.feature[id], isLeaf ? -1 : sk.feature[id], `feature of node ${id}`);
        if (!isLeaf) assert.equal(nodes.threshold[id], sk.threshold[id], `threshold of node ${id}`);
        assert.equal(nodes.left[id], sk.children_left[id], `left child of node ${id}`);
        assert.equal(nodes.right[id], sk.children_right[id], `right child of node ${id}`);
        assert.ok(Math.abs(nodes.value[id]! - sk.value[id]!) < 1e-12, `value of node ${id}`);
      }
      const Xt = matrixFromRows(c.X_test);
      assert.deepEqual(
        Array.from(tree.predictProba(Xt)).map((p) => Math.round(p * 1e12) / 1e12),
        sk.proba_test.map((p) => Math.round(p * 1e12) / 1e12),
      );
      assert.deepEqual(Array.from(tree.predict(Xt)), sk.predict_test);
      const imp = tree.featureImportances();
      sk.feature_importances.forEach((v, j) => {
        assert.ok(Math.abs(imp[j]! - v) < 1e-12, `importance ${j}: ${imp[j]} vs ${v}`);
      });
    });
  }
}

test('hand-worked 1-D case: one split midway between 2 and 3, pure leaves, gini 0.5 at the root', () => {
  const tree = new DecisionTreeClassifier().fit(matrixFromRows([[1], [2], [3], [4]]), labels([0, 0, 1, 1]));
  const n = tree.nodes;
  assert.equal(n.count, 3);
  assert.equal(n.feature[0], 0);
  assert.equal(n.threshold[0], 2.5);
  assert.equal(n.impurity[0], 0.5); // 1 − (0.5² + 0.5²)
  assert.deepEqual([n.value[1], n.value[2]], [0, 1]);
  assert.deepEqual(Array.from(tree.predictProba(matrixFromRows([[2.5], [2.6], [-10], [10]]))), [0, 1, 0, 1]);
});

test('axis-aligned boxes are learned perfectly: pure leaves, exact on unseen points inside the cells', () => {
  // Class 1 inside [2, 5) × [3, 8) or inside [7, 9) × [0, 2); grid of training points at 0.5 spacing.
  const inBox = (a: number, b: number): number => ((a >= 2 && a < 5 && b >= 3 && b < 8) || (a >= 7 && a < 9 && b < 2) ? 1 : 0);
  const rows: number[][] = [],
    y: number[] = [];
  for (let i = 0; i < 20; i++)
    for (let j = 0; j < 20; j++) {
      rows.push([i / 2, j / 2]);
      y.push(inBox(i / 2, j / 2));
    }
  const tree = new DecisionTreeClassifier().fit(matrixFromRows(rows), labels(y));
  for (let id = 0; id < tree.nodeCount; id++) {
    if (tree.nodes.feature[id]! < 0) assert.ok(tree.nodes.value[id] === 0 || tree.nodes.value[id] === 1, 'leaf is pure');
  }
  // Box edges fall on the grid, so splits land at x.75 midpoints (e.g. 1.75 | 2): unseen points at +0.2 are classified correctly.
  const testRows: number[][] = [],
    expected: number[] = [];
  for (let i = 0; i < 20; i++)
    for (let j = 0; j < 20; j++) {
      testRows.push([i / 2 + 0.2, j / 2 + 0.2]);
      expected.push(inBox(i / 2, j / 2));
    }
  assert.deepEqual(Array.from(tree.predict(matrixFromRows(testRows))), expected);
});

test('XOR: a depth-2 tree is exact, a stump cannot be', () => {
  // Corners with multiplicities: (−1,−1)→0 ×10, (−1,1)→1 ×10, (1,−1)→1 ×30, (1,1)→0 ×10.
  const rows: number[][] = [],
    y: number[] = [];
  const add = (a: number, b: number, c: number, k: number): void => {
    for (let i = 0; i < k; i++) {
      rows.push([a, b]);
      y.push(c);
    }
  };
  add(-1, -1, 0, 10);
  add(-1, 1, 1, 10);
  add(1, -1, 1, 30);
  add(1, 1, 0, 10);
  const X = matrixFromRows(rows);
  const corners = matrixFromRows([
    [-1, -1],
    [-1, 1],
    [1, -1],
    [1, 1],
    [-0.2, 0.3],
    [0.4, 0.9],
  ]);
  const deep = new DecisionTreeClassifier({ maxDepth: 2 }).fit(X, labels(y));
  assert.equal(deep.depth, 2);
  assert.equal(deep.nodeCount, 7);
  assert.equal(deep.nodes.threshold[0], 0); // only candidate: midway between −1 and 1
  assert.deepEqual(Array.from(deep.predict(corners)), [0, 1, 1, 0, 1, 0]);
  // Stump: both root splits tie (gini-weighted 20·0.5 + 40·0.375); feature 0 is visited first, so it wins.
  const stump = new DecisionTreeClassifier({ maxDepth: 1 }).fit(X, labels(y));
  assert.equal(stump.nodes.feature[0], 0);
  assert.deepEqual(Array.from(stump.predictProba(corners)).slice(0, 4), [0.5, 0.5, 0.75, 0.75]);
});

test('ties between features go to the lower feature index when all features are searched', () => {
  // Feature 1 is a copy of feature 0: every split on either is equally good.
  const X = matrixFromRows([
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
    [5, 5],
  ]);
  const tree = new DecisionTreeClassifier({ seed: 99 }).fit(X, labels([0, 1, 0, 1, 1]));
  for (let id = 0; id < tree.nodeCount; id++) assert.ok(tree.nodes.feature[id]! <= 0);
});

test('min_samples_leaf and max_depth are respected', () => {
  const { X, y } = syntheticShopTable(800, 3);
  const tree = new DecisionTreeClassifier({ minSamplesLeaf: 20, maxDepth: 5 }).fit(X, y);
  assert.ok(tree.depth <= 5);
  // Count training rows per leaf independently by descending each row.
  const leafRows = new Map<number, number>();
  const n = tree.nodes;
  for (let i = 0; i < X.rows; i++) {
    let id = 0;
    while (n.feature[id]! >= 0) id = Math.fround(X.data[i * X.cols + n.feature[id]!]!) <= n.threshold[id]! ? n.left[id]! : n.right[id]!;
    leafRows.set(id, (leafRows.get(id) ?? 0) + 1);
  }
  for (const [leaf, count] of leafRows) assert.ok(count >= 20, `leaf ${leaf} has ${count} rows`);
});

test('feature sampling is deterministic for a seed and changes with it', () => {
  const { X, y } = syntheticShopTable(600, 5);
  const fitWith = (seed: number): DecisionTreeClassifier => new DecisionTreeClassifier({ maxFeatures: 'sqrt', seed }).fit(X, y);
  const a = fitWith(7),
    b = fitWith(7),
    c = fitWith(8);
  assert.deepEqual(a.nodes.feature, b.nodes.feature);
  assert.deepEqual(a.nodes.threshold, b.nodes.threshold);
  assert.notDeepEqual(Array.from(a.nodes.feature), Array.from(c.nodes.feature));
});

test('histogram splitter matches the exact splitter within 0.01 AUC on a held-out set with many distinct values', () => {
  const train = syntheticShopTable(4000, 11),
    holdout = syntheticShopTable(3000, 12);
  const exact = new DecisionTreeClassifier({ maxDepth: 6 }).fit(train.X, train.y);
  const hist = new DecisionTreeClassifier({ maxDepth: 6, splitter: 'hist', maxBins: 255 }).fit(train.X, train.y);
  const aucExact = rocAuc(holdout.y, exact.predictProba(holdout.X));
  const aucHist = rocAuc(holdout.y, hist.predictProba(holdout.X));
  assert.ok(aucExact > 0.75, `exact AUC ${aucExact}`);
  assert.ok(Math.abs(aucExact - aucHist) < 0.01, `exact ${aucExact} vs hist ${aucHist}`);
});

test("agrees with the user's ml-cart DecisionTreeClassifier on an easy two-cluster problem", () => {
  const rng = createRng(21);
  const make = (n: number): { rows: number[][]; y: number[] } => {
    const rows: number[][] = [],
      y: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = i % 2;
      rows.push([rng.normal() + 4 * c, rng.normal() - 3 * c, rng.normal()]);
      y.push(c);
    }
    return { rows, y };
  };
  const train = make(200),
    holdout = make(200);
  const cart = new MlCartTree();
  cart.train(train.rows, train.y);
  const ours = new DecisionTreeClassifier().fit(matrixFromRows(train.rows), labels(train.y));
  const theirs = cart.predict(holdout.rows);
  const mine = Array.from(ours.predict(matrixFromRows(holdout.rows)));
  const agree = mine.filter((v, i) => v === theirs[i]).length / mine.length;
  // Different stopping rules (ml-cart: minNumSamples 3, gain threshold 0.01) only matter near the boundary.
  assert.ok(agree >= 0.97, `agreement ${agree}`);
  const accuracy = (p: number[]): number => p.filter((v, i) => v === holdout.y[i]).length / p.length;
  assert.ok(accuracy(mine) > 0.95 && accuracy(theirs) > 0.95, `accuracy ours ${accuracy(mine)} ml-cart ${accuracy(theirs)}`);
});

test('bad input fails with clear errors', () => {
  const X = matrixFromRows([
    [1, 2],
    [3, 4],
    [5, 6],
  ]);
  const tree = (): DecisionTreeClassifier => new DecisionTreeClassifier();
  assert.throws(() => tree().predict(X), /not fitted/);
  assert.throws(
    () =>
      tree().fit(
        matrixFromRows([
          [1, NaN],
          [2, 3],
        ]),
        labels([0, 1]),
      ),
    /finite/,
  );
  assert.throws(
    () =>
      tree().fit(
        matrixFromRows([
          [1, Infinity],
          [2, 3],
        ]),
        labels([0, 1]),
      ),
    /finite/,
  );
  assert.throws(() => tree().fit(X, labels([0, 1])), /labels/);
  assert.throws(() => tree().fit(X, labels([1, 1, 1])), /single class/);
  const empty: Matrix = { rows: 0, cols: 2, data: new Float64Array(0) };
  assert.throws(() => tree().fit(empty, labels([])), /empty/);
  const fitted = tree().fit(X, labels([0, 1, 1]));
  assert.throws(() => fitted.predict(matrixFromRows([[1, 2, 3]])), /features/);
  assert.throws(() => new DecisionTreeClassifier({ maxFeatures: 5 }).fit(X, labels([0, 1, 1])), /maxFeatures/);
  assert.throws(() => new DecisionTreeClassifier({ minSamplesLeaf: 0 }).fit(X, labels([0, 1, 1])), /minSamplesLeaf/);
  assert.throws(() => new DecisionTreeClassifier({ splitter: 'hist', maxBins: 300 }).fit(X, labels([0, 1, 1])), /maxBins/);
});
