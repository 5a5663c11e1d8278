/** Small input files for the loader tests, written into per-test temporary folders. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import assert from 'node:assert/strict';
import { DuckDbEngine } from '../../lib/engine/duckdb';
import { KAGGLE_HEADER } from '../../lib/data/schema';
import { LoadError } from '../../lib/data/loadError';

export const HEADER = KAGGLE_HEADER;

/** A valid row of the Kaggle format (the first row of the real October file, shape-wise). */
export const GOOD_ROW =
  '2019-10-01 00:00:00 UTC,cart,5773203,1487580005134238553,,runail,2.62,463240011,26dd6e6e-4dac-4778-8d2c-92e149dab885';

const created: string[] = [];

/** A fresh temporary folder, removed by {@link removeTempDirs}. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loader-test-'));
  created.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Write `lines` (each followed by `\n`) to dir/name, gzip-compressed when the name ends in .gz. */
export function writeLines(dir: string, name: string, lines: string[]): string {
  const file = path.join(dir, name);
  const text = Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  fs.writeFileSync(file, name.endsWith('.gz') ? zlib.gzipSync(text) : text);
  return file;
}

/** Run `fn` with a fresh in-memory DuckDB. */
export async function withDuckDb<T>(fn: (engine: DuckDbEngine) => Promise<T>): Promise<T> {
  const engine = await DuckDbEngine.open({ threads: 2 });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

/** Await a promise that must fail with a LoadError, and return the error. */
export async function expectLoadError(promise: Promise<unknown>): Promise<LoadError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof LoadError, `expected a LoadError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a LoadError, but the load succeeded');
}

/**
 * Assert an error's location fields and that its message starts with `file:line:column (name): `,
 * so every bad-input test checks that file, line and column are named.
 */
export function assertLocated(err: LoadError, file: string, line: number, column: number, columnName: string): void {
  assert.equal(err.file, file);
  assert.equal(err.line, line);
  assert.equal(err.column, column);
  assert.equal(err.columnName, columnName);
  assert.ok(
    err.message.startsWith(`${file}:${line}:${column} (${columnName}): `),
    `message does not name the location ${file}:${line}:${column} (${columnName}): ${err.message}`,
  );
}
