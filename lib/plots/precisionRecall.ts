/**
 * Precision and recall figures: both against the decision threshold, and the precision-recall curve.
 * Curves are drawn from their own vertices thinned on a grid (curvePoints.ts).
 */
import type { Figure } from './figure';
import { baseLayout } from './figure';
import { gridThinIndices, pickPoints } from './curvePoints';
import { assertSameLength } from './series';

/** Precision and recall at each threshold (same lengths). */
export type ThresholdCurve = { thresholds: ArrayLike<number>; precision: ArrayLike<number>; recall: ArrayLike<number> };

/** Two lines over the threshold axis: precision and recall. */
export function precisionRecallVsThreshold(curve: ThresholdCurve, options: { title?: string } = {}): Figure {
  assertSameLength('precisionRecallVsThreshold', curve);
  // One set of vertices for both lines: a vertex stays when it moves the threshold, the precision or the recall.
  const points = gridThinIndices([curve.thresholds, curve.precision, curve.recall]);
  const x = pickPoints(curve.thresholds, points);
  const layout = baseLayout(options.title ?? 'Precision and recall vs threshold', 'threshold', 'score');
  layout.yaxis = { ...layout.yaxis, range: [0, 1.05] };
  return {
    data: [
      { type: 'scatter', mode: 'lines', name: 'precision', x, y: pickPoints(curve.precision, points) },
      { type: 'scatter', mode: 'lines', name: 'recall', x, y: pickPoints(curve.recall, points) },
    ],
    layout,
  };
}

/** Points of a precision-recall curve, optionally with its average precision for the legend. */
export type PrCurve = { recall: ArrayLike<number>; precision: ArrayLike<number>; averagePrecision?: number };

/** Precision (y) against recall (x) as a step-free line. */
export function precisionRecallFigure(curve: PrCurve, options: { title?: string; name?: string } = {}): Figure {
  assertSameLength('precisionRecallFigure', { recall: curve.recall, precision: curve.precision });
  const name = (options.name ?? 'model') + (curve.averagePrecision === undefined ? '' : ` (AP ${curve.averagePrecision.toFixed(3)})`);
  const layout = baseLayout(options.title ?? 'Precision-recall curve', 'recall', 'precision');
  layout.xaxis = { ...layout.xaxis, range: [0, 1.02] };
  layout.yaxis = { ...layout.yaxis, range: [0, 1.05] };
  layout.showlegend = true;
  const points = gridThinIndices([curve.recall, curve.precision]);
  return {
    data: [{ type: 'scatter', mode: 'lines', name, x: pickPoints(curve.recall, points), y: pickPoints(curve.precision, points) }],
    layout,
  };
}
