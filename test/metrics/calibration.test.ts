import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brierScore, calibrationCurve, logLoss } from '../../lib/metrics/calibration';
import { assertAllClose, assertClose } from './assertClose';

/** Shape of the "probabilities" cases of test/fixtures/sklearn/calibration.json (make_calibration.py). */
interface GoldenCase {
  name: string;
  y_true: number[];
  y_prob: number[];
  brier_score_loss: number;
  log_loss: number;
  calibration_curve: Record<string, { prob_true: number[]; prob_pred: number[] }>;
}

const golden = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sklearn', 'calibration.json'), 'utf8')) as {
  sklearn_version: string;
  probabilities: GoldenCase[];
};

for (const c of golden.probabilities) {
  test(`sklearn ${golden.sklearn_version} golden calibration: ${c.name}`, () => {
    assertClose(brierScore(c.y_true, c.y_prob), c.brier_score_loss, 1e-12, 'brier_score_loss');
    assertClose(logLoss(c.y_true, c.y_prob), c.log_loss, 1e-12, 'log_loss');
    for (const [key, expected] of Object.entries(c.calibration_curve)) {
      const [strategy, bins] = key.split('_');
      const curve = calibrationCurve(c.y_true, c.y_prob, { nBins: Number(bins), strategy: strategy as 'uniform' | 'quantile' });
      assertAllClose(curve.probTrue, expected.prob_true, 1e-12, `${key} prob_true`);
      assertAllClose(curve.probPred, expected.prob_pred, 1e-12, `${key} prob_pred`);
      // The counts are ours (sklearn does not return them): they cover every prediction.
      assert.equal(
        curve.counts.reduce((s, v) => s + v, 0),
        c.y_true.length,
        `${key} counts`,
      );
    }
  });
}

test('Brier score and log loss by hand', () => {
  assertClose(brierScore([0, 1], [0.1, 0.8]), 0.025);
  assert.equal(brierScore([1, 0, 1], [1, 0, 1]), 0);
  // The constant forecast at the buyer rate r scores r(1 - r): 1 buyer in 4 at p = 0.25 -> 0.1875.
  assertClose(brierScore([1, 0, 0, 0], [0.25, 0.25, 0.25, 0.25]), 0.1875);
  assertClose(logLoss([0, 1], [0.5, 0.5]), Math.LN2);
  assertClose(logLoss([1, 0], [0.8, 0.4]), -(Math.log(0.8) + Math.log(0.6)) / 2);
  // A certain mistake is clipped at the float64 epsilon, not infinite.
  assertClose(logLoss([1], [0]), -Math.log(Number.EPSILON), 1e-9);
});

test('reliability curve by hand: a value on an inner edge joins the lower bin, empty bins are dropped', () => {
  // uniform, 2 bins: [0, 0.5] and (0.5, 1]
  const c = calibrationCurve([0, 1, 0, 1, 1], [0.1, 0.5, 0.3, 0.6, 0.9], { nBins: 2 });
  assertAllClose(c.probPred, [0.3, 0.75]);
  assertAllClose(c.probTrue, [1 / 3, 1]);
  assert.deepEqual(Array.from(c.counts), [3, 2]);
  const sparse = calibrationCurve([0, 1], [0.05, 0.95], { nBins: 10 });
  assert.deepEqual(Array.from(sparse.counts), [1, 1]);
});

test('probabilities outside [0, 1] and bad bin counts are refused', () => {
  assert.throws(() => brierScore([0, 1], [0.2, 1.2]), /outside \[0, 1\]/);
  assert.throws(() => logLoss([0, 1], [-0.1, 0.5]), /outside \[0, 1\]/);
  assert.throws(() => calibrationCurve([0, 1], [0.2, 0.4], { nBins: 0 }), /nBins/);
  assert.throws(() => brierScore([0, 2], [0.2, 0.4]), /0\/1 label/);
});
