import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averagePrecision, precisionRecallCurve } from '../../lib/metrics/precisionRecall';
import type { MetricWarning } from '../../lib/metrics/warnings';
import { assertAllClose, assertClose } from './assertClose';

test('the sklearn documentation example', () => {
  // thresholds increasing .1 .35 .4 .8: predicted sets {all 4}, {.35 .4 .8}, {.4 .8}, {.8}
  // tp: 2, 2, 1, 1; predicted: 4, 3, 2, 1 -> precision .5, 2/3, .5, 1; recall 1, 1, .5, .5; then (1, 0)
  const pr = precisionRecallCurve([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]);
  assertAllClose(pr.precision, [0.5, 2 / 3, 0.5, 1, 1]);
  assertAllClose(pr.recall, [1, 1, 0.5, 0.5, 0]);
  assertAllClose(pr.thresholds, [0.1, 0.35, 0.4, 0.8]);
  // AP = sum (R_n - R_{n+1}) P_n = 0*.5 + .5*(2/3) + 0*.5 + .5*1 = 1/3 + 1/2 = 5/6
  assertClose(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 5 / 6);
});

test('tied scores are one point of the curve', () => {
  // scores .9 .5 .5 .5 .1, labels 1 1 0 0 1 (3 positives)
  // >= .9: 1/1, R 1/3; >= .5: tp 2 of 4, R 2/3; >= .1: tp 3 of 5, R 1
  const pr = precisionRecallCurve([1, 1, 0, 0, 1], [0.9, 0.5, 0.5, 0.5, 0.1]);
  assertAllClose(pr.thresholds, [0.1, 0.5, 0.9]);
  assertAllClose(pr.precision, [3 / 5, 2 / 4, 1, 1]);
  assertAllClose(pr.recall, [1, 2 / 3, 1 / 3, 0]);
  // AP = (1 - 2/3)*3/5 + (2/3 - 1/3)*1/2 + (1/3 - 0)*1 = 1/5 + 1/6 + 1/3 = 7/10
  assertClose(averagePrecision([1, 1, 0, 0, 1], [0.9, 0.5, 0.5, 0.5, 0.1]), 0.7);
});

test('perfect ranking gives AP 1; no positive label gives recall 1 everywhere, AP 0 and a warning', () => {
  assertClose(averagePrecision([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8]), 1);
  const sink = { warnings: [] as MetricWarning[] };
  const pr = precisionRecallCurve([0, 0, 0], [0.1, 0.2, 0.3], sink);
  assertAllClose(pr.recall, [1, 1, 1, 0]);
  assertAllClose(pr.precision, [0, 0, 0, 1]);
  assert.equal(sink.warnings.length, 1);
  assertClose(averagePrecision([0, 0, 0], [0.1, 0.2, 0.3]), 0);
});
