import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accuracy, f1, fbeta, precision, recall } from '../../lib/metrics/classification';
import { confusionCounts, confusionMatrix } from '../../lib/metrics/confusion';
import type { MetricWarning } from '../../lib/metrics/warnings';
import { assertClose } from './assertClose';

// y:    1 1 1 1 0 0 0 0 0 0
// pred: 1 1 1 0 1 1 0 0 0 0
// tp = 3 (rows 0-2), fn = 1 (row 3), fp = 2 (rows 4-5), tn = 4 (rows 6-9)
const y = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
const pred = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0];

test('confusion matrix uses sklearn layout [[tn, fp], [fn, tp]]', () => {
  assert.deepEqual(confusionMatrix(y, pred), [
    [4, 2],
    [1, 3],
  ]);
  assert.deepEqual(confusionCounts(y, pred), { tn: 4, fp: 2, fn: 1, tp: 3 });
});

test('textbook scores of a 10-row example', () => {
  assertClose(accuracy(y, pred), 7 / 10); // (tp + tn) / n = (3 + 4) / 10
  assertClose(precision(y, pred), 3 / 5); // tp / (tp + fp) = 3 / 5
  assertClose(recall(y, pred), 3 / 4); // tp / (tp + fn) = 3 / 4
  // F1 = 2PR / (P + R) = 2 * 0.6 * 0.75 / 1.35 = 0.9 / 1.35 = 2/3; also 2tp / (2tp + fp + fn) = 6 / 9
  assertClose(f1(y, pred), 2 / 3);
  // F2 = 5PR / (4P + R) = 5 * 0.45 / (2.4 + 0.75) = 2.25 / 3.15 = 5/7; counts: 5tp / (5tp + 4fn + fp) = 15 / 21
  assertClose(fbeta(y, pred, 2), 5 / 7);
  // F0.5 = 1.25PR / (0.25P + R) = 0.5625 / 0.9 = 0.625; counts: 1.25*3 / (3.75 + 0.25 + 2) = 3.75 / 6
  assertClose(fbeta(y, pred, 0.5), 0.625);
  // beta = 0 is precision
  assertClose(fbeta(y, pred, 0), 3 / 5);
});

test('precision with no predicted positive is 0 and records a warning', () => {
  const sink = { warnings: [] as MetricWarning[] };
  assert.equal(precision([1, 0, 1], [0, 0, 0], sink), 0);
  assert.equal(sink.warnings.length, 1);
  assert.equal(sink.warnings[0]!.metric, 'precision');
  // without a sink: same value, nothing thrown
  assert.equal(precision([1, 0, 1], [0, 0, 0]), 0);
  // F1 is well defined here (2tp + fp + fn = 2 > 0) and equals 0, no warning, like current sklearn
  const sinkF = { warnings: [] as MetricWarning[] };
  assert.equal(f1([1, 0, 1], [0, 0, 0], sinkF), 0);
  assert.equal(sinkF.warnings.length, 0);
});

test('recall with no positive label is 0 with a warning; F1 with no positives at all is 0 with a warning', () => {
  const sink = { warnings: [] as MetricWarning[] };
  assert.equal(recall([0, 0, 0], [0, 1, 0], sink), 0);
  assert.deepEqual(
    sink.warnings.map((w) => w.metric),
    ['recall'],
  );
  const sinkF = { warnings: [] as MetricWarning[] };
  assert.equal(f1([0, 0, 0], [0, 0, 0], sinkF), 0);
  assert.deepEqual(
    sinkF.warnings.map((w) => w.metric),
    ['fbeta'],
  );
  assert.equal(accuracy([0, 0, 0], [0, 0, 0]), 1);
});

test('all-one-class predictions', () => {
  // everything predicted 1: tp = 2, fp = 3 -> precision 2/5, recall 1, F1 = 2*2 / (4 + 3 + 0) = 4/7
  const yt = [1, 0, 1, 0, 0];
  const all1 = [1, 1, 1, 1, 1];
  assertClose(precision(yt, all1), 2 / 5);
  assertClose(recall(yt, all1), 1);
  assertClose(f1(yt, all1), 4 / 7);
  assertClose(accuracy(yt, all1), 2 / 5);
});

test('bad input is rejected with a clear error', () => {
  assert.throws(() => accuracy([1, 0], [1]), /yTrue has 2 values but yPred has 1/);
  assert.throws(() => accuracy([], []), /empty/);
  assert.throws(() => precision([1, 2], [1, 0]), /yTrue\[1\] = 2/);
  assert.throws(() => recall([1, 0], [0.5, 0]), /yPred\[0\] = 0.5/);
  assert.throws(() => fbeta([1, 0], [1, 0], -1), /beta/);
  assert.throws(() => accuracy([1, NaN], [1, 0]), /yTrue\[1\] = NaN/);
});
