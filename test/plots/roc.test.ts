import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rocFigure, rocOverlay } from '../../lib/plots/roc';
import { assertTitles, traces } from './helpers';

test('rocFigure: the curve plus the chance diagonal', () => {
  const fig = rocFigure({ name: 'logistic regression', fpr: [0, 0.1, 1], tpr: [0, 0.8, 1], auc: 0.89 });
  assertTitles(fig, 'ROC curve: logistic regression', 'false positive rate', 'true positive rate');
  const [c, chance] = traces(fig);
  assert.ok(c && chance);
  assert.deepEqual([c.name, c.x, c.y], ['logistic regression (AUC 0.890)', [0, 0.1, 1], [0, 0.8, 1]]);
  assert.deepEqual([chance.name, chance.x, chance.y], ['chance', [0, 1], [0, 1]]);
});

test('rocOverlay: one trace per model with its AUC in the legend, in the given order', () => {
  const curve = { fpr: [0, 1], tpr: [0, 1] };
  const fig = rocOverlay([
    { name: 'random forest', auc: 0.9712, ...curve },
    { name: 'k-NN', auc: 0.86, ...curve },
  ]);
  assertTitles(fig, 'ROC curves', 'false positive rate', 'true positive rate');
  assert.deepEqual(
    traces(fig).map((t) => t.name),
    ['random forest (AUC 0.971)', 'k-NN (AUC 0.860)', 'chance'],
  );
  assert.equal(fig.layout.showlegend, true);
});
