import { accuracyFromCounts, fbetaFromCounts, precisionFromCounts, recallFromCounts } from './classification';
import type { ConfusionCounts } from './confusion';
import { assertLabelsAndScores } from './validate';
import type { WarningSink } from './warnings';

/**
 * How a score is compared with a threshold: `'>='` is scikit-learn's rule (its curves count a score equal to
 * the threshold as positive); `'>'` is the study's own F1 loop, `predict_proba(X)[:, 1] > t`.
 */
export type ThresholdRule = '>=' | '>';

/** Scores of the rule "predict 1 when score >= threshold" (or `>`, see {@link ThresholdRule}). */
export interface ThresholdScores {
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly accuracy: number;
  readonly confusion: ConfusionCounts;
}

/**
 * The study's grid 0.1, 0.2, ..., 1.0, built as k / 10 so each value is the double nearest the decimal
 * (accumulating 0.1 would give 0.30000000000000004 and misclassify a score of exactly 0.3).
 */
export function defaultThresholds(): Float64Array {
  return Float64Array.from({ length: 10 }, (_, k) => (k + 1) / 10);
}

/**
 * The study's grid exactly as it built it, `np.linspace(0.1, 1, 10)`: start + k·step with step = 0.9 / 9 and
 * the end point set to 1, which gives 0.30000000000000004 and 0.7000000000000001 (the keys its notebook printed).
 * Used with the `'>'` rule, a score of exactly 0.3 is not above the third threshold, as in the study.
 */
export function studyThresholds(): Float64Array {
  const step = (1 - 0.1) / 9;
  return Float64Array.from({ length: 10 }, (_, k) => (k === 9 ? 1 : 0.1 + k * step));
}

/** Confusion counts of "score >= threshold" predictions (or "score > threshold" with rule `'>'`). */
export function countsAtThreshold(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  threshold: number,
  rule: ThresholdRule = '>=',
): ConfusionCounts {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  const strict = rule === '>';
  for (let i = 0; i < yTrue.length; i++) {
    const predicted = strict ? yScore[i]! > threshold : yScore[i]! >= threshold;
    if (yTrue[i] === 1) {
      if (predicted) tp++;
      else fn++;
    } else if (predicted) fp++;
    else tn++;
  }
  return { tn, fp, fn, tp };
}

/** Scores at one threshold (predict 1 when score >= threshold, or > with rule `'>'`). */
export function scoresAtThreshold(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  threshold: number,
  sink?: WarningSink,
  rule: ThresholdRule = '>=',
): ThresholdScores {
  assertLabelsAndScores(yTrue, yScore);
  const confusion = countsAtThreshold(yTrue, yScore, threshold, rule);
  return {
    threshold,
    precision: precisionFromCounts(confusion, sink),
    recall: recallFromCounts(confusion, sink),
    f1: fbetaFromCounts(confusion, 1, sink),
    accuracy: accuracyFromCounts(confusion),
    confusion,
  };
}

/**
 * Precision, recall, F1 and accuracy at each threshold (default 0.1, 0.2, ..., 1.0), predicting 1 when
 * score >= t (or > t with rule `'>'`).
 * @example thresholdSweep(yTest, scores, studyThresholds(), undefined, '>') // the study's F1 loop
 */
export function thresholdSweep(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  thresholds: ArrayLike<number> = defaultThresholds(),
  sink?: WarningSink,
  rule: ThresholdRule = '>=',
): ThresholdScores[] {
  assertLabelsAndScores(yTrue, yScore);
  if (thresholds.length === 0) throw new Error('thresholds is empty');
  return Array.from({ length: thresholds.length }, (_, k) => scoresAtThreshold(yTrue, yScore, thresholds[k]!, sink, rule));
}

/** The sweep entry with the highest F1; on a tie the lowest threshold (the first in the grid) wins. */
export function bestThresholdByF1(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  thresholds: ArrayLike<number> = defaultThresholds(),
  rule: ThresholdRule = '>=',
): ThresholdScores {
  return bestOfSweep(thresholdSweep(yTrue, yScore, thresholds, undefined, rule));
}

/** The entry with the highest F1 of a sweep; on a tie the first (lowest threshold), as the study's `values.index(max(values))`. */
export function bestOfSweep(sweep: readonly ThresholdScores[]): ThresholdScores {
  if (sweep.length === 0) throw new Error('the sweep is empty');
  let best = sweep[0]!;
  for (const entry of sweep) if (entry.f1 > best.f1) best = entry;
  return best;
}
