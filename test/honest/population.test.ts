import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../lib/engine/engine';
import { openEngine } from '../../lib/engine/open';
import { buildPopulation } from '../../lib/honest/population';
import { buildWindowLabels } from '../../lib/honest/labels';
import { CUTOFF, HORIZON, insertHandRows, pgSchema } from './handEvents';

for (const backend of BACKENDS) {
  test(`${backend}: population, events before T and window labels of the hand-worked log`, async () => {
    const engine = await openEngine({ backend, postgres: { schema: pgSchema('pop'), dropSchemaOnClose: true } });
    try {
      await insertHandRows(engine);
      await buildPopulation(engine, { source: 'events', cutoff: CUTOFF, population: 'pop', events: 'pop_events' });
      await buildWindowLabels(engine, { source: 'events', population: 'pop', cutoff: CUTOFF, horizonDays: HORIZON, labels: 'pop_labels' });
      // 102 and 106 bought before T; 104 was not active before T; 105 and 109 have no kept view/cart row.
      const labels = await engine.all(`SELECT CAST(user_id AS INTEGER) AS user_id, purchased FROM pop_labels ORDER BY user_id`);
      assert.deepEqual(labels, [
        { user_id: 101, purchased: 1 },
        { user_id: 103, purchased: 0 }, // buys on Oct 20, after the window
        { user_id: 107, purchased: 0 }, // non-cosmetic purchase in the window, the other at T + H (excluded)
        { user_id: 108, purchased: 1 }, // buys exactly at T
      ]);
      // 101: 6 view/cart rows before T minus one exact duplicate (the remove_from_cart is dropped); 103, 107, 108: one
      // each. Nothing at or after T.
      const events = await engine.all(
        `SELECT CAST(user_id AS INTEGER) AS user_id, CAST(COUNT(*) AS INTEGER) AS n, MAX(event_time) AS last
         FROM pop_events GROUP BY user_id ORDER BY user_id`,
      );
      assert.deepEqual(events, [
        { user_id: 101, n: 5, last: '2019-10-05 12:20:00' },
        { user_id: 103, n: 1, last: '2019-10-06 08:00:00' },
        { user_id: 107, n: 1, last: '2019-10-09 08:00:00' },
        { user_id: 108, n: 1, last: '2019-10-09 23:59:59' },
      ]);
    } finally {
      await engine.close();
    }
  });
}
