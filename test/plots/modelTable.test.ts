import { test } from 'node:test';
import assert from 'node:assert/strict';
import { modelTable } from '../../lib/plots/modelTable';
import { titleText, traces } from './helpers';

test('modelTable: header from the keys, one column array per key, numbers rounded', () => {
  const fig = modelTable([
    { model: 'logistic regression', accuracy: 0.8012, auc: 0.89, n: 65323 },
    { model: 'XGBoost', accuracy: 0.88, auc: 0.9749, threshold: 0.7 },
  ]);
  assert.equal(titleText(fig.layout as never), 'Model performance');
  const [t] = traces(fig) as { type: string; header: { values: string[] }; cells: { values: string[][] } }[];
  assert.ok(t);
  assert.equal(t.type, 'table');
  assert.deepEqual(t.header.values, ['model', 'accuracy', 'auc', 'n', 'threshold']);
  assert.deepEqual(t.cells.values, [
    ['logistic regression', 'XGBoost'],
    ['0.801', '0.880'],
    ['0.890', '0.975'],
    ['65323', ''],
    ['', '0.700'],
  ]);
});
