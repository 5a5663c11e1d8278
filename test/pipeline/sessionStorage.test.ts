import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKaggleFiles } from '../../lib/data/generate';
import type { PipelineOptions } from '../../lib/pipeline/runPipeline';
import { cleanAndFeatures } from './cleanAndFeatures';
import type { Funnel } from '../../lib/clean/clean';

// The same events with sessions stored two ways: canonical UUID text (stored as DuckDB UUIDs) and the same
// sessions upper-cased (not canonical, so stored as text). Upper-casing maps distinct sessions to distinct
// sessions, so every cleaning step and feature must come out the same, byte for byte.
let dir = '';
let lowerData = '';
let upperData = '';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'session-storage-test-'));
  lowerData = path.join(dir, 'lower');
  upperData = path.join(dir, 'upper');
  await generateKaggleFiles({ out: lowerData, users: 6000, months: ['2019-Oct', '2019-Nov'], seed: 5 });
  fs.mkdirSync(upperData);
  for (const name of fs.readdirSync(lowerData).filter((f) => f.endsWith('.csv'))) {
    const lines = fs.readFileSync(path.join(lowerData, name), 'utf8').split('\n');
    // The session is the last field; the header line keeps its lower-case column name.
    const upper = lines.map((line, i) => {
      if (i === 0 || line === '') return line;
      const cut = line.lastIndexOf(',') + 1;
      return line.slice(0, cut) + line.slice(cut).toUpperCase();
    });
    fs.writeFileSync(path.join(upperData, name), upper.join('\n'));
  }
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  funnel: Funnel;
  csv: Buffer;
  sessionType: string;
  cache: string;
}

async function run(data: string, name: string, options: Partial<PipelineOptions>): Promise<Outcome> {
  const { funnel, csv, load } = await cleanAndFeatures({ data, ...options }, path.join(dir, `${name}.csv`));
  return { funnel, csv, sessionType: load.sessionType, cache: load.cache };
}

test('the generator writes sessions as canonical UUIDs and the upper-cased copy really differs', () => {
  const sample = fs.readFileSync(path.join(lowerData, '2019-Oct.csv'), 'utf8').split('\n')[1] ?? '';
  const session = sample.slice(sample.lastIndexOf(',') + 1);
  assert.match(session, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  const upper = fs.readFileSync(path.join(upperData, '2019-Oct.csv'), 'utf8').split('\n')[1] ?? '';
  assert.equal(upper, sample.slice(0, sample.length - session.length) + session.toUpperCase());
  assert.notEqual(upper, sample);
});

for (const partitions of [1, 3] as const) {
  test(`UUID-stored and text-stored sessions give the same funnel and feature CSV (${partitions} partition(s), cache off and on)`, async () => {
    const cacheDir = path.join(dir, `cache-${partitions}`);
    const lower = await run(lowerData, `lower-${partitions}`, { partitions, cache: false });
    const upper = await run(upperData, `upper-${partitions}`, { partitions, cache: false });
    // The one-table path and the partitioned store alike store canonical sessions as UUIDs.
    assert.equal(lower.sessionType, 'UUID');
    assert.equal(upper.sessionType, 'VARCHAR');
    assert.ok(lower.funnel.multi_session > 1000, 'enough rows survive the multi-session filter to mean something');
    assert.ok(lower.funnel.multi_session < lower.funnel.no_remove_from_cart, 'the multi-session filter removes rows');
    assert.deepEqual(upper.funnel, lower.funnel);
    assert.ok(upper.csv.equals(lower.csv), 'feature CSV differs between UUID and text sessions');
    for (const [data, name, expected] of [
      [lowerData, 'lower', 'UUID'],
      [upperData, 'upper', 'VARCHAR'],
    ] as const) {
      const written = await run(data, `${name}-${partitions}-written`, { partitions, cache: cacheDir });
      const hit = await run(data, `${name}-${partitions}-hit`, { partitions, cache: cacheDir });
      assert.deepEqual([written.cache, hit.cache], ['written', 'hit'], name);
      assert.deepEqual([written.sessionType, hit.sessionType], [expected, expected], name);
      assert.ok(written.csv.equals(lower.csv) && hit.csv.equals(lower.csv), `${name}: cached runs differ`);
      assert.deepEqual(hit.funnel, lower.funnel);
    }
  });
}
