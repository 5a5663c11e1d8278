import { test } from 'node:test';
import assert from 'node:assert/strict';
import { targetBalance } from '../../lib/plots/targetBalance';
import { assertTitles, traces } from './helpers';

test('targetBalance: one bar per class with counts and shares', () => {
  const fig = targetBalance({ negative: 75, positive: 25 });
  assertTitles(fig, 'Target class balance', 'purchased', 'users');
  assert.equal(fig.data.length, 1);
  const [bar] = traces(fig);
  assert.ok(bar);
  assert.equal(bar.type, 'bar');
  assert.deepEqual(bar.x, ['not purchased (0)', 'purchased (1)']);
  assert.deepEqual(bar.y, [75, 25]);
  assert.deepEqual(bar.text, ['75 (75.0%)', '25 (25.0%)']);
});

test('targetBalance: custom title; no division by zero on empty data', () => {
  const fig = targetBalance({ negative: 0, positive: 0 }, { title: 'Users' });
  assertTitles(fig, 'Users', 'purchased', 'users');
  assert.deepEqual(traces(fig)[0]!.text, ['0', '0']);
});
