/** Precision and recall figures: both against the decision threshold, and the precision-recall curve. */
import type { Figure } from './figure';
import { baseLayout } from './figure';
import { assertSameLength, plainNumbers } from './series';

/** Precision and recall at each threshold (same lengths). */
export type ThresholdCurve = { thresholds: ArrayLike<number>; precision: ArrayLike<number>; recall: ArrayLike<number> };

/** Two lines over the threshold axis: precision and recall. */
export function precisionRecallVsThreshold(curve: ThresholdCurve, options: { title?: string } = {}): Figure {
  assertSameLength('precisionRecallVsThreshold', curve);
  const x = plainNumbers(curve.thresholds);
  const layout = baseLayout(options.title ?? 'Precision and recall vs threshold', 'threshold', 'score');
  layout.yaxis = { ...layout.yaxis, range: [0, 1.05] };
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'precision', x, y: plainNumbers(curve.precision) },
      { type: 'scatter', mode: 'lines', name: 'recall', x, y: plainNumbers(curve.recall) },
    ],
    layout,
  };
}

/** Points of a precision-recall curve, optionally with its average precision for the legend. */
export type PrCurve = { recall: ArrayLike<number>; precision: ArrayLike<number>; averagePrecision?: number };

/** Precision (y) against recall (x) as a step-free line. */
export function precisionRecallCurve(curve: PrCurve, options: { title?: string; name?: string } = {}): Figure {
  assertSameLength('precisionRecallCurve', { recall: curve.recall, precision: curve.precision });
  const name =
    (options.name ?? 'model') +
    (curve.averagePrecision === undefined ? '' : ` (AP ${curve.averagePrecision.toFixed(3)})`);
  const layout = baseLayout(options.title ?? 'Precision-recall curve', 'recall', 'precision');
  layout.xaxis = { ...layout.xaxis, range: [0, 1.02] };
  layout.yaxis = { ...layout.yaxis, range: [0, 1.05] };
  layout.showlegend = true;
  return {
    data: [{ type: 'scatter', mode: 'lines', name, x: plainNumbers(curve.recall), y: plainNumbers(curve.precision) }],
    layout,
  };
}
