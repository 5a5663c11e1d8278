import { test } from 'node:test';
import assert from 'node:assert/strict';
import { funnel } from '../../lib/plots/funnel';
import { assertTitles, traces } from './helpers';

test('funnel: steps top to bottom with their row counts', () => {
  // The published Oct+Nov funnel (spec section 1).
  const steps = [
    { title: 'raw', rows: 8738120 },
    { title: 'cosmetics only', rows: 6674080 },
    { title: 'price > 0', rows: 6660929 },
    { title: 'no removals', rows: 5653127 },
    { title: 'multi-session users', rows: 4269438 },
  ];
  const fig = funnel(steps);
  assertTitles(fig, 'Cleaning funnel', 'rows', 'step');
  const [f] = traces(fig);
  assert.ok(f);
  assert.equal(f.type, 'funnel');
  assert.deepEqual(f.y, ['raw', 'cosmetics only', 'price > 0', 'no removals', 'multi-session users']);
  assert.deepEqual(f.x, [8738120, 6674080, 6660929, 5653127, 4269438]);
  assert.equal(f.textinfo, 'value+percent initial');
  assert.equal(f.texttemplate, '%{value:,}<br>%{percentInitial:.1%}');
});
