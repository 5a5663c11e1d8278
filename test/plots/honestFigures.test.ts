import { test } from 'node:test';
import assert from 'node:assert/strict';
import { metricByOrigin } from '../../lib/plots/metricByOrigin';
import { profitCurve } from '../../lib/plots/profitCurve';
import { reliabilityDiagram } from '../../lib/plots/reliability';
import { assertTitles, traces, viaJson } from './helpers';

test('metric by origin: a line per series over the origins, baselines dashed and named so', () => {
  const fig = viaJson(
    metricByOrigin(
      ['2019-11-03', '2019-11-10'],
      [
        { name: 'XGBoost', kind: 'model', values: Float64Array.from([0.79, 0.8]) },
        { name: 'Recency', kind: 'baseline', values: [0.74, 0.75] },
      ],
      { metric: 'ROC AUC' },
    ),
  );
  assertTitles(fig, 'ROC AUC by origin', 'test cutoff (origin)', 'ROC AUC');
  const [m, b] = traces(fig);
  assert.ok(m && b);
  assert.deepEqual([m.name, m.x, m.y], ['XGBoost', ['2019-11-03', '2019-11-10'], [0.79, 0.8]]);
  assert.equal(b.name, 'Recency (baseline)');
  assert.deepEqual(b.line, { dash: 'dash' });
  assert.throws(() => metricByOrigin(['a'], [{ name: 'x', kind: 'model', values: [1, 2] }], { metric: 'm' }), /2 values for 1 origins/);
});

test('reliability diagram: bins as points, sizes in the hover, the diagonal up to the largest value, rate lines', () => {
  const fig = viaJson(
    reliabilityDiagram([{ name: 'XGBoost', probPred: Float64Array.from([0.001, 0.004]), probTrue: [0.0005, 0.006], counts: [900, 100] }], {
      rates: [{ name: 'test buyer rate', value: 0.003 }],
    }),
  );
  assertTitles(fig, 'Reliability of the predicted probabilities', 'mean predicted probability (per bin)', 'observed buyer rate (per bin)');
  const [c, diagonal] = traces(fig);
  assert.ok(c && diagonal);
  assert.deepEqual(
    [c.x, c.y, c.text],
    [
      [0.001, 0.004],
      [0.0005, 0.006],
      ['900 users', '100 users'],
    ],
  );
  assert.deepEqual([diagonal.name, diagonal.x, diagonal.y], ['perfectly calibrated', [0, 0.006], [0, 0.006]]);
  assert.equal(fig.layout.shapes?.[0]?.y0, 0.003);
  assert.throws(() => reliabilityDiagram([{ name: 'x', probPred: [0.1], probTrue: [0.1, 0.2], counts: [1] }]), /lengths differ/);
});

test('profit curve: a line per curve, the zero line and the chosen k', () => {
  const fig = viaJson(
    profitCurve([{ name: 'test window', percent: [0, 50, 100], profit: [0, 3, -2] }], { chosen: 50, yTitle: 'profit per user' }),
  );
  assertTitles(fig, 'Expected profit by share of users contacted', '% of users contacted (highest scores first)', 'profit per user');
  assert.deepEqual(
    [traces(fig)[0]!.x, traces(fig)[0]!.y],
    [
      [0, 50, 100],
      [0, 3, -2],
    ],
  );
  assert.equal(fig.layout.shapes?.length, 2);
  assert.equal(fig.layout.shapes?.[1]?.x0, 50);
  assert.equal(profitCurve([{ name: 'a', percent: [0], profit: [0] }]).layout.shapes?.length, 1);
});
