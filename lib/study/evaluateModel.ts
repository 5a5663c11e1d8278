import {
  accuracyFromCounts,
  averagePrecision,
  bestOfSweep,
  confusionCounts,
  fbetaFromCounts,
  precisionFromCounts,
  precisionRecallCurve,
  recallFromCounts,
  rocAuc,
  rocCurve,
  studyThresholds,
  thresholdSweep,
  type MetricWarning,
  type PrecisionRecallCurve,
  type RocCurve,
  type ThresholdScores,
} from '../metrics/index';
import type { Labels } from '../prep/matrix';

/** Everything the study reports for one model on the test set. */
export interface ModelEvaluation {
  name: string;
  /** Metrics of the model's own predict() (the study's accuracy, precision, recall, F1, confusion matrix). */
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number;
  averagePrecision: number;
  /** sklearn layout [[tn, fp], [fn, tp]]. */
  confusion: [[number, number], [number, number]];
  /** Precision, recall, F1, accuracy of the study's loop "score > t" for its t = np.linspace(0.1, 1, 10). */
  sweep: ThresholdScores[];
  /** The sweep entry with the best F1. */
  best: ThresholdScores;
  roc: RocCurve;
  pr: PrecisionRecallCurve;
  warnings: MetricWarning[];
  fitSeconds: number;
  predictSeconds: number;
  /** Test-set scores P(y = 1), kept for overlays, voting and targeting lists. */
  scores: Float64Array;
  predictions: Labels;
}

/**
 * The study's per-model numbers from test labels, the model's hard predictions and its scores.
 * Hard predictions come from the model (so a k-NN tie at k = 2 goes to class 0 as in sklearn), curves from scores.
 */
export function evaluateModel(
  name: string,
  yTest: Labels,
  predictions: Labels,
  scores: Float64Array,
  timing: { fitSeconds: number; predictSeconds: number },
): ModelEvaluation {
  const sink = { warnings: [] as MetricWarning[] };
  const c = confusionCounts(yTest, predictions);
  const sweep = thresholdSweep(yTest, scores, studyThresholds(), sink, '>');
  return {
    name,
    accuracy: accuracyFromCounts(c),
    precision: precisionFromCounts(c, sink),
    recall: recallFromCounts(c, sink),
    f1: fbetaFromCounts(c, 1, sink),
    rocAuc: rocAuc(yTest, scores),
    averagePrecision: averagePrecision(yTest, scores, sink),
    confusion: [
      [c.tn, c.fp],
      [c.fn, c.tp],
    ],
    sweep,
    best: bestOfSweep(sweep),
    roc: rocCurve(yTest, scores),
    pr: precisionRecallCurve(yTest, scores),
    warnings: sink.warnings,
    fitSeconds: timing.fitSeconds,
    predictSeconds: timing.predictSeconds,
    scores,
    predictions,
  };
}
