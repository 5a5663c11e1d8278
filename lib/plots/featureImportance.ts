/** Feature importance as horizontal bars, most important on top. */
import type { Figure } from './figure';
import { baseLayout } from './figure';

/** One feature's importance (e.g. XGBoost "weight": the number of splits on it). */
export type FeatureScore = { feature: string; importance: number };

/** Horizontal bars sorted by importance (ties by name); the largest bar is drawn at the top. */
export function featureImportance(scores: FeatureScore[], options: { title?: string; xTitle?: string } = {}): Figure {
  // Plotly draws the first category at the bottom: sort ascending so the most important ends on top.
  const sorted = [...scores].sort((a, b) => a.importance - b.importance || b.feature.localeCompare(a.feature));
  return {
    data: [
      {
        type: 'bar',
        orientation: 'h',
        name: 'importance',
        x: sorted.map((s) => s.importance),
        y: sorted.map((s) => s.feature),
        text: sorted.map((s) => String(s.importance)),
        // Labels outside the bars, upright: inside short bars plotly would rotate them.
        textposition: 'outside',
        textangle: 0,
        cliponaxis: false,
      },
    ],
    layout: {
      ...baseLayout(options.title ?? 'Feature importance', options.xTitle ?? 'importance (number of splits)', 'feature'),
      height: Math.max(400, 28 * sorted.length + 120),
      margin: { l: 200 },
      // automargin keeps the axis title clear of the longest feature name.
      yaxis: { title: { text: 'feature', standoff: 25 }, automargin: true, ticksuffix: ' ' },
    },
  };
}
