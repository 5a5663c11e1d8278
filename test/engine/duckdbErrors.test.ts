import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDbEngine, namingStatement } from '../../lib/engine/duckdb';

test('DuckDbEngine: an out-of-memory error names the statement that ran out; other errors pass unchanged', async () => {
  const engine = await DuckDbEngine.open({ memoryLimit: '16MB', threads: 1 });
  try {
    // One list of 20M integers (160 MB) cannot spill: DuckDB must fail at a 16MB limit.
    const sql = 'SELECT list(range) AS everything\n  FROM range(20000000)';
    await assert.rejects(engine.all(sql), (err: Error) => {
      assert.match(err.message, /Out of Memory/);
      assert.match(err.message, /\(DuckDB ran out of memory in: SELECT list\(range\) AS everything FROM range\(20000000\)\)$/);
      assert.ok(err.cause instanceof Error);
      return true;
    });
    await assert.rejects(engine.run('SELECT * FROM no_such_table'), (err: Error) => {
      assert.match(err.message, /no_such_table/);
      assert.doesNotMatch(err.message, /ran out of memory/);
      return true;
    });
  } finally {
    await engine.close();
  }
});

test('namingStatement: long statements are cut at 160 characters; non-errors pass through', () => {
  const long = `SELECT ${'x, '.repeat(100)}y FROM t`;
  const named = namingStatement(new Error('Out of Memory Error: could not allocate'), long) as Error;
  const quoted = named.message.split('in: ')[1]!;
  assert.equal(quoted, `${long.slice(0, 160)}…)`);
  assert.equal(namingStatement('text', 'SELECT 1'), 'text');
});
