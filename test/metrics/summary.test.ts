import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classificationSummary } from '../../lib/metrics/summary';
import { assertClose } from './assertClose';

test('summary at 0.5 and at a custom threshold', () => {
  const y = [1, 0, 1, 1, 0, 0];
  const s = [0.95, 0.8, 0.7, 0.3, 0.3, 0.05];
  // >= .5: {.95 .8 .7}: tp 2 fp 1 fn 1 tn 2
  const at5 = classificationSummary(y, s);
  assert.deepEqual(at5.confusion, [
    [2, 1],
    [1, 2],
  ]);
  assertClose(at5.accuracy, 4 / 6);
  assertClose(at5.precision, 2 / 3);
  assertClose(at5.recall, 2 / 3);
  assertClose(at5.f1, 2 / 3);
  // AUC by pairs: pos {.95 .7 .3} vs neg {.8 .3 .05}: .95 -> 3; .7 -> 2; .3 -> 1/2 + 1 -> 6.5 / 9
  assertClose(at5.rocAuc, 6.5 / 9);
  assert.deepEqual(at5.warnings, []);
  const at99 = classificationSummary(y, s, 0.99);
  assert.equal(at99.precision, 0);
  assert.deepEqual(
    at99.warnings.map((w) => w.metric),
    ['precision'],
  );
  assert.throws(() => classificationSummary([1, 1], [0.2, 0.3]), /Only one class/);
});
