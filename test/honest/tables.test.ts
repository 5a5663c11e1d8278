import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseCutoffs } from '../../lib/honest/cutoffs';
import type { OriginResult } from '../../lib/honest/evaluateOrigins';
import { originLabels, originSeries } from '../../lib/honest/figureData';
import type { ScoreMetrics } from '../../lib/honest/scoreMetrics';
import { spread } from '../../lib/honest/spread';
import { formatSpread, originRows } from '../../lib/honest/tables';

const m = (rocAuc: number): ScoreMetrics => ({ rocAuc, prAuc: rocAuc / 10, lift10: rocAuc * 5, brier: null, logLoss: null });
const RANGE = { firstEvent: '2019-10-01 00:00:00', lastEvent: '2019-11-30 23:59:59' };

function origin(trainCutoff: string, xgboost: number, recency: number): OriginResult {
  return {
    cutoffs: chooseCutoffs(RANGE, { trainCutoff }),
    train: { cutoff: trainCutoff, users: 1000, buyers: 8 },
    test: { cutoff: 'x', users: 2000, buyers: 5 },
    models: { xgboost: m(xgboost) },
    baselines: { random: m(0.5), recency: m(recency), carted_then_recency: m(0.7), counts_logistic: m(0.75) },
    seconds: 1,
  };
}

test('figure series: one value per origin for every model, then every baseline, in origin order', () => {
  const origins = [origin('2019-10-20', 0.8, 0.74), origin('2019-10-27', 0.79, 0.75)];
  assert.deepEqual(originLabels(origins), ['2019-11-03', '2019-11-10']);
  const series = originSeries(origins, 'rocAuc');
  assert.deepEqual(
    series.map((s) => [s.name, s.kind]),
    [
      ['XGBoost', 'model'],
      ['Random ranking', 'baseline'],
      ['Recency (most recent first)', 'baseline'],
      ['Carted in the last 7 days, then recency', 'baseline'],
      ['Logistic regression on 4 counts', 'baseline'],
    ],
  );
  assert.deepEqual(series[0]!.values, [0.8, 0.79]);
  assert.deepEqual(originSeries(origins, 'lift10')[2]!.values, [0.74 * 5, 0.75 * 5]);
  assert.deepEqual(originRows(origins)[0], {
    train_cutoff: '2019-10-20',
    test_cutoff: '2019-11-03',
    train_users: 1000,
    train_buyer_rate: 0.008,
    test_users: 2000,
    test_buyer_rate: 0.0025,
  });
});

test('spread text: mean ± SD (min – max), no SD for a single origin', () => {
  assert.equal(formatSpread(spread([0.78, 0.8, 0.85]), 3), '0.810 ± 0.036 (0.780 – 0.850)');
  assert.equal(formatSpread(spread([0.5]), 2), '0.50 (0.50 – 0.50)');
});
