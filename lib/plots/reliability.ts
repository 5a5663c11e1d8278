/** Reliability diagram: observed buyer rate against mean predicted probability per bin, with the diagonal. */
import type * as Plotly from 'plotly.js';
import { baseLayout, type Figure } from './figure';
import { assertSameLength, plainNumbers } from './series';

/** One model's reliability curve (as lib/metrics/calibration's calibrationCurve returns it). */
export type ReliabilityData = { name: string; probPred: ArrayLike<number>; probTrue: ArrayLike<number>; counts: ArrayLike<number> };

/**
 * Points per bin joined by lines, the bin size in the hover text; the "perfectly calibrated" diagonal runs to
 * the largest value shown, so a figure of small probabilities is not squashed into a corner. `rates` adds
 * horizontal dotted lines (e.g. the buyer rates of the training and test windows).
 */
export function reliabilityDiagram(
  curves: readonly ReliabilityData[],
  options: { title?: string; rates?: readonly { name: string; value: number }[] } = {},
): Figure {
  let top = 0;
  const data: Plotly.Data[] = curves.map((c) => {
    assertSameLength(`reliability ${c.name}`, { probPred: c.probPred, probTrue: c.probTrue, counts: c.counts });
    for (let i = 0; i < c.probPred.length; i++) top = Math.max(top, c.probPred[i]!, c.probTrue[i]!);
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name: c.name,
      x: plainNumbers(c.probPred),
      y: plainNumbers(c.probTrue),
      text: plainNumbers(c.counts).map((n) => `${n} users`),
    };
  });
  for (const r of options.rates ?? []) top = Math.max(top, r.value);
  top = top > 0 ? top : 1;
  data.push({
    type: 'scatter',
    mode: 'lines',
    name: 'perfectly calibrated',
    x: [0, top],
    y: [0, top],
    line: { dash: 'dash', color: 'grey' },
  });
  const layout = baseLayout(
    options.title ?? 'Reliability of the predicted probabilities',
    'mean predicted probability (per bin)',
    'observed buyer rate (per bin)',
  );
  layout.showlegend = true;
  const rates = options.rates ?? [];
  if (rates.length > 0) {
    layout.shapes = rates.map((r) => ({
      type: 'line',
      xref: 'paper',
      x0: 0,
      x1: 1,
      y0: r.value,
      y1: r.value,
      line: { dash: 'dot', color: 'black' },
    }));
    layout.annotations = rates.map((r) => ({
      xref: 'paper',
      x: 1,
      y: r.value,
      text: r.name,
      showarrow: false,
      xanchor: 'right',
      yanchor: 'bottom',
    }));
  }
  return { data, layout };
}
