import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrixFromColumns, takeLabels, takeRows } from '../../lib/prep/matrix';
import { toMatrix, type FeatureTable } from '../../lib/features/featureTable';

test('matrixFromColumns lays columns out row-major; with rows, only those rows in that order', () => {
  const columns = [Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)];
  const whole = matrixFromColumns(columns, ['a', 'b']);
  assert.deepEqual(Array.from(whole.data), [1, 4, 2, 5, 3, 6]);
  const picked = matrixFromColumns(columns, ['a', 'b'], [2, 0, 2]);
  assert.equal(picked.rows, 3);
  assert.deepEqual(Array.from(picked.data), [3, 6, 1, 4, 3, 6]);
  assert.deepEqual(Array.from(takeRows(whole, [2, 0, 2]).data), Array.from(picked.data));
  assert.throws(() => matrixFromColumns(columns, ['a', 'b'], [3]), /row index 3 is outside 0..2/);
  assert.throws(() => matrixFromColumns([Float64Array.of(1, 2), Float64Array.of(1)], ['a', 'b']), /column b has 1 values, expected 2/);
});

test('toMatrix with rows: the chosen users’ features and labels', () => {
  const table: FeatureTable = {
    userIds: ['u1', 'u2', 'u3'],
    purchased: Uint8Array.of(0, 1, 0),
    columns: { x: Float64Array.of(10, 20, 30), z: Float64Array.of(-1, -2, -3) },
    rfmScore: ['111', '222', '333'],
    rows: 3,
  };
  const { X, y } = toMatrix(table, ['z', 'x'], Uint32Array.of(1, 2));
  assert.deepEqual(Array.from(X.data), [-2, 20, -3, 30]);
  assert.deepEqual(X.names, ['z', 'x']);
  assert.deepEqual(Array.from(y), [1, 0]);
  assert.deepEqual(Array.from(takeLabels(table.purchased, [1, 2])), [1, 0]);
});
