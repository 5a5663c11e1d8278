import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { readSummary } from '../../bench/studyStackRun';

test("readSummary takes the study stack's last summary line among its progress lines; none is null", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'study-stack-'));
  const log = path.join(dir, 'log');
  fs.writeFileSync(
    log,
    [
      'study stack: load 2.0 s',
      '{"phases": [{"phase": "old", "seconds": 1}], "modellingRows": 1}',
      '{"phases": [{"phase": "load", "seconds": 2.5}], "wallSeconds": 3, "modellingRows": 26250}',
      'study stack: write the modelling table 0.3 s',
      '',
    ].join('\n'),
  );
  assert.deepEqual(readSummary(log), { phases: [{ phase: 'load', seconds: 2.5 }], modellingRows: 26250 });
  fs.writeFileSync(log, 'Traceback (most recent call last):\n{not json of ours}\n');
  assert.equal(readSummary(log), null);
  fs.writeFileSync(log, 'study stack: load 2.0 s\n{"phases": "no"}\n');
  assert.equal(readSummary(log), null);
  fs.rmSync(dir, { recursive: true, force: true });
});
