/**
 * Seed mode against the study's own SQL, run as it is: the table definition (setup.sql) and the queries
 * (queries.sql) are read from ../shared/study-code/ and executed on PostgreSQL, the study's engine; the pandas
 * steps between them (steps 2-5 filters, the per-user merge with `fillna(0)`, the brand maxima's
 * `groupby('user_id').max()`) are re-expressed in SQL here. Our cleaning and seed features run on the same raw
 * log, and every per-user column must come out equal.
 *
 * Left out: r, f and m. The study's `NTILE(5) OVER (ORDER BY recency)` orders ties arbitrarily (ours by user_id),
 * and the log is full of ties, so the quintiles and the users duplicated on a bin edge may differ.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import type { Engine, Row } from '../../lib/engine/engine';
import { cleanEvents } from '../../lib/clean/clean';
import { buildModellingTable } from '../../lib/features/modellingTable';
import { MODELLING_COLUMNS } from '../../lib/features/columns';
import { insertRandomLog } from './randomLog';
import { studyCodeFile } from '../../bench/studyCode';
import { withEngine } from './handLog';

/** The statements of a study SQL file, comments dropped and whitespace folded. */
function statements(file: string): string[] {
  const text = fs
    .readFileSync(studyCodeFile(file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ');
  return text
    .split(';')
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s !== '');
}

/** The one statement of `file` holding every needle. */
function studyStatement(file: string, ...needles: string[]): string {
  const found = statements(file).filter((s) => needles.every((n) => s.includes(n)));
  assert.equal(found.length, 1, `${file}: one statement with ${needles.join(' + ')}`);
  return found[0]!;
}

/** The per-user columns compared: the modelling table but the user id and the quintiles with their combinations. */
const COMPARED = MODELLING_COLUMNS.filter((c) => !['user_id', 'r', 'f', 'm', 'rfm_score', 'rfm_int'].includes(c));

/** user_id → the compared columns as numbers, of one row per user. */
async function perUser(engine: Engine, sql: string): Promise<Map<string, number[]>> {
  const rows: Row[] = await engine.all(sql);
  const out = new Map<string, number[]>();
  for (const row of rows) {
    // A NULL would read as 0 and a missing column as NaN (equal to NaN for deepEqual): neither may pass.
    const values = COMPARED.map((c) => {
      assert.ok(row[c] !== null && row[c] !== undefined && Number.isFinite(Number(row[c])), `${c} of user ${row.user_id}: ${row[c]}`);
      return Number(row[c]);
    });
    const key = String(row.user_id);
    const seen = out.get(key);
    if (seen) assert.deepEqual(seen, values, `user ${key}: its duplicated rows differ beyond r, f, m`);
    out.set(key, values);
  }
  return out;
}

/** The study's flow on `all_events`: its UNION and multi-session queries, the pandas filters, its feature queries, the merge. */
async function studyModellingSql(engine: Engine): Promise<string> {
  const q = (...needles: string[]) => studyStatement('queries.sql', ...needles);
  await engine.run(`CREATE TABLE study_step1 AS ${q('UNION', 'first_purchase_time')}`);
  // Steps 2-4 (pandas: category_code.isnull(), price > 0, event_type.isin([...])) and step 5 (user_id.isin of
  // the multi-session query, counted on all_events).
  await engine.run(`CREATE TABLE base_data_cleaned AS
    SELECT * FROM study_step1
    WHERE category_code IS NULL AND price > 0 AND event_type IN ('view', 'cart', 'purchase')
      AND user_id IN (SELECT user_id FROM (${q('FROM all_events', 'HAVING COUNT(DISTINCT user_session) > 1')}) one_visit)`);
  return `WITH by_user AS (
      SELECT user_id, CASE WHEN SUM(CASE WHEN event_type = 'purchase' THEN 1 ELSE 0 END) >= 1 THEN 1 ELSE 0 END AS purchased
      FROM base_data_cleaned GROUP BY user_id),
    rfm AS (${q('NTILE(5)')}),
    actions AS (${q('AS num_views', 'AS adds_to_cart', 'FROM base_data_cleaned GROUP BY 1')}),
    add_to_cart AS (${q('add_to_cart_rate')}),
    brand AS (${q('perc_user_views')}),
    max_vals AS (SELECT user_id, MAX(perc_user_views) AS max_perc_user_views, MAX(perc_user_carts) AS max_perc_user_carts
                 FROM brand GROUP BY user_id),
    time_based AS (${q('avg_days_btw_sessions')}),
    avg_price AS (${q('avg_view_price')})
  SELECT b.user_id, b.purchased, rfm.recency, rfm.frequency, rfm.monetary_value, actions.num_views, actions.adds_to_cart,
         COALESCE(add_to_cart.add_to_cart_rate, 0) AS add_to_cart_rate,
         COALESCE(max_vals.max_perc_user_views, 0) AS max_perc_user_views,
         COALESCE(max_vals.max_perc_user_carts, 0) AS max_perc_user_carts,
         time_based.range_visits, time_based.avg_days_btw_sessions, avg_price.avg_view_price, avg_price.avg_cart_price
  FROM by_user b
  JOIN rfm USING (user_id)
  JOIN actions USING (user_id)
  LEFT JOIN add_to_cart USING (user_id)
  LEFT JOIN max_vals USING (user_id)
  JOIN time_based USING (user_id)
  JOIN avg_price USING (user_id)`;
}

test("seed mode equals the study's own queries on PostgreSQL, user by user, from the same raw log", async () => {
  await withEngine('postgres', 'study_queries', async (engine) => {
    // A random log with ties, purchases and few sessions per user, as the raw events. The loader stores empty
    // fields as NULL, so an empty session or brand never reaches either side.
    await insertRandomLog(engine, 11, 120, 2500);
    await engine.run('ALTER TABLE clean_events RENAME TO events');
    await engine.run(`UPDATE events SET user_session = NULLIF(user_session, ''), brand = NULLIF(brand, '')`);
    // Rows for steps 2-4 to remove, which the random log has none of: removals from cart, other categories, zero
    // and negative prices (by product, so a user keeps most of its rows). Each user's first rows with a session
    // stay as they are: the study's avg_days_btw_sessions divides by the user's distinct sessions and fails with
    // 'division by zero' on a user whose cleaned rows have none (which the real data never had).
    await engine.run(`CREATE TABLE first_session_rows AS
      SELECT user_id, MIN(event_time) AS event_time FROM events WHERE user_session IS NOT NULL GROUP BY user_id`);
    const changeable = `NOT (user_session IS NOT NULL AND EXISTS (
      SELECT 1 FROM first_session_rows f WHERE f.user_id = events.user_id AND f.event_time = events.event_time))`;
    await engine.run(`UPDATE events SET event_type = 'remove_from_cart' WHERE product_id % 7 = 0 AND ${changeable}`);
    await engine.run(`UPDATE events SET category_code = 'apparel.shoes' WHERE product_id % 11 = 3 AND ${changeable}`);
    await engine.run(
      `UPDATE events SET price = CASE WHEN product_id % 2 = 0 THEN 0 ELSE -1.50 END WHERE product_id % 13 = 5 AND ${changeable}`,
    );
    await engine.run(studyStatement('setup.sql', 'CREATE TABLE all_events'));
    await engine.run('INSERT INTO all_events SELECT * FROM events');

    const study = await perUser(engine, await studyModellingSql(engine));
    const [removable] = await engine.all(`SELECT
        CAST(SUM(CASE WHEN event_type = 'remove_from_cart' THEN 1 ELSE 0 END) AS INTEGER) AS removals,
        CAST(SUM(CASE WHEN category_code IS NOT NULL THEN 1 ELSE 0 END) AS INTEGER) AS other_categories,
        CAST(SUM(CASE WHEN price <= 0 THEN 1 ELSE 0 END) AS INTEGER) AS not_positive
      FROM study_step1`);
    for (const [what, n] of Object.entries(removable!)) assert.ok(Number(n) > 20, `step 1 keeps rows that steps 2-4 drop: ${what} ${n}`);
    // The study's recency counts from CURRENT_DATE: ours from the same date.
    const [{ today }] = (await engine.all('SELECT CAST(CURRENT_DATE AS VARCHAR) AS today')) as [{ today: string }];
    await cleanEvents(engine);
    await buildModellingTable(engine, { mode: 'seed', refDate: today });
    const ours = await perUser(engine, 'SELECT * FROM modelling_table');

    assert.ok(study.size > 60, `expected most of the multi-session users, got ${study.size}`);
    assert.ok([...study.values()].some((v) => v[0] === 1) && [...study.values()].some((v) => v[0] === 0), 'both classes');
    assert.deepEqual([...ours.keys()].sort(), [...study.keys()].sort());
    for (const [user, values] of study) {
      assert.deepEqual(
        Object.fromEntries(COMPARED.map((c, i) => [c, ours.get(user)![i]])),
        Object.fromEntries(COMPARED.map((c, i) => [c, values[i]])),
        `user ${user}`,
      );
    }
  });
});
