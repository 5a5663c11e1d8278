import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrixFromRows, type Matrix } from '../../lib/prep/matrix';
import { smote } from '../../lib/prep/smote';
import { createRng } from '../../lib/random';

/** 12 minority points (class 1) and 40 majority points (class 0) in 2-D. */
function sample(): { X: Matrix; y: Uint8Array } {
  const rng = createRng(11);
  const rows: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 40; i++) {
    rows.push([rng.normal(), rng.normal()]);
    y.push(0);
  }
  for (let i = 0; i < 12; i++) {
    rows.push([3 + rng.normal(), 3 + rng.normal()]);
    y.push(1);
  }
  return { X: matrixFromRows(rows, ['a', 'b']), y: Uint8Array.from(y) };
}

/** Indices (into `points`) of the k nearest other points, by brute force. */
function nearest(points: number[][], i: number, k: number): number[] {
  return points
    .map((p, j) => [Math.hypot(p[0]! - points[i]![0]!, p[1]! - points[i]![1]!), j])
    .filter(([, j]) => j !== i)
    .sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!)
    .slice(0, k)
    .map(([, j]) => j!);
}

test('classes balance, input rows come first unchanged, synthetic rows are minority', () => {
  const { X, y } = sample();
  const r = smote(X, y, { k: 5, seed: 1 });
  assert.equal(r.X.rows, 80); // 40 + 40
  assert.equal(r.y.length, 80);
  assert.equal(
    r.y.reduce((a, b) => a + b, 0),
    40,
  );
  assert.deepEqual(r.X.data.subarray(0, X.data.length), X.data);
  assert.deepEqual(r.y.subarray(0, 52), y);
  assert.deepEqual(r.X.names, ['a', 'b']);
});

test('every synthetic point lies on a segment from a minority point to one of its 5 nearest minority neighbours', () => {
  const { X, y } = sample();
  const minority: number[][] = [];
  for (let i = 0; i < X.rows; i++) if (y[i] === 1) minority.push([X.data[2 * i]!, X.data[2 * i + 1]!]);
  const r = smote(X, y, { k: 5, seed: 2 });
  for (let s = 52; s < r.X.rows; s++) {
    const p = [r.X.data[2 * s], r.X.data[2 * s + 1]];
    const onSegment = minority.some((a, ai) =>
      nearest(minority, ai, 5).some((bi) => {
        const b = minority[bi]!;
        // p = a + g (b - a): solve g on the first axis, check it is in [0, 1] and fits the second axis
        const g = (p[0]! - a[0]!) / (b[0]! - a[0]!);
        return g >= -1e-12 && g <= 1 + 1e-12 && Math.abs(a[1]! + g * (b[1]! - a[1]!) - p[1]!) < 1e-9;
      }),
    );
    assert.ok(onSegment, `synthetic row ${s} = ${p} is not between minority neighbours`);
  }
});

test('deterministic per seed; class 0 can be the minority; balanced input is returned as is', () => {
  const { X, y } = sample();
  assert.deepEqual(smote(X, y, { seed: 4 }), smote(X, y, { seed: 4 }));
  assert.notDeepEqual(smote(X, y, { seed: 4 }).X.data, smote(X, y, { seed: 5 }).X.data);
  const flipped = smote(
    X,
    y.map((v) => 1 - v),
    { seed: 4 },
  );
  assert.equal(flipped.y.filter((v) => v === 0).length, 40);
  const balanced = matrixFromRows([[0], [1], [2], [3]]);
  const r = smote(balanced, Uint8Array.from([0, 1, 0, 1]), { k: 1, seed: 1 });
  assert.equal(r.X.rows, 4);
});

test('bad input', () => {
  const { X, y } = sample();
  assert.throws(() => smote(X, y.subarray(1), { seed: 1 }), /52 rows but y has 51/);
  assert.throws(() => smote(X, new Uint8Array(52), { seed: 1 }), /both classes/);
  assert.throws(() => smote(X, y, { k: 12, seed: 1 }), /more than 12 minority rows/);
  const bad = { ...X, data: X.data.slice() };
  bad.data[7] = NaN;
  assert.throws(() => smote(bad, y, { seed: 1 }), /row 3, column b is NaN/);
  bad.data[7] = Infinity;
  assert.throws(() => smote(bad, y, { seed: 1 }), /Infinity/);
  assert.throws(() => smote({ rows: 0, cols: 2, data: new Float64Array(0) }, new Uint8Array(0), { seed: 1 }), /empty/);
});
