import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFeatureTableFile, writeFeatureTableFile } from '../../lib/notebook/featureTableFile';
import type { FeatureTable } from '../../lib/features/featureTable';

test('feature table hand-off: exact round trip, stale sources ignored, ragged files rejected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'feature-table-file-'));
  try {
    const table: FeatureTable = {
      rows: 2,
      // Above 2^53: must survive as text.
      userIds: ['9007199254740993', '12'],
      purchased: Uint8Array.from([1, 0]),
      rfmScore: ['511', '123'],
      columns: { recency: Float64Array.from([3, 40]), monetary_value: Float64Array.from([17.15, 0.1 + 0.2]) },
    };
    const path = join(dir, 'table.json');
    writeFeatureTableFile(path, table, 'source-a');
    assert.deepEqual(readFeatureTableFile(path, 'source-a'), table);
    assert.equal(readFeatureTableFile(path, 'source-b'), undefined);
    writeFileSync(path, JSON.stringify({ source: 's', rows: 2, userIds: ['1'], purchased: [0, 1], rfmScore: ['1', '2'], columns: {} }));
    assert.throws(() => readFeatureTableFile(path, 's'), /column lengths 1, 2, 2 differ from 2 rows/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
