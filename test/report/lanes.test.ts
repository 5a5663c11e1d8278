import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainInputBytes } from '../../lib/data/eventStore';
import { lanesSideBySide, SIDE_BY_SIDE_MAX_INPUT_BYTES } from '../../lib/report/runReport';

test('report lanes: side by side on small input, one notebook at a time above 300 MB of CSV (gzip counted at 4x)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pp-lanes-'));
  try {
    const oct = join(dir, '2019-Oct.csv');
    writeFileSync(oct, 'event_time,event_type\n');
    assert.equal(lanesSideBySide(dir), true);
    // sparse files: their size is what counts, nothing is read
    truncateSync(oct, SIDE_BY_SIDE_MAX_INPUT_BYTES);
    assert.equal(lanesSideBySide(dir), true);
    truncateSync(oct, SIDE_BY_SIDE_MAX_INPUT_BYTES + 1);
    assert.equal(lanesSideBySide(dir), false);
    truncateSync(oct, 0);
    const nov = join(dir, '2019-Nov.csv.gz');
    writeFileSync(nov, '');
    truncateSync(nov, 80e6); // 320 MB as plain CSV
    assert.equal(plainInputBytes([oct, nov]), 320e6);
    assert.equal(lanesSideBySide(dir), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
