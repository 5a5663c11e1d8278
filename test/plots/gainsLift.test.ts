import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gainsChart, liftChart } from '../../lib/plots/gainsLift';

// 4 users, 1 buyer ranked second: gains points (0,0), (25%,0), (50%,100%), (75%,100%), (100%,100%).
const curve = { name: 'm', populationShare: [0, 0.25, 0.5, 0.75, 1], positiveShare: [0, 0, 1, 1, 1] };

test('gains chart: percent axes plus the random diagonal', () => {
  const fig = gainsChart([curve]);
  assert.equal(fig.data.length, 2);
  assert.deepEqual((fig.data[0] as { x: number[] }).x, [0, 25, 50, 75, 100]);
  assert.deepEqual((fig.data[0] as { y: number[] }).y, [0, 0, 100, 100, 100]);
  assert.equal((fig.data[1] as { name: string }).name, 'random targeting');
});

test('lift chart: buyers share / users share, from the first point past minShare', () => {
  const fig = liftChart([curve], { minShare: 0.3 });
  assert.deepEqual((fig.data[0] as { x: number[] }).x, [50, 75, 100]);
  assert.deepEqual((fig.data[0] as { y: number[] }).y, [2, 4 / 3, 1]);
});
