import { test } from 'node:test';
import assert from 'node:assert/strict';
import { precisionRecallFigure, precisionRecallVsThreshold } from '../../lib/plots/precisionRecall';
import { assertTitles, traces, viaJson } from './helpers';

test('precisionRecallVsThreshold: a precision line and a recall line over the thresholds', () => {
  const fig = viaJson(
    precisionRecallVsThreshold({ thresholds: new Float64Array([0.2, 0.5, 0.8]), precision: [0.4, 0.6, 0.9], recall: [1, 0.7, 0.2] }),
  );
  assertTitles(fig, 'Precision and recall vs threshold', 'threshold', 'score');
  const [p, r] = traces(fig);
  assert.ok(p && r);
  assert.deepEqual([p.name, p.x, p.y], ['precision', [0.2, 0.5, 0.8], [0.4, 0.6, 0.9]]);
  assert.deepEqual([r.name, r.x, r.y], ['recall', [0.2, 0.5, 0.8], [1, 0.7, 0.2]]);
});

test('precisionRecallVsThreshold: lengths must agree', () => {
  assert.throws(() => precisionRecallVsThreshold({ thresholds: [0.1], precision: [1, 2], recall: [1] }), /lengths differ/);
});

test('precisionRecallFigure: recall on x, precision on y, average precision in the legend', () => {
  const fig = precisionRecallFigure({ recall: [0, 0.5, 1], precision: [1, 0.8, 0.3], averagePrecision: 0.8124 }, { name: 'RF' });
  assertTitles(fig, 'Precision-recall curve', 'recall', 'precision');
  const [c] = traces(fig);
  assert.ok(c);
  assert.deepEqual([c.name, c.x, c.y], ['RF (AP 0.812)', [0, 0.5, 1], [1, 0.8, 0.3]]);
});
