import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rocAuc, rocCurve } from '../../lib/metrics/roc';
import type { MetricWarning } from '../../lib/metrics/warnings';
import { assertAllClose, assertClose } from './assertClose';

test('the sklearn documentation example: y = [0 0 1 1], scores [.1 .4 .35 .8]', () => {
  // descending: .8 (pos) .4 (neg) .35 (pos) .1 (neg); with 2 positives and 2 negatives:
  // >= .8: tp 1 fp 0 -> (0, .5); >= .4: (.5, .5); >= .35: (.5, 1); >= .1: (1, 1)
  const roc = rocCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
  assertAllClose(roc.fpr, [0, 0, 0.5, 0.5, 1]);
  assertAllClose(roc.tpr, [0, 0.5, 0.5, 1, 1]);
  assertAllClose(roc.thresholds, [Infinity, 0.8, 0.4, 0.35, 0.1]);
  // trapezoids: 0 + .5*(.5+.5)/2 + 0 + .5*(1+1)/2 = .25 + .5 = .75
  assertClose(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75);
});

test('collinear intermediate points are dropped', () => {
  // descending: .9 pos, .8 pos, .7 pos, .1 neg -> points (0,1/3) (0,2/3) (0,1) (1,1); (0,2/3) lies between
  const roc = rocCurve([1, 1, 1, 0], [0.9, 0.8, 0.7, 0.1]);
  assertAllClose(roc.fpr, [0, 0, 0, 1]);
  assertAllClose(roc.tpr, [0, 1 / 3, 1, 1]);
  assertAllClose(roc.thresholds, [Infinity, 0.9, 0.7, 0.1]);
  assertClose(rocAuc([1, 1, 1, 0], [0.9, 0.8, 0.7, 0.1]), 1);
});

test('tied scores form one diagonal step, so a tied pair counts one half', () => {
  // scores .5 .5 .5 .2 with labels 1 0 1 0: the tie group holds 2 of 2 positives and 1 of 2 negatives
  const roc = rocCurve([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.2]);
  assertAllClose(roc.fpr, [0, 0.5, 1]);
  assertAllClose(roc.tpr, [0, 1, 1]);
  // pairs (pos, neg): (.5,.5) 1/2, (.5,.2) 1, (.5,.5) 1/2, (.5,.2) 1 -> 3/4
  assertClose(rocAuc([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.2]), 0.75);
  // all scores equal: a single diagonal, AUC 1/2, whatever the labels' order
  assertClose(rocAuc([1, 0, 0, 1, 0], [3, 3, 3, 3, 3]), 0.5);
  assertClose(rocAuc([0, 0, 0, 1, 1], [3, 3, 3, 3, 3]), 0.5);
});

test('reversed scores give AUC 0 and ties do not depend on row order', () => {
  assertClose(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.8, 0.9]), 0);
  const a = rocAuc([1, 0, 1, 0, 1, 0], [0.7, 0.7, 0.3, 0.3, 0.5, 0.1]);
  const b = rocAuc([0, 1, 0, 1, 0, 1], [0.7, 0.7, 0.3, 0.3, 0.1, 0.5]);
  assert.equal(a, b);
  // pairs: pos {.7,.3,.5}, neg {.7,.3,.1}: .7 vs (.7 .3 .1) = 1/2+1+1; .3 vs = 0+1/2+1; .5 vs = 0+1+1 -> 6/9
  assertClose(a, 6 / 9);
});

test('one class in yTrue: AUC throws like sklearn, the curve is NaN on the undefined axis with a warning', () => {
  assert.throws(() => rocAuc([1, 1, 1], [0.1, 0.5, 0.9]), /Only one class present in yTrue/);
  assert.throws(() => rocAuc([0, 0], [0.1, 0.5]), /Only one class present in yTrue/);
  const sink = { warnings: [] as MetricWarning[] };
  const roc = rocCurve([1, 1], [0.2, 0.4], sink);
  assert.ok(roc.fpr.every(Number.isNaN));
  assertAllClose(roc.tpr, [0, 0.5, 1]);
  assert.equal(sink.warnings.length, 1);
});

test('non-finite scores are rejected', () => {
  assert.throws(() => rocAuc([1, 0], [NaN, 0.5]), /yScore\[0\] = NaN/);
  assert.throws(() => rocCurve([1, 0], [Infinity, 0.5]), /finite/);
});
