import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadEvents } from '../../lib/data/load';
import { GOOD_ROW, HEADER, removeTempDirs, tempDir, withDuckDb, writeLines } from './loadHelpers';

after(removeTempDirs);

// Rows covering the format's corners; the expected table values are written out by hand below.
const TRICKY_ROWS = [
  // 2^53 + 1: a JavaScript number would turn it into ...992.
  '2019-10-01 00:00:03 UTC,view,5773353,9007199254740993,,,5.00,463240011,s1',
  // The largest BIGINT; a negative product_id is still an integer and loads; a negative price is a refund.
  '2019-10-31 23:59:59 UTC,purchase,-5,9223372036854775807,appliances.environment.vacuum,lovely,-1.50,1,',
  // Quoted fields with a comma and a doubled quote; a quoted empty field is empty too.
  '2019-10-15 12:30:00 UTC,remove_from_cart,1,2,"a,b","say ""hi""",0.00,2,""',
];

const TRICKY_EXPECTED = [
  {
    event_time: '2019-10-01 00:00:03',
    event_type: 'view',
    product_id: '5773353',
    category_id: '9007199254740993',
    category_code: null,
    brand: null,
    price: '5.00',
    user_id: '463240011',
    user_session: 's1',
  },
  {
    event_time: '2019-10-31 23:59:59',
    event_type: 'purchase',
    product_id: '-5',
    category_id: '9223372036854775807',
    category_code: 'appliances.environment.vacuum',
    brand: 'lovely',
    price: '-1.50',
    user_id: '1',
    user_session: null,
  },
  {
    event_time: '2019-10-15 12:30:00',
    event_type: 'remove_from_cart',
    product_id: '1',
    category_id: '2',
    category_code: 'a,b',
    brand: 'say "hi"',
    price: '0.00',
    user_id: '2',
    user_session: null,
  },
];

const SELECT_IN_FILE_ORDER = 'SELECT * FROM events ORDER BY rowid';

test('values load exactly: big ids, negative numbers, empty fields as NULL, quoted fields', async () => {
  const file = writeLines(tempDir(), '2019-Oct.csv', [HEADER, ...TRICKY_ROWS]);
  await withDuckDb(async (engine) => {
    const report = await loadEvents(engine, file);
    assert.deepEqual(await engine.all(SELECT_IN_FILE_ORDER), TRICKY_EXPECTED);
    assert.equal(report.rows, 3);
    assert.equal(report.skipped, 0);
    assert.deepEqual(report.skippedSamples, []);
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0]!.path, file);
    assert.equal(report.files[0]!.rows, 3);
    assert.equal(report.files[0]!.bytes, fs.statSync(file).size);
  });
});

test('the events table has the shared schema types, with canonical-UUID sessions stored as UUID', async () => {
  const file = writeLines(tempDir(), '2019-Oct.csv', [HEADER, GOOD_ROW]);
  await withDuckDb(async (engine) => {
    await loadEvents(engine, file);
    const columns = await engine.all(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events' ORDER BY ordinal_position`,
    );
    assert.deepEqual(columns, [
      { column_name: 'event_time', data_type: 'TIMESTAMP' },
      { column_name: 'event_type', data_type: 'VARCHAR' },
      { column_name: 'product_id', data_type: 'BIGINT' },
      { column_name: 'category_id', data_type: 'BIGINT' },
      { column_name: 'category_code', data_type: 'VARCHAR' },
      { column_name: 'brand', data_type: 'VARCHAR' },
      { column_name: 'price', data_type: 'DECIMAL(12,2)' },
      { column_name: 'user_id', data_type: 'BIGINT' },
      { column_name: 'user_session', data_type: 'UUID' },
    ]);
  });
});

test('sessions that are not canonical UUIDs keep the portable VARCHAR type', async () => {
  const file = writeLines(tempDir(), '2019-Oct.csv', [HEADER, GOOD_ROW.replace(/[^,]*$/, 'session-one')]);
  await withDuckDb(async (engine) => {
    await loadEvents(engine, file);
    const columns = await engine.all(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'user_session'`,
    );
    assert.deepEqual(columns, [{ column_name: 'user_session', data_type: 'VARCHAR' }]);
    assert.deepEqual(await engine.all('SELECT user_session FROM events'), [{ user_session: 'session-one' }]);
  });
});

test('a .csv.gz file loads the same values as the plain file', async () => {
  const file = writeLines(tempDir(), '2019-Oct.csv.gz', [HEADER, ...TRICKY_ROWS]);
  await withDuckDb(async (engine) => {
    const report = await loadEvents(engine, file);
    assert.equal(report.rows, 3);
    assert.deepEqual(await engine.all(SELECT_IN_FILE_ORDER), TRICKY_EXPECTED);
  });
});

test('a byte-order mark and Windows line ends are accepted', async () => {
  const file = path.join(tempDir(), '2019-Oct.csv');
  fs.writeFileSync(file, `\uFEFF${[HEADER, ...TRICKY_ROWS].join('\r\n')}\r\n`);
  await withDuckDb(async (engine) => {
    await loadEvents(engine, file);
    assert.deepEqual(await engine.all(SELECT_IN_FILE_ORDER), TRICKY_EXPECTED);
  });
});

test('a header-only file loads 0 rows and is reported', async () => {
  const file = writeLines(tempDir(), '2019-Oct.csv', [HEADER]);
  const lines: string[] = [];
  await withDuckDb(async (engine) => {
    const report = await loadEvents(engine, file, { progress: (line) => lines.push(line) });
    assert.equal(report.rows, 0);
    assert.deepEqual(
      report.files.map((f) => [f.path, f.rows, f.skipped]),
      [[file, 0, 0]],
    );
    assert.deepEqual(await engine.all('SELECT CAST(count(*) AS INTEGER) AS n FROM events'), [{ n: 0 }]);
  });
  assert.equal(lines.length, 1);
  assert.match(lines[0]!, /^loaded 2019-Oct\.csv: 0 rows, 0 skipped, /);
});

test('month files in a folder load in month order, whatever their names sort to', async () => {
  const dir = tempDir();
  // Alphabetically 2019-Dec < 2019-Nov < 2019-Oct < 2020-Jan; the months run Oct, Nov, Dec, Jan.
  writeLines(dir, '2020-Jan.csv', [HEADER, GOOD_ROW.replace('2019-10-01', '2020-01-01')]);
  writeLines(dir, '2019-Dec.csv.gz', [HEADER, GOOD_ROW.replace('2019-10-01', '2019-12-01')]);
  writeLines(dir, '2019-Nov.csv', [HEADER, GOOD_ROW.replace('2019-10-01', '2019-11-01'), GOOD_ROW.replace('2019-10-01', '2019-11-02')]);
  writeLines(dir, '2019-Oct.csv', [HEADER, GOOD_ROW]);
  writeLines(dir, 'notes.csv', ['not,a,month,file']);
  await withDuckDb(async (engine) => {
    const report = await loadEvents(engine, dir);
    assert.deepEqual(
      report.files.map((f) => [path.basename(f.path), f.rows]),
      [
        ['2019-Oct.csv', 1],
        ['2019-Nov.csv', 2],
        ['2019-Dec.csv.gz', 1],
        ['2020-Jan.csv', 1],
      ],
    );
    assert.equal(report.rows, 5);
    const times = await engine.all('SELECT event_time FROM events ORDER BY rowid');
    assert.deepEqual(
      times.map((r) => r.event_time),
      ['2019-10-01 00:00:00', '2019-11-01 00:00:00', '2019-11-02 00:00:00', '2019-12-01 00:00:00', '2020-01-01 00:00:00'],
    );
  });
});

test('skipBadRows keeps the good rows, counts the bad ones per file and describes them', async () => {
  const dir = tempDir();
  const oct = writeLines(dir, '2019-Oct.csv', [
    HEADER,
    GOOD_ROW,
    GOOD_ROW.replace('5773203', '57x73353'), // line 3: product_id
    GOOD_ROW.replace(',cart,', ',click,'), // line 4: event_type
    GOOD_ROW.replace('5773203', '7'),
  ]);
  const nov = writeLines(dir, '2019-Nov.csv', [HEADER, `${GOOD_ROW},extra`, GOOD_ROW.replace('5773203', '8')]);
  await withDuckDb(async (engine) => {
    const report = await loadEvents(engine, dir, { skipBadRows: true });
    assert.equal(report.rows, 3);
    assert.equal(report.skipped, 3);
    assert.deepEqual(
      report.files.map((f) => [f.rows, f.skipped]),
      [
        [2, 2],
        [1, 1],
      ],
    );
    assert.deepEqual(report.skippedSamples, [
      {
        file: oct,
        line: 3,
        column: 3,
        columnName: 'product_id',
        message: `${oct}:3:3 (product_id): could not convert "57x73353" to an integer`,
      },
      {
        file: oct,
        line: 4,
        column: 2,
        columnName: 'event_type',
        message: `${oct}:4:2 (event_type): "click" is not an event type: expected one of view, cart, remove_from_cart, purchase`,
      },
      { file: nov, line: 2, column: 10, columnName: 'extra field', message: `${nov}:2:10 (extra field): row has 10 fields, expected 9` },
    ]);
    const ids = await engine.all('SELECT product_id FROM events ORDER BY rowid');
    assert.deepEqual(
      ids.map((r) => r.product_id),
      ['5773203', '7', '8'],
    );
  });
});

test('skipBadRows keeps at most 10 samples but counts every skipped row', async () => {
  const bad = Array.from({ length: 25 }, (_, i) => GOOD_ROW.replace('463240011', `u${i}`));
  const file = writeLines(tempDir(), '2019-Oct.csv', [HEADER, ...bad, GOOD_ROW]);
  await withDuckDb(async (engine) => {
    const report = await loadEvents(engine, file, { skipBadRows: true });
    assert.equal(report.rows, 1);
    assert.equal(report.skipped, 25);
    assert.deepEqual(
      report.skippedSamples.map((s) => s.line),
      [2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    );
  });
});

test('the progress callback receives one line per file', async () => {
  const dir = tempDir();
  writeLines(dir, '2019-Oct.csv', [HEADER, GOOD_ROW, GOOD_ROW]);
  writeLines(dir, '2019-Nov.csv.gz', [HEADER, GOOD_ROW, GOOD_ROW.replace('5773203', 'x')]);
  const lines: string[] = [];
  await withDuckDb((engine) => loadEvents(engine, dir, { skipBadRows: true, progress: (line) => lines.push(line) }));
  assert.equal(lines.length, 2);
  const shape = (name: string, rows: number, skipped: number) =>
    new RegExp(
      `^loaded ${name.replace(/\./g, '\\.')}: ${rows} rows, ${skipped} skipped, \\d+\\.\\d MB in \\d+\\.\\d+ s \\(\\d+(\\.\\d)?[kM]? rows/s, \\d+(\\.\\d)? MB/s\\)$`,
    );
  assert.match(lines[0]!, shape('2019-Oct.csv', 2, 0));
  assert.match(lines[1]!, shape('2019-Nov.csv.gz', 1, 1));
});

test('the table option names the table; loading again replaces it', async () => {
  const dir = tempDir();
  const one = writeLines(dir, 'one.csv', [HEADER, GOOD_ROW]);
  const two = writeLines(dir, 'two.csv', [HEADER, GOOD_ROW, GOOD_ROW]);
  await withDuckDb(async (engine) => {
    await loadEvents(engine, one, { table: 'raw_events' });
    await loadEvents(engine, two, { table: 'raw_events' });
    assert.deepEqual(await engine.all('SELECT CAST(count(*) AS INTEGER) AS n FROM raw_events'), [{ n: 2 }]);
  });
});
