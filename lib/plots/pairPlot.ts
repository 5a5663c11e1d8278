/** Scatter-plot matrix (plotly `splom`) of several columns, coloured by the target class. */
import type { Figure } from './figure';
import { CLASS_COLOURS, untypedTrace } from './figure';
import { assertSameLength, pick, splitByClass } from './series';

/** One column of the matrix: its label (used as axis title) and values. */
export type PairColumn = { name: string; values: ArrayLike<number> };

/**
 * Lower-triangle scatter matrix of `columns` (e.g. recency, frequency, monetary_value, r, f, m), one trace
 * per class of `purchased` so the legend names the classes. Pass a sample for large tables: every point is
 * drawn.
 */
export function pairPlot(columns: PairColumn[], purchased: ArrayLike<number>, options: { title?: string } = {}): Figure {
  assertSameLength('pairPlot', Object.fromEntries([['purchased', purchased], ...columns.map((c) => [c.name, c.values])]));
  const classes = splitByClass(purchased);
  const traces = (['not purchased', 'purchased'] as const).map((name, k) =>
    untypedTrace({
      type: 'splom',
      name,
      dimensions: columns.map((c) => ({ label: c.name, values: pick(c.values, classes[k]!) })),
      marker: { color: k === 1 ? CLASS_COLOURS.positive : CLASS_COLOURS.negative, size: 3, opacity: 0.5 },
      diagonal: { visible: false },
      showupperhalf: false,
    }),
  );
  // splom gives each dimension its own axis pair (xaxis, xaxis2, ...); title each with the column name.
  const axes: Record<string, unknown> = {};
  columns.forEach((c, i) => {
    const suffix = i === 0 ? '' : String(i + 1);
    axes[`xaxis${suffix}`] = { title: { text: c.name } };
    axes[`yaxis${suffix}`] = { title: { text: c.name } };
  });
  return {
    data: traces,
    layout: {
      title: { text: options.title ?? 'Pair plot by purchase' },
      ...axes,
      height: 160 * columns.length + 120,
      dragmode: 'select',
      hovermode: 'closest',
    },
  };
}
