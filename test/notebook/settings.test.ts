import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { notebookSettings } from '../../lib/notebook/settings';
import { REPOSITORY_ROOT } from '../../lib/report/notebook';
import { sampleRowIndices } from '../../lib/notebook/userSample';

test('notebookSettings: defaults for a hand-run notebook, environment of a report run, overrides win', () => {
  assert.deepEqual(notebookSettings({}, {}), {
    dataDir: join(REPOSITORY_ROOT, 'data', 'default'),
    backend: 'duckdb',
    mode: 'seed',
    seed: 42,
    refDate: undefined,
    figureDir: undefined,
    reportDir: join(REPOSITORY_ROOT, 'reports'),
    horizonDays: 14,
  });
  const env = {
    PURCHASE_DATA_DIR: '/d',
    PURCHASE_BACKEND: 'postgres',
    PURCHASE_SEED: '7',
    PURCHASE_MODE: 'fixed',
    PURCHASE_REPORT_DIR: '/r',
    PURCHASE_FIGURE_DIR: '/f',
    PURCHASE_HORIZON_DAYS: '7',
  };
  const fromEnv = notebookSettings({}, env);
  assert.deepEqual(
    [fromEnv.dataDir, fromEnv.backend, fromEnv.seed, fromEnv.mode, fromEnv.reportDir, fromEnv.figureDir, fromEnv.horizonDays],
    ['/d', 'postgres', 7, 'fixed', '/r', '/f', 7],
  );
  // Relative folders are the repository's, whatever folder the kernel runs in.
  assert.equal(notebookSettings({ dataDir: 'data/my-months' }, {}).dataDir, join(REPOSITORY_ROOT, 'data', 'my-months'));
  assert.throws(() => notebookSettings({}, { PURCHASE_HORIZON_DAYS: 'two weeks' }), /horizonDays must be a positive whole number/);
  assert.equal(notebookSettings({ seed: 3, mode: 'seed' }, env).seed, 3);
  assert.throws(() => notebookSettings({}, { PURCHASE_BACKEND: 'sqlite' }), /backend must be one of duckdb, postgres/);
  assert.throws(() => notebookSettings({ mode: 'best' as never }, {}), /mode must be one of seed, fixed/);
});

test('sampleRowIndices: distinct sorted rows, reproducible by seed, all rows when the table is small', () => {
  const a = sampleRowIndices(1000, 50, 9);
  assert.equal(new Set(a).size, 50);
  assert.deepEqual(
    a,
    [...a].sort((x, y) => x - y),
  );
  assert.ok(a.every((i) => i >= 0 && i < 1000));
  assert.deepEqual(sampleRowIndices(1000, 50, 9), a);
  assert.notDeepEqual(sampleRowIndices(1000, 50, 10), a);
  assert.deepEqual(sampleRowIndices(3, 50, 9), [0, 1, 2]);
});
