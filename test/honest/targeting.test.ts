import { test } from 'node:test';
import assert from 'node:assert/strict';
import { targetingCsv, targetingList } from '../../lib/honest/targeting';

test('users ranked by score, ties by numeric user id, flagged at the threshold, as CSV', () => {
  const rows = targetingList(['10', '9', '11', '12'], [0.5, 0.5, 0.9, 0.1], { threshold: 0.5, labels: [1, 0, 0, 1] });
  assert.deepEqual(rows.map((r) => r.user_id), ['11', '9', '10', '12']); // '9' before '10': numeric, not text order
  assert.equal(
    targetingCsv(rows),
    'rank,user_id,score,targeted,purchased_in_window\n1,11,0.9,1,0\n2,9,0.5,1,0\n3,10,0.5,1,1\n4,12,0.1,0,1\n',
  );
  assert.equal(targetingList(['1'], [0.3])[0].purchased_in_window, -1);
});
