/** Our data against the real shop, feature by feature: per-class standardized differences of the means. */
import type { Figure } from './figure';
import { CLASS_COLOURS, baseLayout } from './figure';

/** One feature's (our mean − real mean) / real SD, per class. */
export interface FeatureDifference {
  feature: string;
  notPurchased: number;
  purchased: number;
}

/**
 * Grouped horizontal bars, one pair per feature (first feature on top), with dashed lines at ±`limit`:
 * a bar inside the lines is a class mean within `limit` real standard deviations of the real data's.
 */
export function featureCalibrationFigure(
  rows: readonly FeatureDifference[],
  limit: number,
  title = 'Our features against the real shop',
): Figure {
  // Plotly draws the first category at the bottom: reverse so the table's first feature is on top.
  const ordered = [...rows].reverse();
  const y = ordered.map((r) => r.feature);
  const bar = (name: string, x: number[], color: string) => ({
    type: 'bar' as const,
    orientation: 'h' as const,
    name,
    x,
    y,
    marker: { color },
    hovertemplate: `%{y}: %{x:.2f} SD<extra>${name}</extra>`,
  });
  const edge = (x: number) => ({
    type: 'line' as const,
    x0: x,
    x1: x,
    yref: 'paper' as const,
    y0: 0,
    y1: 1,
    line: { dash: 'dash' as const, color: 'grey' },
  });
  return {
    data: [
      bar(
        'not purchased',
        ordered.map((r) => r.notPurchased),
        CLASS_COLOURS.negative,
      ),
      bar(
        'purchased',
        ordered.map((r) => r.purchased),
        CLASS_COLOURS.positive,
      ),
    ],
    layout: {
      ...baseLayout(title, '(our mean − real mean) / real SD', 'feature'),
      barmode: 'group',
      height: Math.max(420, 34 * rows.length + 140),
      margin: { l: 190 },
      yaxis: { title: { text: 'feature', standoff: 20 }, automargin: true, ticksuffix: ' ' },
      shapes: [edge(-limit), edge(limit)],
    },
  };
}
