import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rfmScatter3d } from '../../lib/plots/rfmScatter3d';
import { titleText, traces } from './helpers';

test('rfmScatter3d: classes split into two 3-D traces, log frequency and monetary axes', () => {
  const fig = rfmScatter3d({
    recency: [72, 95, 132],
    frequency: [2, 4, 5710],
    monetary: [17.15, 44.29, 3093.07],
    purchased: [1, 0, 1],
  });
  assert.equal(titleText(fig.layout as never), 'Recency, frequency and monetary value by purchase');
  const [neg, pos] = traces(fig);
  assert.ok(neg && pos);
  assert.equal(neg.type, 'scatter3d');
  assert.deepEqual([neg.x, neg.y, neg.z], [[95], [4], [44.29]]);
  assert.deepEqual(
    [pos.x, pos.y, pos.z],
    [
      [72, 132],
      [2, 5710],
      [17.15, 3093.07],
    ],
  );
  const scene = fig.layout.scene!;
  assert.equal(titleText(scene.xaxis as never), 'recency (days)');
  assert.equal(titleText(scene.yaxis as never), 'frequency (sessions, log)');
  assert.equal(titleText(scene.zaxis as never), 'monetary value (log)');
  assert.equal(scene.xaxis?.type, undefined);
  assert.equal(scene.yaxis?.type, 'log');
  assert.equal(scene.zaxis?.type, 'log');
});
