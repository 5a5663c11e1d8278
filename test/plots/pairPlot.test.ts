import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairPlot } from '../../lib/plots/pairPlot';
import { titleText, traces, viaJson } from './helpers';

test('pairPlot: one splom trace per class with the rows of that class', () => {
  const fig = viaJson(
    pairPlot(
      [
        { name: 'recency', values: new Float64Array([10, 20, 30, 40]) },
        { name: 'frequency', values: [1, 2, 3, 4] },
        { name: 'r', values: [5, 4, 3, 2] },
      ],
      new Uint8Array([0, 1, 0, 1]),
    ),
  );
  assert.equal(titleText(fig.layout as never), 'Pair plot by purchase');
  const [neg, pos] = traces(fig) as { type: string; name: string; dimensions: { label: string; values: number[] }[] }[];
  assert.ok(neg && pos);
  assert.equal(neg.type, 'splom');
  assert.equal(neg.name, 'not purchased');
  assert.equal(pos.name, 'purchased');
  assert.deepEqual(neg.dimensions, [
    { label: 'recency', values: [10, 30] },
    { label: 'frequency', values: [1, 3] },
    { label: 'r', values: [5, 3] },
  ]);
  assert.deepEqual(
    pos.dimensions.map((d) => d.values),
    [
      [20, 40],
      [2, 4],
      [4, 2],
    ],
  );
  const layout = fig.layout as Record<string, { title?: { text?: string } }>;
  assert.equal(layout.xaxis!.title?.text, 'recency');
  assert.equal(layout.yaxis3!.title?.text, 'r');
  assert.equal(layout.xaxis2!.title?.text, 'frequency');
});

test('pairPlot: mismatched lengths are rejected', () => {
  assert.throws(() => pairPlot([{ name: 'recency', values: [1, 2] }], [0, 1, 1]), /lengths differ/);
});
