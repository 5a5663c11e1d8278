import { binaryCurve } from './binaryCurve';

/**
 * Business costs of the two errors of a purchase/retention model:
 * a false negative is a missed buyer, a false positive an incentive spent on someone who would not buy.
 */
export interface ErrorCosts {
  /** Cost of a false negative (missed buyer). */
  readonly falseNegative: number;
  /** Cost of a false positive (wasted incentive). */
  readonly falsePositive: number;
}

/** The cheapest threshold over the observed scores and what it costs. */
export interface CostOptimum {
  /** Predict 1 when score >= threshold; +Infinity means "target nobody". */
  readonly threshold: number;
  /** costFn · fn + costFp · fp over all rows. */
  readonly totalCost: number;
  /** totalCost / n: the expected cost per user. */
  readonly meanCost: number;
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
}

function checkCosts(costs: ErrorCosts): void {
  for (const [name, v] of Object.entries(costs)) {
    if (!(v >= 0) || !Number.isFinite(v)) throw new Error(`cost ${name} must be a finite number >= 0, got ${v}`);
  }
}

/**
 * The beta of an F-beta score that follows from the costs: beta² = costFn / costFp, i.e.
 * beta = sqrt(costFn / costFp). F-beta weighs recall beta² times as much as precision in its harmonic mean
 * (F = (1 + β²)·tp / ((1 + β²)·tp + β²·fn + fp): a false negative counts β² times a false positive), so a
 * missed buyer 4 times as costly as a wasted incentive gives beta = 2.
 */
export function betaFromCosts(costs: ErrorCosts): number {
  checkCosts(costs);
  if (costs.falsePositive === 0) throw new Error('falsePositive cost must be > 0 to derive beta');
  return Math.sqrt(costs.falseNegative / costs.falsePositive);
}

/**
 * The decision-theoretic threshold for calibrated probabilities: predict 1 when
 * p · costFn > (1 − p) · costFp, i.e. p > costFp / (costFp + costFn).
 */
export function bayesThreshold(costs: ErrorCosts): number {
  checkCosts(costs);
  const sum = costs.falsePositive + costs.falseNegative;
  if (sum === 0) throw new Error('at least one cost must be > 0');
  return costs.falsePositive / sum;
}

/**
 * The threshold that minimises the total cost costFn · FN + costFp · FP on these labels and scores, searched
 * over every distinct score (and +Infinity, targeting nobody): the empirical counterpart of bayesThreshold, valid
 * for uncalibrated scores too. Among equally cheap thresholds the highest wins (fewest users targeted).
 */
export function minimumCostThreshold(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, costs: ErrorCosts): CostOptimum {
  checkCosts(costs);
  const curve = binaryCurve(yTrue, yScore);
  const n = curve.positives + curve.negatives;
  const costAt = (tp: number, fp: number) => costs.falseNegative * (curve.positives - tp) + costs.falsePositive * fp;
  // start from "target nobody", then lower the threshold one distinct score at a time
  let best = { threshold: Infinity, tp: 0, fp: 0, totalCost: costAt(0, 0) };
  for (let i = 0; i < curve.thresholds.length; i++) {
    const totalCost = costAt(curve.tps[i]!, curve.fps[i]!);
    if (totalCost < best.totalCost) best = { threshold: curve.thresholds[i]!, tp: curve.tps[i]!, fp: curve.fps[i]!, totalCost };
  }
  return {
    threshold: best.threshold,
    totalCost: best.totalCost,
    meanCost: best.totalCost / n,
    tp: best.tp,
    fp: best.fp,
    fn: curve.positives - best.tp,
    tn: curve.negatives - best.fp,
  };
}
