import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brierScore } from '../../lib/metrics/calibration';
import { calibratedDecision, probabilityQuality } from '../../lib/honest/calibration';
import { assertAllClose, assertClose } from '../metrics/assertClose';

// The calibration rows of test/honest/cost.test.ts. Isotonic fit, by hand: sorted by score the labels are
// 0 (0.1), 0 (0.3), 0 (0.4), 1 (0.6), 0 (0.8), 1 (0.9); the violating pair (0.6, 0.8) pools to 0.5.
const calibration = { y: [1, 0, 1, 0, 0, 0], scores: [0.9, 0.8, 0.6, 0.4, 0.3, 0.1] };
const testSet = { y: [1, 1, 0, 0, 0, 1], scores: [0.7, 0.65, 0.62, 0.5, 0.2, 0.55] };

test('calibrated decision model by hand: isotonic map from held-out rows, Bayes threshold fp / (fp + fn)', () => {
  const d = calibratedDecision('xgboost', calibration, testSet, { falseNegative: 4, falsePositive: 1 });
  // 0.7, 0.65, 0.62 lie on the 0.5 plateau (0.6 .. 0.8); 0.5 is halfway from (0.4, 0) to (0.6, 0.5); 0.2 on
  // the 0 plateau; 0.55 three quarters of the way up
  assertAllClose(d.testProbabilities, [0.5, 0.5, 0.5, 0.25, 0, 0.375]);
  assert.equal(d.threshold, 0.2);
  // targeted: all but the 0.2 user -> 3 buyers, 2 non-buyers; cost 1 * 2
  assert.deepEqual([d.test.tp, d.test.fp, d.test.fn, d.test.tn], [3, 2, 0, 1]);
  assert.equal(d.test.totalCost, 2);
  assert.equal(d.trainBuyerRate, 2 / 6);
  assert.equal(d.testBuyerRate, 3 / 6);
  assertClose(d.calibrated.brier, brierScore(testSet.y, [0.5, 0.5, 0.5, 0.25, 0, 0.375]));
  assertClose(d.raw.brier, brierScore(testSet.y, testSet.scores));
  assert.equal(d.method, 'isotonic');
});

test('probability quality: mean probability against the buyer rate, and a reliability curve over all rows', () => {
  const q = probabilityQuality([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.8]);
  assertClose(q.meanProbability, 0.45);
  assert.equal(q.buyerRate, 0.5);
  assert.equal(
    q.curve.counts.reduce((s, v) => s + v, 0),
    4,
  );
  assertClose(q.brier, (0.01 + 0.09 + 0.16 + 0.04) / 4);
});
