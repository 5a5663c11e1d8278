import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUndersample } from '../../lib/prep/undersample';

// 20 rows: positives at rows 3, 7, 11, 15 (4 minority rows), 16 negatives
const y = new Uint8Array(20);
for (const i of [3, 7, 11, 15]) y[i] = 1;
const all = Uint32Array.from({ length: 20 }, (_, i) => i);

test('keeps every minority row and as many distinct majority rows', () => {
  const kept = randomUndersample(y, all, 1);
  assert.equal(kept.length, 8);
  // imblearn layout: class 0 block, then class 1 block in input order
  assert.deepEqual(Array.from(kept.subarray(4)), [3, 7, 11, 15]);
  const majority = Array.from(kept.subarray(0, 4));
  assert.ok(majority.every((i) => y[i] === 0));
  assert.equal(new Set(majority).size, 4);
});

test('only the given indices are used (e.g. the training rows)', () => {
  const train = Uint32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8]); // positives 3 and 7, 7 negatives
  const kept = randomUndersample(y, train, 5);
  assert.equal(kept.length, 4);
  assert.ok(Array.from(kept).every((i) => i <= 8));
  assert.deepEqual(Array.from(kept.subarray(2)), [3, 7]);
});

test('the minority can be class 0', () => {
  const flipped = y.map((v) => 1 - v);
  const kept = randomUndersample(flipped, all, 3);
  assert.deepEqual(Array.from(kept.subarray(0, 4)), [3, 7, 11, 15]);
  assert.ok(Array.from(kept.subarray(4)).every((i) => flipped[i] === 1));
});

test('deterministic per seed; every majority row has the same chance', () => {
  assert.deepEqual(randomUndersample(y, all, 9), randomUndersample(y, all, 9));
  assert.notDeepEqual(randomUndersample(y, all, 9), randomUndersample(y, all, 10));
  // 4 of 16 negatives kept: each negative is kept with probability 1/4
  const hits = new Map<number, number>();
  const runs = 4000;
  for (let seed = 0; seed < runs; seed++)
    for (const i of randomUndersample(y, all, seed).subarray(0, 4)) hits.set(i, (hits.get(i) ?? 0) + 1);
  assert.equal(hits.size, 16);
  // binomial(4000, .25): sd ~ 27; allow 5 sd around 1000
  for (const h of hits.values()) assert.ok(Math.abs(h - 1000) < 140, `kept ${h} times`);
});

test('bad input', () => {
  assert.throws(() => randomUndersample(y, new Uint32Array(0), 1), /empty/);
  assert.throws(() => randomUndersample(y, Uint32Array.from([0, 1, 2]), 1), /both classes/);
  assert.throws(() => randomUndersample(y, [0, 25], 1), /not a row/);
});
