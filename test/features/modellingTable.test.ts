import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, type Row } from '../../lib/engine/engine';
import { buildModellingTable, checkRefDate } from '../../lib/features/modellingTable';
import { MODELLING_COLUMNS, MODEL_FEATURES } from '../../lib/features/columns';
import { readRfm } from '../../lib/features/rfm';
import {
  readBrandAffinityLong,
  readBrandAffinityMax,
  readBrandAffinityWide,
  buildBrandAffinityWide,
} from '../../lib/features/brandAffinity';
import { featureContext, featureTables } from '../../lib/features/context';
import { resolveSwitches } from '../../lib/features/modes';
import { BIG_USER, insertHandLog, withEngine } from './handLog';

// Every value below is worked out by hand from the 15 rows of handLog.ts with ref date 2019-11-01:
// user 1: last event 10-04 08:00 → recency 27; sessions s1,s2,s3; monetary = (25.01 + 3.00) / 2 sessions with
//   views/carts = 14.005 → 14.01 (half away from zero; a double would give 14.00); rate 1 cart / 6 rows = 0.17,
//   over sessions 1/3 = 0.33; views a,other,b → 0.33 each (max without 'other' 0.33), carts a 1.00;
//   range 10-04 08:00 - 10-01 10:00 = 2 d 22 h → 2, / 3 sessions = 0.67; view prices 18.01/3 = 6.00; cart 10.00.
// user 2: no view; recency 11 (11 d 12 h); monetary (1.00 + 2.25)/2 = 1.625 → 1.63; rate 2/2; carts a,c → 0.50;
//   range 10 d → 10, / 2 = 5.00; cart price 1.63.
// user 3: last event 10-31 23:59:59 → recency 0; sessions s6, s7 (the empty one is none) → frequency 2; monetary
//   over s6 (0.03), the no-session group (0.04) and s7 (0.02) = 0.09/3 = 0.03; views c,c,other,d → c 0.50;
//   range 16 d 23:59:59 → 16, / 2 = 8.00; view prices 0.09/4 = 0.0225 → 0.02.
// user 2^53+1: recency 26; monetary (2.10 + 1.05)/2 = 1.575 → 1.58 (a double would give 1.57); rate 1/3 = 0.33,
//   over sessions 1/2 = 0.50; brand b only → 1.00 / 1.00; range 1 → 0.50; prices 1.05 / 1.05.
type Expected = Record<(typeof MODELLING_COLUMNS)[number], string | number>;
const base = {
  u1: {
    user_id: '1',
    purchased: 1,
    recency: 27,
    frequency: 3,
    monetary_value: '14.01',
    num_views: 3,
    adds_to_cart: 1,
    max_perc_user_views: '0.33',
    max_perc_user_carts: '1.00',
    range_visits: 2,
    avg_days_btw_sessions: '0.67',
    avg_view_price: '6.00',
    avg_cart_price: '10.00',
  },
  u2: {
    user_id: '2',
    purchased: 0,
    recency: 11,
    frequency: 2,
    monetary_value: '1.63',
    num_views: 0,
    adds_to_cart: 2,
    max_perc_user_views: '0.00',
    max_perc_user_carts: '0.50',
    range_visits: 10,
    avg_days_btw_sessions: '5.00',
    avg_view_price: '0.00',
    avg_cart_price: '1.63',
  },
  u3: {
    user_id: '3',
    purchased: 0,
    recency: 0,
    frequency: 2,
    monetary_value: '0.03',
    num_views: 4,
    adds_to_cart: 0,
    max_perc_user_views: '0.50',
    max_perc_user_carts: '0.00',
    range_visits: 16,
    avg_days_btw_sessions: '8.00',
    avg_view_price: '0.02',
    avg_cart_price: '0.00',
  },
  big: {
    user_id: BIG_USER,
    purchased: 0,
    recency: 26,
    frequency: 2,
    monetary_value: '1.58',
    num_views: 2,
    adds_to_cart: 1,
    max_perc_user_views: '1.00',
    max_perc_user_carts: '1.00',
    range_visits: 1,
    avg_days_btw_sessions: '0.50',
    avg_view_price: '1.05',
    avg_cart_price: '1.05',
  },
};
const seedRate = { u1: '0.17', u2: '1.00', u3: '0.00', big: '0.33' };
const fixedRate = { u1: '0.33', u2: '1.00', u3: '0.00', big: '0.50' };

function row(user: keyof typeof base, score: string, rate: Record<string, string>): Expected {
  const [r, f, m] = [...score].map(Number);
  const v = { ...base[user], r, f, m, rfm_score: score, rfm_int: Number(score), add_to_cart_rate: rate[user] };
  return Object.fromEntries(MODELLING_COLUMNS.map((c) => [c, v[c]])) as Expected;
}

// NTILE(5) over the 15 event rows (3 per bin), ties broken by user id, worked by hand:
// recency order u3(4 rows) u2(2) big(3) u1(6); frequency u2 u3 big u1; monetary u3 big u2 u1. Walking each
// user's rows gives u3: 111,121,121,222; u2: 213,213; big: 332,332,333; u1: 444×3, 555×3.
const SEED_ROWS = [
  row('u1', '444', seedRate),
  row('u1', '555', seedRate),
  row('u3', '111', seedRate),
  row('u3', '121', seedRate),
  row('u3', '222', seedRate),
  row('big', '332', seedRate),
  row('big', '333', seedRate),
];
// NTILE(5) over 4 users: bins 1..4. recency u3 u2 big u1; frequency u2 u3 big u1; monetary u3 big u2 u1.
const FIXED_ROWS = [row('u1', '444', fixedRate), row('u2', '213', fixedRate), row('u3', '121', fixedRate), row('big', '332', fixedRate)];

async function modellingRows(engine: import('../../lib/engine/engine').Engine): Promise<Row[]> {
  return engine.all(`SELECT * FROM modelling_table ORDER BY user_id, rfm_int`);
}

for (const backend of BACKENDS) {
  test(`${backend}: seed mode reproduces the study's table by hand (duplicated users, no viewless user)`, async () => {
    await withEngine(backend, 'seed', async (engine) => {
      await insertHandLog(engine);
      const result = await buildModellingTable(engine, { mode: 'seed', refDate: '2019-11-01' });
      assert.deepEqual(result.refDate, '2019-11-01');
      assert.equal(result.rows, 7);
      const rows = await modellingRows(engine);
      assert.deepEqual(Object.keys(rows[0]!), [...MODELLING_COLUMNS]);
      assert.deepEqual(rows, SEED_ROWS);
      // the rfm table still holds user 2 (dropped only by the merge)
      const rfm = await readRfm(engine);
      assert.deepEqual(
        rfm.map((r) => `${r.user_id}:${r.rfm_score}`),
        ['1:444', '1:555', '2:213', '3:111', '3:121', '3:222', `${BIG_USER}:332`, `${BIG_USER}:333`],
      );
    });
  });

  test(`${backend}: fixed mode: per-user quintiles, rate over sessions, viewless user kept`, async () => {
    await withEngine(backend, 'fixed', async (engine) => {
      await insertHandLog(engine);
      // default ref date: the day after the last event (2019-10-31 23:59:59)
      const result = await buildModellingTable(engine, { mode: 'fixed' });
      assert.equal(result.refDate, '2019-11-01');
      assert.equal(result.rows, 4);
      assert.deepEqual(await modellingRows(engine), FIXED_ROWS);
    });
  });

  test(`${backend}: one switch at a time changes only its feature`, async () => {
    await withEngine(backend, 'switch', async (engine) => {
      await insertHandLog(engine);
      await buildModellingTable(engine, { mode: 'seed', refDate: '2019-11-01', switches: { rateOverSessions: true } });
      assert.deepEqual(
        await modellingRows(engine),
        SEED_ROWS.map((r) => ({ ...r, add_to_cart_rate: fixedRate[r.user_id === BIG_USER ? 'big' : (`u${r.user_id}` as 'u1')] })),
      );
      await buildModellingTable(engine, { mode: 'seed', refDate: '2019-11-01', switches: { keepUsersWithoutViews: true } });
      const withUser2 = await modellingRows(engine);
      assert.deepEqual(
        withUser2.filter((r) => r.user_id === '2'),
        [row('u2', '213', seedRate)],
      );
      assert.equal(withUser2.length, 8);
    });
  });

  test(`${backend}: a later ref date adds whole days to recency`, async () => {
    await withEngine(backend, 'refdate', async (engine) => {
      await insertHandLog(engine);
      await buildModellingTable(engine, { mode: 'fixed', refDate: '2020-03-01' }); // + 121 days (2020 is a leap year)
      const rows = await engine.all<{ user_id: string; recency: number }>('SELECT user_id, recency FROM modelling_table ORDER BY user_id');
      assert.deepEqual(
        rows.map((r) => r.recency),
        [148, 132, 121, 147],
      );
    });
  });

  test(`${backend}: brand affinity long, max and wide tables`, async () => {
    await withEngine(backend, 'brand', async (engine) => {
      await insertHandLog(engine);
      await buildModellingTable(engine, { refDate: '2019-11-01' });
      const long = (await readBrandAffinityLong(engine)).map((r) => [
        r.user_id,
        r.brand,
        r.views,
        r.carts,
        r.perc_user_views,
        r.perc_user_carts,
      ]);
      assert.deepEqual(long, [
        ['1', 'a', 1, 1, '0.33', '1.00'],
        ['1', 'b', 1, 0, '0.33', '0.00'],
        ['1', 'other', 1, 0, '0.33', '0.00'],
        ['2', 'a', 0, 1, '0.00', '0.50'],
        ['2', 'c', 0, 1, '0.00', '0.50'],
        ['3', 'c', 2, 0, '0.50', '0.00'],
        ['3', 'd', 1, 0, '0.25', '0.00'],
        ['3', 'other', 1, 0, '0.25', '0.00'],
        [BIG_USER, 'b', 2, 1, '1.00', '1.00'],
      ]);
      const max = (await readBrandAffinityMax(engine)).map((r) => [r.user_id, r.max_perc_user_views, r.max_perc_user_carts]);
      assert.deepEqual(max, [
        ['1', '0.33', '1.00'],
        ['2', '0.00', '0.50'],
        ['3', '0.50', '0.00'],
        [BIG_USER, '1.00', '1.00'],
      ]);

      const columns = await buildBrandAffinityWide(featureContext(engine, resolveSwitches('seed'), '2019-11-01'));
      const names = [
        'perc_views_a',
        'perc_views_b',
        'perc_views_c',
        'perc_views_d',
        'perc_carts_a',
        'perc_carts_b',
        'perc_carts_c',
        'perc_carts_d',
      ];
      assert.deepEqual(
        columns.map((c) => c.name),
        names,
      );
      const wide = await readBrandAffinityWide(engine);
      assert.deepEqual(wide.names, ['user_id', ...names]);
      assert.deepEqual(wide.text.user_id, ['1', '2', '3', BIG_USER]);
      const expected: Record<string, number[]> = {
        perc_views_a: [0.33, 0, 0, 0],
        perc_views_b: [0.33, 0, 0, 1],
        perc_views_c: [0, 0, 0.5, 0],
        perc_views_d: [0, 0, 0.25, 0],
        perc_carts_a: [1, 0.5, 0, 0],
        perc_carts_b: [0, 0, 0, 1],
        perc_carts_c: [0, 0.5, 0, 0],
        perc_carts_d: [0, 0, 0, 0],
      };
      for (const name of names) assert.deepEqual([...wide.numeric[name]!], expected[name], name);
    });
  });
}

test('the modelling columns and model features follow the spec', () => {
  assert.equal(MODELLING_COLUMNS.length, 19);
  assert.deepEqual(MODEL_FEATURES, [
    'recency',
    'frequency',
    'monetary_value',
    'r',
    'f',
    'm',
    'num_views',
    'adds_to_cart',
    'add_to_cart_rate',
    'max_perc_user_views',
    'max_perc_user_carts',
    'range_visits',
    'avg_days_btw_sessions',
    'avg_view_price',
    'avg_cart_price',
  ]);
});

test('ref dates must be real calendar dates', () => {
  assert.equal(checkRefDate('2020-02-29'), '2020-02-29');
  assert.throws(() => checkRefDate('2019-02-29'), /calendar date/);
  assert.throws(() => checkRefDate('2019-1-05'), /calendar date/);
});

for (const backend of BACKENDS) {
  test(`${backend}: two builds on one engine keep their own intermediate tables`, async () => {
    await withEngine(backend, 'scoped', async (engine) => {
      await insertHandLog(engine);
      await buildModellingTable(engine, { mode: 'seed', refDate: '2019-11-01' });
      await buildModellingTable(engine, { mode: 'fixed', refDate: '2019-11-01', target: 'fixed_table' });
      // The seed build's feat_rfm still holds the study's duplicated users (8 rows, see above); the fixed build's
      // own table has one row per user.
      assert.equal((await readRfm(engine)).length, 8);
      assert.deepEqual(
        (await readRfm(engine, featureTables('fixed_table'))).map((r) => `${r.user_id}:${r.rfm_score}`),
        ['1:444', '2:213', '3:121', `${BIG_USER}:332`],
      );
      assert.deepEqual(featureTables('fixed_table').rfm, 'fixed_table_feat_rfm');
      assert.deepEqual(featureTables().rfm, 'feat_rfm');
    });
  });
}
