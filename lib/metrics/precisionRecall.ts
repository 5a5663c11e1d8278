import { binaryCurve } from './binaryCurve';
import { warn, type WarningSink } from './warnings';

/** Points of a precision-recall curve, as sklearn.metrics.precision_recall_curve returns them. */
export interface PrecisionRecallCurve {
  /** Length m + 1: precision at each threshold in increasing threshold order, then the final 1. */
  readonly precision: Float64Array;
  /** Length m + 1: recall at each threshold (decreasing), then the final 0. */
  readonly recall: Float64Array;
  /** Length m: the distinct scores, increasing; the final (precision 1, recall 0) point has no threshold. */
  readonly thresholds: Float64Array;
}

/**
 * Precision-recall pairs for every distinct score, identical to sklearn's precision_recall_curve
 * (drop_intermediate=False, its default): thresholds increasing, the curve ending at (recall 0, precision 1)
 * without a threshold. Precision with no predicted positive is 0; with no positive label recall is 1 at every
 * threshold (sklearn's convention) and a warning is recorded.
 */
export function precisionRecallCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, sink?: WarningSink): PrecisionRecallCurve {
  const curve = binaryCurve(yTrue, yScore);
  const m = curve.thresholds.length;
  const precision = new Float64Array(m + 1);
  const recall = new Float64Array(m + 1);
  const thresholds = new Float64Array(m);
  if (curve.positives === 0) {
    warn(sink, 'precision_recall_curve', 'No positive class found in y_true, recall is set to one for all thresholds.');
  }
  for (let i = 0; i < m; i++) {
    // reverse the decreasing-threshold counts so thresholds increase and recall decreases
    const k = m - 1 - i;
    const predicted = curve.tps[i]! + curve.fps[i]!;
    precision[k] = predicted === 0 ? 0 : curve.tps[i]! / predicted;
    recall[k] = curve.positives === 0 ? 1 : curve.tps[i]! / curve.positives;
    thresholds[k] = curve.thresholds[i]!;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds };
}

/**
 * Average precision, sklearn's step definition (no interpolation): AP = Σ_n (R_n − R_{n−1}) · P_n,
 * the precision at each threshold weighted by the recall gained there. With no positive label it is 0
 * (recall is 1 everywhere, so only the final drop to 0 counts, weighted by the lowest threshold's precision 0).
 */
export function averagePrecision(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, sink?: WarningSink): number {
  const { precision, recall } = precisionRecallCurve(yTrue, yScore, sink);
  let sum = 0;
  for (let i = 0; i + 1 < recall.length; i++) sum += (recall[i]! - recall[i + 1]!) * precision[i]!;
  return sum;
}
