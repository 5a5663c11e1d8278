import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../lib/random';

test('same seed gives the same stream; different seeds differ', () => {
  const a = createRng(7),
    b = createRng(7),
    c = createRng(8);
  const sa = Array.from({ length: 5 }, () => a.next());
  const sb = Array.from({ length: 5 }, () => b.next());
  const sc = Array.from({ length: 5 }, () => c.next());
  assert.deepEqual(sa, sb);
  assert.notDeepEqual(sa, sc);
});

test('uniform and normal moments are close to their textbook values', () => {
  const rng = createRng(123);
  const n = 200_000;
  let s = 0,
    s2 = 0,
    z = 0,
    z2 = 0;
  for (let i = 0; i < n; i++) {
    const u = rng.next();
    s += u;
    s2 += u * u;
    const g = rng.normal();
    z += g;
    z2 += g * g;
  }
  assert.ok(Math.abs(s / n - 0.5) < 0.005);
  assert.ok(Math.abs(s2 / n - (s * s) / n / n - 1 / 12) < 0.002); // variance of U(0,1) is 1/12
  assert.ok(Math.abs(z / n) < 0.01);
  assert.ok(Math.abs(z2 / n - 1) < 0.01);
});

test('int stays in range and shuffle is a permutation', () => {
  const rng = createRng(1);
  const counts = new Array(10).fill(0);
  for (let i = 0; i < 10_000; i++) counts[rng.int(10)]++;
  assert.ok(counts.every((c) => c > 900 && c < 1100));
  const arr = Array.from({ length: 100 }, (_, i) => i);
  rng.shuffle(arr);
  assert.deepEqual(
    [...arr].sort((x, y) => x - y),
    Array.from({ length: 100 }, (_, i) => i),
  );
  assert.notDeepEqual(
    arr,
    Array.from({ length: 100 }, (_, i) => i),
  );
});
