import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDbEngine } from '../../lib/engine/duckdb';
import { createEventsTableSql } from '../../lib/data/schema';
import { eventTypeMix, nonEmptyCounts, systematicSample } from '../../lib/notebook/eventOverview';

test('eventOverview: event mix, non-empty counts and an every-k-th-row price sample on a hand-made table', async () => {
  const engine = await DuckDbEngine.open();
  try {
    await engine.run(createEventsTableSql());
    // 10 rows of one user, one per second; prices 1..10; rows 3 and 7 are carts, row 10 a purchase.
    const rows = Array.from({ length: 10 }, (_, i) => {
      const type = i === 9 ? 'purchase' : i === 2 || i === 6 ? 'cart' : 'view';
      const brand = i < 4 ? `'b'` : `''`;
      return `(TIMESTAMP '2019-10-01 00:00:${String(i).padStart(2, '0')}', '${type}', 1, 2, '', ${brand}, ${i + 1}.00, 5, 's${i % 2}')`;
    });
    await engine.run(`INSERT INTO events VALUES ${rows.join(', ')}`);
    assert.deepEqual(await eventTypeMix(engine, 'events'), { view: 7, cart: 2, remove_from_cart: 0, purchase: 1 });
    assert.deepEqual(await nonEmptyCounts(engine), { rows: 10, category_code: 0, brand: 4, user_session: 10, users: 1 });
    // At most 4 of 10 rows: every ceil(10 / 4) = 3rd row in time order, from the first.
    assert.deepEqual(await systematicSample(engine, 'events', 'price', 4), [1, 4, 7, 10]);
    assert.deepEqual(await systematicSample(engine, 'events', 'price', 100), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await assert.rejects(systematicSample(engine, 'events', 'price; DROP TABLE events', 4), /not a plain column name/);
  } finally {
    await engine.close();
  }
});
