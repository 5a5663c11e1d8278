import { test } from 'node:test';
import assert from 'node:assert/strict';
import { histogram } from '../../lib/plots/histogram';
import { assertTitles, traces, viaJson } from './helpers';

test('histogram: a single series from a typed array becomes a plain array', () => {
  const fig = viaJson(
    histogram([{ name: 'price', values: new Float64Array([1.5, 2, 2.5]) }], { title: 'Price', xTitle: 'price', bins: 20 }),
  );
  assertTitles(fig, 'Price', 'price', 'count');
  const [h] = traces(fig);
  assert.ok(h);
  assert.equal(h.type, 'histogram');
  assert.deepEqual(h.x, [1.5, 2, 2.5]);
  assert.equal(h.nbinsx, 20);
  assert.equal(h.opacity, 1);
  assert.equal(fig.layout.showlegend, false);
});

test('histogram: several series overlay with a legend; log count axis on request', () => {
  const fig = histogram(
    [
      { name: 'views', values: [0.1, 0.5] },
      { name: 'carts', values: [1] },
    ],
    { title: 'Brand shares', xTitle: 'share', yTitle: 'users', logY: true },
  );
  assertTitles(fig, 'Brand shares', 'share', 'users');
  assert.deepEqual(
    traces(fig).map((t) => t.name),
    ['views', 'carts'],
  );
  assert.equal(fig.layout.barmode, 'overlay');
  assert.equal(fig.layout.showlegend, true);
  assert.equal(fig.layout.yaxis?.type, 'log');
  assert.equal(traces(fig)[0]!.nbinsx, undefined);
});
