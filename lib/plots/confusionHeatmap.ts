/** Confusion matrix as a 2x2 heat map with the counts written in the cells. */
import type { Figure } from './figure';
import { baseLayout } from './figure';

/** The four counts of a binary confusion matrix. */
export type ConfusionCounts = { tn: number; fp: number; fn: number; tp: number };

/**
 * Rows are the actual class (0 on top), columns the predicted class, as in scikit-learn's
 * `confusion_matrix`; each cell is annotated with its count.
 */
export function confusionHeatmap(counts: ConfusionCounts, options: { title?: string } = {}): Figure {
  const labels = ['0 (not purchased)', '1 (purchased)'];
  const z = [
    [counts.tn, counts.fp],
    [counts.fn, counts.tp],
  ];
  const max = Math.max(counts.tn, counts.fp, counts.fn, counts.tp);
  const layout = baseLayout(options.title ?? 'Confusion matrix', 'predicted', 'actual');
  // automargin: the class names on the y axis would otherwise be cut at the left edge.
  layout.yaxis = { ...layout.yaxis, autorange: 'reversed', automargin: true };
  layout.annotations = z.flatMap((row, i) =>
    row.map((value, j) => ({
      x: labels[j],
      y: labels[i],
      text: String(value),
      showarrow: false,
      // Dark cells of the Blues scale need light text.
      font: { size: 16, color: value > max / 2 ? 'white' : 'black' },
    })),
  );
  return {
    data: [{ type: 'heatmap', x: labels, y: labels, z, colorscale: 'Blues', showscale: true, name: 'users' }],
    layout,
  };
}
