import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS } from '../../lib/engine/engine';
import { openEngine } from '../../lib/engine/open';
import { featureContext } from '../../lib/features/context';
import { resolveSwitches } from '../../lib/features/modes';
import { buildSessionTimes, readSessionTimes } from '../../lib/features/sessionTimes';
import { insertHandRows, pgSchema, type HandRow } from '../honest/handEvents';

// User 1: session s1 = 10:00, 10:30 (2 rows, 30 min); s2 = 12:00, 12:10, 12:20 on Oct 5 (3 rows, 20 min).
// User 2: one session of a single row plus a row without a session, later than the session.
const ROWS: HandRow[] = [
  ['2019-10-01 10:00:00', 'view', null, '1.00', '1', 's1'],
  ['2019-10-01 10:30:00', 'view', null, '1.00', '1', 's1'],
  ['2019-10-05 12:00:00', 'cart', null, '1.00', '1', 's2'],
  ['2019-10-05 12:10:00', 'view', null, '1.00', '1', 's2'],
  ['2019-10-05 12:20:00', 'view', null, '1.00', '1', 's2'],
  ['2019-10-08 06:00:00', 'view', null, '1.00', '2', 'x'],
  ['2019-10-09 18:00:00', 'view', null, '1.00', '2', null],
];

for (const backend of BACKENDS) {
  test(`${backend}: session durations, events per session, gaps and hours since the last session`, async () => {
    const engine = await openEngine({ backend, postgres: { schema: pgSchema('sessiontimes'), dropSchemaOnClose: true } });
    try {
      await insertHandRows(engine, ROWS, 'st_events');
      await buildSessionTimes(featureContext(engine, resolveSwitches('fixed'), '2019-10-10', 'st_events'));
      const [u1, u2] = await readSessionTimes(engine);
      assert.ok(u1 && u2);
      assert.equal(u1.user_id, '1');
      assert.equal(u1.avg_session_minutes, 25); // (30 + 20) / 2
      assert.equal(u1.avg_events_per_session, 2.5); // (2 + 3) / 2
      assert.ok(Math.abs(u1.avg_minutes_between_events - 50 / 3) < 1e-9); // 50 minutes over 1 + 2 gaps
      assert.ok(Math.abs(u1.hours_since_last_session - (4 * 24 + 11 + 40 / 60)) < 1e-9); // Oct 10 00:00 - Oct 5 12:20
      // User 2: the session-less row is no session; the last session ended Oct 8 06:00, 42 h before the ref date.
      assert.deepEqual(
        { ...u2 },
        { user_id: '2', avg_session_minutes: 0, avg_events_per_session: 1, avg_minutes_between_events: 0, hours_since_last_session: 42 },
      );
    } finally {
      await engine.close();
    }
  });
}
