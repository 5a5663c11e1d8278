/**
 * ROC figures: one model's curve, and the overlay of several models with their AUC in the legend.
 * Each curve is drawn from its own vertices thinned on a grid (curvePoints.ts); the AUC is the caller's.
 */
import type { Figure } from './figure';
import { baseLayout } from './figure';
import type * as Plotly from 'plotly.js';
import { gridThinIndices, pickPoints } from './curvePoints';
import { assertSameLength } from './series';

/** A ROC curve (false/true positive rates, same lengths) and its area. */
export type RocCurveData = { name: string; fpr: ArrayLike<number>; tpr: ArrayLike<number>; auc: number };

/** Legend entry of a curve: its name and AUC to 3 places. */
export function rocLegendName(curve: { name: string; auc: number }): string {
  return `${curve.name} (AUC ${curve.auc.toFixed(3)})`;
}

const CHANCE: Plotly.Data = {
  type: 'scatter',
  mode: 'lines',
  name: 'chance',
  x: [0, 1],
  y: [0, 1],
  line: { dash: 'dash', color: 'grey' },
};

function rocLayout(title: string): Partial<Plotly.Layout> {
  const layout = baseLayout(title, 'false positive rate', 'true positive rate');
  layout.xaxis = { ...layout.xaxis, range: [0, 1] };
  layout.yaxis = { ...layout.yaxis, range: [0, 1.02] };
  layout.showlegend = true;
  return layout;
}

/** All curves on one chart, plus the chance diagonal. */
export function rocOverlay(curves: RocCurveData[], options: { title?: string } = {}): Figure {
  const traces: Plotly.Data[] = curves.map((c) => {
    assertSameLength(`roc ${c.name}`, { fpr: c.fpr, tpr: c.tpr });
    const points = gridThinIndices([c.fpr, c.tpr]);
    return { type: 'scatter', mode: 'lines', name: rocLegendName(c), x: pickPoints(c.fpr, points), y: pickPoints(c.tpr, points) };
  });
  return { data: [...traces, CHANCE], layout: rocLayout(options.title ?? 'ROC curves') };
}

/** One model's ROC curve with the chance diagonal. */
export function rocFigure(curve: RocCurveData, options: { title?: string } = {}): Figure {
  return rocOverlay([curve], { title: options.title ?? `ROC curve: ${curve.name}` });
}
