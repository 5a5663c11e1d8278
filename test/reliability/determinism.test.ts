/**
 * Determinism end to end through the CLI: the same seed gives byte-identical generated files; the same data
 * gives byte-identical feature CSVs on two runs and on both backends; `models --no-timings` gives
 * byte-identical JSON on two runs and from either backend's CSV. Every path has a space in it, and the
 * generator writes nothing outside --out. The PostgreSQL run works in its own schema (the server is the
 * throwaway cluster of scripts/pg.sh).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PostgresEngine } from '../../lib/engine/postgres';

const execFileAsync = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const SCHEMA = `t_reliability_determinism_${process.pid}`;

async function cli(args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, [path.join(ROOT, 'bin/purchase-prediction.js'), ...args], { cwd: ROOT });
  return stdout;
}

/** A libpq URL for the PG* environment of scripts/pg.sh, with this test's schema first on the search path. */
function postgresUrl(): string {
  const e = process.env;
  const user = encodeURIComponent(e.PGUSER ?? 'postgres');
  const options = encodeURIComponent(`-c search_path=${SCHEMA}`);
  return `postgresql://${user}@${e.PGHOST ?? '127.0.0.1'}:${e.PGPORT ?? '5432'}/${e.PGDATABASE ?? 'postgres'}?options=${options}`;
}

/** Every file under `dir`, relative to it, sorted. */
function listTree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((p) => p.split(path.sep).join('/')).sort();
}

let work: string;
let data: string;

before(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'determinism run '));
  data = path.join(work, 'generated data');
  const pg = await PostgresEngine.open({ schema: SCHEMA });
  await pg.close();
  // 2,000 raw users: ~14k rows, ~380 modelled users, enough for the k-NN sweep's 20 training rows.
  await cli(['generate', '--out', data, '--users', '2000', '--seed', '7', '--quiet']);
});

after(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  const pg = await PostgresEngine.open({ schema: SCHEMA, dropSchemaOnClose: true });
  await pg.close();
});

test('the generator writes only its month files, inside --out, and the same seed gives the same bytes', async () => {
  assert.deepEqual(listTree(work), ['generated data', 'generated data/2019-Nov.csv', 'generated data/2019-Oct.csv']);
  const again = path.join(work, 'again');
  await cli(['generate', '--out', again, '--users', '2000', '--seed', '7', '--quiet']);
  for (const month of ['2019-Oct.csv', '2019-Nov.csv']) {
    assert.ok(fs.readFileSync(path.join(data, month)).equals(fs.readFileSync(path.join(again, month))), month);
  }
  fs.rmSync(again, { recursive: true });
});

test('features: byte-identical CSV on two DuckDB runs and on PostgreSQL; models: byte-identical JSON', async () => {
  const csv = (name: string) => path.join(work, `features ${name}.csv`);
  // The two DuckDB runs in parallel (2 cores), then PostgreSQL.
  await Promise.all([
    cli(['features', '--data', data, '--out', csv('duckdb 1')]),
    cli(['features', '--data', data, '--out', csv('duckdb 2')]),
  ]);
  await cli(['features', '--data', data, '--out', csv('postgres'), '--backend', 'postgres', '--pg', postgresUrl()]);
  const first = fs.readFileSync(csv('duckdb 1'));
  assert.ok(first.toString('utf8').startsWith('user_id,purchased,recency,frequency,monetary_value,r,f,m,rfm_score,rfm_int,'));
  assert.ok(first.length > 10_000, `feature CSV unexpectedly small: ${first.length} bytes`);
  assert.ok(first.equals(fs.readFileSync(csv('duckdb 2'))), 'two DuckDB runs differ');
  assert.ok(first.equals(fs.readFileSync(csv('postgres'))), 'DuckDB and PostgreSQL feature CSVs differ');

  const json = (name: string) => path.join(work, `models ${name}.json`);
  await Promise.all([
    cli(['models', '--features', csv('duckdb 1'), '--out', json('1'), '--seed', '3', '--no-timings']),
    cli(['models', '--features', csv('duckdb 2'), '--out', json('2'), '--seed', '3', '--no-timings']),
  ]);
  await cli(['models', '--features', csv('postgres'), '--out', json('postgres'), '--seed', '3', '--no-timings']);
  const report = fs.readFileSync(json('1'));
  assert.ok(report.equals(fs.readFileSync(json('2'))), 'two models runs differ');
  assert.ok(report.equals(fs.readFileSync(json('postgres'))), 'models JSON from the PostgreSQL features differs');
  const parsed = JSON.parse(report.toString('utf8')) as { seed: number; models: Record<string, Record<string, unknown>> };
  assert.equal(parsed.seed, 3);
  assert.deepEqual(Object.keys(parsed.models).sort(), [
    'decision_tree',
    'knn',
    'logistic_regression',
    'naive_bayes',
    'random_forest',
    'voting_hard',
    'voting_soft',
    'xgboost',
  ]);
  // --no-timings: no wall-clock number anywhere in the file.
  assert.doesNotMatch(report.toString('utf8'), /seconds/);
});
