/**
 * The rolling-origin numbers summarised: per model and baseline the spread of each ranking metric over the
 * origins, and for each model whether it clearly beats the baselines. "Clearly" is deliberately strict and
 * needs no distributional assumption: the model must score above *every* baseline at *every* origin, on each
 * of ROC AUC, PR AUC and top-decile lift. A model that wins on average but loses at some origin, on some
 * metric, is reported as not clearly better, with the count of origins it won.
 */
import { BASELINE_LABELS, BASELINE_NAMES, type BaselineName } from './baselines';
import { RANKING_METRICS, RANKING_METRIC_LABELS, type RankingMetric, type ScoreMetrics } from './scoreMetrics';
import { spread, type Spread } from './spread';

/** The scores of one origin's models and baselines on its test users. */
export interface OriginScores {
  models: Record<string, ScoreMetrics>;
  baselines: Record<BaselineName, ScoreMetrics>;
}

/** A model against the baselines over the origins. */
export interface BaselineComparison {
  origins: number;
  /** Per metric, the number of origins where the model scored above every baseline. */
  wins: Record<RankingMetric, number>;
  /** Per metric, the baseline with the highest mean and the model's mean minus that baseline's mean. */
  strongest: Record<RankingMetric, { baseline: BaselineName; meanDifference: number }>;
  /** Above every baseline at every origin on every ranking metric. */
  clearlyBeats: boolean;
  /** One sentence for tables and the CLI. */
  verdict: string;
}

export type MetricSpreads = Record<RankingMetric, Spread>;

export interface OriginSummary {
  models: Record<string, MetricSpreads>;
  baselines: Record<BaselineName, MetricSpreads>;
  comparison: Record<string, BaselineComparison>;
}

function spreads(origins: readonly OriginScores[], pick: (o: OriginScores) => ScoreMetrics): MetricSpreads {
  const out = {} as MetricSpreads;
  for (const metric of RANKING_METRICS) out[metric] = spread(origins.map((o) => pick(o)[metric]));
  return out;
}

/** How `model` fares against the baselines over `origins` (see the module comment for "clearly"). */
export function compareWithBaselines(origins: readonly OriginScores[], model: string): BaselineComparison {
  if (origins.length === 0) throw new Error('no origin to compare on');
  const wins = {} as Record<RankingMetric, number>;
  const strongest = {} as BaselineComparison['strongest'];
  for (const metric of RANKING_METRICS) {
    wins[metric] = 0;
    for (const o of origins) {
      const m = o.models[model];
      if (!m) throw new Error(`model '${model}' is missing at an origin`);
      if (BASELINE_NAMES.every((b) => m[metric] > o.baselines[b][metric])) wins[metric]++;
    }
    const mean = (pick: (o: OriginScores) => number) => origins.reduce((s, o) => s + pick(o), 0) / origins.length;
    let best: BaselineName = BASELINE_NAMES[0];
    for (const b of BASELINE_NAMES) if (mean((o) => o.baselines[b][metric]) > mean((o) => o.baselines[best][metric])) best = b;
    strongest[metric] = { baseline: best, meanDifference: mean((o) => o.models[model]![metric]) - mean((o) => o.baselines[best][metric]) };
  }
  const n = origins.length;
  const clearlyBeats = RANKING_METRICS.every((metric) => wins[metric] === n);
  const counts = RANKING_METRICS.map((metric) => `${wins[metric]}/${n} on ${RANKING_METRIC_LABELS[metric]}`).join(', ');
  const verdict = clearlyBeats
    ? `clearly beats the baselines: above every one at every origin (${n}/${n}) on ROC AUC, PR AUC and lift`
    : `does not clearly beat the baselines: above every one at ${counts} (strongest on ROC AUC: ${BASELINE_LABELS[strongest.rocAuc.baseline]})`;
  return { origins: n, wins, strongest, clearlyBeats, verdict };
}

/** Spreads of every model and baseline present at every origin, and each model's comparison with the baselines. */
export function summarizeOrigins(origins: readonly OriginScores[]): OriginSummary {
  if (origins.length === 0) throw new Error('no origin to summarise');
  const names = Object.keys(origins[0]!.models).filter((name) => origins.every((o) => o.models[name]));
  const models: Record<string, MetricSpreads> = {};
  const comparison: Record<string, BaselineComparison> = {};
  for (const name of names) {
    models[name] = spreads(origins, (o) => o.models[name]!);
    comparison[name] = compareWithBaselines(origins, name);
  }
  const baselines = {} as Record<BaselineName, MetricSpreads>;
  for (const b of BASELINE_NAMES) baselines[b] = spreads(origins, (o) => o.baselines[b]);
  return { models, baselines, comparison };
}
