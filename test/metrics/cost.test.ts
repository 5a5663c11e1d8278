import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bayesThreshold, betaFromCosts, minimumCostThreshold } from '../../lib/metrics/cost';
import { assertClose } from './assertClose';

test('beta from costs: beta² = costFn / costFp', () => {
  assertClose(betaFromCosts({ falseNegative: 4, falsePositive: 1 }), 2);
  assertClose(betaFromCosts({ falseNegative: 1, falsePositive: 1 }), 1);
  assertClose(betaFromCosts({ falseNegative: 1, falsePositive: 9 }), 1 / 3);
  assert.throws(() => betaFromCosts({ falseNegative: 1, falsePositive: 0 }), /falsePositive/);
  assert.throws(() => betaFromCosts({ falseNegative: -1, falsePositive: 1 }), /falseNegative/);
});

test('Bayes threshold for calibrated probabilities: costFp / (costFp + costFn)', () => {
  assertClose(bayesThreshold({ falseNegative: 4, falsePositive: 1 }), 0.2);
  assertClose(bayesThreshold({ falseNegative: 1, falsePositive: 1 }), 0.5);
});

test('minimum expected cost threshold, hand-computed', () => {
  // by decreasing score: .9 B, .8 n, .6 B, .4 n, .3 n, .2 B, .1 n (3 buyers, 4 non-buyers)
  const y = [1, 0, 1, 0, 0, 1, 0];
  const s = [0.9, 0.8, 0.6, 0.4, 0.3, 0.2, 0.1];
  // costs FN 10, FP 6; cost = 10 * (3 - tp) + 6 * fp at each cut (tp, fp):
  // none (0,0): 30 | >=.9 (1,0): 20 | >=.8 (1,1): 26 | >=.6 (2,1): 16 | >=.4 (2,2): 22 | >=.3 (2,3): 28
  // >=.2 (3,3): 18 | >=.1 (3,4): 24  -> best .6 at 16
  const r = minimumCostThreshold(y, s, { falseNegative: 10, falsePositive: 6 });
  assert.equal(r.threshold, 0.6);
  assert.equal(r.totalCost, 16);
  assertClose(r.meanCost, 16 / 7);
  assert.deepEqual([r.tp, r.fp, r.fn, r.tn], [2, 1, 1, 3]);
  // FN 10, FP 1: none 30, .9 20, .8 21, .6 11, .4 12, .3 13, .2 3, .1 4 -> .2 at 3
  assert.equal(minimumCostThreshold(y, s, { falseNegative: 10, falsePositive: 1 }).threshold, 0.2);
  // top score a non-buyer, FP very costly: none 1 | >=.9 (0,1): 1 + 100 | >=.1 (1,1): 100 -> target nobody
  const none = minimumCostThreshold([0, 1], [0.9, 0.1], { falseNegative: 1, falsePositive: 100 });
  assert.equal(none.threshold, Infinity);
  assert.equal(none.totalCost, 1);
});

test('equal costs at several thresholds: the highest threshold wins', () => {
  // .9 B, .5 n, .4 B: none 2*FN = 2; >=.9: 1; >=.5: 1 + 1 = 2; >=.4: 1 -> tie 1 at .9 and .4: .9 wins
  const r = minimumCostThreshold([1, 0, 1], [0.9, 0.5, 0.4], { falseNegative: 1, falsePositive: 1 });
  assert.equal(r.threshold, 0.9);
  assert.equal(r.totalCost, 1);
});
