/** Bar chart of the target classes: how many users purchased and how many did not. */
import type { Figure } from './figure';
import { baseLayout, CLASS_COLOURS } from './figure';

/** Users per class of `purchased`. */
export type ClassCounts = { negative: number; positive: number };

/** Bars for "not purchased" (0) and "purchased" (1), each labelled with its count and share. */
export function targetBalance(counts: ClassCounts, options: { title?: string } = {}): Figure {
  const total = counts.negative + counts.positive;
  const share = (n: number): string => (total === 0 ? '' : ` (${((100 * n) / total).toFixed(1)}%)`);
  return {
    data: [
      {
        type: 'bar',
        x: ['not purchased (0)', 'purchased (1)'],
        y: [counts.negative, counts.positive],
        text: [`${counts.negative}${share(counts.negative)}`, `${counts.positive}${share(counts.positive)}`],
        textposition: 'auto',
        marker: { color: [CLASS_COLOURS.negative, CLASS_COLOURS.positive] },
        name: 'users',
      },
    ],
    layout: baseLayout(options.title ?? 'Target class balance', 'purchased', 'users'),
  };
}
