import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runStudy } from '../../lib/study/runStudy';
import { combineVotes } from '../../lib/models/voting';
import { prepareStudyData } from '../../lib/study/prepareData';
import { modelsReport, performanceRows, toCsv, toMarkdown } from '../../lib/study/modelsReport';
import type { FeatureTable } from '../../lib/features/featureTable';
import { MODEL_FEATURES } from '../../lib/features/columns';
import { createRng } from '../../lib/random';

/**
 * A modelling table whose label depends on an interaction (x0 > 0 XOR x1 > 0):
 * tree ensembles can learn the interaction, a linear model or naive Bayes cannot, so the AUC ranking is known.
 */
function interactionTable(n: number, seed: number): FeatureTable {
  const rng = createRng(seed);
  const columns: Record<string, Float64Array> = {};
  for (const f of MODEL_FEATURES) columns[f] = new Float64Array(n);
  const purchased = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    // Only x0 and x1 vary; the other columns stay constant 0, which CART skips (as sklearn does).
    columns[MODEL_FEATURES[0]!]![i] = rng.normal();
    columns[MODEL_FEATURES[1]!]![i] = rng.normal();
    const a = columns[MODEL_FEATURES[0]!]![i]!,
      b = columns[MODEL_FEATURES[1]!]![i]!;
    const xor = a > 0 !== b > 0;
    // 26% positives overall: mostly in the XOR quadrants, a few by chance.
    purchased[i] = rng.next() < (xor ? 0.5 : 0.02) ? 1 : 0;
  }
  columns.purchased = Float64Array.from(purchased);
  return {
    userIds: Array.from({ length: n }, (_, i) => String(1000 + i)),
    purchased,
    columns,
    rfmScore: Array.from({ length: n }, () => '111'),
    rows: n,
  };
}

test('combineVotes: hard majority with ties to 0, soft mean with 0.5 to 0 (hand-worked)', () => {
  const members = [
    { scores: Float64Array.from([0.75, 0.25, 0.625, 0.5]), predictions: Uint8Array.from([1, 0, 1, 0]) },
    { scores: Float64Array.from([0.75, 0.5, 0.375, 0.5]), predictions: Uint8Array.from([1, 0, 0, 0]) },
    { scores: Float64Array.from([0.25, 0.75, 0.5, 0.5]), predictions: Uint8Array.from([0, 1, 1, 1]) },
    { scores: Float64Array.from([0.25, 0.125, 0.5, 0.5]), predictions: Uint8Array.from([0, 0, 0, 1]) },
  ];
  const hard = combineVotes(members, 'hard');
  // votes for 1 per row: 2/4, 1/4, 2/4, 2/4 → all ties or minorities → 0
  assert.deepEqual(Array.from(hard.scores), [0.5, 0.25, 0.5, 0.5]);
  assert.deepEqual(Array.from(hard.predictions), [0, 0, 0, 0]);
  const soft = combineVotes(members, 'soft');
  // means (binary-exact values): (0.75+0.75+0.25+0.25)/4 = 0.5, (0.25+0.5+0.75+0.125)/4 = 0.40625,
  // (0.625+0.375+0.5+0.5)/4 = 0.5, 0.5
  assert.deepEqual(Array.from(soft.scores), [0.5, 0.40625, 0.5, 0.5]);
  assert.deepEqual(Array.from(soft.predictions), [0, 0, 0, 0]);
  const three = combineVotes(members.slice(0, 3), 'hard');
  assert.deepEqual(Array.from(three.predictions), [1, 0, 1, 0]); // 2/3, 1/3, 2/3, 1/3
});

test('prepareStudyData: stratified 30% test set (ceil), balanced undersampled train, test untouched', () => {
  const table = interactionTable(1000, 1);
  const positives = table.purchased.reduce((s, v) => s + v, 0);
  const data = prepareStudyData(table, { seed: 3, sampling: 'under' });
  assert.equal(data.counts.test, 300); // ceil(0.3 · 1000)
  assert.equal(data.counts.trainBeforeSampling, 700);
  // stratified: the test positives are the class share of 300, within one row
  assert.ok(Math.abs(data.counts.testPositives - (positives * 300) / 1000) <= 1);
  const trainPositives = positives - data.counts.testPositives;
  assert.equal(data.counts.trainPositives, trainPositives);
  assert.equal(data.counts.train, 2 * trainPositives); // minority kept, majority cut to the same size
  assert.equal(data.XTest.rows, 300);
  assert.equal(new Set(data.testUserIds).size, 300);
  const none = prepareStudyData(table, { seed: 3, sampling: 'none' });
  assert.equal(none.counts.train, 700);
  assert.deepEqual(none.testUserIds, data.testUserIds); // the split does not depend on the sampling
  const scaled = prepareStudyData(table, { seed: 3, sampling: 'none', scale: true });
  let mean = 0;
  for (let i = 0; i < scaled.XTrain.rows; i++) mean += scaled.XTrain.data[i * scaled.XTrain.cols]!;
  assert.ok(Math.abs(mean / scaled.XTrain.rows) < 1e-9); // train column 0 has mean 0 after scaling
  assert.throws(() => prepareStudyData(table, { sampling: 'bogus' as 'none' }), /sampling must be one of/);
});

test('runStudy: every model scores, ensembles of trees beat linear and Bayes on an interaction, k from the sweep', async () => {
  const table = interactionTable(4000, 7);
  const data = prepareStudyData(table, { seed: 11, sampling: 'under' });
  const result = await runStudy(data, { seed: 11 });
  const names = Object.keys(result.models);
  assert.deepEqual(names, [
    'logistic_regression',
    'knn',
    'random_forest',
    'naive_bayes',
    'xgboost',
    'decision_tree',
    'voting_hard',
    'voting_soft',
  ]);
  const auc = (n: string) => result.models[n]!.rocAuc;
  // The label is an XOR of two features: no linear or axis-independent Gaussian model can rank it.
  assert.ok(auc('logistic_regression') < 0.62, `logistic ${auc('logistic_regression')}`);
  assert.ok(auc('naive_bayes') < 0.75, `bayes ${auc('naive_bayes')}`);
  assert.ok(auc('random_forest') > 0.78, `forest ${auc('random_forest')}`);
  assert.ok(auc('xgboost') > 0.78, `xgboost ${auc('xgboost')}`);
  assert.ok(auc('random_forest') > auc('logistic_regression') + 0.15);
  // k is the argmax of the sweep's accuracies (smallest k on ties).
  const sweep = result.knn.sweep!;
  const best = sweep.accuracy.indexOf(Math.max(...sweep.accuracy)) + 1;
  assert.equal(result.knn.chosenK, best);
  // The confusion matrix adds up to the test set and agrees with accuracy.
  for (const e of Object.values(result.models)) {
    const [[tn, fp], [fn, tp]] = e.confusion;
    assert.equal(tn + fp + fn + tp, data.counts.test);
    assert.ok(Math.abs(e.accuracy - (tn + tp) / data.counts.test) < 1e-12);
  }
  // Only x0 and x1 carry signal, so they lead XGBoost's split counts.
  const top = result.xgboostImportance
    .slice(0, 2)
    .map((r) => r.feature)
    .sort();
  assert.deepEqual(top, [MODEL_FEATURES[0], MODEL_FEATURES[1]].sort());

  const report = modelsReport(data, result, { timings: false });
  assert.equal(report.chosen_k, best);
  assert.equal(report.models.xgboost!.fit_seconds, undefined);
  const rows = performanceRows(result);
  assert.equal(rows.length, 8);
  assert.match(toMarkdown(rows), /^\| model \| accuracy \| roc_auc \|/);
  assert.equal(toCsv(rows).trim().split('\n').length, 9);
});
