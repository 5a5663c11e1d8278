import { assertLabelsAndScores } from './validate';

/*
 * How well predicted probabilities match observed frequencies, with scikit-learn's definitions
 * (brier_score_loss, log_loss, calibration.calibration_curve). A ranking metric (ROC AUC, lift) is blind to
 * calibration; these are not: a model trained on undersampled rows ranks well but overstates every
 * probability, which matters as soon as a threshold or an expected value is read off the probabilities.
 */

/** Throw unless every probability lies in [0, 1] (sklearn raises ValueError on such input). */
function assertProbabilities(yProb: ArrayLike<number>, what: string): void {
  for (let i = 0; i < yProb.length; i++) {
    if (!(yProb[i]! >= 0 && yProb[i]! <= 1)) throw new Error(`${what}: yProb[${i}] = ${yProb[i]} is outside [0, 1]`);
  }
}

/**
 * Brier score (sklearn brier_score_loss): the mean squared difference between the predicted probability of
 * class 1 and the 0/1 outcome; 0 is perfect, and the constant forecast p = buyer rate r scores r·(1 − r).
 * @example brierScore([0, 1], [0.1, 0.8]) // (0.01 + 0.04) / 2 = 0.025
 */
export function brierScore(yTrue: ArrayLike<number>, yProb: ArrayLike<number>): number {
  assertLabelsAndScores(yTrue, yProb);
  assertProbabilities(yProb, 'brierScore');
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) sum += (yTrue[i]! - yProb[i]!) ** 2;
  return sum / yTrue.length;
}

/** sklearn's log_loss clips probabilities to [eps, 1 − eps] with eps = the float64 machine epsilon ('auto'). */
export const LOG_LOSS_EPS = Number.EPSILON;

/**
 * Log loss (sklearn log_loss, binary, normalised): −mean(y·log p + (1 − y)·log(1 − p)), with p clipped to
 * [LOG_LOSS_EPS, 1 − LOG_LOSS_EPS] so a confident mistake costs about 36 instead of infinity. Written as
 * sklearn computes it: the two columns (1 − p, p) renormalised by their sum before the logarithm.
 * @example logLoss([0, 1], [0.5, 0.5]) // ln 2
 */
export function logLoss(yTrue: ArrayLike<number>, yProb: ArrayLike<number>): number {
  assertLabelsAndScores(yTrue, yProb);
  assertProbabilities(yProb, 'logLoss');
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(Math.max(yProb[i]!, LOG_LOSS_EPS), 1 - LOG_LOSS_EPS);
    const q = 1 - p;
    const total = q + p;
    sum -= Math.log(yTrue[i] === 1 ? p / total : q / total);
  }
  return sum / yTrue.length;
}

/** Bin edges of a reliability curve: equal-width bins over [0, 1], or bins holding equal numbers of predictions. */
export type CalibrationStrategy = 'uniform' | 'quantile';

/** One reliability curve, as sklearn's calibration_curve returns it (empty bins left out), plus the bin sizes. */
export interface CalibrationCurve {
  /** Observed share of positives in each non-empty bin (sklearn prob_true). */
  readonly probTrue: Float64Array;
  /** Mean predicted probability in each non-empty bin (sklearn prob_pred). */
  readonly probPred: Float64Array;
  /** Number of predictions in each non-empty bin (not returned by sklearn; shown as the points' weight). */
  readonly counts: Float64Array;
}

/**
 * numpy.percentile(values, q) with its default 'linear' method, on values sorted ascending; written with
 * numpy's own operations (virtual index (n − 1)·q, floor, and its two-sided lerp) so edges equal to data
 * values come out bit for bit, which decides the bin of those values.
 */
function numpyPercentileSorted(sorted: Float64Array, percent: number): number {
  const n = sorted.length;
  const virtual = (n - 1) * (percent / 100);
  if (virtual >= n - 1) return sorted[n - 1]!;
  const lo = Math.floor(virtual);
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  const t = virtual - lo;
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Bin edges (length nBins + 1) as sklearn's calibration_curve computes them. */
export function calibrationBinEdges(yProb: ArrayLike<number>, nBins: number, strategy: CalibrationStrategy): Float64Array {
  // np.linspace(0, 1, nBins + 1): k·step with the last value set to exactly 1
  const step = 1 / nBins;
  const grid = Float64Array.from({ length: nBins + 1 }, (_, k) => (k === nBins ? 1 : k * step));
  if (strategy === 'uniform') return grid;
  const sorted = Float64Array.from(yProb).sort();
  return grid.map((q) => numpyPercentileSorted(sorted, q * 100));
}

/**
 * Reliability curve (sklearn calibration_curve, default n_bins = 5, strategy 'uniform'): predictions are put
 * in bins by np.searchsorted over the inner edges (a value equal to an inner edge joins the lower bin, so bins are
 * [e0, e1], (e1, e2], ...), and each non-empty bin gives (mean prediction, observed positive rate).
 * A calibrated model's points lie on the diagonal. With 'quantile', bins hold about equal numbers of
 * predictions (tied edges leave bins empty, which are dropped), which suits probabilities crowded near 0.
 * @example calibrationCurve([0, 0, 1, 1], [0.1, 0.3, 0.6, 0.9], { nBins: 2 }) // probPred [0.2, 0.75], probTrue [0, 1]
 */
export function calibrationCurve(
  yTrue: ArrayLike<number>,
  yProb: ArrayLike<number>,
  options: { nBins?: number; strategy?: CalibrationStrategy } = {},
): CalibrationCurve {
  const nBins = options.nBins ?? 5;
  const strategy = options.strategy ?? 'uniform';
  if (!Number.isInteger(nBins) || nBins < 1) throw new Error(`nBins must be a whole number >= 1, got ${nBins}`);
  assertLabelsAndScores(yTrue, yProb);
  assertProbabilities(yProb, 'calibrationCurve');
  const edges = calibrationBinEdges(yProb, nBins, strategy);
  const inner = edges.subarray(1, nBins);
  const sums = new Float64Array(nBins + 1);
  const positives = new Float64Array(nBins + 1);
  const totals = new Float64Array(nBins + 1);
  for (let i = 0; i < yProb.length; i++) {
    const bin = searchsortedLeft(inner, yProb[i]!);
    sums[bin]! += yProb[i]!;
    positives[bin]! += yTrue[i]!;
    totals[bin]!++;
  }
  const probTrue: number[] = [];
  const probPred: number[] = [];
  const counts: number[] = [];
  for (let b = 0; b < totals.length; b++) {
    if (totals[b] === 0) continue;
    probTrue.push(positives[b]! / totals[b]!);
    probPred.push(sums[b]! / totals[b]!);
    counts.push(totals[b]!);
  }
  return { probTrue: Float64Array.from(probTrue), probPred: Float64Array.from(probPred), counts: Float64Array.from(counts) };
}

/** np.searchsorted(sorted, v, side='left'): the number of entries strictly below v. */
function searchsortedLeft(sorted: ArrayLike<number>, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
