/** Histograms of one or more numeric series (price, brand view/cart shares...); plotly does the binning. */
import type { Figure } from './figure';
import { baseLayout } from './figure';
import { plainNumbers } from './series';

/** One series to bin. */
export type HistogramSeries = { name: string; values: ArrayLike<number> };

/** Options: titles, bin count (plotly's automatic choice when absent), log-scaled count axis. */
export type HistogramOptions = { title: string; xTitle: string; yTitle?: string; bins?: number; logY?: boolean };

/** One histogram trace per series, overlaid and semi-transparent when there are several. */
export function histogram(series: HistogramSeries[], options: HistogramOptions): Figure {
  const overlay = series.length > 1;
  const layout = baseLayout(options.title, options.xTitle, options.yTitle ?? 'count');
  layout.barmode = 'overlay';
  layout.showlegend = overlay;
  if (options.logY) layout.yaxis = { ...layout.yaxis, type: 'log' };
  return {
    data: series.map((s) => ({
      type: 'histogram',
      name: s.name,
      x: plainNumbers(s.values),
      opacity: overlay ? 0.6 : 1,
      ...(options.bins === undefined ? {} : { nbinsx: options.bins }),
    })),
    layout,
  };
}
