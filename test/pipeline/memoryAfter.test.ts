import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKaggleFiles } from '../../lib/data/generate';
import { runPipeline } from '../../lib/pipeline/runPipeline';

async function memoryLimit(run: Awaited<ReturnType<typeof runPipeline>>): Promise<string> {
  const [row] = await run.engine.all<{ m: string }>(`SELECT current_setting('memory_limit') AS m`);
  return row!.m;
}

test('after the features DuckDB runs at 400MB (its buffers handed back), and the tables still read in full', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'pp-after-'));
  try {
    await generateKaggleFiles({ out: dir, users: 400, seed: 5, months: ['2019-Oct', '2019-Nov'] });
    const run = await runPipeline({ data: dir, mode: 'seed', cache: false });
    try {
      assert.equal(await memoryLimit(run), '381.4 MiB'); // 400 MB as DuckDB prints it
      const [clean] = await run.engine.all<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM clean_events');
      assert.equal(clean!.n, run.funnel.multi_session);
      assert.ok(run.table.rows > 0);
    } finally {
      await run.close();
    }
    const told = await runPipeline({ data: dir, mode: 'seed', cache: false, duckdb: { memoryLimit: '700MB' } });
    try {
      assert.equal(await memoryLimit(told), '667.5 MiB'); // a limit the caller gave is kept
    } finally {
      await told.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
