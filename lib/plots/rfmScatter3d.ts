/** 3-D scatter of recency, frequency and monetary value, coloured by purchase. */
import type { Figure } from './figure';
import { CLASS_COLOURS } from './figure';
import { assertSameLength, pick, splitByClass } from './series';

/** Per-user RFM values and the target. */
export type RfmPoints = {
  recency: ArrayLike<number>;
  frequency: ArrayLike<number>;
  monetary: ArrayLike<number>;
  purchased: ArrayLike<number>;
};

/**
 * One scatter3d trace per class. Frequency and monetary value use log axes (their tails span
 * orders of magnitude); points with a non-positive value on a log axis are not drawn by plotly.
 */
export function rfmScatter3d(points: RfmPoints, options: { title?: string } = {}): Figure {
  assertSameLength('rfmScatter3d', points);
  const classes = splitByClass(points.purchased);
  return {
    data: (['not purchased', 'purchased'] as const).map((name, k) => ({
      type: 'scatter3d',
      mode: 'markers',
      name,
      x: pick(points.recency, classes[k]!),
      y: pick(points.frequency, classes[k]!),
      z: pick(points.monetary, classes[k]!),
      marker: { size: 2, opacity: 0.6, color: k === 1 ? CLASS_COLOURS.positive : CLASS_COLOURS.negative },
    })),
    layout: {
      title: { text: options.title ?? 'Recency, frequency and monetary value by purchase' },
      scene: {
        xaxis: { title: { text: 'recency (days)' } },
        yaxis: { title: { text: 'frequency (sessions, log)' }, type: 'log' },
        zaxis: { title: { text: 'monetary value (log)' }, type: 'log' },
      },
      height: 650,
    },
  };
}
