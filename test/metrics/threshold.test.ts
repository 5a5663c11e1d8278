import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestThresholdByF1, defaultThresholds, studyThresholds, thresholdSweep } from '../../lib/metrics/threshold';
import type { MetricWarning } from '../../lib/metrics/warnings';
import { assertAllClose, assertClose } from './assertClose';

// 6 rows; positives at scores .95 .7 .3, negatives at .8 .3 .05
const y = [1, 0, 1, 1, 0, 0];
const s = [0.95, 0.8, 0.7, 0.3, 0.3, 0.05];

test('the default grid is the exact decimals 0.1 .. 1.0', () => {
  assert.deepEqual(Array.from(defaultThresholds()), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
});

test('sweep: score >= t, hand-counted at every grid point', () => {
  const sweep = thresholdSweep(y, s);
  // t = .1, .2, .3: predicted {.95 .8 .7 .3 .3}: tp 3 fp 2 -> P 3/5 R 1 F1 6/8 acc 4/6 (a score of exactly .3 counts)
  // t = .4 .. .7: {.95 .8 .7}: tp 2 fp 1 -> P 2/3 R 2/3 F1 2/3 acc 4/6
  // t = .8: {.95 .8}: tp 1 fp 1 -> P 1/2 R 1/3 F1 2/(2+1+2) = 2/5 acc 3/6
  // t = .9: {.95}: tp 1 fp 0 -> P 1 R 1/3 F1 2/4 acc 4/6
  // t = 1: none: P 0 (undefined) R 0 F1 0 acc 3/6
  assertAllClose(
    sweep.map((e) => e.precision),
    [0.6, 0.6, 0.6, 2 / 3, 2 / 3, 2 / 3, 2 / 3, 0.5, 1, 0],
  );
  assertAllClose(
    sweep.map((e) => e.recall),
    [1, 1, 1, 2 / 3, 2 / 3, 2 / 3, 2 / 3, 1 / 3, 1 / 3, 0],
  );
  assertAllClose(
    sweep.map((e) => e.f1),
    [0.75, 0.75, 0.75, 2 / 3, 2 / 3, 2 / 3, 2 / 3, 0.4, 0.5, 0],
  );
  assertAllClose(
    sweep.map((e) => e.accuracy),
    [4, 4, 4, 4, 4, 4, 4, 3, 4, 3].map((c) => c / 6),
  );
  assert.deepEqual(sweep[9]!.confusion, { tn: 3, fp: 0, fn: 3, tp: 0 });
});

test('best threshold by F1 takes the lowest of tied best thresholds', () => {
  const best = bestThresholdByF1(y, s);
  assert.equal(best.threshold, 0.1);
  assertClose(best.f1, 0.75);
  // with a custom grid
  assert.equal(bestThresholdByF1(y, s, [0.9, 0.5]).threshold, 0.5);
});

test('the t = 1.0 point records the undefined precision', () => {
  const sink = { warnings: [] as MetricWarning[] };
  thresholdSweep(y, s, [1], sink);
  assert.deepEqual(
    sink.warnings.map((w) => w.metric),
    ['precision'],
  );
  assert.throws(() => thresholdSweep(y, s, []), /empty/);
});

test("the study's grid is np.linspace(0.1, 1, 10) as its notebook printed the keys", () => {
  // modeling.py cell 36 output: {0.1: …, 0.2: …, 0.30000000000000004: …, 0.4: …, …, 0.7000000000000001: …, 0.8, 0.9, 1.0}
  assert.deepEqual(Array.from(studyThresholds()), [0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6, 0.7000000000000001, 0.8, 0.9, 1]);
});

test("the study's rule score > t, hand-counted: a score equal to t is negative, t = 1 predicts none", () => {
  // k-NN-like scores with ties at the grid points: positives .5 1 1, negatives .5 0 .3
  const yk = [1, 1, 1, 0, 0, 0];
  const sk = [0.5, 1, 1, 0.5, 0, 0.3];
  const strict = thresholdSweep(yk, sk, [0.3, 0.5, 1], undefined, '>');
  // > .3: {.5 1 1 .5}: tp 3 fp 1 → F1 6/7;  > .5: {1 1}: tp 2 → P 1 R 2/3 F1 0.8;  > 1: none → F1 0
  assertAllClose(
    strict.map((e) => e.f1),
    [6 / 7, 0.8, 0],
  );
  // >= counts the ties: >= .3 adds the negative .3 → tp 3 fp 2 F1 0.75; >= .5 = > .3 → 6/7; >= 1: {1 1} → 0.8
  assertAllClose(
    thresholdSweep(yk, sk, [0.3, 0.5, 1]).map((e) => e.f1),
    [0.75, 6 / 7, 0.8],
  );
  assert.equal(bestThresholdByF1(yk, sk, [0.3, 0.5, 1], '>').threshold, 0.3);
});
