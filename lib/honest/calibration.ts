/**
 * Probabilities the targeting list and the cost threshold can use. The study's models are fitted on
 * undersampled rows (half buyers), so their scores rank users well but overstate P(buy) many times over when
 * the real buyer rate is a fraction of a percent. The calibrated decision model maps the decision model's
 * scores through an isotonic regression fitted on the calibration rows (users of the training cutoff held out
 * of fitting, at that cutoff's true buyer rate), the isotonic method of sklearn's CalibratedClassifierCV. With
 * calibrated probabilities the cost decision needs no tuning: contact a user when p > costFp / (costFp + costFn).
 *
 * Calibrated at T1 means calibrated to T1's buyer rate: when the test window's rate differs, the probabilities
 * are off by about that ratio and a fixed threshold contacts too many users (rate fell) or too few (rate rose).
 */
import { calibrationCurve, brierScore, logLoss, type CalibrationCurve } from '../metrics/calibration';
import { bayesThreshold, betaFromCosts, type ErrorCosts } from '../metrics/cost';
import { IsotonicRegression } from '../models/isotonicRegression';
import type { StudyModelName } from '../study/studyModels';
import { costOutcome, type CostOutcome, type ScoredSet } from './cost';

/** Bins of the reliability curves: ten bins of equal size, since the probabilities crowd near 0. */
export const RELIABILITY_BINS = { nBins: 10, strategy: 'quantile' } as const;

/** How good a set of probabilities is on its labels. */
export interface ProbabilityQuality {
  brier: number;
  logLoss: number;
  /** The mean predicted probability, to set against the observed buyer rate. */
  meanProbability: number;
  buyerRate: number;
  curve: CalibrationCurve;
}

/** Brier score, log loss, mean probability and the reliability curve of probabilities `p` on labels `y`. */
export function probabilityQuality(y: ArrayLike<number>, p: ArrayLike<number>): ProbabilityQuality {
  let sumP = 0;
  let buyers = 0;
  for (let i = 0; i < y.length; i++) {
    sumP += p[i]!;
    buyers += y[i]!;
  }
  return {
    brier: brierScore(y, p),
    logLoss: logLoss(y, p),
    meanProbability: sumP / y.length,
    buyerRate: buyers / y.length,
    curve: calibrationCurve(y, p, RELIABILITY_BINS),
  };
}

export interface CalibratedDecision {
  model: StudyModelName;
  method: 'isotonic';
  /** Buyer rate of the calibration rows (the training cutoff's population) and of the test window. */
  trainBuyerRate: number;
  testBuyerRate: number;
  /** The decision model's own probabilities on the test window, and after calibration. */
  raw: ProbabilityQuality;
  calibrated: ProbabilityQuality;
  /** Calibrated test probabilities, in the test rows' order. */
  testProbabilities: Float64Array;
  /** costFp / (costFp + costFn): the decision threshold for calibrated probabilities. */
  threshold: number;
  /** That threshold on the test window. */
  test: CostOutcome;
}

/**
 * Fit the isotonic map on `calibration` (scores of held-out training-cutoff users), apply it to `test`, and
 * decide by the Bayes threshold of `costs`.
 */
export function calibratedDecision(model: StudyModelName, calibration: ScoredSet, test: ScoredSet, costs: ErrorCosts): CalibratedDecision {
  const isotonic = new IsotonicRegression().fit(calibration.scores, calibration.y);
  const testProbabilities = isotonic.predict(test.scores);
  const threshold = bayesThreshold(costs);
  const rate = (y: ArrayLike<number>) => {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += y[i]!;
    return s / y.length;
  };
  return {
    model,
    method: 'isotonic',
    trainBuyerRate: rate(calibration.y),
    testBuyerRate: rate(test.y),
    raw: probabilityQuality(test.y, test.scores),
    calibrated: probabilityQuality(test.y, testProbabilities),
    testProbabilities,
    threshold,
    test: costOutcome({ y: test.y, scores: testProbabilities }, threshold, costs, betaFromCosts(costs)),
  };
}
