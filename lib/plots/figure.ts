/**
 * The hand-off between figure builders and their consumers (notebook display, PNG export):
 * a plain plotly figure spec, serialisable as JSON.
 */
import type * as Plotly from 'plotly.js';

/** A plotly figure: traces plus layout, exactly what `Plotly.newPlot(div, data, layout)` takes. */
export type Figure = { data: Plotly.Data[]; layout: Partial<Plotly.Layout> };

/**
 * A trace whose attributes @types/plotly.js does not model (splom `dimensions`, table `header`/`cells`,
 * funnel `textinfo`...). Plotly itself validates these at render time; the cast is confined here.
 */
export function untypedTrace(trace: Record<string, unknown>): Plotly.Data {
  return trace as Plotly.Data;
}

/** The layout every builder starts from: a title and axis titles, so no figure is ever unlabelled. */
export function baseLayout(title: string, xTitle: string, yTitle: string): Partial<Plotly.Layout> {
  return {
    title: { text: title },
    xaxis: { title: { text: xTitle } },
    yaxis: { title: { text: yTitle } },
  };
}

/** Plotly's default qualitative colours for "not purchased" / "purchased", fixed so every figure agrees. */
export const CLASS_COLOURS = { negative: '#636efa', positive: '#ef553b' } as const;
