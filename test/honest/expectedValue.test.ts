import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestPoint, cutSize, expectedValueTargeting, profitByPercent } from '../../lib/honest/expectedValue';
import { assertClose } from '../metrics/assertClose';

const COSTS = { falseNegative: 4, falsePositive: 1 };
// 10 users by descending score; buyers ranked 1st and 3rd.
const set = { y: [1, 0, 1, 0, 0, 0, 0, 0, 0, 0], scores: [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05] };

test('profit of the top k% by hand: 4 per buyer reached, 1 per non-buyer contacted', () => {
  const points = profitByPercent(set, COSTS, [0, 10, 20, 30, 50, 100]);
  assert.deepEqual(
    points.map((p) => p.profit),
    [0, 4, 3, 7, 5, 0],
  ); // 100%: 2 buyers (8) - 8 wasted
  assert.deepEqual(
    points.map((p) => p.buyersReached),
    [0, 1, 1, 2, 2, 2],
  );
  assert.deepEqual(
    points.map((p) => p.wasted),
    [0, 0, 1, 1, 3, 8],
  );
  assert.equal(points[3]!.profitPerUser, 0.7);
  // 15% splits the second user: half a non-buyer in expectation
  const half = profitByPercent(set, COSTS, [15])[0]!;
  assertClose(half.targeted, 1.5);
  assertClose(half.buyersReached, 1);
  assertClose(half.profit, 3.5);
  assert.equal(bestPoint(profitByPercent(set, COSTS)).percent, 30);
});

test('tied scores count in expectation; no buyer at all means contacting anyone only loses', () => {
  const tied = profitByPercent({ y: [1, 0, 0, 0], scores: [0.5, 0.5, 0.5, 0.5] }, COSTS, [50]);
  assertClose(tied[0]!.buyersReached, 0.5); // half of the one buyer, in expectation
  assertClose(tied[0]!.profit, 4 * 0.5 - 1 * 1.5);
  const none = profitByPercent({ y: [0, 0], scores: [0.3, 0.1] }, COSTS, [0, 50, 100]);
  assert.deepEqual(
    none.map((p) => p.profit),
    [0, -1, -2],
  );
  assert.equal(bestPoint(none).percent, 0);
  // equal profits: the smaller share wins (here 0% and 100% both earn 0 when fn·buyers = fp·non-buyers)
  const even = profitByPercent({ y: [1, 0, 0, 0, 0], scores: [0.1, 0.2, 0.3, 0.4, 0.5] }, COSTS, [100, 0]);
  assert.deepEqual(
    even.map((p) => p.profit),
    [0, 0],
  );
  assert.equal(bestPoint(even).percent, 0);
});

test('the cut is chosen on the calibration rows and priced on the test rows, beside the bound', () => {
  // test: buyers ranked 2nd and 3rd of 10 -> top 30% = 2 buyers, 1 wasted = 7; best is 30% too; 10% = -1
  const testSet = { y: [0, 1, 1, 0, 0, 0, 0, 0, 0, 0], scores: set.scores };
  const calibration = { y: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], scores: set.scores }; // best there: the top 10%
  const d = expectedValueTargeting(calibration, testSet, COSTS);
  assert.equal(d.chosenPercent, 10);
  assert.equal(d.chosen.profit, -1);
  assert.equal(d.testBest.percent, 30);
  assert.equal(d.testBest.profit, 7);
  assert.equal(d.everyone.profit, 0);
  assert.equal(d.noOne.profit, 0);
  assert.equal(d.curve.length, 101);
  assert.equal(cutSize(92_376, 11), 10_161);
  assert.equal(cutSize(10, 15), 2); // 1.5 rounds up
});
