import { assertLabelsAndScores } from './validate';

/**
 * Cumulative counts at every distinct score, the common core of the ROC, precision-recall, gains and cost
 * curves (sklearn's _binary_clf_curve). Entry i describes the rule "predict 1 when score >= thresholds[i]";
 * thresholds are the distinct scores in decreasing order, so tied scores form one step, never several.
 */
export interface BinaryCurve {
  /** Distinct scores, decreasing. */
  readonly thresholds: Float64Array;
  /** True positives when predicting 1 for score >= thresholds[i]. */
  readonly tps: Float64Array;
  /** False positives when predicting 1 for score >= thresholds[i]. */
  readonly fps: Float64Array;
  /** Number of positive and negative labels. */
  readonly positives: number;
  readonly negatives: number;
}

/** Row indices ordered by decreasing score (ties in index order; the curves only look at the ends of tie groups). */
export function orderByScoreDescending(yScore: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(yScore.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => yScore[b]! - yScore[a]! || a - b);
}

/** Counts of true and false positives at each distinct score threshold. */
export function binaryCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): BinaryCurve {
  assertLabelsAndScores(yTrue, yScore);
  const order = orderByScoreDescending(yScore);
  const n = order.length;
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    tp += yTrue[i]!;
    // close a step at the end of each group of equal scores
    if (k === n - 1 || yScore[order[k + 1]!] !== yScore[i]) {
      thresholds.push(yScore[i]!);
      tps.push(tp);
      fps.push(k + 1 - tp);
    }
  }
  return {
    thresholds: Float64Array.from(thresholds),
    tps: Float64Array.from(tps),
    fps: Float64Array.from(fps),
    positives: tp,
    negatives: n - tp,
  };
}
