import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKaggleFiles } from '../../lib/data/generate';
import { FEATURE_TABLES } from '../../lib/features/context';
import type { PipelineOptions } from '../../lib/pipeline/runPipeline';
import { cleanAndFeatures } from './cleanAndFeatures';
import type { Funnel } from '../../lib/clean/clean';

let dir = '';
let data = '';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'partitions-test-'));
  data = path.join(dir, 'data');
  await generateKaggleFiles({ out: data, users: 6000, months: ['2019-Oct', '2019-Nov'], seed: 5 });
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  funnel: Funnel;
  csv: Buffer;
  cache: string;
  tables: string[];
}

/** Run load → clean → features with `options` and return the funnel, the feature CSV's bytes and the tables left. */
async function run(name: string, options: Partial<PipelineOptions>): Promise<Outcome> {
  const { funnel, csv, load, inspected } = await cleanAndFeatures({ data, ...options }, path.join(dir, `${name}.csv`), (pipeline) =>
    pipeline.engine.all<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables ORDER BY 1`),
  );
  return { funnel, csv, cache: load.cache, tables: inspected.map((t) => t.name) };
}

test('partitioned cleaning and features give the whole-table funnel and a byte-identical feature table', async () => {
  const whole = await run('whole', { partitions: 1, cache: false });
  assert.ok(whole.funnel.multi_session > 1000, 'enough cleaned rows to mean something');
  assert.ok(whole.funnel.duplicates_removed > 0, 'the generator writes exact duplicates, which step 1 must remove');
  for (const partitions of [2, 5] as const) {
    const parts = await run(`parts${partitions}`, { partitions, cache: false });
    assert.deepEqual(parts.funnel, whole.funnel, `${partitions} partitions: funnel`);
    assert.ok(parts.csv.equals(whole.csv), `${partitions} partitions: feature CSV differs from the whole-table run`);
    // Only per-user tables are kept: no event-level table is left half-filled by the last partition.
    assert.ok(!parts.tables.includes('events') && !parts.tables.includes('clean_events'), parts.tables.join(', '));
    assert.ok(!parts.tables.some((t) => /_part\d/.test(t) || t.startsWith('modelling_table_part')), parts.tables.join(', '));
    for (const kept of [FEATURE_TABLES.rfm, FEATURE_TABLES.activity, FEATURE_TABLES.prices]) assert.ok(parts.tables.includes(kept), kept);
  }
  assert.ok(whole.tables.includes('events') && whole.tables.includes('clean_events'));
});

test('results with and without the load cache are byte-identical', async () => {
  const cacheDir = path.join(dir, 'cache');
  const off = await run('off', { cache: false, partitions: 3 });
  const written = await run('written', { cache: cacheDir, partitions: 3 });
  const hit = await run('hit', { cache: cacheDir, partitions: 3 });
  assert.deepEqual([off.cache, written.cache, hit.cache], ['off', 'written', 'hit']);
  assert.ok(written.csv.equals(off.csv) && hit.csv.equals(off.csv));
  assert.deepEqual(hit.funnel, off.funnel);
  // The whole-table run on the same cache settings is another entry (the partition count is part of the key).
  const whole = await run('whole-cached', { cache: cacheDir, partitions: 1 });
  assert.equal(whole.cache, 'written');
  assert.ok(whole.csv.equals(off.csv));
});
