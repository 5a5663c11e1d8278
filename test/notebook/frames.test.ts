import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeFrame, frameRows, modellingFrame, valueCountRows } from '../../lib/notebook/frames';
import type { FeatureTable } from '../../lib/features/featureTable';

test('danfojs frames of a user table: head rows, describe and value counts match hand counts', () => {
  const table: FeatureTable = {
    rows: 5,
    userIds: ['1', '2', '3', '4', '5'],
    purchased: Uint8Array.from([0, 1, 0, 0, 1]),
    rfmScore: ['111', '511', '111', '321', '511'],
    columns: { purchased: Float64Array.from([0, 1, 0, 0, 1]), recency: Float64Array.from([10, 2, 30, 4, 6]) },
  };
  const frame = modellingFrame(table);
  assert.deepEqual(frame.columns, ['user_id', 'purchased', 'recency', 'rfm_score']);
  assert.deepEqual(frameRows(frame.head(2), 'row'), [
    { row: 0, user_id: '1', purchased: 0, recency: 10, rfm_score: '111' },
    { row: 1, user_id: '2', purchased: 1, recency: 2, rfm_score: '511' },
  ]);
  const stats = Object.fromEntries(
    frameRows(describeFrame(modellingFrame(table, ['recency'])), 'statistic').map((r) => [r.statistic, r.recency]),
  );
  // recency 10 2 30 4 6: mean 52/5, median 6, sample variance: squared deviations 0.16 + 70.56 + 384.16 + 40.96 + 19.36 = 515.2, over 4.
  assert.equal(stats.count, 5);
  assert.equal(stats.mean, 10.4);
  assert.equal(stats.median, 6);
  assert.ok(Math.abs(Number(stats.variance) - 128.8) < 1e-9);
  assert.deepEqual(valueCountRows(frame, 'rfm_score'), [
    { value: '111', count: 2, share: 0.4 },
    { value: '511', count: 2, share: 0.4 },
    { value: '321', count: 1, share: 0.2 },
  ]);
});
