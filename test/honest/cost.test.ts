import { test } from 'node:test';
import assert from 'node:assert/strict';
import { costByThreshold, costDecision } from '../../lib/honest/cost';

// Calibration: costs fn = 4, fp = 1 (beta = 2). Total cost by threshold, worked by hand:
//   none 8 | 0.9: fn 1 -> 4 | 0.8: fn 1, fp 1 -> 5 | 0.6: fp 1 -> 1 | 0.4: fp 2 -> 2 | 0.3: 3 | 0.1: 4  => 0.6.
const calibration = { y: [1, 0, 1, 0, 0, 0], scores: [0.9, 0.8, 0.6, 0.4, 0.3, 0.1] };
// Test: at 0.6 the targeted are 0.7 (buyer), 0.65 (buyer), 0.62 (not): tp 2, fp 1, fn 1 (0.55), tn 2.
const testSet = { y: [1, 1, 0, 0, 0, 1], scores: [0.7, 0.65, 0.62, 0.5, 0.2, 0.55] };

test('cost-based threshold: chosen on calibration rows, applied to the test rows (hand-computed)', () => {
  const d = costDecision(calibration, testSet, { falseNegative: 4, falsePositive: 1 });
  assert.equal(d.beta, 2);
  assert.equal(d.calibration.threshold, 0.6);
  assert.equal(d.calibration.totalCost, 1);
  const t = d.test;
  assert.deepEqual([t.tp, t.fp, t.fn, t.tn], [2, 1, 1, 2]);
  assert.equal(t.totalCost, 5); // 4 * 1 + 1 * 1
  assert.equal(t.meanCost, 5 / 6);
  assert.equal(t.targetedShare, 0.5);
  assert.equal(t.precision, 2 / 3);
  assert.equal(t.recall, 2 / 3);
  assert.equal(t.fbeta, 10 / 15); // (1 + 4) * 2 / ((1 + 4) * 2 + 4 * 1 + 1)
  assert.deepEqual(d.baselines, { targetNobody: 2, targetEveryone: 0.5 }); // 4 * 3 / 6, 1 * 3 / 6
  // The test window's own optimum (an upper bound): 0.55 targets all three buyers and one non-buyer, cost 1.
  assert.equal(d.testOptimum.threshold, 0.55);
  assert.equal(d.testOptimum.totalCost, 1);
});

test('cost per user over a threshold grid', () => {
  const costs = costByThreshold(testSet, { falseNegative: 4, falsePositive: 1 }, [0.1, 0.6, 1]);
  assert.deepEqual(Array.from(costs), [3 / 6, 5 / 6, 12 / 6]);
});
