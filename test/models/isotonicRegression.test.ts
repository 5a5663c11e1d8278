import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IsotonicRegression } from '../../lib/models/isotonicRegression';
import { assertAllClose } from '../metrics/assertClose';

interface IsotonicCase {
  name: string;
  x: number[];
  y: number[];
  x_new: number[];
  predict: number[];
  x_thresholds: number[];
  y_thresholds: number[];
}

const golden = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sklearn', 'calibration.json'), 'utf8')) as {
  sklearn_version: string;
  isotonic: IsotonicCase[];
};

for (const c of golden.isotonic) {
  test(`sklearn ${golden.sklearn_version} golden IsotonicRegression(out_of_bounds='clip'): ${c.name}`, () => {
    const model = new IsotonicRegression().fit(c.x, c.y);
    assertAllClose(model.xThresholds, c.x_thresholds, 1e-15, 'X_thresholds_');
    assertAllClose(model.yThresholds, c.y_thresholds, 1e-12, 'y_thresholds_');
    assertAllClose(model.predict(c.x_new), c.predict, 1e-12, 'predict');
  });
}

test('isotonic regression by hand: violators pooled, linear between knots, clipped outside', () => {
  const model = new IsotonicRegression().fit([1, 2, 3, 4], [1, 0, 2, 2]);
  // (1, 0) pooled to 0.5; the flat run 2, 2 keeps both ends
  assertAllClose(model.xThresholds, [1, 2, 3, 4]);
  assertAllClose(model.yThresholds, [0.5, 0.5, 2, 2]);
  assertAllClose(model.predict([0, 1.5, 2.5, 10]), [0.5, 0.5, 1.25, 2]);
  assert.throws(() => new IsotonicRegression().predict([1]), /not fitted/);
  assert.throws(() => new IsotonicRegression().fit([1, 2], [1]), /2 inputs but 1 targets/);
});
