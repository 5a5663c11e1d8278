import { accuracyFromCounts, fbetaFromCounts, precisionFromCounts, recallFromCounts } from './classification';
import { rocAuc } from './roc';
import { countsAtThreshold } from './threshold';
import { assertLabelsAndScores } from './validate';
import type { MetricWarning } from './warnings';

/** The per-model numbers of the study's tables. */
export interface ClassificationSummary {
  readonly threshold: number;
  readonly accuracy: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly rocAuc: number;
  /** sklearn layout [[tn, fp], [fn, tp]]. */
  readonly confusion: [[number, number], [number, number]];
  /** Undefined-metric cases met on the way (e.g. no predicted positive at this threshold). */
  readonly warnings: MetricWarning[];
}

/**
 * Accuracy, precision, recall and F1 of "score >= threshold", the ROC AUC of the scores, and the confusion
 * matrix. Throws when yTrue holds one class only (the AUC is undefined, as in sklearn).
 */
export function classificationSummary(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold = 0.5): ClassificationSummary {
  assertLabelsAndScores(yTrue, yScore);
  const sink = { warnings: [] as MetricWarning[] };
  const c = countsAtThreshold(yTrue, yScore, threshold);
  return {
    threshold,
    accuracy: accuracyFromCounts(c),
    precision: precisionFromCounts(c, sink),
    recall: recallFromCounts(c, sink),
    f1: fbetaFromCounts(c, 1, sink),
    rocAuc: rocAuc(yTrue, yScore),
    confusion: [
      [c.tn, c.fp],
      [c.fn, c.tp],
    ],
    warnings: sink.warnings,
  };
}
