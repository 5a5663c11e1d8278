/**
 * Proofs that nothing after a cutoff reaches its features or the training set:
 * - adding purchases (and other events) after T changes no feature of any user, only labels;
 * - a user who bought before T is not in the population (see also population.test.ts);
 * - rewriting the test window (events at or after T2: users shuffled, event types changed) leaves the
 *   training matrices identical.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKENDS, type Engine } from '../../lib/engine/engine';
import { openEngine } from '../../lib/engine/open';
import { DuckDbEngine } from '../../lib/engine/duckdb';
import { PostgresEngine } from '../../lib/engine/postgres';
import { loadEvents } from '../../lib/data/load';
import { copyEventsToPostgres } from '../../lib/data/copyToPostgres';
import { generateKaggleFiles } from '../../lib/data/generate';
import { EVENT_COLUMNS } from '../../lib/data/schema';
import { buildCutoffTable } from '../../lib/honest/cutoffTable';
import { chooseCutoffs, eventTimeRange } from '../../lib/honest/cutoffs';
import { midnightSql } from '../../lib/honest/population';
import { buildRollingOrigin } from '../../lib/honest/rollingOrigin';
import { CUTOFF, HAND_ROWS, HORIZON, insertHandRows, pgSchema, type HandRow } from './handEvents';

const AFTER_T: HandRow[] = [
  ['2019-10-10 00:00:00', 'purchase', null, '9.00', '103', 'z1'], // 103 now buys at T, in the window
  ['2019-10-11 10:00:00', 'cart', null, '9.00', '101', 'z2'],
  ['2019-10-11 10:01:00', 'purchase', null, '9.00', '101', 'z2'],
  ['2019-10-25 10:00:00', 'purchase', null, '9.00', '107', 'z3'],
];

function featureColumns(t: Awaited<ReturnType<typeof buildCutoffTable>>['table']): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [name, values] of Object.entries(t.columns)) if (name !== 'purchased') out[name] = Array.from(values);
  return out;
}

for (const backend of BACKENDS) {
  test(`${backend}: purchases and other events after T change no feature, only labels`, async () => {
    const engine = await openEngine({ backend, postgres: { schema: pgSchema('leak'), dropSchemaOnClose: true } });
    try {
      await insertHandRows(engine, HAND_ROWS, 'events');
      await insertHandRows(engine, [...HAND_ROWS, ...AFTER_T], 'events_more');
      const before = await buildCutoffTable(engine, { source: 'events', cutoff: CUTOFF, horizonDays: HORIZON, prefix: 'leak_a' });
      const after = await buildCutoffTable(engine, { source: 'events_more', cutoff: CUTOFF, horizonDays: HORIZON, prefix: 'leak_b' });
      assert.deepEqual(before.table.userIds, ['101', '103', '107', '108']); // 102 and 106 bought before T
      assert.deepEqual(after.table.userIds, before.table.userIds);
      assert.deepEqual(featureColumns(after.table), featureColumns(before.table));
      assert.deepEqual(Array.from(before.table.purchased), [1, 0, 0, 1]);
      assert.deepEqual(Array.from(after.table.purchased), [1, 1, 0, 1]); // only 103's label moved
      // Hand-checked features of 101 at T (refDate = T): last event Oct 5 12:20 -> 4 whole days; 2 sessions.
      assert.equal(before.table.columns.recency![0], 4);
      assert.equal(before.table.columns.frequency![0], 2);
      assert.equal(before.table.columns.num_views![0], 4); // 10:00, 10:30 (duplicate dropped), 12:10, 12:20
      assert.equal(before.table.columns.adds_to_cart![0], 1);
      assert.equal(before.table.columns.avg_session_minutes![0], 25);
    } finally {
      await engine.close();
    }
  });
}

/** Rewrite every event at or after `from`: user ids shuffled among those rows, every third row made a purchase. */
async function shuffleWindow(engine: Engine, from: string): Promise<void> {
  const t = midnightSql(from);
  const cols = EVENT_COLUMNS.map((c) =>
    c === 'user_id' ? 'u.user_id' : c === 'event_type' ? `CASE WHEN w.rn % 3 = 0 THEN 'purchase' ELSE w.event_type END` : `w.${c}`,
  );
  await engine.run('DROP TABLE IF EXISTS events_shuffled');
  await engine.run(`CREATE TABLE events_shuffled AS
    SELECT * FROM events WHERE event_time < ${t}
    UNION ALL
    SELECT ${cols.join(', ')}
    FROM (SELECT *, ROW_NUMBER() OVER (ORDER BY event_time, user_id, product_id, event_type, user_session) AS rn
          FROM events WHERE event_time >= ${t}) w
    JOIN (SELECT user_id, ROW_NUMBER() OVER (ORDER BY user_id DESC, event_time DESC, product_id, event_type, user_session) AS rn
          FROM events WHERE event_time >= ${t}) u ON u.rn = w.rn`);
}

test('shuffling the test window changes no training input (duckdb and postgres)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'honest-leak-'));
  const duck = await DuckDbEngine.open();
  const pg = await PostgresEngine.open({ schema: pgSchema('shuffle'), dropSchemaOnClose: true });
  try {
    await generateKaggleFiles({ out: dir, users: 4000, months: ['2019-Oct', '2019-Nov'], seed: 11 });
    await loadEvents(duck, dir);
    await copyEventsToPostgres(duck, pg);
    for (const engine of [duck, pg] as Engine[]) {
      const cutoffs = chooseCutoffs(await eventTimeRange(engine), { horizonDays: 14 });
      await shuffleWindow(engine, cutoffs.testCutoff);
      const original = await buildRollingOrigin(engine, cutoffs, { seed: 3, prefixes: { train: 'o_train', test: 'o_test' } });
      const shuffled = await buildRollingOrigin(engine, cutoffs, {
        source: 'events_shuffled',
        seed: 3,
        prefixes: { train: 's_train', test: 's_test' },
      });
      assert.ok(original.data.yTrain.length > 0 && original.train.buyers > 0, `${engine.backend}: training set has buyers`);
      assert.deepEqual(shuffled.data.XTrain.data, original.data.XTrain.data, `${engine.backend}: XTrain`);
      assert.deepEqual(shuffled.data.yTrain, original.data.yTrain, `${engine.backend}: yTrain`);
      assert.deepEqual(shuffled.train.table.userIds, original.train.table.userIds);
      // The rewrite did reach the test labels: the shuffle is not a no-op.
      assert.notDeepEqual(shuffled.data.yTest, original.data.yTest, `${engine.backend}: test labels changed`);
    }
  } finally {
    await pg.close();
    await duck.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
