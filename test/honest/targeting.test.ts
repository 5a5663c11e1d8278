import { test } from 'node:test';
import assert from 'node:assert/strict';
import { targetingCsv, targetingList } from '../../lib/honest/targeting';

test('users ranked by score, ties by numeric user id, flagged at the threshold and in the chosen cut, as CSV', () => {
  const rows = targetingList(['10', '9', '11', '12'], [0.5, 0.5, 0.9, 0.1], {
    threshold: 0.5,
    labels: [1, 0, 0, 1],
    cutSize: 2,
    probabilities: [0.02, 0.02, 0.3, 0.001],
  });
  assert.deepEqual(
    rows.map((r) => r.user_id),
    ['11', '9', '10', '12'],
  ); // '9' before '10': numeric, not text order
  assert.equal(
    targetingCsv(rows),
    'rank,user_id,score,targeted,purchased_in_window,in_chosen_cut,calibrated_probability\n' +
      '1,11,0.9,1,0,1,0.3\n2,9,0.5,1,0,1,0.02\n3,10,0.5,1,1,0,0.02\n4,12,0.1,0,1,0,0.001\n',
  );
  const plain = targetingList(['1'], [0.3]);
  assert.equal(plain[0]!.purchased_in_window, -1);
  assert.equal(plain[0]!.in_chosen_cut, 0);
  assert.equal(
    targetingCsv(plain),
    'rank,user_id,score,targeted,purchased_in_window,in_chosen_cut,calibrated_probability\n1,1,0.3,0,-1,0,\n',
  );
  assert.throws(() => targetingList(['1'], [0.3], { cutSize: 2 }), /cut size/);
});
