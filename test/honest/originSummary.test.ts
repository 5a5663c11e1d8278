import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareWithBaselines, summarizeOrigins, type OriginScores } from '../../lib/honest/originSummary';
import { spread } from '../../lib/honest/spread';
import type { ScoreMetrics } from '../../lib/honest/scoreMetrics';
import { assertClose } from '../metrics/assertClose';

const m = (rocAuc: number, prAuc: number, lift10: number): ScoreMetrics => ({ rocAuc, prAuc, lift10, brier: null, logLoss: null });

/** Two origins: 'strong' tops every baseline everywhere; 'close' loses to the counts model on PR AUC at origin 2. */
const ORIGINS: OriginScores[] = [
  {
    models: { strong: m(0.82, 0.03, 5.0), close: m(0.8, 0.025, 4.6) },
    baselines: {
      random: m(0.5, 0.005, 1),
      recency: m(0.74, 0.015, 3.8),
      carted_then_recency: m(0.75, 0.02, 4.4),
      counts_logistic: m(0.77, 0.024, 4.5),
    },
  },
  {
    models: { strong: m(0.8, 0.028, 4.8), close: m(0.79, 0.02, 4.7) },
    baselines: {
      random: m(0.5, 0.004, 1),
      recency: m(0.73, 0.012, 3.6),
      carted_then_recency: m(0.74, 0.019, 4.2),
      counts_logistic: m(0.76, 0.022, 4.3),
    },
  },
];

test('spread by hand: mean, sample SD (n - 1), min, max; no SD for one value', () => {
  const s = spread([0.78, 0.8, 0.85]);
  assertClose(s.mean, 0.81);
  assertClose(s.sd, Math.sqrt((0.03 ** 2 + 0.01 ** 2 + 0.04 ** 2) / 2));
  assert.deepEqual([s.n, s.min, s.max], [3, 0.78, 0.85]);
  const one = spread([0.7]);
  assert.ok(Number.isNaN(one.sd));
  assert.equal(one.mean, 0.7);
  assert.throws(() => spread([]), /no values/);
  assert.throws(() => spread([NaN]), /not a finite number/);
});

test('a model is "clearly better" only above every baseline at every origin on all three metrics', () => {
  const strong = compareWithBaselines(ORIGINS, 'strong');
  assert.equal(strong.clearlyBeats, true);
  assert.deepEqual(strong.wins, { rocAuc: 2, prAuc: 2, lift10: 2 });
  assert.match(strong.verdict, /^clearly beats the baselines/);
  const close = compareWithBaselines(ORIGINS, 'close');
  assert.equal(close.clearlyBeats, false);
  assert.deepEqual(close.wins, { rocAuc: 2, prAuc: 1, lift10: 2 }); // 0.020 < 0.022 at origin 2
  assert.match(close.verdict, /^does not clearly beat the baselines: above every one at 2\/2 on ROC AUC, 1\/2 on PR AUC/);
  // the strongest baseline on each metric by its mean, and the model's mean lead over it
  assert.equal(close.strongest.rocAuc.baseline, 'counts_logistic');
  assertClose(close.strongest.rocAuc.meanDifference, 0.795 - 0.765);
  assert.equal(close.strongest.lift10.baseline, 'counts_logistic');
  assertClose(close.strongest.prAuc.meanDifference, 0.0225 - 0.023);
});

test('summary over origins: spreads of every model and baseline', () => {
  const s = summarizeOrigins(ORIGINS);
  assert.deepEqual(Object.keys(s.models), ['strong', 'close']);
  assertClose(s.models.strong!.rocAuc.mean, 0.81);
  assertClose(s.models.strong!.rocAuc.sd, Math.sqrt(2 * 0.01 ** 2));
  assert.deepEqual([s.baselines.random.rocAuc.min, s.baselines.random.rocAuc.max], [0.5, 0.5]);
  assertClose(s.baselines.counts_logistic.prAuc.mean, 0.023);
  assert.equal(s.comparison.close!.clearlyBeats, false);
});
