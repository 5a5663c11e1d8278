import { test } from 'node:test';
import assert from 'node:assert/strict';
import { f1VsThreshold } from '../../lib/plots/f1VsThreshold';
import { assertTitles, traces } from './helpers';

test('f1VsThreshold: the F1 line and a marker on the best threshold', () => {
  const fig = f1VsThreshold({ thresholds: [0.1, 0.5, 0.7], f1: [0.4, 0.73, 0.79], best: { threshold: 0.7, f1: 0.79 } });
  assertTitles(fig, 'F1 vs threshold', 'threshold', 'F1');
  const [line, best] = traces(fig);
  assert.ok(line && best);
  assert.deepEqual(
    [line.x, line.y],
    [
      [0.1, 0.5, 0.7],
      [0.4, 0.73, 0.79],
    ],
  );
  assert.deepEqual([best.x, best.y, best.text], [[0.7], [0.79], ['best: F1 0.790 at 0.7']]);
});

test('f1VsThreshold: no marker without a best point', () => {
  assert.equal(f1VsThreshold({ thresholds: [0.5], f1: [0.6] }).data.length, 1);
});
