/** F1 score against the decision threshold, with the best threshold marked. */
import type { Figure } from './figure';
import { baseLayout } from './figure';
import { assertSameLength, plainNumbers } from './series';

/** F1 at each threshold; `best` (computed by the caller) is highlighted when given. */
export type F1Curve = { thresholds: ArrayLike<number>; f1: ArrayLike<number>; best?: { threshold: number; f1: number } };

/** Line with markers of F1 by threshold, and a labelled marker on the best one. */
export function f1VsThreshold(curve: F1Curve, options: { title?: string } = {}): Figure {
  assertSameLength('f1VsThreshold', { thresholds: curve.thresholds, f1: curve.f1 });
  const layout = baseLayout(options.title ?? 'F1 vs threshold', 'threshold', 'F1');
  layout.yaxis = { ...layout.yaxis, range: [0, 1.05] };
  const data: Figure['data'] = [
    { type: 'scatter', mode: 'lines+markers', name: 'F1', x: plainNumbers(curve.thresholds), y: plainNumbers(curve.f1) },
  ];
  if (curve.best) {
    data.push({
      type: 'scatter',
      mode: 'text+markers',
      name: 'best',
      x: [curve.best.threshold],
      y: [curve.best.f1],
      text: [`best: F1 ${curve.best.f1.toFixed(3)} at ${+curve.best.threshold.toFixed(2)}`],
      textposition: 'top center',
      marker: { size: 12, symbol: 'star', color: 'red' },
    });
  }
  return { data, layout };
}
