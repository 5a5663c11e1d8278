import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openEngine } from '../lib/engine/open';
import { BACKENDS } from '../lib/engine/engine';
import { createEventsTableSql } from '../lib/data/schema';

// Both backends must return the same normalised values for the same SQL.
for (const backend of BACKENDS) {
  test(`${backend}: values are normalised (bigint exact, decimal text, timestamp text)`, async () => {
    const engine = await openEngine({ backend, postgres: { schema: `t_engine_${process.pid}`, dropSchemaOnClose: true } });
    try {
      await engine.run(createEventsTableSql('ev'));
      await engine.run(
        `INSERT INTO ev VALUES ('2019-10-01 00:00:03', 'view', 1, 2305843009213693953, NULL, 'runail', 2.62, 463240011, 's1')`,
      );
      const rows = await engine.all(
        'SELECT event_time, category_id, price, CAST(COUNT(*) OVER () AS INTEGER) AS n, brand, category_code FROM ev',
      );
      assert.deepEqual(rows, [
        {
          event_time: '2019-10-01 00:00:03',
          category_id: '2305843009213693953', // 2^61 + 1: not representable as a JS number
          price: '2.62',
          n: 1,
          brand: 'runail',
          category_code: null,
        },
      ]);
    } finally {
      await engine.close();
    }
  });
}

test('postgres: a refused connection names the target and never shows the password', async () => {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  await assert.rejects(
    openEngine({ backend: 'postgres', postgres: { connectionString: 'postgresql://bob:s3cret@127.0.0.1:1/shop' } }),
    (err: Error) => {
      assert.match(err.message, /^cannot connect to PostgreSQL at host=127\.0\.0\.1 port=1 user=bob database=shop: connection refused/);
      assert.doesNotMatch(err.message, /s3cret/);
      return true;
    },
  );
});
