import assert from 'node:assert/strict';
import { test } from 'node:test';
import { failureSummary } from '../../bench/cliRun';

test('failureSummary: the last error line, not the hints after it; else the last two lines', () => {
  const duckdbFailure = [
    'origin 1/3: train 2019-10-20 (5383/344001 buyers), 32.3 s',
    'error: Out of Memory Error: could not allocate block of size 256.0 KiB',
    '',
    'Possible solutions:',
    "* Increasing the memory limit (SET memory_limit='...GB')",
    'See also https://duckdb.org/docs/stable/guides/performance/how_to_tune_workloads',
  ];
  assert.equal(failureSummary(duckdbFailure), 'error: Out of Memory Error: could not allocate block of size 256.0 KiB');
  const manyHints = ['error: cause', ...Array.from({ length: 10 }, (_, i) => `hint ${i + 1}`)];
  assert.equal(failureSummary(manyHints), 'error: cause');
  assert.equal(failureSummary(['error: first', 'error: second', 'x']), 'error: second');
  assert.equal(failureSummary(['a', '  b  ', 'c']), 'b / c');
  assert.equal(failureSummary([]), '(no output)');
});
