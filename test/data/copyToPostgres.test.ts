import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDbEngine } from '../../lib/engine/duckdb';
import { PostgresEngine } from '../../lib/engine/postgres';
import { KAGGLE_HEADER, createEventsTableSql } from '../../lib/data/schema';
import { loadEvents } from '../../lib/data/load';
import { copyEventsToPostgres } from '../../lib/data/copyToPostgres';

/** Fresh DuckDB and a PostgreSQL schema of its own (dropped afterwards), so parallel test files do not collide. */
async function withBoth(name: string, fn: (duck: DuckDbEngine, pg: PostgresEngine) => Promise<void>): Promise<void> {
  const duck = await DuckDbEngine.open({ threads: 2 });
  const pg = await PostgresEngine.open({ schema: `t_copy_${name}_${process.pid}`, dropSchemaOnClose: true });
  try {
    await fn(duck, pg);
  } finally {
    await pg.close();
    await duck.close();
  }
}

const ALL_IN_ORDER = 'SELECT * FROM events ORDER BY product_id';

test('a round trip DuckDB → PostgreSQL keeps every value exactly', async () => {
  await withBoth('values', async (duck, pg) => {
    await duck.run(createEventsTableSql());
    // Strings with the characters COPY's text format must escape: tab, newline, carriage return, backslash,
    // and a literal \N that must not turn into NULL; also commas and quotes, which COPY text leaves alone.
    await duck.run(`INSERT INTO events VALUES
      ('2019-10-01 00:00:03', 'view', 1, 9007199254740993, NULL, NULL, 2.62, 463240011, NULL),
      ('2019-11-30 23:59:59', 'purchase', 2, 9223372036854775807, 'a,b', 'say "hi"', -1.50, 1, 's1'),
      ('2019-10-15 12:30:00', 'cart', 3, -9223372036854775808, 'tab' || chr(9) || 'x', 'line' || chr(10) || 'two' || chr(13), 0.00, 2, 'back\\slash'),
      ('2019-10-15 12:30:01', 'remove_from_cart', 4, 1, '\\N', '', 9999999999.99, 3, 'ü€')`);
    const copied = await copyEventsToPostgres(duck, pg);
    assert.equal(copied, 4);
    const expected = [
      {
        event_time: '2019-10-01 00:00:03',
        event_type: 'view',
        product_id: '1',
        category_id: '9007199254740993',
        category_code: null,
        brand: null,
        price: '2.62',
        user_id: '463240011',
        user_session: null,
      },
      {
        event_time: '2019-11-30 23:59:59',
        event_type: 'purchase',
        product_id: '2',
        category_id: '9223372036854775807',
        category_code: 'a,b',
        brand: 'say "hi"',
        price: '-1.50',
        user_id: '1',
        user_session: 's1',
      },
      {
        event_time: '2019-10-15 12:30:00',
        event_type: 'cart',
        product_id: '3',
        category_id: '-9223372036854775808',
        category_code: 'tab\tx',
        brand: 'line\ntwo\r',
        price: '0.00',
        user_id: '2',
        user_session: 'back\\slash',
      },
      {
        event_time: '2019-10-15 12:30:01',
        event_type: 'remove_from_cart',
        product_id: '4',
        category_id: '1',
        category_code: '\\N',
        brand: '',
        price: '9999999999.99',
        user_id: '3',
        user_session: 'ü€',
      },
    ];
    assert.deepEqual(await pg.all(ALL_IN_ORDER), expected);
    // The source is unchanged and agrees with the copy.
    assert.deepEqual(await duck.all(ALL_IN_ORDER), expected);
  });
});

test('a table larger than one result chunk streams completely; a second copy replaces the first', async () => {
  await withBoth('chunks', async (duck, pg) => {
    const rows = 10_000; // DuckDB result chunks hold 2,048 rows
    await duck.run(createEventsTableSql());
    await duck.run(`INSERT INTO events
      SELECT TIMESTAMP '2019-10-01 00:00:00' + to_seconds(i), 'view', i, 4611686018427387904 + i, NULL, 'b' || i,
             CAST(i AS DECIMAL(12,2)) / 100, i % 97, 's' || (i % 13)
        FROM range(1, ${rows} + 1) AS t(i)`);
    const lines: string[] = [];
    assert.equal(await copyEventsToPostgres(duck, pg, { progress: (line) => lines.push(line) }), rows);
    assert.equal(await copyEventsToPostgres(duck, pg), rows);
    // Sums over n = 1..10000 worked out by hand: Σn = 50,005,000; Σ(2^62 + n) = 10000·2^62 + 50,005,000.
    const [totals] = await pg.all(
      `SELECT count(*)::int AS n, sum(product_id)::text AS ids, sum(category_id)::text AS categories,
              sum(price)::text AS prices, max(event_time)::text AS last FROM events`,
    );
    assert.deepEqual(totals, {
      n: rows,
      ids: '50005000',
      categories: (10_000n * 2n ** 62n + 50_005_000n).toString(),
      prices: '500050.00',
      last: '2019-10-01 02:46:40', // 10,000 s after midnight
    });
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /^copied events to PostgreSQL: 10,000 rows in \d+\.\d+ s \(\d+(\.\d)?[kM]? rows\/s\)$/);
  });
});

test('an empty table copies as 0 rows', async () => {
  await withBoth('empty', async (duck, pg) => {
    await duck.run(createEventsTableSql('raw'));
    assert.equal(await copyEventsToPostgres(duck, pg, { table: 'raw' }), 0);
    assert.deepEqual(await pg.all('SELECT count(*)::int AS n FROM raw'), [{ n: 0 }]);
  });
});

test('CSV → DuckDB → PostgreSQL: the loaded file arrives unchanged', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-test-'));
  try {
    const file = path.join(dir, '2019-Oct.csv');
    fs.writeFileSync(
      file,
      `${[
        KAGGLE_HEADER,
        '2019-10-01 00:00:03 UTC,view,5773353,2305843009213693953,,,5.00,463240011,s1',
        '2019-10-31 23:59:59 UTC,purchase,5773354,1487580005134238553,"a,b","say ""hi""",-1.50,1,',
      ].join('\n')}\n`,
    );
    await withBoth('csv', async (duck, pg) => {
      await loadEvents(duck, file);
      assert.equal(await copyEventsToPostgres(duck, pg), 2);
      assert.deepEqual(await pg.all(ALL_IN_ORDER), [
        {
          event_time: '2019-10-01 00:00:03',
          event_type: 'view',
          product_id: '5773353',
          category_id: '2305843009213693953',
          category_code: null,
          brand: null,
          price: '5.00',
          user_id: '463240011',
          user_session: 's1',
        },
        {
          event_time: '2019-10-31 23:59:59',
          event_type: 'purchase',
          product_id: '5773354',
          category_id: '1487580005134238553',
          category_code: 'a,b',
          brand: 'say "hi"',
          price: '-1.50',
          user_id: '1',
          user_session: null,
        },
      ]);
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
