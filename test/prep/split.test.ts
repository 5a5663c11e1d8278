import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { approximateMode, stratifiedSplit, testSetSize } from '../../lib/prep/split';
import { createRng } from '../../lib/random';

interface SplitGolden {
  rows: number;
  positives: number;
  test_size: number;
  test_rows: number;
  test_positives: number;
  test_negatives: number;
}
const golden = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sklearn', 'prep.json'), 'utf8')) as { split: SplitGolden[] };

/** Labels with the first `positives` rows positive, then shuffled so classes are interleaved. */
function labels(rows: number, positives: number, seed = 99): Uint8Array {
  const y = new Uint8Array(rows);
  y.fill(1, 0, positives);
  return createRng(seed).shuffle(y);
}

function countPositives(y: Uint8Array, idx: Uint32Array): number {
  let s = 0;
  for (const i of idx) s += y[i]!;
  return s;
}

test('the published split: 217,743 users, 38,366 buyers, 30% -> 65,323 test users, 11,510 buyers', () => {
  const y = labels(217743, 38366);
  const { train, test: testIdx } = stratifiedSplit(y, { testSize: 0.3, seed: 42 });
  assert.equal(testIdx.length, 65323); // ceil(0.3 * 217743) = ceil(65322.9)
  assert.equal(countPositives(y, testIdx), 11510);
  assert.equal(testIdx.length - countPositives(y, testIdx), 53813);
  assert.equal(train.length, 217743 - 65323);
  // a partition: every row exactly once
  const seen = new Uint8Array(y.length);
  for (const i of train) seen[i]!++;
  for (const i of testIdx) seen[i]!++;
  assert.ok(seen.every((c) => c === 1));
});

for (const g of golden.split) {
  test(`sklearn per-class allocation: n=${g.rows}, positives=${g.positives}, testSize=${g.test_size}`, () => {
    for (const seed of [0, 1, 2]) {
      const y = labels(g.rows, g.positives, seed);
      const s = stratifiedSplit(y, { testSize: g.test_size, seed });
      assert.equal(s.test.length, g.test_rows);
      assert.equal(countPositives(y, s.test), g.test_positives);
      assert.equal(s.train.length + s.test.length, g.rows);
    }
  });
}

test('test size is ceil(share * n), or a count', () => {
  assert.equal(testSetSize(10, 0.25), 3); // 2.5 -> 3
  assert.equal(testSetSize(217743, 0.3), 65323);
  assert.equal(testSetSize(10, 4), 4);
  assert.throws(() => testSetSize(10, 0), /testSize/);
  assert.equal(testSetSize(10, 1), 1); // a whole number is a row count, as sklearn's int test_size
  assert.throws(() => testSetSize(10, 10), /testSize/);
  assert.throws(() => testSetSize(10, -0.3), /testSize/);
  assert.throws(() => testSetSize(10, 2.5), /testSize/);
});

test('approximate mode: floors plus the largest remainders, ties at random', () => {
  // 7 draws over [5, 3, 2] (total 10): 3.5, 2.1, 1.4 -> floors 3 2 1 (6), one more to the largest remainder .5
  assert.deepEqual(approximateMode([5, 3, 2], 7, createRng(1)), [4, 2, 1]);
  // tie: [5, 5] with 3 draws -> 1.5, 1.5: one class gets 2; both outcomes occur across seeds
  const outcomes = new Set<string>();
  for (let seed = 0; seed < 20; seed++) {
    const a = approximateMode([5, 5], 3, createRng(seed));
    assert.equal(a[0]! + a[1]!, 3);
    outcomes.add(a.join());
  }
  assert.deepEqual([...outcomes].sort(), ['1,2', '2,1']);
});

test('deterministic for a seed, different across seeds; proportions preserved', () => {
  const y = labels(5000, 880);
  const a = stratifiedSplit(y, { testSize: 0.3, seed: 7 });
  const b = stratifiedSplit(y, { testSize: 0.3, seed: 7 });
  const c = stratifiedSplit(y, { testSize: 0.3, seed: 8 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.test, c.test);
  // 5000 * .3 = 1500 test rows; train 3500 * 880/5000 = 616 positives exactly, test 880 - 616 = 264
  assert.equal(countPositives(y, a.train), 616);
  assert.equal(countPositives(y, a.test), 264);
});

test('bad input', () => {
  assert.throws(() => stratifiedSplit(new Uint8Array(0), { testSize: 0.3, seed: 1 }), /empty/);
  assert.throws(() => stratifiedSplit(new Uint8Array([0, 0, 0, 0]), { testSize: 0.5, seed: 1 }), /both classes/);
  assert.throws(() => stratifiedSplit(new Uint8Array([0, 0, 0, 1]), { testSize: 0.5, seed: 1 }), /only 1 member/);
  assert.throws(() => stratifiedSplit(new Uint8Array([0, 2, 0, 1]), { testSize: 0.5, seed: 1 }), /0\/1 label/);
});
