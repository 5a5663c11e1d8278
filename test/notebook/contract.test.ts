import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NOTEBOOK_ENV, notebookEnvironment, readNotebookParameters } from '../../lib/notebook/contract';

test('readNotebookParameters: defaults when unset or empty', () => {
  assert.deepEqual(readNotebookParameters({ [NOTEBOOK_ENV.refDate]: '' }), {
    dataDir: 'data',
    backend: 'duckdb',
    database: undefined,
    refDate: undefined,
    seed: 42,
    figureDir: undefined,
  });
});

test('notebookEnvironment and readNotebookParameters round-trip', () => {
  const env = notebookEnvironment({ dataDir: '/d', backend: 'postgres', seed: 7, refDate: '2019-12-01' });
  assert.deepEqual(env, {
    PURCHASE_DATA_DIR: '/d',
    PURCHASE_BACKEND: 'postgres',
    PURCHASE_REF_DATE: '2019-12-01',
    PURCHASE_SEED: '7',
  });
  const read = readNotebookParameters(env);
  assert.equal(read.seed, 7);
  assert.equal(read.dataDir, '/d');
  assert.throws(() => readNotebookParameters({ PURCHASE_SEED: 'x' }), /PURCHASE_SEED must be an integer/);
});
