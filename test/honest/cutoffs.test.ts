import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, chooseCutoffs } from '../../lib/honest/cutoffs';

test('two months (Oct+Nov), H = 14: the test window is the last 14 days', () => {
  const c = chooseCutoffs({ firstEvent: '2019-10-01 00:00:04', lastEvent: '2019-11-30 23:59:58' }, { horizonDays: 14 });
  assert.deepEqual(c, {
    dataStart: '2019-10-01',
    dataEnd: '2019-12-01',
    horizonDays: 14,
    trainCutoff: '2019-11-03',
    trainLabelEnd: '2019-11-17',
    testCutoff: '2019-11-17',
    testLabelEnd: '2019-12-01',
    historyDays: 33, // 31 days of October + 2
  });
});

test('five months (Oct..Feb, 2020 is a leap year), H = 14', () => {
  const c = chooseCutoffs({ firstEvent: '2019-10-01 00:00:00', lastEvent: '2020-02-29 23:59:59' });
  assert.equal(c.dataEnd, '2020-03-01');
  assert.equal(c.testCutoff, '2020-02-16'); // Mar 1 - 14 days in a 29-day February
  assert.equal(c.trainCutoff, '2020-02-02');
  assert.equal(c.trainLabelEnd, c.testCutoff); // training labels end where test features start
  assert.equal(c.historyDays, 31 + 30 + 31 + 31 + 1);
});

test('an explicit cutoff is used when it fits, and refused outside the data', () => {
  const range = { firstEvent: '2019-10-01 00:00:00', lastEvent: '2019-11-30 23:59:59' };
  const c = chooseCutoffs(range, { horizonDays: 7, trainCutoff: '2019-10-20' });
  assert.deepEqual([c.trainCutoff, c.testCutoff, c.testLabelEnd], ['2019-10-20', '2019-10-27', '2019-11-03']);
  assert.throws(() => chooseCutoffs(range, { horizonDays: 7, trainCutoff: '2019-10-10' }), /outside 2019-10-15 \.\. 2019-11-17/);
  assert.throws(() => chooseCutoffs(range, { horizonDays: 7, trainCutoff: '2019-11-18' }), /outside/);
  assert.throws(() => chooseCutoffs(range, { trainCutoff: '2019-11-31' }), /calendar date/);
});

test('data shorter than history + two windows is refused', () => {
  assert.throws(
    () => chooseCutoffs({ firstEvent: '2019-10-01 05:00:00', lastEvent: '2019-11-10 10:00:00' }, { horizonDays: 14, minHistoryDays: 14 }),
    /covers 41 days .* \(42 days\)/,
  );
});

test('addDays crosses month and year ends', () => {
  assert.equal(addDays('2019-12-25', 14), '2020-01-08');
  assert.equal(addDays('2020-03-01', -1), '2020-02-29');
});
