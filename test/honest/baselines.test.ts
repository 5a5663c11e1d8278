/**
 * Every baseline by hand on the hand-made event log of handEvents.ts (cutoff Oct 10, users 101, 103, 107, 108
 * with labels 1, 0, 0, 1), on both engines, and the counts model against scikit-learn.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BACKENDS } from '../../lib/engine/engine';
import { openEngine } from '../../lib/engine/open';
import { matrixFromRows } from '../../lib/prep/matrix';
import {
  cartedThenRecencyScores,
  COUNT_FEATURES,
  countsLogisticScores,
  randomRankingScores,
  recencyScores,
  selectColumns,
} from '../../lib/honest/baselines';
import { buildCutoffTable, readCutoffBaselines, readCutoffRows, storeCutoffTable } from '../../lib/honest/cutoffTable';
import { scoreMetrics } from '../../lib/honest/scoreMetrics';
import { assertAllClose, assertClose } from '../metrics/assertClose';
import { CUTOFF, HAND_ROWS, HORIZON, insertHandRows, pgSchema } from './handEvents';

// Hours from each user's last kept view/cart before Oct 10 00:00 to the cutoff:
// 101 Oct 5 12:20 (its Oct 11 view is after T), 103 Oct 6 08:00, 107 Oct 9 08:00, 108 Oct 9 23:59:59.
const HOURS = [4 * 24 + 11 + 40 / 60, 3 * 24 + 16, 16, 1 / 3600];
// Only 101 carted in [Oct 3, Oct 10) (its cart of Oct 5 12:00).
const CARTED = [1, 0, 0, 0];
const LABELS = [1, 0, 0, 1];

for (const backend of BACKENDS) {
  test(`${backend}: the baselines' inputs at the cutoff, by hand`, async () => {
    const engine = await openEngine({ backend, postgres: { schema: pgSchema('baselines'), dropSchemaOnClose: true } });
    try {
      await insertHandRows(engine, HAND_ROWS, 'events');
      const t = await buildCutoffTable(engine, { source: 'events', cutoff: CUTOFF, horizonDays: HORIZON, prefix: 'bl' });
      assert.deepEqual(t.table.userIds, ['101', '103', '107', '108']);
      assert.deepEqual(Array.from(t.table.purchased), LABELS);
      assertAllClose(t.baselineInputs.hoursSinceLastEvent, HOURS, 1e-9, 'hours since the last event');
      assert.deepEqual(Array.from(t.baselineInputs.cartedLastWeek), CARTED);
      // the streamed read of the same stored table: same users, labels and baselines in the same order, and
      // the sampled rows' features as the in-memory table holds them
      const streamed = await readCutoffRows(engine, t);
      const streamedBaselines = await readCutoffBaselines(engine, t);
      assert.deepEqual(await streamed.userIds(), ['101', '103', '107', '108']);
      assert.deepEqual(Array.from(streamed.labels), LABELS);
      assertAllClose(streamedBaselines.hoursSinceLastEvent, HOURS, 1e-9, 'streamed hours since the last event');
      assert.deepEqual(Array.from(streamedBaselines.cartedLastWeek), CARTED);
      const features = ['num_views', 'recency'];
      const [picked, whole] = await streamed.matrices(features, [[3, 0], null]);
      const column = (name: string, i: number) => t.table.columns[name]![i]!;
      assert.deepEqual(Array.from(picked!.data), [
        column('num_views', 3),
        column('recency', 3),
        column('num_views', 0),
        column('recency', 0),
      ]);
      assert.equal(whole!.rows, 4);
      assert.deepEqual(Array.from(whole!.data.subarray(2, 4)), [column('num_views', 1), column('recency', 1)]);
      await assert.rejects(streamed.matrices(features, [[0, 0]]), /asked for twice/);
      // stored for the evaluation: only the two tables it reads are left, and they read the same
      const lean = await storeCutoffTable(engine, {
        source: 'events',
        cutoff: CUTOFF,
        horizonDays: HORIZON,
        prefix: 'bl2',
        dropIntermediates: true,
      });
      const left = await engine.all<{ t: string }>(
        `SELECT table_name AS t FROM information_schema.tables WHERE table_name LIKE 'bl2%' AND table_schema = current_schema() ORDER BY 1`,
      );
      assert.deepEqual(
        left.map((r) => r.t),
        ['bl2_baseline_inputs', 'bl2_table'],
      );
      const leanRows = await readCutoffRows(engine, lean);
      assert.deepEqual(Array.from(leanRows.labels), LABELS);
      assert.deepEqual(Array.from((await readCutoffBaselines(engine, lean)).cartedLastWeek), CARTED);
    } finally {
      await engine.close();
    }
  });
}

test('random ranking: one score for all, so every ranking metric is its random-order expectation', () => {
  const s = randomRankingScores(4, 0.1);
  assert.deepEqual(Array.from(s), [0.1, 0.1, 0.1, 0.1]);
  const m = scoreMetrics(LABELS, s, true);
  assert.equal(m.rocAuc, 0.5);
  assert.equal(m.prAuc, 0.5); // the buyer rate
  assertClose(m.lift10, 1);
  assertClose(m.brier!, (0.81 + 0.01 + 0.01 + 0.81) / 4);
  assertClose(m.logLoss!, -(2 * Math.log(0.1) + 2 * Math.log(0.9)) / 4);
  assert.throws(() => randomRankingScores(2, 1.5), /\[0, 1\]/);
});

test('recency: most recent first; on the hand users ROC AUC 2/4, PR AUC 0.75', () => {
  const s = recencyScores(HOURS);
  assertAllClose(
    s,
    HOURS.map((h) => 1 / (1 + h)),
  );
  // order 108 (buyer), 107, 103, 101 (buyer): 108 beats both non-buyers, 101 beats neither
  const m = scoreMetrics(LABELS, s, false);
  assert.equal(m.rocAuc, 0.5);
  assertClose(m.prAuc, 0.5 * 1 + 0.5 * (2 / 4));
  assertClose(m.lift10, 2); // the top 10% is 0.4 of the first user, a buyer holding half the buyers: 0.2 captured / 0.1
  assert.equal(m.brier, null);
  assert.equal(m.logLoss, null);
  assert.throws(() => recencyScores([-1]), />= 0/);
});

test('carted in the last 7 days, then recency: 101 (carted) first, then 108, 107, 103: a perfect ranking here', () => {
  const s = cartedThenRecencyScores(CARTED, HOURS);
  const order = [0, 1, 2, 3].sort((a, b) => s[b]! - s[a]!);
  assert.deepEqual(order, [0, 3, 2, 1]);
  const m = scoreMetrics(LABELS, s, false);
  assert.equal(m.rocAuc, 1);
  assert.equal(m.prAuc, 1);
  // a carted user outranks a non-carted one however stale: 1 + 1/(1 + h) > 1 >= 1/(1 + h')
  const edge = cartedThenRecencyScores([1, 0], [10_000, 0]);
  assert.ok(edge[0]! > edge[1]!);
});

test('logistic regression on 4 standardised counts matches scikit-learn (StandardScaler + LogisticRegression(C=1))', () => {
  const golden = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'sklearn', 'baselines.json'), 'utf8')) as {
    features: string[];
    X_train: number[][];
    y_train: number[];
    X_test: number[][];
    proba_test: number[];
  };
  assert.deepEqual(golden.features, [...COUNT_FEATURES]);
  // the model reads its columns by name from the full feature matrix: put them among others, in another order
  const names = ['monetary_value', 'recency', 'adds_to_cart', 'r', 'num_views', 'frequency'];
  const widen = (rows: number[][]) =>
    matrixFromRows(
      rows.map(([frequency, views, carts, recency]) => [99, recency!, carts!, 3, views!, frequency!]),
      names,
    );
  const XTrain = widen(golden.X_train);
  assert.deepEqual(Array.from(selectColumns(XTrain, COUNT_FEATURES).data.slice(0, 4)), golden.X_train[0]);
  const proba = countsLogisticScores(XTrain, Uint8Array.from(golden.y_train), widen(golden.X_test));
  assertAllClose(proba, golden.proba_test, 1e-7, 'P(buy)');
  assert.throws(() => selectColumns(matrixFromRows([[1]], ['x']), ['y']), /column 'y'/);
});
