/**
 * The numbers every scored set gets in the honest evaluation (models and baselines alike, on the same test
 * users): ranking quality (ROC AUC, PR AUC = average precision, lift in the top 10%) and, for scores that are
 * probabilities, their calibration (Brier score, log loss).
 */
import { brierScore, logLoss } from '../metrics/calibration';
import { liftAt } from '../metrics/lift';
import { averagePrecision } from '../metrics/precisionRecall';
import { rocAuc } from '../metrics/roc';
import { LIFT_FRACTION } from './compare';

export interface ScoreMetrics {
  rocAuc: number;
  prAuc: number;
  /** Lift in the top LIFT_FRACTION (10%) of users by score. */
  lift10: number;
  /** null when the scores are not probabilities (a rule's ranking). */
  brier: number | null;
  logLoss: number | null;
}

/** The three ranking metrics every ScoreMetrics has, for tables and summaries over origins. */
export const RANKING_METRICS = ['rocAuc', 'prAuc', 'lift10'] as const;
export type RankingMetric = (typeof RANKING_METRICS)[number];

/** Display names of the ranking metrics. */
export const RANKING_METRIC_LABELS: Record<RankingMetric, string> = { rocAuc: 'ROC AUC', prAuc: 'PR AUC', lift10: 'lift in the top 10%' };

/** Metrics of `scores` on labels `y`; Brier score and log loss only when `probabilities`. */
export function scoreMetrics(y: ArrayLike<number>, scores: ArrayLike<number>, probabilities: boolean): ScoreMetrics {
  return {
    rocAuc: rocAuc(y, scores),
    prAuc: averagePrecision(y, scores),
    lift10: liftAt(y, scores, LIFT_FRACTION).lift,
    brier: probabilities ? brierScore(y, scores) : null,
    logLoss: probabilities ? logLoss(y, scores) : null,
  };
}
