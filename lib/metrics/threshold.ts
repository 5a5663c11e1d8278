import { accuracyFromCounts, fbetaFromCounts, precisionFromCounts, recallFromCounts } from './classification';
import type { ConfusionCounts } from './confusion';
import { assertLabelsAndScores } from './validate';
import type { WarningSink } from './warnings';

/** Scores of the rule "predict 1 when score >= threshold". */
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

/** Confusion counts of "score >= threshold" predictions. */
export function countsAtThreshold(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold: number): ConfusionCounts {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const predicted = yScore[i] >= threshold;
    if (yTrue[i] === 1) { if (predicted) tp++; else fn++; }
    else if (predicted) fp++; else tn++;
  }
  return { tn, fp, fn, tp };
}

/** Scores at one threshold (predict 1 when score >= threshold). */
export function scoresAtThreshold(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  threshold: number,
  sink?: WarningSink,
): ThresholdScores {
  assertLabelsAndScores(yTrue, yScore);
  const confusion = countsAtThreshold(yTrue, yScore, threshold);
  return {
    threshold,
    precision: precisionFromCounts(confusion, sink),
    recall: recallFromCounts(confusion, sink),
    f1: fbetaFromCounts(confusion, 1, sink),
    accuracy: accuracyFromCounts(confusion),
    confusion,
  };
}

/** Precision, recall, F1 and accuracy at each threshold (default 0.1, 0.2, ..., 1.0), predicting 1 when score >= t. */
export function thresholdSweep(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  thresholds: ArrayLike<number> = defaultThresholds(),
  sink?: WarningSink,
): ThresholdScores[] {
  assertLabelsAndScores(yTrue, yScore);
  if (thresholds.length === 0) throw new Error('thresholds is empty');
  return Array.from({ length: thresholds.length }, (_, k) => scoresAtThreshold(yTrue, yScore, thresholds[k], sink));
}

/** The sweep entry with the highest F1; on a tie the lowest threshold (the first in the grid) wins. */
export function bestThresholdByF1(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  thresholds: ArrayLike<number> = defaultThresholds(),
): ThresholdScores {
  const sweep = thresholdSweep(yTrue, yScore, thresholds);
  let best = sweep[0];
  for (const entry of sweep) if (entry.f1 > best.f1) best = entry;
  return best;
}
