/**
 * Hostile input files, one table row each, with the outcome the loader must give: a clear error naming file,
 * line and column (and, for bad rows, the same rows skipped and counted under skipBadRows), or acceptance
 * with the exact values loaded. Never a silent drop, never a bare stack trace.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { DuckDbEngine } from '../../lib/engine/duckdb';
import { loadEvents, type LoadReport } from '../../lib/data/load';
import { LoadError } from '../../lib/data/loadError';
import { KAGGLE_HEADER as HEADER } from '../../lib/data/schema';
import { cleanEvents } from '../../lib/clean/clean';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** Two valid rows; the values expected from them are written out by hand in ROW_A / ROW_B. */
const A = '2019-10-01 00:00:00 UTC,view,5773203,1487580005134238553,,runail,2.62,463240011,26dd6e6e-4dac';
const B = '2019-10-02 10:20:30 UTC,cart,5,2,,,10.50,7,s2';
const ROW_A = {
  event_time: '2019-10-01 00:00:00',
  event_type: 'view',
  product_id: '5773203',
  category_id: '1487580005134238553',
  category_code: null,
  brand: 'runail',
  price: '2.62',
  user_id: '463240011',
  user_session: '26dd6e6e-4dac',
};
const ROW_B = {
  event_time: '2019-10-02 10:20:30',
  event_type: 'cart',
  product_id: '5',
  category_id: '2',
  category_code: null,
  brand: null,
  price: '10.50',
  user_id: '7',
  user_session: 's2',
};

/** A row of A's shape with field `index` (0-based) replaced. */
function rowWith(index: number, value: string): string {
  const fields = A.split(',');
  fields[index] = value;
  return fields.join(',');
}

const lines = (...rows: string[]) => rows.map((r) => `${r}\n`).join('');
const gzip = (text: string) => zlib.gzipSync(Buffer.from(text));
const OCT = '2019-Oct.csv';

type Row = Record<string, string | null>;
type Expected =
  /** The load fails: at `at` = [line, column, column name] when the problem has a place, with `message`. */
  | { error: RegExp; at?: [number, number, string]; skip?: { rows: Row[]; skippedLines: number[] } | 'still fails' }
  /** The load succeeds with exactly these rows (in file order) and these warnings. */
  | { rows: Row[]; warnings?: RegExp[] };

interface MalformedCase {
  name: string;
  /** Files written into a fresh folder (whose name has a space in it). */
  files: Record<string, string | Buffer>;
  /** What to load, relative to the folder: default the only file; '.' loads the folder. */
  load?: string;
  expected: Expected;
}

const CASES: MalformedCase[] = [
  {
    name: 'wrong header: a misspelt column',
    files: { [OCT]: lines(HEADER.replace('product_id', 'productid'), A) },
    expected: { error: /header has "productid" where "product_id" belongs/, at: [1, 3, 'product_id'], skip: 'still fails' },
  },
  {
    name: 'missing header: the file starts with a data row',
    files: { [OCT]: lines(A, B) },
    expected: { error: /no header line: line 1 is a data row/, at: [1, 1, 'event_time'], skip: 'still fails' },
  },
  {
    name: 'reordered columns',
    files: { [OCT]: lines(HEADER.replace('product_id,category_id', 'category_id,product_id'), A) },
    expected: {
      error: /header columns are in another order: found "category_id" where "product_id" belongs/,
      at: [1, 3, 'product_id'],
      skip: 'still fails',
    },
  },
  {
    name: 'an extra field in a row',
    files: { [OCT]: lines(HEADER, A, `${A},surplus`, B) },
    expected: { error: /row has 10 fields, expected 9/, at: [3, 10, 'extra field'], skip: { rows: [ROW_A, ROW_B], skippedLines: [3] } },
  },
  {
    name: 'a missing field in a row',
    files: { [OCT]: lines(HEADER, A, A.slice(0, A.lastIndexOf(',')), B) },
    expected: {
      error: /row has 8 fields, expected 9: "user_session" and later columns are missing/,
      at: [3, 9, 'user_session'],
      skip: { rows: [ROW_A, ROW_B], skippedLines: [3] },
    },
  },
  {
    name: 'quoted fields with commas, doubled quotes and newlines load exactly',
    files: { [OCT]: lines(HEADER, '2019-10-01 00:00:00 UTC,view,1,2,"a,b","line one\nline ""two""",1.00,3,s') },
    expected: {
      rows: [
        {
          ...ROW_B,
          event_time: '2019-10-01 00:00:00',
          event_type: 'view',
          product_id: '1',
          category_code: 'a,b',
          brand: 'line one\nline "two"',
          price: '1.00',
          user_id: '3',
          user_session: 's',
        },
      ],
    },
  },
  {
    name: 'a bad row after a quoted newline is named at its editor line, not its record number',
    files: { [OCT]: lines(HEADER, '2019-10-01 00:00:00 UTC,view,1,2,,"two\nlines",1.00,3,s', A, rowWith(2, 'x'), B) },
    expected: {
      error: /could not convert "x" to an integer/,
      at: [5, 3, 'product_id'],
      skip: {
        rows: [
          { ...ROW_A, product_id: '1', category_id: '2', brand: 'two\nlines', price: '1.00', user_id: '3', user_session: 's' },
          ROW_A,
          ROW_B,
        ],
        skippedLines: [5],
      },
    },
  },
  {
    name: 'a byte-order mark',
    files: { [OCT]: `\uFEFF${lines(HEADER, A)}` },
    expected: { rows: [ROW_A] },
  },
  {
    name: 'CRLF line ends, and a bad row named at its line',
    files: { [OCT]: [HEADER, A, B, rowWith(6, '1,5'), ''].join('\r\n') },
    expected: { error: /row has 10 fields, expected 9/, at: [4, 10, 'extra field'], skip: { rows: [ROW_A, ROW_B], skippedLines: [4] } },
  },
  {
    name: 'non-UTF-8 bytes (a Latin-1 brand)',
    files: {
      [OCT]: Buffer.concat([
        Buffer.from(`${lines(HEADER, A)}2019-10-01 00:00:00 UTC,view,1,2,,caf`),
        Buffer.from([0xe9]),
        Buffer.from(`,1.00,3,s\n${lines(B)}`),
      ]),
    },
    expected: { error: /bytes that are not UTF-8 .*iconv/, at: [3, 6, 'brand'], skip: { rows: [ROW_A, ROW_B], skippedLines: [3] } },
  },
  {
    name: 'an empty file',
    files: { [OCT]: '' },
    expected: { error: /file is empty: expected the header/, at: [1, 1, 'event_time'], skip: 'still fails' },
  },
  {
    name: 'a header-only file loads no row and warns',
    files: { [OCT]: lines(HEADER) },
    expected: { rows: [], warnings: [/2019-Oct\.csv: the file has the header but no data row/] },
  },
  {
    name: 'a truncated gzip',
    files: {
      [`${OCT}.gz`]: (() => {
        const whole = gzip(lines(HEADER, A, B));
        return whole.subarray(0, whole.length - 6);
      })(),
    },
    expected: { error: /^.*2019-Oct\.csv\.gz:4: damaged or truncated gzip stream after 3 complete lines/, skip: 'still fails' },
  },
  {
    name: 'a .gz file that is not gzip',
    files: { [`${OCT}.gz`]: lines(HEADER, A) },
    expected: { error: /2019-Oct\.csv\.gz: not a readable gzip file/, skip: 'still fails' },
  },
  {
    name: 'a gzip file named .csv',
    files: { [OCT]: gzip(lines(HEADER, A)) },
    expected: { error: /file is gzip-compressed: name it with a \.csv\.gz ending/, at: [1, 1, 'event_time'], skip: 'still fails' },
  },
  {
    name: 'a file that is not CSV: binary data (a PNG image)',
    files: { [OCT]: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]) },
    expected: {
      error: /line 1 is not UTF-8 text \(binary data, or another encoding such as UTF-16\): not a CSV file/,
      at: [1, 1, 'event_time'],
      skip: 'still fails',
    },
  },
  {
    name: 'a file that is not CSV: JSON text',
    files: { [OCT]: '{"event_time": "2019-10-01"}\n' },
    expected: {
      error: /line 1 "\{"event_time": "2019-10-01"\}" has no comma: not a comma-separated file/,
      at: [1, 1, 'event_time'],
      skip: 'still fails',
    },
  },
  {
    name: 'a huge integer',
    files: { [OCT]: lines(HEADER, A, rowWith(7, '99999999999999999999'), B) },
    expected: {
      error: /"99999999999999999999" does not fit in a 64-bit integer/,
      at: [3, 8, 'user_id'],
      skip: { rows: [ROW_A, ROW_B], skippedLines: [3] },
    },
  },
  {
    name: 'a huge price',
    files: { [OCT]: lines(HEADER, A, rowWith(6, '12345678901.00'), B) },
    expected: {
      error: /"12345678901\.00" is too large for a price \(at most 10 digits before the point\)/,
      at: [3, 7, 'price'],
      skip: { rows: [ROW_A, ROW_B], skippedLines: [3] },
    },
  },
  {
    name: 'a price in exponent notation too large for any decimal',
    files: { [OCT]: lines(HEADER, rowWith(6, '1e30')) },
    expected: { error: /could not convert "1e30" to a decimal price/, at: [2, 7, 'price'], skip: { rows: [], skippedLines: [2] } },
  },
  {
    name: 'negative ids are integers and load exactly',
    files: { [OCT]: lines(HEADER, '2019-10-01 00:00:00 UTC,view,-5,-9223372036854775808,,,1.00,-1,s') },
    expected: {
      rows: [
        {
          ...ROW_B,
          event_time: '2019-10-01 00:00:00',
          event_type: 'view',
          product_id: '-5',
          category_id: '-9223372036854775808',
          price: '1.00',
          user_id: '-1',
          user_session: 's',
        },
      ],
    },
  },
  {
    name: 'category_id at 2^63 - 1 loads exactly',
    files: { [OCT]: lines(HEADER, rowWith(3, '9223372036854775807')) },
    expected: { rows: [{ ...ROW_A, category_id: '9223372036854775807' }] },
  },
  {
    name: 'category_id beyond 64 bits (2^64)',
    files: { [OCT]: lines(HEADER, A, rowWith(3, '18446744073709551616')) },
    expected: {
      error: /"18446744073709551616" does not fit in a 64-bit integer/,
      at: [3, 4, 'category_id'],
      skip: { rows: [ROW_A], skippedLines: [3] },
    },
  },
  {
    name: 'a time in ISO 8601 format',
    files: { [OCT]: lines(HEADER, A, rowWith(0, '2019-10-01T00:00:00Z')) },
    expected: {
      error: /could not convert "2019-10-01T00:00:00Z" to a time: expected YYYY-MM-DD HH:MM:SS UTC/,
      at: [3, 1, 'event_time'],
      skip: { rows: [ROW_A], skippedLines: [3] },
    },
  },
  {
    name: 'a time in another zone',
    files: { [OCT]: lines(HEADER, A, rowWith(0, '2019-10-01 02:00:00 CEST'), rowWith(0, '2019-10-01 02:00:00 +02:00')) },
    expected: {
      error: /could not convert "2019-10-01 02:00:00 CEST" to a time/,
      at: [3, 1, 'event_time'],
      skip: { rows: [ROW_A], skippedLines: [3, 4] },
    },
  },
  {
    name: 'NULL sessions: empty and the text NULL both load as NULL',
    files: { [OCT]: lines(HEADER, rowWith(8, ''), rowWith(8, 'NULL')) },
    expected: {
      rows: [
        { ...ROW_A, user_session: null },
        { ...ROW_A, user_session: null },
      ],
    },
  },
  {
    name: 'the text NULL in a required column is an error',
    files: { [OCT]: lines(HEADER, rowWith(7, 'NULL')) },
    expected: { error: /could not convert "NULL" to an integer/, at: [2, 8, 'user_id'], skip: { rows: [], skippedLines: [2] } },
  },
  {
    name: 'an empty required field',
    files: { [OCT]: lines(HEADER, A, rowWith(2, '')) },
    expected: { error: /empty value, but product_id is required/, at: [3, 3, 'product_id'], skip: { rows: [ROW_A], skippedLines: [3] } },
  },
  {
    name: 'an unknown event type',
    files: { [OCT]: lines(HEADER, A, rowWith(1, 'wishlist'), B) },
    expected: {
      error: /"wishlist" is not an event type: expected one of view, cart, remove_from_cart, purchase/,
      at: [3, 2, 'event_type'],
      skip: { rows: [ROW_A, ROW_B], skippedLines: [3] },
    },
  },
  {
    name: 'an unterminated quote',
    files: { [OCT]: lines(HEADER, A, rowWith(5, '"runail')) },
    expected: { error: /unterminated quote/, at: [3, 6, 'brand'], skip: { rows: [ROW_A], skippedLines: [3] } },
  },
  {
    name: 'duplicate rows load as they are (cleaning step 1 removes and counts them)',
    files: { [OCT]: lines(HEADER, A, A, B) },
    expected: { rows: [ROW_A, ROW_A, ROW_B] },
  },
  {
    name: 'a folder with no matching files',
    files: { 'october.csv': lines(HEADER, A), '2019-10.csv': lines(HEADER, A) },
    load: '.',
    expected: { error: /holds no Kaggle month file: expected names like 2019-Oct\.csv or 2019-Nov\.csv\.gz/ },
  },
  {
    name: 'a month missing between two others warns and names it',
    files: { '2019-Oct.csv': lines(HEADER, A), '2019-Dec.csv.gz': gzip(lines(HEADER, B)) },
    load: '.',
    expected: {
      rows: [ROW_A, ROW_B],
      warnings: [
        /^month 2019-Nov missing between 2019-Oct and 2019-Dec \(no 2019-Nov\.csv or \.csv\.gz\): recency, range of visits and days between sessions will span the gap$/,
      ],
    },
  },
  {
    name: 'two months missing are named together',
    files: { '2019-Oct.csv': lines(HEADER, A), '2020-Jan.csv': lines(HEADER, B) },
    load: '.',
    expected: { rows: [ROW_A, ROW_B], warnings: [/^month 2019-Nov, 2019-Dec missing between 2019-Oct and 2020-Jan/] },
  },
];

const folders: string[] = [];
after(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

/** Write a case's files into a fresh folder with a space in its name; return the path to load. */
function writeCase(c: MalformedCase): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'malformed input '));
  folders.push(dir);
  for (const [name, content] of Object.entries(c.files)) fs.writeFileSync(path.join(dir, name), content);
  if (c.load === '.') return dir;
  return path.join(dir, c.load ?? Object.keys(c.files)[0]!);
}

interface Outcome {
  error?: Error;
  report?: LoadReport;
  rows?: Row[];
  warnings: string[];
}

async function load(source: string, skipBadRows: boolean): Promise<Outcome> {
  const engine = await DuckDbEngine.open({ threads: 2 });
  const warnings: string[] = [];
  try {
    const report = await loadEvents(engine, source, { skipBadRows, warnings: (w) => warnings.push(w) });
    return { report, rows: await engine.all<Row>('SELECT * FROM events ORDER BY rowid'), warnings };
  } catch (err) {
    return { error: err as Error, warnings };
  } finally {
    await engine.close();
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('malformed inputs: each gives a located error, a counted skip, or exact values', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const source = writeCase(c);
      const strict = await load(source, false);
      const expected = c.expected;
      if ('error' in expected) {
        assert.ok(strict.error, `expected the load to fail, it loaded ${strict.report?.rows} rows`);
        assert.match(strict.error.message, expected.error);
        // The message always names the file (or folder) it is about.
        assert.ok(strict.error.message.includes(source), `message does not name ${source}: ${strict.error.message}`);
        if (expected.at) {
          const [line, column, columnName] = expected.at;
          assert.ok(strict.error instanceof LoadError);
          assert.deepEqual([strict.error.line, strict.error.column, strict.error.columnName], [line, column, columnName]);
          assert.match(strict.error.message, new RegExp(`^${escapeRegExp(source)}:${line}:${column} \\(${escapeRegExp(columnName)}\\): `));
        }
        if (expected.skip === 'still fails') {
          const skipping = await load(source, true);
          assert.ok(skipping.error, 'a whole-file problem must fail even with skipBadRows');
          assert.equal(skipping.error.message, strict.error.message);
        } else if (expected.skip) {
          const skipping = await load(source, true);
          assert.equal(skipping.error, undefined, skipping.error?.message);
          assert.deepEqual(skipping.rows, expected.skip.rows);
          assert.equal(skipping.report!.skipped, expected.skip.skippedLines.length);
          assert.deepEqual(
            skipping.report!.skippedSamples.map((s) => s.line),
            expected.skip.skippedLines,
          );
          // The first skipped row's sample carries the same located message as the strict error.
          assert.equal(skipping.report!.skippedSamples[0]!.message, strict.error.message);
        }
      } else {
        assert.equal(strict.error, undefined, strict.error?.message);
        assert.deepEqual(strict.rows, expected.rows);
        assert.equal(strict.report!.rows, expected.rows.length);
        assert.equal(strict.report!.skipped, 0);
        const wanted = expected.warnings ?? [];
        assert.equal(strict.warnings.length, wanted.length, `warnings: ${JSON.stringify(strict.warnings)}`);
        wanted.forEach((w, i) => {
          assert.match(strict.warnings[i]!, w);
        });
        assert.deepEqual(strict.report!.warnings, strict.warnings);
      }
    });
  }
});

test('duplicate rows: cleaning step 1 removes the copy and reports it', async () => {
  const source = writeCase({ name: 'dup', files: { [OCT]: lines(HEADER, A, A, B) }, expected: { rows: [] } });
  const engine = await DuckDbEngine.open({ threads: 2 });
  try {
    await loadEvents(engine, source);
    const funnel = await cleanEvents(engine);
    assert.equal(funnel.raw, 3);
    assert.equal(funnel.first_purchase, 2);
    assert.equal(funnel.duplicates_removed, 1);
  } finally {
    await engine.close();
  }
});

describe('the CLI reports bad input in one line, never a stack trace', () => {
  const cli = (args: string[]) =>
    run(process.execPath, [path.join(ROOT, 'bin/purchase-prediction.js'), ...args], { cwd: ROOT, env: { ...process.env, DEBUG: '' } }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  test('a bad row stops clean with exit 1 and `error: file:line:column (name): reason`', async () => {
    const source = writeCase({ name: 'cli', files: { [OCT]: lines(HEADER, A, rowWith(1, 'wishlist')) }, expected: { rows: [] } });
    const { code, stderr } = await cli(['clean', '--data', source]);
    assert.equal(code, 1);
    assert.equal(
      stderr,
      `error: ${source}:3:2 (event_type): "wishlist" is not an event type: expected one of view, cart, remove_from_cart, purchase\n`,
    );
  });

  test('--skip-bad-rows loads the rest and prints the skipped count', async () => {
    // One user with two sessions, so that cleaning keeps the user and the command succeeds.
    const source = writeCase({
      name: 'cli',
      files: { [OCT]: lines(HEADER, A, rowWith(1, 'wishlist'), rowWith(8, 'second-session')) },
      expected: { rows: [] },
    });
    const { code, stdout } = await cli(['clean', '--data', source, '--json', '--skip-bad-rows']);
    assert.equal(code, 0);
    const funnel = JSON.parse(stdout) as Record<string, number>;
    assert.equal(funnel.raw, 2);
    assert.equal(funnel.skipped_bad_rows, 1);
  });
});
