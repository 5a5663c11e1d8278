/**
 * The JSON contract of `purchase-prediction evaluate --json` / `--out FILE`: what scripts and CI read. Field
 * names are snake_case and stable within a schema_version; a change that renames or removes a field bumps it.
 * The README ("JSON output") documents every field. Numbers are unrounded; a number that is not finite (an
 * infinite threshold meaning "target nobody", the SD of a single origin) is written as null. Timings are left
 * out so that the same data and seed give the same file.
 */
import type { CalibrationCurve } from '../metrics/calibration';
import { entry } from '../entry';
import { BASELINE_NAMES } from './baselines';
import { modelScores, positiveRate } from './compare';
import type { CostOutcome } from './cost';
import type { HonestEvaluation } from './evaluate';
import type { ProfitPoint } from './expectedValue';
import { compareWithBaselines, type MetricSpreads } from './originSummary';
import type { ProbabilityQuality } from './calibration';
import type { ScoreMetrics } from './scoreMetrics';
import type { Spread } from './spread';

export const EVALUATION_SCHEMA_VERSION = 1;

export type JsonNumber = number | null;

export interface RankingJson {
  roc_auc: number;
  pr_auc: number;
  lift10: number;
}
export interface ScoresJson extends RankingJson {
  brier: JsonNumber;
  log_loss: JsonNumber;
}
export interface SpreadJson {
  mean: number;
  sd: JsonNumber;
  min: number;
  max: number;
}
export interface SetJson {
  users: number;
  buyers: number;
  buyer_rate: number;
}
export interface ReliabilityJson {
  prob_pred: number[];
  prob_true: number[];
  count: number[];
}
export interface ProbabilityJson {
  brier: number;
  log_loss: number;
  mean_probability: number;
  reliability: ReliabilityJson;
}
export interface ProfitJson {
  percent: number;
  targeted: number;
  buyers_reached: number;
  profit: number;
  profit_per_user: number;
}
export interface DecisionJson {
  threshold: JsonNumber;
  targeted_share: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f_beta: number;
  cost_per_user: number;
}

export interface EvaluationJson {
  schema_version: number;
  settings: {
    horizon_days: number;
    step_days: number | null;
    seed: number;
    costs: { missed_buyer: number; wasted_incentive: number };
    decision_model: string;
    origin_models: string[];
  };
  cutoffs: {
    data_start: string;
    data_end: string;
    train_cutoff: string;
    train_label_end: string;
    test_cutoff: string;
    test_label_end: string;
    history_days: number;
  };
  leaky: null | { test_users: number; test_buyer_rate: number; models: Record<string, RankingJson & { f1: number }> };
  honest: { train: SetJson; test: SetJson; models: Record<string, ScoresJson & { f1: number; beats_baselines: boolean }> };
  baselines: Record<string, ScoresJson>;
  origins: {
    train_cutoff: string;
    test_cutoff: string;
    test_label_end: string;
    train: SetJson;
    test: SetJson;
    models: Record<string, ScoresJson>;
    baselines: Record<string, ScoresJson>;
  }[];
  origin_summary: null | {
    origins: number;
    models: Record<
      string,
      Record<'roc_auc' | 'pr_auc' | 'lift10', SpreadJson> & {
        wins: RankingJson;
        clearly_beats_baselines: boolean;
        verdict: string;
      }
    >;
    baselines: Record<string, Record<'roc_auc' | 'pr_auc' | 'lift10', SpreadJson>>;
  };
  calibration: {
    method: string;
    model: string;
    train_buyer_rate: number;
    test_buyer_rate: number;
    models: Record<string, ProbabilityJson>;
    calibrated: ProbabilityJson;
    decision: DecisionJson;
  };
  cost: {
    model: string;
    beta: number;
    test: DecisionJson;
    target_nobody_cost_per_user: number;
    target_everyone_cost_per_user: number;
    test_optimum: { threshold: JsonNumber; cost_per_user: number };
  };
  targeting: {
    model: string;
    chosen_percent: number;
    chosen: ProfitJson;
    test_best: ProfitJson;
    everyone: ProfitJson;
    no_one: ProfitJson;
    profit_by_percent: number[];
  };
}

/** A finite number, or null (JSON has no Infinity or NaN). */
export function finiteOrNull(x: number): JsonNumber {
  return Number.isFinite(x) ? x : null;
}

function scoresJson(m: ScoreMetrics): ScoresJson {
  return { roc_auc: m.rocAuc, pr_auc: m.prAuc, lift10: m.lift10, brier: m.brier, log_loss: m.logLoss };
}

function setJson(users: number, buyers: number): SetJson {
  return { users, buyers, buyer_rate: buyers / users };
}

function spreadJson(s: Spread): SpreadJson {
  return { mean: s.mean, sd: finiteOrNull(s.sd), min: s.min, max: s.max };
}

function spreadsJson(s: MetricSpreads): Record<'roc_auc' | 'pr_auc' | 'lift10', SpreadJson> {
  return { roc_auc: spreadJson(s.rocAuc), pr_auc: spreadJson(s.prAuc), lift10: spreadJson(s.lift10) };
}

function reliabilityJson(c: CalibrationCurve): ReliabilityJson {
  return { prob_pred: Array.from(c.probPred), prob_true: Array.from(c.probTrue), count: Array.from(c.counts) };
}

function probabilityJson(q: ProbabilityQuality): ProbabilityJson {
  return { brier: q.brier, log_loss: q.logLoss, mean_probability: q.meanProbability, reliability: reliabilityJson(q.curve) };
}

function decisionJson(o: CostOutcome): DecisionJson {
  return {
    threshold: finiteOrNull(o.threshold),
    targeted_share: o.targetedShare,
    tp: o.tp,
    fp: o.fp,
    fn: o.fn,
    tn: o.tn,
    precision: o.precision,
    recall: o.recall,
    f_beta: o.fbeta,
    cost_per_user: o.meanCost,
  };
}

function profitJson(p: ProfitPoint): ProfitJson {
  return { percent: p.percent, targeted: p.targeted, buyers_reached: p.buyersReached, profit: p.profit, profit_per_user: p.profitPerUser };
}

/** The evaluation as the documented JSON object. */
export function evaluationJson(run: HonestEvaluation): EvaluationJson {
  const settings = run.settings;
  const c = run.cutoffs;
  const o = run.origin;
  const cost = run.decision.cost;
  const models: EvaluationJson['honest']['models'] = {};
  for (const [name, e] of Object.entries(run.honest.models)) {
    models[name] = {
      ...scoresJson(entry(run.single.models, name, 'single-origin models')),
      f1: modelScores(e, o.data.yTest).f1,
      beats_baselines: compareWithBaselines([run.single], name).clearlyBeats,
    };
  }
  const baselines: Record<string, ScoresJson> = {};
  for (const b of BASELINE_NAMES) baselines[b] = scoresJson(run.single.baselines[b]);
  let leaky: EvaluationJson['leaky'] = null;
  if (run.leaky) {
    const y = run.leaky.data.yTest;
    const lm: Record<string, RankingJson & { f1: number }> = {};
    for (const [name, e] of Object.entries(run.leaky.result.models)) {
      const s = modelScores(e, y);
      lm[name] = { roc_auc: s.rocAuc, pr_auc: s.prAuc, f1: s.f1, lift10: s.lift };
    }
    leaky = { test_users: y.length, test_buyer_rate: positiveRate(y), models: lm };
  }
  const summary = run.originSummary;
  let originSummary: EvaluationJson['origin_summary'] = null;
  if (summary) {
    const sm: NonNullable<EvaluationJson['origin_summary']>['models'] = {};
    for (const [name, s] of Object.entries(summary.models)) {
      const cmp = entry(summary.comparison, name, 'origin comparison');
      sm[name] = {
        ...spreadsJson(s),
        wins: { roc_auc: cmp.wins.rocAuc, pr_auc: cmp.wins.prAuc, lift10: cmp.wins.lift10 },
        clearly_beats_baselines: cmp.clearlyBeats,
        verdict: cmp.verdict,
      };
    }
    const sb: Record<string, Record<'roc_auc' | 'pr_auc' | 'lift10', SpreadJson>> = {};
    for (const b of BASELINE_NAMES) sb[b] = spreadsJson(summary.baselines[b]);
    originSummary = { origins: run.origins.length, models: sm, baselines: sb };
  }
  const cal = run.calibration;
  const calModels: Record<string, ProbabilityJson> = {};
  for (const [name, q] of Object.entries(cal.models)) calModels[name] = probabilityJson(q);
  const tg = run.targeting;
  return {
    schema_version: EVALUATION_SCHEMA_VERSION,
    settings: {
      horizon_days: c.horizonDays,
      step_days: settings.stepDays,
      seed: settings.seed,
      costs: { missed_buyer: cost.costs.falseNegative, wasted_incentive: cost.costs.falsePositive },
      decision_model: run.decision.model,
      origin_models: [...settings.originModels],
    },
    cutoffs: {
      data_start: c.dataStart,
      data_end: c.dataEnd,
      train_cutoff: c.trainCutoff,
      train_label_end: c.trainLabelEnd,
      test_cutoff: c.testCutoff,
      test_label_end: c.testLabelEnd,
      history_days: c.historyDays,
    },
    leaky,
    honest: { train: setJson(o.train.users, o.train.buyers), test: setJson(o.test.users, o.test.buyers), models },
    baselines,
    origins: run.origins.map((r) => ({
      train_cutoff: r.cutoffs.trainCutoff,
      test_cutoff: r.cutoffs.testCutoff,
      test_label_end: r.cutoffs.testLabelEnd,
      train: setJson(r.train.users, r.train.buyers),
      test: setJson(r.test.users, r.test.buyers),
      models: Object.fromEntries(Object.entries(r.models).map(([n, m]) => [n, scoresJson(m)])),
      baselines: Object.fromEntries(Object.entries(r.baselines).map(([n, m]) => [n, scoresJson(m)])),
    })),
    origin_summary: originSummary,
    calibration: {
      method: cal.decision.method,
      model: cal.decision.model,
      train_buyer_rate: cal.decision.trainBuyerRate,
      test_buyer_rate: cal.decision.testBuyerRate,
      models: calModels,
      calibrated: probabilityJson(cal.decision.calibrated),
      decision: decisionJson(cal.decision.test),
    },
    cost: {
      model: run.decision.model,
      beta: cost.beta,
      test: decisionJson(cost.test),
      target_nobody_cost_per_user: cost.baselines.targetNobody,
      target_everyone_cost_per_user: cost.baselines.targetEveryone,
      test_optimum: { threshold: finiteOrNull(cost.testOptimum.threshold), cost_per_user: cost.testOptimum.meanCost },
    },
    targeting: {
      model: run.decision.model,
      chosen_percent: tg.chosenPercent,
      chosen: profitJson(tg.chosen),
      test_best: profitJson(tg.testBest),
      everyone: profitJson(tg.everyone),
      no_one: profitJson(tg.noOne),
      profit_by_percent: tg.curve.map((p) => p.profit),
    },
  };
}
