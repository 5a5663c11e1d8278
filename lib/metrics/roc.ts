import { binaryCurve } from './binaryCurve';
import { warn, type WarningSink } from './warnings';

/** Points of a ROC curve, as sklearn.metrics.roc_curve returns them. */
export interface RocCurve {
  readonly fpr: Float64Array;
  readonly tpr: Float64Array;
  /** thresholds[0] is +Infinity (current sklearn: the "predict nothing" point); the rest are scores, decreasing. */
  readonly thresholds: Float64Array;
}

/**
 * ROC curve of scores against 0/1 labels, identical to sklearn's roc_curve(drop_intermediate=True):
 * one point per distinct score, minus points collinear with both neighbours (they neither show on a plot nor
 * change the area), preceded by (0, 0) at threshold +Infinity. With one class only, the undefined axis is NaN
 * (sklearn does the same) and a warning is recorded.
 */
export function rocCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, sink?: WarningSink): RocCurve {
  const curve = binaryCurve(yTrue, yScore);
  const m = curve.thresholds.length;
  // keep a point when the second difference of fps or tps is non-zero there (a corner), plus both ends
  const keep: number[] = [];
  for (let i = 0; i < m; i++) {
    if (m <= 2 || i === 0 || i === m - 1) {
      keep.push(i);
      continue;
    }
    const dFps = curve.fps[i + 1]! - 2 * curve.fps[i]! + curve.fps[i - 1]!;
    const dTps = curve.tps[i + 1]! - 2 * curve.tps[i]! + curve.tps[i - 1]!;
    if (dFps !== 0 || dTps !== 0) keep.push(i);
  }
  const size = keep.length + 1;
  const fpr = new Float64Array(size);
  const tpr = new Float64Array(size);
  const thresholds = new Float64Array(size);
  thresholds[0] = Infinity;
  const { positives, negatives } = curve;
  if (negatives === 0) warn(sink, 'roc_curve', 'No negative samples in y_true, false positive value should be meaningless');
  if (positives === 0) warn(sink, 'roc_curve', 'No positive samples in y_true, true positive value should be meaningless');
  fpr[0] = negatives === 0 ? NaN : 0;
  tpr[0] = positives === 0 ? NaN : 0;
  for (let k = 0; k < keep.length; k++) {
    const i = keep[k]!;
    fpr[k + 1] = negatives === 0 ? NaN : curve.fps[i]! / negatives;
    tpr[k + 1] = positives === 0 ? NaN : curve.tps[i]! / positives;
    thresholds[k + 1] = curve.thresholds[i]!;
  }
  return { fpr, tpr, thresholds };
}

/** Area under a curve by the trapezoidal rule (x need not be increasing: sklearn's auc with monotone x). */
export function trapezoidArea(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i]! - x[i - 1]!) * (y[i]! + y[i - 1]!)) / 2;
  return area;
}

/**
 * ROC AUC (sklearn roc_auc_score, binary): trapezoids over the ROC curve, tied scores forming one diagonal step,
 * which counts a tied (positive, negative) pair as half a correct ordering.
 * Throws when yTrue holds one class only, as sklearn raises ValueError: the AUC is undefined then.
 */
export function rocAuc(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  const { fpr, tpr } = rocCurve(yTrue, yScore);
  if (Number.isNaN(fpr[fpr.length - 1]) || Number.isNaN(tpr[tpr.length - 1])) {
    throw new Error('Only one class present in yTrue. ROC AUC score is not defined in that case.');
  }
  return trapezoidArea(fpr, tpr);
}
