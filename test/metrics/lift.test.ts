import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gainsCurve, liftAt } from '../../lib/metrics/lift';
import { assertAllClose, assertClose } from './assertClose';

// 10 users, 4 buyers; by decreasing score: B B n B n n B n n n  (B = buyer)
const y = [1, 1, 0, 1, 0, 0, 1, 0, 0, 0];
const s = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];

test('gains curve: cumulative share of buyers against share of users targeted', () => {
  const g = gainsCurve(y, s);
  assertAllClose(g.populationShare, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  assertAllClose(g.positiveShare, [0, 0.25, 0.5, 0.5, 0.75, 0.75, 0.75, 1, 1, 1, 1]);
  assert.equal(g.thresholds[0], Infinity);
});

test('lift at k%', () => {
  // top 20%: 2 of 4 buyers = 50% -> lift 2.5; top 40%: 3 of 4 -> .75 / .4 = 1.875; top 100%: lift 1
  assertClose(liftAt(y, s, 0.2).lift, 2.5);
  assertClose(liftAt(y, s, 0.4).captured, 0.75);
  assertClose(liftAt(y, s, 0.4).lift, 1.875);
  assertClose(liftAt(y, s, 1).lift, 1);
  // 15%: half-way between 10% (.25) and 20% (.5) -> .375 captured, lift 2.5
  assertClose(liftAt(y, s, 0.15).captured, 0.375);
});

test('ties are targeted together and interpolated inside the group', () => {
  // scores .9 .9 .9 .9 .1 .1 with buyers 1 0 1 0 | 1 0: the top group holds 4 users, 2 of 3 buyers
  const yt = [1, 0, 1, 0, 1, 0];
  const st = [0.9, 0.9, 0.9, 0.9, 0.1, 0.1];
  const g = gainsCurve(yt, st);
  assertAllClose(g.populationShare, [0, 4 / 6, 1]);
  assertAllClose(g.positiveShare, [0, 2 / 3, 1]);
  // top 1/3 = 2 of the 4 tied users: expected 1 buyer of 3 -> captured 1/3, lift 1
  assertClose(liftAt(yt, st, 1 / 3).captured, 1 / 3);
  assertClose(liftAt(yt, st, 1 / 3).lift, 1);
});

test('errors: no buyer, fraction outside (0, 1]', () => {
  assert.throws(() => gainsCurve([0, 0], [0.1, 0.2]), /No positive label/);
  assert.throws(() => liftAt(y, s, 0), /fraction/);
  assert.throws(() => liftAt(y, s, 1.5), /fraction/);
});
