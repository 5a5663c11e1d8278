import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFigureName, readRecordedFigures, recordFigure, resetRecordedNames } from '../../lib/notebook/figureRecorder';
import { readRecordedTables, recordTable } from '../../lib/notebook/tableRecorder';
import { targetBalance } from '../../lib/plots/targetBalance';

test('recordFigure / readRecordedFigures: specs round-trip sorted by name; names are checked and unique', () => {
  const dir = mkdtempSync(join(tmpdir(), 'figure-recorder-'));
  try {
    resetRecordedNames();
    const fig = targetBalance({ negative: 3, positive: 1 });
    recordFigure(dir, { name: 'target-b', fig, width: 640, height: 400 });
    recordFigure(dir, { name: 'a_first', fig });
    assert.deepEqual(readdirSync(dir).sort(), ['a_first.json', 'target-b.json']); // no temp files left
    const read = readRecordedFigures(dir);
    assert.deepEqual(
      read.map((r) => r.name),
      ['a_first', 'target-b'],
    );
    assert.deepEqual(read[1], { name: 'target-b', fig, width: 640, height: 400 });
    assert.throws(() => recordFigure(dir, { name: 'a_first', fig }), /already recorded/);
    for (const bad of ['', 'Upper', '../escape', 'a/b', 'with space', '-lead'])
      assert.throws(() => checkFigureName(bad), /figure name must match/);
    assert.deepEqual(readRecordedFigures(join(dir, 'missing')), []);
  } finally {
    resetRecordedNames();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('recordTable / readRecordedTables: tables beside the figures, each read by its own reader', () => {
  const dir = mkdtempSync(join(tmpdir(), 'table-recorder-'));
  try {
    resetRecordedNames();
    recordFigure(dir, { name: 'roc-overlay', fig: targetBalance({ negative: 3, positive: 1 }) });
    recordTable(dir, { name: 'honest-comparison', rows: [{ model: 'XGBoost', roc_auc_honest: 0.804 }], digits: 3 });
    recordTable(dir, { name: 'b-table', rows: [] });
    assert.deepEqual(readdirSync(dir).sort(), ['b-table.table.json', 'honest-comparison.table.json', 'roc-overlay.json']);
    assert.deepEqual(
      readRecordedFigures(dir).map((f) => f.name),
      ['roc-overlay'],
    );
    assert.deepEqual(readRecordedTables(dir), [
      { name: 'b-table', rows: [] },
      { name: 'honest-comparison', rows: [{ model: 'XGBoost', roc_auc_honest: 0.804 }], digits: 3 },
    ]);
    assert.throws(() => recordTable(dir, { name: '../x', rows: [] }), /figure name must match/);
    assert.deepEqual(readRecordedTables(join(dir, 'missing')), []);
  } finally {
    resetRecordedNames();
    rmSync(dir, { recursive: true, force: true });
  }
});
