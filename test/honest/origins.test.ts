import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, chooseCutoffs } from '../../lib/honest/cutoffs';
import { originCutoffDates, originCutoffs } from '../../lib/honest/origins';

const OCT_NOV = { firstEvent: '2019-10-01 00:00:04', lastEvent: '2019-11-30 23:59:58' };
const OCT_FEB = { firstEvent: '2019-10-01 00:00:00', lastEvent: '2020-02-29 23:59:59' };

/** The property the issue asks for: each origin's training labels end at or before its own test cutoff. */
function assertNoOverlap(origins: ReturnType<typeof originCutoffs>): void {
  for (const o of origins) {
    assert.ok(
      o.trainLabelEnd <= o.testCutoff,
      `${o.trainCutoff}: training labels end ${o.trainLabelEnd} after the test cutoff ${o.testCutoff}`,
    );
    assert.equal(addDays(o.trainCutoff, o.horizonDays), o.trainLabelEnd);
    assert.ok(o.testLabelEnd <= o.dataEnd, `${o.testCutoff}: test window ends ${o.testLabelEnd} after the data`);
  }
}

test('Oct+Nov, H = 14, step 7: three origins, the last one the single-origin default', () => {
  const origins = originCutoffs(OCT_NOV);
  assert.deepEqual(
    origins.map((o) => [o.trainCutoff, o.testCutoff, o.testLabelEnd]),
    [
      ['2019-10-20', '2019-11-03', '2019-11-17'],
      ['2019-10-27', '2019-11-10', '2019-11-24'],
      ['2019-11-03', '2019-11-17', '2019-12-01'],
    ],
  );
  assert.deepEqual(origins[2], chooseCutoffs(OCT_NOV));
  // The next origin back would train on Oct 13, with 12 days of history (< 14).
  assert.equal(origins[0]!.historyDays, 19);
  assertNoOverlap(origins);
  // Oct 20, Oct 27, Nov 3 (train and test), Nov 10, Nov 17: five tables, not six.
  assert.deepEqual(originCutoffDates(origins), ['2019-10-20', '2019-10-27', '2019-11-03', '2019-11-10', '2019-11-17']);
});

test('five months (Oct..Feb), step 7: sixteen weekly origins from Nov 3 to Feb 16', () => {
  const origins = originCutoffs(OCT_FEB);
  assert.equal(origins.length, 16);
  // counted back from Feb 16 in weeks: Nov 3 is the last test cutoff whose T1 (Oct 20) has 14 days of history
  assert.equal(origins[0]!.testCutoff, '2019-11-03');
  assert.equal(origins[0]!.trainCutoff, '2019-10-20');
  assert.equal(origins[15]!.testCutoff, '2020-02-16');
  assert.equal(origins[15]!.testLabelEnd, '2020-03-01');
  for (let k = 1; k < origins.length; k++) assert.equal(addDays(origins[k - 1]!.testCutoff, 7), origins[k]!.testCutoff);
  assertNoOverlap(origins);
  assert.equal(originCutoffDates(origins).length, 18); // 16 test cutoffs + the first two training cutoffs
});

test('other steps and horizons keep the labels before the test cutoff', () => {
  for (const [horizonDays, stepDays] of [
    [7, 1],
    [14, 3],
    [7, 21],
    [10, 10],
  ]) {
    const origins = originCutoffs(OCT_FEB, { horizonDays, stepDays });
    assert.ok(origins.length >= 1);
    assertNoOverlap(origins);
    assert.equal(origins[origins.length - 1]!.testLabelEnd, '2020-03-01');
  }
  // a step longer than the span leaves the last origin only
  assert.equal(originCutoffs(OCT_NOV, { stepDays: 60 }).length, 1);
});

test('bad steps and data too short are refused', () => {
  assert.throws(() => originCutoffs(OCT_NOV, { stepDays: 0 }), /step must be a whole number/);
  assert.throws(() => originCutoffs(OCT_NOV, { stepDays: 1.5 }), /step must be a whole number/);
  assert.throws(() => originCutoffs({ firstEvent: '2019-10-01 00:00:00', lastEvent: '2019-11-05 00:00:00' }), /too few/);
});
