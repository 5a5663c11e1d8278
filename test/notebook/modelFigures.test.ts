import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelFigures } from '../../lib/notebook/modelFigures';
import { evaluateModel } from '../../lib/study/evaluateModel';

test('modelFigures: five named, titled figures; the confusion matrix in sklearn layout', () => {
  // Labels 1 1 0 0, predictions 1 0 1 0: one of each cell.
  const y = Uint8Array.from([1, 1, 0, 0]);
  const e = evaluateModel('random_forest', y, Uint8Array.from([1, 0, 1, 0]), Float64Array.from([0.9, 0.4, 0.6, 0.1]), {
    fitSeconds: 0,
    predictSeconds: 0,
  });
  const figs = modelFigures(e);
  assert.deepEqual(
    figs.map((f) => f.name),
    [
      'random-forest-confusion',
      'random-forest-precision-recall-vs-threshold',
      'random-forest-pr-curve',
      'random-forest-roc',
      'random-forest-f1-vs-threshold',
    ],
  );
  for (const { fig } of figs) assert.match(String((fig.layout.title as { text: string }).text), /^Random forest: /);
  const heat = figs[0]!.fig.data[0] as { z: number[][] };
  assert.deepEqual(heat.z, [
    [1, 1],
    [1, 1],
  ]);
  // Scores 0.9 0.6 | 0.4 0.1: the ROC passes (0, 0.5), (0.5, 0.5), (0.5, 1), (1, 1); AUC 0.75 in the legend.
  assert.match(String((figs[3]!.fig.data[0] as { name: string }).name), /AUC 0\.750/);
});
