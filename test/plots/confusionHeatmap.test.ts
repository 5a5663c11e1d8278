import { test } from 'node:test';
import assert from 'node:assert/strict';
import { confusionHeatmap } from '../../lib/plots/confusionHeatmap';
import { assertTitles, traces } from './helpers';

test('confusionHeatmap: sklearn layout (rows actual, columns predicted) and one annotation per cell', () => {
  const fig = confusionHeatmap({ tn: 50, fp: 3, fn: 7, tp: 40 }, { title: 'XGBoost' });
  assertTitles(fig, 'XGBoost', 'predicted', 'actual');
  const [h] = traces(fig);
  assert.ok(h);
  assert.equal(h.type, 'heatmap');
  assert.deepEqual(h.z, [
    [50, 3],
    [7, 40],
  ]);
  assert.equal(fig.layout.yaxis?.autorange, 'reversed');
  const notes = fig.layout.annotations!.map((a) => [a.y, a.x, a.text]);
  assert.deepEqual(notes, [
    ['0 (not purchased)', '0 (not purchased)', '50'],
    ['0 (not purchased)', '1 (purchased)', '3'],
    ['1 (purchased)', '0 (not purchased)', '7'],
    ['1 (purchased)', '1 (purchased)', '40'],
  ]);
  // Cells above half the maximum (50 and 40 of max 50) get white text.
  assert.deepEqual(
    fig.layout.annotations!.map((a) => a.font?.color),
    ['white', 'black', 'black', 'white'],
  );
});
