import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openEngine } from '../../lib/engine/open';
import { BACKENDS, toNumber, type Engine } from '../../lib/engine/engine';
import { createEventsTableSql, EVENT_COLUMNS } from '../../lib/data/schema';
import { cleanEvents, cleanTables } from '../../lib/clean/clean';
import { BIG_CATEGORY, EXPECTED_FUNNEL as EXPECTED, PER_USER, eventValuesSql } from './handWorkedEvents';

async function withEvents(backend: (typeof BACKENDS)[number], body: (engine: Engine) => Promise<void>) {
  const engine = await openEngine({ backend, postgres: { schema: `t_clean_${process.pid}`, dropSchemaOnClose: true } });
  try {
    await engine.run(createEventsTableSql('events'));
    await engine.run(`INSERT INTO events VALUES ${eventValuesSql()}`);
    await body(engine);
  } finally {
    await engine.close();
  }
}

async function rowsPerUser(engine: Engine, table: string): Promise<Record<number, number>> {
  const rows = await engine.all(`SELECT user_id, COUNT(*) AS n FROM ${table} GROUP BY user_id ORDER BY user_id`);
  return Object.fromEntries(rows.map((r) => [toNumber(r.user_id!), toNumber(r.n!)]));
}

for (const backend of BACKENDS) {
  test(`${backend}: funnel counts of the hand-worked log, step by step`, async () => {
    await withEvents(backend, async (engine) => {
      const funnel = await cleanEvents(engine);
      assert.deepEqual(funnel, EXPECTED);
      const tables = cleanTables();
      for (const [step, table] of Object.entries(tables) as [keyof typeof tables, string][]) {
        assert.deepEqual(await rowsPerUser(engine, table), PER_USER[step], `rows per user in ${table}`);
      }
    });
  });

  test(`${backend}: step 1 keeps every row at the first purchase second and nothing after`, async () => {
    await withEvents(backend, async (engine) => {
      await cleanEvents(engine);
      const rows = await engine.all(
        `SELECT event_time, event_type, product_id FROM ${cleanTables().firstPurchase}
         WHERE user_id = 1 ORDER BY event_time, event_type, product_id`,
      );
      assert.deepEqual(rows, [
        { event_time: '2019-10-01 10:00:00', event_type: 'view', product_id: '1' },
        { event_time: '2019-10-01 10:05:00', event_type: 'cart', product_id: '1' },
        { event_time: '2019-10-01 10:10:00', event_type: 'purchase', product_id: '1' },
        { event_time: '2019-10-01 10:10:00', event_type: 'purchase', product_id: '2' },
        { event_time: '2019-10-01 10:10:00', event_type: 'view', product_id: '3' },
      ]);
    });
  });

  test(`${backend}: the cleaned table has the events columns, types and exact values`, async () => {
    await withEvents(backend, async (engine) => {
      await cleanEvents(engine);
      const rows = await engine.all(`SELECT * FROM clean_events WHERE user_id = 1 AND event_type = 'view' ORDER BY event_time`);
      assert.deepEqual(rows[0], {
        event_time: '2019-10-01 10:00:00',
        event_type: 'view',
        product_id: '1',
        category_id: BIG_CATEGORY,
        category_code: null,
        brand: 'b1',
        price: '5.00',
        user_id: '1',
        user_session: 'a',
      });
      assert.deepEqual(Object.keys(rows[0]), [...EVENT_COLUMNS]);
      // NULL brand and session survive the UNION as NULL (not as empty strings).
      const nulls = await engine.all(`SELECT COUNT(*) AS n FROM clean_events WHERE user_id = 2 AND brand IS NULL AND user_session IS NULL`);
      assert.equal(toNumber(nulls[0]!.n!), 1);
    });
  });

  test(`${backend}: custom source and target names; re-running replaces the tables`, async () => {
    await withEvents(backend, async (engine) => {
      await engine.run('CREATE TABLE raw_copy AS SELECT * FROM events');
      const first = await cleanEvents(engine, { source: 'raw_copy', target: 'my_clean' });
      const again = await cleanEvents(engine, { source: 'raw_copy', target: 'my_clean' });
      assert.deepEqual(first, EXPECTED);
      assert.deepEqual(again, EXPECTED);
      assert.deepEqual(await rowsPerUser(engine, 'my_clean_step4_no_remove_from_cart'), PER_USER.noRemoveFromCart);
      assert.deepEqual(await rowsPerUser(engine, 'my_clean'), PER_USER.target);
      await assert.rejects(cleanEvents(engine, { target: 'x; DROP TABLE events' }), /plain SQL table name/);
      await assert.rejects(cleanEvents(engine, { target: 'events' }), /overwrite the source/);
    });
  });

  test(`${backend}: a NULL user_id and a purchase without a time are cleaned as the study's UNION cleans them`, async () => {
    const engine = await openEngine({ backend, postgres: { schema: `t_clean_nulls_${process.pid}`, dropSchemaOnClose: true } });
    try {
      await engine.run(createEventsTableSql('events'));
      // No user: two sessions, one duplicated row. User 9: its only purchase has no time. User 10: a purchaser with
      // a second session after the purchase.
      await engine.run(`INSERT INTO events VALUES
        ('2019-10-01 09:00:00', 'view', 1, 10, NULL, 'b', 2.00, NULL, 's1'),
        ('2019-10-01 09:00:00', 'view', 1, 10, NULL, 'b', 2.00, NULL, 's1'),
        ('2019-10-01 09:01:00', 'view', 1, 10, NULL, 'b', 2.00, NULL, 's2'),
        (NULL, 'purchase', 1, 10, NULL, 'b', 2.00, 9, 's1'),
        ('2019-10-01 09:00:00', 'view', 1, 10, NULL, 'b', 2.00, 9, 's1'),
        ('2019-10-01 09:05:00', 'view', 1, 10, NULL, 'b', 2.00, 9, 's2'),
        ('2019-10-01 09:00:00', 'view', 1, 10, NULL, 'b', 2.00, 10, 's1'),
        ('2019-10-01 09:10:00', 'purchase', 1, 10, NULL, 'b', 2.00, 10, 's1'),
        ('2019-10-01 09:20:00', 'view', 1, 10, NULL, 'b', 2.00, 10, 's2')`);
      // Step 1 (worked by hand from the UNION): the user-less rows are nobody's purchase, so all stay, one copy of
      // the duplicate; user 9 is a purchaser whose rows are never "<= NULL", so none stay; user 10 keeps 2 rows.
      // Step 5: a NULL user_id matches no multi-session user (even though the NULL group has two sessions).
      assert.deepEqual(await cleanEvents(engine), {
        raw: 9,
        first_purchase: 4,
        cosmetics_only: 4,
        positive_price: 4,
        no_remove_from_cart: 4,
        multi_session: 2,
        users: 1,
        purchasers: 1,
        duplicates_removed: 1,
      });
      assert.deepEqual(await rowsPerUser(engine, 'clean_events'), { 10: 2 });
    } finally {
      await engine.close();
    }
  });

  test(`${backend}: an empty source gives an all-zero funnel`, async () => {
    const engine = await openEngine({ backend, postgres: { schema: `t_clean_empty_${process.pid}`, dropSchemaOnClose: true } });
    try {
      await engine.run(createEventsTableSql('events'));
      const zero = Object.fromEntries(Object.keys(EXPECTED).map((k) => [k, 0]));
      assert.deepEqual(await cleanEvents(engine), zero);
    } finally {
      await engine.close();
    }
  });
}
