import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadEvents, type LoadReport } from '../../lib/data/load';
import {
  clearCache,
  commitEntry,
  LOAD_CACHE_VERSION,
  stagingFolder,
  type CachedFile,
  type LoadCacheManifest,
} from '../../lib/data/loadCache';
import { EVENT_COLUMNS } from '../../lib/data/schema';
import type { DuckDbEngine } from '../../lib/engine/duckdb';
import { GOOD_ROW, HEADER, removeTempDirs, tempDir, withDuckDb, writeLines } from './loadHelpers';

after(removeTempDirs);

const ROWS = [
  '2019-10-01 00:00:00 UTC,view,1,10,,brand_a,1.50,100,s1',
  '2019-10-01 00:00:05 UTC,cart,1,10,,brand_a,1.50,100,s1',
  '2019-10-02 10:00:00 UTC,view,2,11,,,3.20,200,s2',
  '2019-10-03 11:00:00 UTC,purchase,2,11,,,3.20,200,s3',
];

interface Loaded {
  report: LoadReport;
  rows: string[];
  warnings: string[];
}

/** Load `source` with the cache in `cacheDir` and return the report and the table's rows as sorted text. */
async function load(source: string, cacheDir: string, options: { skipBadRows?: boolean } = {}): Promise<Loaded> {
  const warnings: string[] = [];
  return withDuckDb(async (engine: DuckDbEngine) => {
    const report = await loadEvents(engine, source, { cache: cacheDir, warnings: (w) => warnings.push(w), ...options });
    const rows = await engine.all<{ line: string }>(
      `SELECT concat_ws('|', ${EVENT_COLUMNS.map((c) => `COALESCE(CAST(${c} AS VARCHAR), '<null>')`).join(', ')}) AS line FROM events ORDER BY line`,
    );
    return { report, rows: rows.map((r) => r.line), warnings };
  });
}

function entries(cacheDir: string): string[] {
  return fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((n) => !n.startsWith('.')) : [];
}

function parquetFiles(entry: string): string[] {
  return (fs.readdirSync(entry, { recursive: true }) as string[]).filter((n) => n.endsWith('.parquet')).map((n) => path.join(entry, n));
}

test('the second load of the same file reads the cache, with the same rows and report', async () => {
  const dir = tempDir();
  const cache = path.join(dir, 'cache');
  const file = writeLines(dir, '2019-Oct.csv', [HEADER, ...ROWS]);
  const first = await load(file, cache);
  assert.equal(first.report.cache, 'written');
  assert.equal(first.rows.length, 4);
  assert.equal(first.rows[0], '2019-10-01 00:00:00|view|1|10|<null>|brand_a|1.50|100|s1');
  assert.equal(entries(cache).length, 1);

  const second = await load(file, cache);
  assert.equal(second.report.cache, 'hit');
  assert.deepEqual(second.rows, first.rows);
  assert.deepEqual(second.report.files, first.report.files);
  assert.equal(second.report.rows, 4);

  const uncached = await withDuckDb((engine) => loadEvents(engine, file));
  assert.equal(uncached.cache, 'off');
});

test('touching, truncating or replacing an input file invalidates its entry', async () => {
  const dir = tempDir();
  const cache = path.join(dir, 'cache');
  const file = writeLines(dir, '2019-Oct.csv', [HEADER, ...ROWS]);
  await load(file, cache);
  const [entry] = entries(cache);

  // Touched: same bytes, new mtime. Read again; the old entry is replaced (it can never be a hit again).
  const later = new Date(fs.statSync(file).mtimeMs + 5000);
  fs.utimesSync(file, later, later);
  const touched = await load(file, cache);
  assert.equal(touched.report.cache, 'written');
  assert.deepEqual(entries(cache).length, 1);
  assert.notEqual(entries(cache)[0], entry);

  // Truncated: the last row gone.
  writeLines(dir, '2019-Oct.csv', [HEADER, ...ROWS.slice(0, 3)]);
  const truncated = await load(file, cache);
  assert.equal(truncated.report.cache, 'written');
  assert.equal(truncated.rows.length, 3);

  // Replaced by a file of the same size and the same mtime whose first row differs (price 1.50 -> 1.60).
  const original = fs.statSync(file);
  writeLines(dir, '2019-Oct.csv', [HEADER, ROWS[0]!.replace('1.50', '1.60'), ...ROWS.slice(1, 3)]);
  fs.utimesSync(file, original.atime, original.mtime);
  assert.equal(fs.statSync(file).size, original.size);
  const replaced = await load(file, cache);
  assert.equal(replaced.report.cache, 'written');
  assert.ok(replaced.rows.some((r) => r.includes('|1.60|')));
  assert.equal((await load(file, cache)).report.cache, 'hit');
});

test('a corrupt, truncated or incomplete entry is reported and rebuilt, never trusted', async () => {
  const dir = tempDir();
  const cache = path.join(dir, 'cache');
  const file = writeLines(dir, '2019-Oct.csv', [HEADER, ...ROWS]);
  const good = await load(file, cache);
  const entry = path.join(cache, entries(cache)[0]!);

  // One flipped byte in the middle of a Parquet file: same size, different content.
  const [parquet] = parquetFiles(entry);
  const bytes = fs.readFileSync(parquet!);
  const middle = Math.floor(bytes.length / 2);
  bytes[middle] = bytes[middle]! ^ 0xff;
  fs.writeFileSync(parquet!, bytes);
  const flipped = await load(file, cache);
  assert.equal(flipped.report.cache, 'written');
  assert.match(flipped.warnings.join('\n'), /input0_0\.parquet is corrupt \(its SHA-256 changed\)\): reading the CSV files again/);
  assert.deepEqual(flipped.rows, good.rows);

  // Truncated Parquet file.
  const [again] = parquetFiles(entry);
  fs.truncateSync(again!, 10);
  const truncated = await load(file, cache);
  assert.equal(truncated.report.cache, 'written');
  assert.match(truncated.warnings.join('\n'), /has 10 bytes, expected \d+/);
  assert.deepEqual(truncated.rows, good.rows);

  // Manifest gone (a run stopped between writing the files and the manifest cannot leave this: it renames last).
  fs.rmSync(path.join(entry, 'manifest.json'));
  const noManifest = await load(file, cache);
  assert.equal(noManifest.report.cache, 'written');
  assert.match(noManifest.warnings.join('\n'), /unreadable manifest/);
  assert.equal((await load(file, cache)).report.cache, 'hit');
});

test('a cached load with skipped rows reports the same skipped rows and warnings', async () => {
  const dir = tempDir();
  const cache = path.join(dir, 'cache');
  const bad = GOOD_ROW.replace('5773203', 'x12');
  writeLines(dir, '2019-Oct.csv', [HEADER, GOOD_ROW, bad]);
  writeLines(dir, '2019-Dec.csv', [HEADER, GOOD_ROW]); // November missing: a warning
  const first = await load(dir, cache, { skipBadRows: true });
  const second = await load(dir, cache, { skipBadRows: true });
  assert.equal(second.report.cache, 'hit');
  assert.equal(second.report.skipped, 1);
  assert.deepEqual(second.report.skippedSamples, first.report.skippedSamples);
  assert.equal(second.report.skippedSamples[0]!.line, 3);
  assert.equal(second.report.skippedSamples[0]!.columnName, 'product_id');
  assert.deepEqual(second.warnings, first.warnings);
  assert.match(second.warnings.join('\n'), /2019-Nov/);
  // Without skipping, the same files are another entry (and fail on the bad row).
  await assert.rejects(load(dir, cache), /2019-Oct\.csv:3:3 \(product_id\)/);
  assert.equal(entries(cache).length, 1);
});

test('clearCache removes every entry and any staging folder', async () => {
  const dir = tempDir();
  const cache = path.join(dir, 'cache');
  await load(writeLines(dir, '2019-Oct.csv', [HEADER, ...ROWS]), cache);
  await load(writeLines(dir, '2019-Nov.csv', [HEADER, ...ROWS.map((r) => r.replace('2019-10', '2019-11'))]), cache);
  fs.mkdirSync(path.join(cache, '.staging-left-by-a-stopped-run'));
  const cleared = clearCache(cache);
  assert.equal(cleared.entries, 2);
  assert.ok(cleared.bytes > 0);
  assert.deepEqual(fs.readdirSync(cache), []);
});

test('two loads of the same files at once (two notebooks) both succeed and leave one entry', async () => {
  const dir = tempDir();
  const cache = path.join(dir, 'cache');
  const file = writeLines(dir, '2019-Oct.csv', [HEADER, ...ROWS]);
  const [a, b] = await Promise.all([load(file, cache), load(file, cache)]);
  assert.deepEqual(a.rows, b.rows);
  assert.equal(a.rows.length, 4);
  assert.equal(entries(cache).length, 1);
  assert.deepEqual(
    fs.readdirSync(cache).filter((n) => n.startsWith('.staging')),
    [],
  );
  assert.equal((await load(file, cache)).report.cache, 'hit');
});

test('committing a key another run committed first keeps the first entry and drops ours', () => {
  const root = path.join(tempDir(), 'cache');
  const manifest = (files: CachedFile[]): LoadCacheManifest => ({
    version: LOAD_CACHE_VERSION,
    key: 'k1',
    settings: { skipBadRows: false, partitions: 1 },
    inputs: [],
    report: { files: [], rows: 0, skipped: 0, skippedSamples: [], warnings: [], cache: 'written', sessionType: 'UUID', seconds: 0 },
    files,
  });
  const first = stagingFolder(root, 'k1');
  const second = stagingFolder(root, 'k1');
  assert.equal(commitEntry(root, first, manifest([{ name: 'first', bytes: 1, sha256: 'a' }])).manifest.files[0]!.name, 'first');
  const kept = commitEntry(root, second, manifest([{ name: 'second', bytes: 1, sha256: 'b' }]));
  assert.equal(kept.dir, path.join(root, 'k1'));
  assert.equal(kept.manifest.files[0]!.name, 'first');
  assert.equal(fs.existsSync(second), false);
});
