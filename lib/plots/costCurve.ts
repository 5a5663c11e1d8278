/** Expected cost per user against the decision threshold, with the chosen threshold marked. */
import type * as Plotly from 'plotly.js';
import { baseLayout, type Figure } from './figure';
import { assertSameLength, plainNumbers } from './series';

/**
 * A line of mean cost per user over thresholds (ascending), and a vertical marker at `chosen` when finite.
 * The caller computes the costs (plots never compute metrics).
 */
export function costCurve(
  curve: { thresholds: ArrayLike<number>; meanCost: ArrayLike<number> },
  options: { chosen?: number; title?: string } = {},
): Figure {
  assertSameLength('cost curve', { thresholds: curve.thresholds, meanCost: curve.meanCost });
  const data: Plotly.Data[] = [
    { type: 'scatter', mode: 'lines', name: 'expected cost per user', x: plainNumbers(curve.thresholds), y: plainNumbers(curve.meanCost) },
  ];
  const layout = baseLayout(
    options.title ?? 'Expected cost per user by threshold',
    'threshold (target users with score >= threshold)',
    'cost per user',
  );
  if (options.chosen !== undefined && Number.isFinite(options.chosen)) {
    layout.shapes = [
      { type: 'line', x0: options.chosen, x1: options.chosen, yref: 'paper', y0: 0, y1: 1, line: { dash: 'dot', color: 'black' } },
    ];
    layout.annotations = [
      { x: options.chosen, yref: 'paper', y: 1, text: `chosen ${options.chosen.toFixed(3)}`, showarrow: false, yanchor: 'bottom' },
    ];
  }
  return { data, layout };
}
