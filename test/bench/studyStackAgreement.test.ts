import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { MODELLING_COLUMNS } from '../../lib/features/columns';
import { agreementSentence } from '../../bench/report';
import { compareWithStudyStack } from '../../bench/studyStackAgreement';

/** A modelling-table CSV: every column 1 unless `values` says otherwise. */
function csv(rows: Record<string, number | string>[]): string {
  const lines = rows.map((r) => MODELLING_COLUMNS.map((c) => r[c] ?? 1).join(','));
  return [MODELLING_COLUMNS.join(','), ...lines].join('\n') + '\n';
}

test('compareWithStudyStack: users, rows, per-column differences and the recency shift, worked by hand', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'agreement-'));
  const study = path.join(dir, 'study.csv');
  const ours = path.join(dir, 'ours.csv');
  // User 1: equal but for recency +100 and, in the study, a second row on another r (a bin edge).
  // User 2: recency +100, avg_cart_price differs. User 3: recency +101 (not the shift). User 4: only in ours.
  fs.writeFileSync(
    study,
    csv([
      { user_id: 1, recency: 110 },
      { user_id: 1, recency: 110, r: 2 },
      { user_id: 2, recency: 120, avg_cart_price: 3.5 },
      { user_id: 3, recency: 131 },
    ]),
  );
  fs.writeFileSync(
    ours,
    csv([
      { user_id: 1, recency: 10 },
      { user_id: 2, recency: 20, avg_cart_price: 3.25 },
      { user_id: 3, recency: 30 },
      { user_id: 4, recency: 40 },
    ]),
  );
  const a = await compareWithStudyStack(study, ours);
  assert.deepEqual(
    { rows: [a.studyRows, a.oursRows], users: [a.studyUsers, a.oursUsers, a.commonUsers], shift: a.recencyShift },
    { rows: [4, 4], users: [3, 4, 3], shift: { min: 100, max: 101 } },
  );
  const expected = Object.fromEntries(Object.keys(a.differingUsers).map((c) => [c, 0]));
  assert.deepEqual(a.differingUsers, { ...expected, r: 1, avg_cart_price: 1, recency: 1 });
  assert.equal(Object.keys(a.differingUsers).length, 16);
  const sentence = agreementSentence(a);
  assert.match(sentence, /4 rows and 3 users against 4 and 4, 3 users in both/);
  assert.match(sentence, /recency shifted by 100 to 101 days except for 1 users/);
  assert.match(sentence, /differing: r for 1 users, avg_cart_price for 1 users/);
  assert.doesNotMatch(sentence, /equal for every common user:[^;]*avg_cart_price/);
  fs.rmSync(dir, { recursive: true, force: true });
});
