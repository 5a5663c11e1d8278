import { test } from 'node:test';
import assert from 'node:assert/strict';
import { knnSweepFigure } from '../../lib/plots/knnSweepFigure';
import { assertTitles, traces } from './helpers';

test('knnSweepFigure: accuracy by k and the chosen k highlighted at its accuracy', () => {
  const fig = knnSweepFigure({ k: [1, 2, 3], accuracy: [0.81, 0.84, 0.83], chosenK: 2 });
  assertTitles(fig, 'k-NN accuracy vs k', 'k (neighbours)', 'accuracy');
  const [line, chosen] = traces(fig);
  assert.ok(line && chosen);
  assert.deepEqual(
    [line.x, line.y],
    [
      [1, 2, 3],
      [0.81, 0.84, 0.83],
    ],
  );
  assert.deepEqual([chosen.name, chosen.x, chosen.y], ['chosen k = 2', [2], [0.84]]);
});

test('knnSweepFigure: a chosen k outside the sweep adds no marker', () => {
  assert.equal(knnSweepFigure({ k: [1, 2], accuracy: [0.8, 0.9], chosenK: 7 }).data.length, 1);
});
