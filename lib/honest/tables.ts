/**
 * The honest evaluation's tables as display rows (numbers rounded, '' where a number does not apply), shared
 * by the CLI (Markdown) and the notebook (HTML). The unrounded numbers are in the evaluation itself and in
 * its JSON.
 */
import { entry } from '../entry';
import { MODEL_LABELS } from '../study/studyModels';
import { BASELINE_LABELS, BASELINE_NAMES } from './baselines';
import type { HonestEvaluation } from './evaluate';
import type { ProfitPoint } from './expectedValue';
import { compareWithBaselines, type MetricSpreads, type OriginSummary } from './originSummary';
import type { OriginResult } from './evaluateOrigins';
import type { ScoreMetrics } from './scoreMetrics';
import type { Spread } from './spread';

export type DisplayRow = Record<string, string | number>;

/** The display name of a model or baseline key. */
export function displayName(name: string): string {
  return MODEL_LABELS[name as keyof typeof MODEL_LABELS] ?? BASELINE_LABELS[name as keyof typeof BASELINE_LABELS] ?? name;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function optional(x: number | null, digits: number): number | string {
  return x === null ? '' : round(x, digits);
}

function metricCells(m: ScoreMetrics): DisplayRow {
  return {
    roc_auc: round(m.rocAuc, 3),
    pr_auc: round(m.prAuc, 4),
    lift10: round(m.lift10, 2),
    brier: optional(m.brier, 4),
    log_loss: optional(m.logLoss, 4),
  };
}

/**
 * The single origin: every model, then every baseline, on the same test users. `beats_baselines` says whether
 * the model is above every baseline on ROC AUC, PR AUC and lift at this origin.
 */
export function singleOriginRows(run: HonestEvaluation): DisplayRow[] {
  const rows: DisplayRow[] = [];
  for (const name of Object.keys(run.single.models)) {
    rows.push({
      kind: 'model',
      name: displayName(name),
      ...metricCells(run.single.models[name]!),
      beats_baselines: compareWithBaselines([run.single], name).clearlyBeats ? 'yes' : 'no',
    });
  }
  for (const b of BASELINE_NAMES)
    rows.push({ kind: 'baseline', name: displayName(b), ...metricCells(run.single.baselines[b]), beats_baselines: '' });
  return rows;
}

/** "mean ± SD (min – max)" with `digits` places; the SD is left out for a single origin. */
export function formatSpread(s: Spread, digits: number): string {
  const f = (x: number) => x.toFixed(digits);
  return `${f(s.mean)}${Number.isNaN(s.sd) ? '' : ` ± ${f(s.sd)}`} (${f(s.min)} – ${f(s.max)})`;
}

function spreadCells(s: MetricSpreads): DisplayRow {
  return { roc_auc: formatSpread(s.rocAuc, 3), pr_auc: formatSpread(s.prAuc, 4), lift10: formatSpread(s.lift10, 2) };
}

/** Over the origins: each model's and baseline's spread per metric, and each model's verdict against the baselines. */
export function originSpreadRows(summary: OriginSummary): DisplayRow[] {
  const rows: DisplayRow[] = [];
  for (const [name, s] of Object.entries(summary.models)) {
    rows.push({
      kind: 'model',
      name: displayName(name),
      ...spreadCells(s),
      verdict: entry(summary.comparison, name, 'origin comparison').verdict,
    });
  }
  for (const b of BASELINE_NAMES) rows.push({ kind: 'baseline', name: displayName(b), ...spreadCells(summary.baselines[b]), verdict: '' });
  return rows;
}

/** One row per origin: its cutoffs and the buyer rates of its two windows (the rate moves with the week). */
export function originRows(origins: readonly OriginResult[]): DisplayRow[] {
  return origins.map((o) => ({
    train_cutoff: o.cutoffs.trainCutoff,
    test_cutoff: o.cutoffs.testCutoff,
    train_users: o.train.users,
    train_buyer_rate: round(o.train.buyers / o.train.users, 5),
    test_users: o.test.users,
    test_buyer_rate: round(o.test.buyers / o.test.users, 5),
  }));
}

/**
 * Brier score, log loss and mean probability of every model on the test window, then the calibrated decision
 * model and the constant forecast at the training buyer rate. brier_skill = 1 − Brier / Brier of that constant
 * forecast: above 0 the probabilities beat knowing the base rate alone, below 0 they are worse than it.
 */
export function calibrationRows(run: HonestEvaluation): DisplayRow[] {
  const c = run.calibration.decision;
  const reference = run.single.baselines.random.brier ?? NaN;
  const row = (model: string, brier: number, logLoss: number, meanProbability: number): DisplayRow => ({
    model,
    brier: round(brier, 5),
    brier_skill: round(1 - brier / reference, 4),
    log_loss: round(logLoss, 4),
    mean_probability: round(meanProbability, 4),
    test_buyer_rate: round(c.testBuyerRate, 4),
  });
  const rows = Object.entries(run.calibration.models).map(([name, q]) => row(displayName(name), q.brier, q.logLoss, q.meanProbability));
  rows.push(
    row(
      `${displayName(c.model)}, calibrated (${c.method}, held-out T1 users)`,
      c.calibrated.brier,
      c.calibrated.logLoss,
      c.calibrated.meanProbability,
    ),
  );
  const random = run.single.baselines.random;
  rows.push(
    row(
      `${displayName('random')} (p = the training buyer rate)`,
      reference,
      random.logLoss ?? NaN,
      run.origin.train.buyers / run.origin.train.users,
    ),
  );
  return rows;
}

function profitRow(rule: string, p: ProfitPoint): DisplayRow {
  return {
    rule,
    top_percent: p.percent,
    contacted: Math.round(p.targeted),
    buyers_reached: round(p.buyersReached, 1),
    profit: round(p.profit, 1),
    profit_per_user: round(p.profitPerUser, 4),
  };
}

/** Expected-value targeting on the test window: the chosen cut, the bound, everyone and no one. */
export function targetingRows(run: HonestEvaluation): DisplayRow[] {
  const t = run.targeting;
  return [
    profitRow(`top ${t.chosenPercent}% (chosen on held-out T1 users)`, t.chosen),
    profitRow(`best k on the test window (bound)`, t.testBest),
    profitRow('everyone', t.everyone),
    profitRow('no one', t.noOne),
  ];
}

function percent(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}

/**
 * The buyer-rate shift between the training cutoff and the test window in words, with what it does to the
 * fixed threshold of the calibrated decision model (the numbers of this run).
 */
export function rateShiftText(run: HonestEvaluation): string {
  const d = run.calibration.decision;
  const cost = run.decision.cost;
  const ratio = d.trainBuyerRate / d.testBuyerRate;
  const direction = ratio >= 1 ? 'overstate' : 'understate';
  const opt = cost.testOptimum;
  const optShare = (opt.tp + opt.fp) / run.origin.test.users;
  return (
    `Buyer rate ${percent(d.trainBuyerRate)} among the held-out users of the training cutoff ${run.cutoffs.trainCutoff}, ` +
    `${percent(d.testBuyerRate)} in the test window (the training rate is ${ratio.toFixed(2)} times the test rate). Calibrated at T1, the probabilities average ` +
    `${percent(d.calibrated.meanProbability)} in the test window, so they ${direction} the test risk about ` +
    `${(d.calibrated.meanProbability / d.testBuyerRate).toFixed(1)} times. The fixed threshold p > ${d.threshold.toFixed(4)} ` +
    `contacts ${percent(d.test.targetedShare)} of the test users at a cost of ${d.test.meanCost.toFixed(4)} per user, against ` +
    `${cost.baselines.targetNobody.toFixed(4)} for contacting no one; the test window's own best threshold (known only afterwards) ` +
    `would contact ${percent(optShare)} at ${opt.meanCost.toFixed(4)}.`
  );
}
