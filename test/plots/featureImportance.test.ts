import { test } from 'node:test';
import assert from 'node:assert/strict';
import { featureImportance } from '../../lib/plots/featureImportance';
import { assertTitles, traces } from './helpers';

test('featureImportance: horizontal bars ascending so the most important is on top', () => {
  const fig = featureImportance([
    { feature: 'recency', importance: 120 },
    { feature: 'avg_cart_price', importance: 40 },
    { feature: 'frequency', importance: 300 },
    { feature: 'adds_to_cart', importance: 40 },
  ]);
  assertTitles(fig, 'Feature importance', 'importance (number of splits)', 'feature');
  const [bars] = traces(fig);
  assert.ok(bars);
  assert.equal(bars.orientation, 'h');
  // Ties (40) ordered so that, read top-down, names are alphabetical.
  assert.deepEqual(bars.y, ['avg_cart_price', 'adds_to_cart', 'recency', 'frequency']);
  assert.deepEqual(bars.x, [40, 40, 120, 300]);
});
