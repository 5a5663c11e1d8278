/**
 * The cost-aware decision (the deck's "F-beta weighted by the cost of churn"): from stated costs of a missed
 * buyer (false negative) and a wasted incentive (false positive), beta = sqrt(costFn / costFp), and the
 * threshold that minimises the expected cost. The threshold is chosen on calibration rows (held out of the
 * training cutoff's population) and then applied, unchanged, to the test window; the test window's own
 * optimum is reported beside it only as an optimistic bound.
 */
import { fbetaFromCounts, precisionFromCounts, recallFromCounts } from '../metrics/classification';
import { betaFromCosts, minimumCostThreshold, type CostOptimum, type ErrorCosts } from '../metrics/cost';
import { countsAtThreshold } from '../metrics/threshold';

/** Labels and scores of one set of users. */
export interface ScoredSet {
  y: ArrayLike<number>;
  scores: ArrayLike<number>;
}

/** What a threshold does on the test window. */
export interface CostOutcome {
  threshold: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  fbeta: number;
  totalCost: number;
  /** Expected cost per user. */
  meanCost: number;
  /** Share of users targeted (score >= threshold). */
  targetedShare: number;
}

export interface CostDecision {
  costs: ErrorCosts;
  beta: number;
  /** The minimum-cost threshold on the calibration rows. */
  calibration: CostOptimum;
  /** That threshold applied to the test window. */
  test: CostOutcome;
  /** Mean cost per test user of targeting nobody (every buyer missed) and everyone (every non-buyer wasted). */
  baselines: { targetNobody: number; targetEveryone: number };
  /** The threshold chosen on the test window itself: not reachable in practice, an upper bound. */
  testOptimum: CostOptimum;
}

/** The outcome of "target users with score >= threshold" on `set`, costed and scored with F-beta. */
export function costOutcome(set: ScoredSet, threshold: number, costs: ErrorCosts, beta: number): CostOutcome {
  const c = countsAtThreshold(set.y, set.scores, threshold);
  const n = c.tp + c.fp + c.fn + c.tn;
  const totalCost = costs.falseNegative * c.fn + costs.falsePositive * c.fp;
  const quiet = { warnings: [] };
  return {
    threshold,
    ...c,
    precision: precisionFromCounts(c, quiet),
    recall: recallFromCounts(c, quiet),
    fbeta: fbetaFromCounts(c, beta, quiet),
    totalCost,
    meanCost: totalCost / n,
    targetedShare: (c.tp + c.fp) / n,
  };
}

/** Choose the threshold on `calibration` by minimum cost and evaluate it on `test`. */
export function costDecision(calibration: ScoredSet, test: ScoredSet, costs: ErrorCosts): CostDecision {
  const beta = betaFromCosts(costs);
  const chosen = minimumCostThreshold(calibration.y, calibration.scores, costs);
  let positives = 0;
  for (let i = 0; i < test.y.length; i++) positives += test.y[i]!;
  const n = test.y.length;
  return {
    costs,
    beta,
    calibration: chosen,
    test: costOutcome(test, chosen.threshold, costs, beta),
    baselines: {
      targetNobody: (costs.falseNegative * positives) / n,
      targetEveryone: (costs.falsePositive * (n - positives)) / n,
    },
    testOptimum: minimumCostThreshold(test.y, test.scores, costs),
  };
}

/** Mean cost per user of "target score >= t" for each threshold t (e.g. a grid for the cost curve figure). */
export function costByThreshold(set: ScoredSet, costs: ErrorCosts, thresholds: ArrayLike<number>): Float64Array {
  const out = new Float64Array(thresholds.length);
  for (let k = 0; k < thresholds.length; k++) {
    const c = countsAtThreshold(set.y, set.scores, thresholds[k]!);
    out[k] = (costs.falseNegative * c.fn + costs.falsePositive * c.fp) / set.y.length;
  }
  return out;
}
