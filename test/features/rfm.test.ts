import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../lib/engine/engine';
import { buildModellingTable } from '../../lib/features/modellingTable';
import { readRfm } from '../../lib/features/rfm';
import { insertRandomLog } from './randomLog';
import { withEngine } from './handLog';

// The study's quintiles, literally: NTILE(5) over one row per event row, then DISTINCT. The library computes
// the same thing from one row per user; here the engine's own NTILE is the reference.
const LITERAL_NTILE_OVER_EVENT_ROWS = `
  SELECT DISTINCT user_id, r, f, m FROM (
    SELECT v.user_id,
      NTILE(5) OVER (ORDER BY v.recency, v.user_id, e.k) AS r,
      NTILE(5) OVER (ORDER BY v.frequency, v.user_id, e.k) AS f,
      NTILE(5) OVER (ORDER BY v.monetary_value, v.user_id, e.k) AS m
    FROM (SELECT user_id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_time) AS k FROM clean_events) e
    JOIN feat_rfm_values v ON v.user_id = e.user_id
  ) binned
  ORDER BY user_id, r, f, m`;

for (const backend of BACKENDS) {
  for (const [seed, rows] of [
    [1, 3000],
    [2, 17],
    [3, 4],
    [4, 1203],
  ] as const) {
    test(`${backend}: seed-mode quintiles equal NTILE over event rows (log ${seed}, ${rows} rows)`, async () => {
      await withEngine(backend, 'ntile', async (engine) => {
        await insertRandomLog(engine, seed, Math.max(2, Math.floor(rows / 15)), rows);
        await buildModellingTable(engine, { mode: 'seed' });
        const literal = await engine.all<{ user_id: string; r: number; f: number; m: number }>(LITERAL_NTILE_OVER_EVENT_ROWS);
        const ours = await readRfm(engine);
        assert.deepEqual(
          ours.map((r) => `${r.user_id}:${r.r}${r.f}${r.m}`),
          literal.map((r) => `${r.user_id}:${Number(r.r)}${Number(r.f)}${Number(r.m)}`),
        );
        if (rows >= 1000) assert.ok(ours.length > new Set(ours.map((r) => r.user_id)).size, 'some users straddle an edge');
      });
    });
  }
}
