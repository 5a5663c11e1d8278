import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { loadEvents } from '../../lib/data/load';
import { GOOD_ROW, HEADER, assertLocated, expectLoadError, removeTempDirs, tempDir, withDuckDb, writeLines } from './loadHelpers';

after(removeTempDirs);

/** Load one October file made of the header, a good row, then `rows`, and return the error it must raise. */
async function errorFor(rows: string[], header: string = HEADER) {
  const file = writeLines(tempDir(), '2019-Oct.csv', [header, GOOD_ROW, ...rows]);
  const err = await withDuckDb((engine) => expectLoadError(loadEvents(engine, file)));
  return { file, err };
}

/** GOOD_ROW with field `index` (0-based) replaced. */
function rowWith(index: number, value: string): string {
  const fields = GOOD_ROW.split(',');
  fields[index] = value;
  return fields.join(',');
}

describe('header problems are reported at line 1 with the first differing column', () => {
  test('a misspelt column name', async () => {
    const { file, err } = await errorFor([], HEADER.replace('product_id', 'productid'));
    assertLocated(err, file, 1, 3, 'product_id');
    assert.match(err.message, /header has "productid" where "product_id" belongs/);
  });

  test('columns in another order', async () => {
    const swapped = HEADER.replace('product_id,category_id', 'category_id,product_id');
    const { file, err } = await errorFor([], swapped);
    assertLocated(err, file, 1, 3, 'product_id');
    assert.match(err.message, /another order: found "category_id" where "product_id" belongs/);
  });

  test('a missing column at the end of the header', async () => {
    const { file, err } = await errorFor([], HEADER.replace(',user_session', ''));
    assertLocated(err, file, 1, 9, 'user_session');
  });

  test('no header: the file starts with a data row', async () => {
    const file = writeLines(tempDir(), '2019-Oct.csv', [GOOD_ROW, GOOD_ROW]);
    const err = await withDuckDb((engine) => expectLoadError(loadEvents(engine, file)));
    assertLocated(err, file, 1, 1, 'event_time');
    assert.match(err.message, /no header line/);
  });

  test('an empty file', async () => {
    const file = path.join(tempDir(), '2019-Oct.csv');
    fs.writeFileSync(file, '');
    const err = await withDuckDb((engine) => expectLoadError(loadEvents(engine, file)));
    assertLocated(err, file, 1, 1, 'event_time');
    assert.match(err.message, /file is empty/);
  });

  test('a header problem in the second file stops the load before any data is read', async () => {
    const dir = tempDir();
    writeLines(dir, '2019-Oct.csv', [HEADER, GOOD_ROW]);
    const nov = writeLines(dir, '2019-Nov.csv', [HEADER.toUpperCase(), GOOD_ROW]);
    const err = await withDuckDb((engine) => expectLoadError(loadEvents(engine, dir)));
    assertLocated(err, nov, 1, 1, 'event_time');
  });
});

describe('bad rows are reported at their line and first bad column', () => {
  test('non-numeric product_id: the exact message', async () => {
    const { file, err } = await errorFor([GOOD_ROW, rowWith(2, '57x73353')]);
    assertLocated(err, file, 4, 3, 'product_id');
    assert.equal(err.message, `${file}:4:3 (product_id): could not convert "57x73353" to an integer`);
  });

  test('non-numeric user_id', async () => {
    const { file, err } = await errorFor([rowWith(7, '4632400x1')]);
    assertLocated(err, file, 3, 8, 'user_id');
    assert.match(err.message, /could not convert "4632400x1" to an integer/);
  });

  test('non-numeric price', async () => {
    const { file, err } = await errorFor([rowWith(6, 'abc')]);
    assertLocated(err, file, 3, 7, 'price');
    assert.match(err.message, /could not convert "abc" to a decimal price/);
  });

  test('an ISO 8601 time with T and Z', async () => {
    const { file, err } = await errorFor([rowWith(0, '2019-10-01T00:00:00Z')]);
    assertLocated(err, file, 3, 1, 'event_time');
    assert.match(err.message, /could not convert "2019-10-01T00:00:00Z" to a time: expected YYYY-MM-DD HH:MM:SS UTC/);
  });

  test('a time in another zone', async () => {
    const { file, err } = await errorFor([rowWith(0, '2019-10-01 02:00:00 +0200')]);
    assertLocated(err, file, 3, 1, 'event_time');
  });

  test('an impossible date', async () => {
    const { file, err } = await errorFor([rowWith(0, '2019-02-30 00:00:00 UTC')]);
    assertLocated(err, file, 3, 1, 'event_time');
  });

  test('an unknown event type', async () => {
    const { file, err } = await errorFor([rowWith(1, 'click')]);
    assertLocated(err, file, 3, 2, 'event_type');
    assert.match(err.message, /"click" is not an event type: expected one of view, cart, remove_from_cart, purchase/);
  });

  test('category_id 2^63 overflows 64 bits', async () => {
    const { file, err } = await errorFor([rowWith(3, '9223372036854775808')]);
    assertLocated(err, file, 3, 4, 'category_id');
    assert.match(err.message, /"9223372036854775808" does not fit in a 64-bit integer/);
  });

  test('an empty required field', async () => {
    const { file, err } = await errorFor([rowWith(2, '')]);
    assertLocated(err, file, 3, 3, 'product_id');
    assert.match(err.message, /empty value, but product_id is required/);
  });

  test('a row with too many fields', async () => {
    const { file, err } = await errorFor([`${GOOD_ROW},extra`]);
    assertLocated(err, file, 3, 10, 'extra field');
    assert.match(err.message, /row has 10 fields, expected 9/);
  });

  test('a row with too few fields', async () => {
    const { file, err } = await errorFor([GOOD_ROW.slice(0, GOOD_ROW.lastIndexOf(','))]);
    assertLocated(err, file, 3, 9, 'user_session');
    assert.match(err.message, /row has 8 fields, expected 9/);
  });

  test('several bad fields on one line: the first is named', async () => {
    const row = rowWith(6, 'abc').replace(',cart,', ',click,').replace('5773203', 'x');
    const { file, err } = await errorFor([row]);
    assertLocated(err, file, 3, 2, 'event_type');
  });

  test('several bad lines: the first line is named', async () => {
    const { file, err } = await errorFor([GOOD_ROW, rowWith(7, 'u'), GOOD_ROW, rowWith(2, 'p')]);
    assertLocated(err, file, 4, 8, 'user_id');
  });

  test('a failed load leaves no table behind, and keeps an older one', async () => {
    const dir = tempDir();
    const good = writeLines(dir, 'good.csv', [HEADER, GOOD_ROW]);
    const bad = writeLines(dir, 'bad.csv', [HEADER, GOOD_ROW, rowWith(2, 'x')]);
    await withDuckDb(async (engine) => {
      await expectLoadError(loadEvents(engine, bad, { table: 'fresh' }));
      const fresh = await engine.all(`SELECT table_name FROM information_schema.tables WHERE table_name = 'fresh'`);
      assert.deepEqual(fresh, []);
      await loadEvents(engine, good);
      await expectLoadError(loadEvents(engine, bad));
      assert.deepEqual(await engine.all('SELECT CAST(count(*) AS INTEGER) AS n FROM events'), [{ n: 1 }]);
    });
  });
});

describe('compressed files that cannot be read are named', () => {
  test('a truncated gzip', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => rowWith(2, String(1000 + i)));
    const whole = zlib.gzipSync(Buffer.from(`${[HEADER, ...rows].join('\n')}\n`));
    const file = path.join(tempDir(), '2019-Oct.csv.gz');
    // Cut inside the compressed data: DuckDB alone would load the rows before the cut without complaint.
    fs.writeFileSync(file, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const err = await withDuckDb((engine) => expectLoadError(loadEvents(engine, file)));
    assert.equal(err.file, file);
    assert.ok(err.message.startsWith(`${file}:`), err.message);
    assert.match(err.message, /damaged or truncated gzip stream after [\d,]+ complete lines/);
  });

  test('a gzip missing only its last bytes', async () => {
    const whole = zlib.gzipSync(Buffer.from(`${[HEADER, GOOD_ROW, GOOD_ROW].join('\n')}\n`));
    const file = path.join(tempDir(), '2019-Oct.csv.gz');
    fs.writeFileSync(file, whole.subarray(0, whole.length - 4));
    const err = await withDuckDb((engine) => expectLoadError(loadEvents(engine, file)));
    assert.equal(err.file, file);
    // All three lines decompress; only the gzip trailer (checksum and size) is missing.
    assert.match(err.message, new RegExp(`^${escapeRegExp(file)}:4: damaged or truncated gzip stream after 3 complete lines`));
  });

  test('a .gz file that is not gzip', async () => {
    const file = writeLines(tempDir(), '2019-Oct.csv', [HEADER, GOOD_ROW]);
    const fake = `${file}.gz`;
    fs.renameSync(file, fake);
    const err = await withDuckDb((engine) => expectLoadError(loadEvents(engine, fake)));
    assert.equal(err.file, fake);
    assert.match(err.message, new RegExp(`^${escapeRegExp(fake)}: not a readable gzip file`));
  });

  test('a gzip file named .csv', async () => {
    const file = writeLines(tempDir(), '2019-Oct.csv.gz', [HEADER, GOOD_ROW]);
    const plainName = file.slice(0, -3);
    fs.renameSync(file, plainName);
    const err = await withDuckDb((engine) => expectLoadError(loadEvents(engine, plainName)));
    assertLocated(err, plainName, 1, 1, 'event_time');
    assert.match(err.message, /gzip-compressed: name it with a .csv.gz ending/);
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
