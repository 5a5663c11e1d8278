import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CURVE_GRID_CELLS, gainsAtQuantiles, gridThinIndices, MAX_TRACE_POINTS } from '../../lib/plots/curvePoints';
import { gainsChart, liftChart } from '../../lib/plots/gainsLift';
import { precisionRecallFigure, precisionRecallVsThreshold } from '../../lib/plots/precisionRecall';
import { rocOverlay } from '../../lib/plots/roc';
import { gainsCurve, liftAt } from '../../lib/metrics/lift';
import { precisionRecallCurve as prCurve } from '../../lib/metrics/precisionRecall';
import { rocAuc, rocCurve as roc } from '../../lib/metrics/roc';
import { createRng } from '../../lib/random';
import { traces } from './helpers';

/** A test set like the honest one: `n` users, ~15% buyers, scores that rank buyers higher, many distinct values. */
function scoredUsers(n: number, seed: number): { y: Uint8Array; scores: Float64Array } {
  const rng = createRng(seed);
  const y = new Uint8Array(n);
  const scores = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = rng.next() < 0.15 ? 1 : 0;
    const logit = (y[i] ? 1.5 : -1.5) + 1.6 * rng.normal();
    scores[i] = 1 / (1 + Math.exp(-logit));
  }
  return { y, scores };
}

/** Distance from point p to the segment a-b. */
function segmentDistance(p: [number, number], a: [number, number], b: [number, number]): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Largest distance of a vertex of the full curve to the drawn stretch between the kept vertices around it. */
function largestDeviation(x: ArrayLike<number>, y: ArrayLike<number>, kept: number[]): number {
  let worst = 0;
  for (let j = 0; j + 1 < kept.length; j++) {
    const a: [number, number] = [x[kept[j]!]!, y[kept[j]!]!];
    const b: [number, number] = [x[kept[j + 1]!]!, y[kept[j + 1]!]!];
    for (let i = kept[j]!; i <= kept[j + 1]!; i++) worst = Math.max(worst, segmentDistance([x[i]!, y[i]!], a, b));
  }
  return worst;
}

test('gridThinIndices: short curves are drawn whole; inputs are checked', () => {
  assert.deepEqual(
    gridThinIndices([
      [0, 0.5, 1],
      [0, 0.9, 1],
    ]),
    [0, 1, 2],
  );
  assert.throws(() => gridThinIndices([[0, 1], [0]]), /different lengths/);
  assert.throws(() => gridThinIndices([[0, 1, 2]], { maxPoints: 1 }), /at least 2/);
});

test('gridThinIndices: on a 4-cell grid, a vertex stays only when it enters another cell', () => {
  // x over [0, 1] in cells of 0.25: 0.1 and 0.2 share cell 0, 0.3 is cell 1, 0.35 cell 1, 0.8 cell 3, 0.9 (last) kept.
  const x = [0, 0.1, 0.2, 0.3, 0.35, 0.8, 0.9, 1];
  const y = [0, 0, 0, 0, 0, 0, 0, 0];
  assert.deepEqual(gridThinIndices([x, y], { cells: 4, maxPoints: 7 }), [0, 3, 5, 7]);
});

test('gridThinIndices: a 40k-user ROC curve keeps at most 2000 of its own vertices, within one grid cell of every dropped one', () => {
  const { y, scores } = scoredUsers(40_000, 3);
  const full = roc(y, scores);
  assert.ok(full.fpr.length > 2 * MAX_TRACE_POINTS, `the full curve has ${full.fpr.length} vertices`);
  const kept = gridThinIndices([full.fpr, full.tpr]);
  assert.ok(kept.length <= MAX_TRACE_POINTS, `${kept.length} vertices kept`);
  assert.equal(kept[0], 0);
  assert.equal(kept[kept.length - 1], full.fpr.length - 1);
  for (let i = 1; i < kept.length; i++) assert.ok(kept[i]! > kept[i - 1]!);
  const drawnX = kept.map((i) => full.fpr[i]);
  const drawnY = kept.map((i) => full.tpr[i]);
  // The axes span [0, 1], so a cell is 1/1000 wide: no vertex is farther than a cell's diagonal from the line.
  const deviation = largestDeviation(full.fpr, full.tpr, kept);
  assert.ok(deviation <= Math.SQRT2 / CURVE_GRID_CELLS, `largest deviation ${deviation}`);
  // The area under the drawn line is the model's AUC to within 1e-3.
  let area = 0;
  for (let i = 1; i < drawnX.length; i++) area += ((drawnX[i]! - drawnX[i - 1]!) * (drawnY[i]! + drawnY[i - 1]!)) / 2;
  assert.ok(Math.abs(area - rocAuc(y, scores)) < 1e-3, `drawn area ${area}, AUC ${rocAuc(y, scores)}`);
});

test('gridThinIndices: a curve that zig-zags faster than any grid keeps its envelope', () => {
  // y alternates between 0.1 and 0.9: every vertex changes cell, on any grid.
  const n = 20_000;
  const x = Float64Array.from({ length: n }, (_, i) => i / (n - 1));
  const y = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0.1 : 0.9));
  const kept = gridThinIndices([x, y]);
  assert.ok(kept.length <= MAX_TRACE_POINTS, `${kept.length} kept`);
  assert.deepEqual([kept[0], kept[kept.length - 1]], [0, n - 1]);
  // Every stretch of 1/100 of the x axis still reaches both 0.1 and 0.9.
  for (let part = 0; part < 100; part++) {
    const ys = kept.filter((i) => Math.floor(x[i]! * 100 - 1e-9) === part || (part === 0 && i === 0)).map((i) => y[i]);
    assert.ok(ys.includes(0.1) && ys.includes(0.9), `x stretch ${part}: ${ys.length} vertices`);
  }
});

test('gainsAtQuantiles: a piecewise-linear curve read between its vertices', () => {
  // Vertices at x = 0, 0.1, ..., 1 on y = 2.5x up to 0.2, then 0.5 + 0.625 (x - 0.2): exact at any x.
  const x = Array.from({ length: 11 }, (_, i) => i / 10);
  const y = x.map((v) => (v <= 0.2 ? 2.5 * v : 0.5 + 0.625 * (v - 0.2)));
  const read = gainsAtQuantiles(x, y, 4);
  assert.deepEqual(read.populationShare, [0, 0.25, 0.5, 0.75, 1]);
  const expected = [0, 0.53125, 0.6875, 0.84375, 1];
  read.positiveShare.forEach((v, k) => {
    assert.ok(Math.abs(v - expected[k]!) < 1e-12, `${v} vs ${expected[k]}`);
  });
  // Few vertices: the curve as it is.
  assert.deepEqual(gainsAtQuantiles([0, 0.5, 1], [0, 0.8, 1], 4), { populationShare: [0, 0.5, 1], positiveShare: [0, 0.8, 1] });
});

test('gainsAtQuantiles: on a 40k-user gains curve, every quantile equals liftAt at that share', () => {
  const { y, scores } = scoredUsers(40_000, 5);
  const g = gainsCurve(y, scores);
  const read = gainsAtQuantiles(g.populationShare, g.positiveShare);
  assert.equal(read.populationShare.length, 1001);
  for (const k of [1, 7, 10, 100, 333, 500, 999, 1000]) {
    const captured = liftAt(y, scores, k / 1000).captured;
    assert.ok(Math.abs(read.positiveShare[k]! - captured) < 1e-12, `quantile ${k}: ${read.positiveShare[k]} vs ${captured}`);
  }
});

test('figure builders draw at most 2000 points per trace from 40k-user curves', () => {
  const { y, scores } = scoredUsers(40_000, 9);
  const r = roc(y, scores);
  const pr = prCurve(y, scores);
  const g = gainsCurve(y, scores);
  const m = pr.thresholds.length;
  const figures = [
    rocOverlay([{ name: 'm', fpr: r.fpr, tpr: r.tpr, auc: 0.8 }]),
    precisionRecallFigure({ recall: pr.recall, precision: pr.precision }),
    precisionRecallVsThreshold({ thresholds: pr.thresholds, precision: pr.precision.subarray(0, m), recall: pr.recall.subarray(0, m) }),
    gainsChart([{ name: 'm', populationShare: g.populationShare, positiveShare: g.positiveShare }]),
    liftChart([{ name: 'm', populationShare: g.populationShare, positiveShare: g.positiveShare }]),
  ];
  for (const fig of figures) {
    for (const t of traces(fig)) {
      const x = t.x as number[];
      assert.ok(Array.isArray(x) && x.length <= MAX_TRACE_POINTS, `${t.name}: ${x.length} points`);
      assert.equal((t.y as number[]).length, x.length);
    }
  }
  // Gains: 1001 quantiles in percent; lift from 1% on (990 quantiles), the last at 100% with lift 1.
  const gains = traces(figures[3]!)[0]!;
  assert.equal((gains.x as number[]).length, 1001);
  const lift = traces(figures[4]!)[0]!;
  assert.equal((lift.x as number[]).length, 991);
  assert.equal((lift.x as number[])[990], 100);
  assert.ok(Math.abs((lift.y as number[])[990]! - 1) < 1e-12);
});
