import { test } from 'node:test';
import assert from 'node:assert/strict';
import { oversizedTextOutputs, type ExecutedNotebook } from '../../lib/report/outputCheck';

const line = (n: number): string => `${'x'.repeat(n - 1)}\n`; // n bytes

test('oversizedTextOutputs: joined stream writes, printed values; tables, figures, errors and log cells pass', () => {
  const notebook: ExecutedNotebook = {
    cells: [
      { cell_type: 'markdown' },
      // Three writes of 1000 bytes: one block of 3000 bytes, as a front end shows it.
      { cell_type: 'code', outputs: [1, 2, 3].map(() => ({ output_type: 'stream', name: 'stdout', text: line(1000) })) },
      // A table between two 1500-byte writes: two blocks, each under the limit.
      {
        cell_type: 'code',
        outputs: [
          { output_type: 'stream', name: 'stdout', text: line(1500) },
          { output_type: 'display_data', data: { 'text/html': '<table>'.padEnd(50_000, ' ') } },
          { output_type: 'stream', name: 'stdout', text: line(1500) },
        ],
      },
      // A cell ending in an object: tslab's plain-text value, as a list of lines.
      { cell_type: 'code', outputs: [{ output_type: 'execute_result', data: { 'text/plain': ["{ name: 'knn',\n", line(3000)] } }] },
      // stdout and stderr are separate blocks.
      {
        cell_type: 'code',
        outputs: [
          { output_type: 'stream', name: 'stdout', text: line(1200) },
          { output_type: 'stream', name: 'stderr', text: line(1200) },
        ],
      },
      { cell_type: 'code', outputs: [{ output_type: 'error' }] },
      { cell_type: 'code', metadata: { tags: ['log'] }, outputs: [{ output_type: 'stream', name: 'stdout', text: line(9000) }] },
      { cell_type: 'code', outputs: [{ output_type: 'stream', name: 'stderr', text: 'ü'.repeat(1100) }] }, // 2200 bytes
    ],
  };
  assert.deepEqual(oversizedTextOutputs(notebook), [
    { cell: 2, kind: 'stdout', bytes: 3000, firstLine: 'x'.repeat(120) },
    { cell: 4, kind: 'text/plain', bytes: 3000 + 15, firstLine: "{ name: 'knn'," },
    { cell: 8, kind: 'stderr', bytes: 2200, firstLine: 'ü'.repeat(120) },
  ]);
  assert.deepEqual(oversizedTextOutputs(notebook, 10_000), []);
});
