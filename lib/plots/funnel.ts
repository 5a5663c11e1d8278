/** The cleaning funnel: rows left after each step. */
import type { Figure } from './figure';
import { baseLayout, untypedTrace } from './figure';

/** One step of the funnel: its title and the rows after it. */
export type FunnelStep = { title: string; rows: number };

/** Funnel chart, first step on top, each bar labelled with its rows and its share of the first step. */
export function funnel(steps: FunnelStep[], options: { title?: string } = {}): Figure {
  return {
    data: [
      untypedTrace({
        type: 'funnel',
        name: 'rows',
        y: steps.map((s) => s.title),
        x: steps.map((s) => s.rows),
        textinfo: 'value+percent initial',
        // Exact row counts with thousands separators (plotly's default SI format shows 1.073368M).
        texttemplate: '%{value:,}<br>%{percentInitial:.1%}',
      }),
    ],
    layout: { ...baseLayout(options.title ?? 'Cleaning funnel', 'rows', 'step'), margin: { l: 260 } },
  };
}
