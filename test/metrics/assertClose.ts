import assert from 'node:assert/strict';

/** Assert |actual − expected| <= tol, NaN matching NaN and ±Infinity matching itself. */
export function assertClose(actual: number, expected: number, tol = 1e-12, what = 'value'): void {
  if (Number.isNaN(expected)) {
    assert.ok(Number.isNaN(actual), `${what}: expected NaN, got ${actual}`);
    return;
  }
  if (!Number.isFinite(expected)) {
    assert.equal(actual, expected, `${what}`);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: expected ${expected}, got ${actual} (tol ${tol})`);
}

/** Element-wise assertClose with a length check. */
export function assertAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-12, what = 'array'): void {
  assert.equal(actual.length, expected.length, `${what}: length ${actual.length}, expected ${expected.length}`);
  for (let i = 0; i < expected.length; i++) assertClose(actual[i]!, expected[i]!, tol, `${what}[${i}]`);
}
