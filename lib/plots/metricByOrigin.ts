/** One ranking metric over the rolling origins: a line per model (solid) and per baseline (dashed). */
import type * as Plotly from 'plotly.js';
import { baseLayout, type Figure } from './figure';
import { plainNumbers } from './series';

/** A model's or baseline's metric at each origin, in the origins' order. */
export type OriginSeries = { name: string; kind: 'model' | 'baseline'; values: ArrayLike<number> };

/**
 * `origins` label the x axis (e.g. the test cutoffs, oldest first); every series has one value per origin.
 * The caller computes the values (plots never compute metrics).
 */
export function metricByOrigin(
  origins: readonly string[],
  series: readonly OriginSeries[],
  options: { metric: string; title?: string },
): Figure {
  const data: Plotly.Data[] = series.map((s) => {
    if (s.values.length !== origins.length)
      throw new Error(`metric by origin ${s.name}: ${s.values.length} values for ${origins.length} origins`);
    return {
      type: 'scatter',
      mode: 'lines+markers',
      name: s.kind === 'baseline' ? `${s.name} (baseline)` : s.name,
      x: [...origins],
      y: plainNumbers(s.values),
      line: s.kind === 'baseline' ? { dash: 'dash' } : {},
    };
  });
  const layout = baseLayout(options.title ?? `${options.metric} by origin`, 'test cutoff (origin)', options.metric);
  layout.xaxis = { ...layout.xaxis, type: 'category' };
  layout.showlegend = true;
  return { data, layout };
}
