/** The model performance table as a plotly table (for PNG export; `showTable` is the HTML variant). */
import type { Figure } from './figure';
import { untypedTrace } from './figure';
import type { TableRow } from './htmlTable';

/**
 * A plotly `table` with one column per key (first-seen order) and one row per model. Non-integer numbers
 * are shown with `digits` places (default 3). A table has no axes; its title names the columns' meaning.
 */
export function modelTable(rows: TableRow[], options: { title?: string; digits?: number } = {}): Figure {
  const digits = options.digits ?? 3;
  const columns: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const cell = (value: TableRow[string]): string =>
    value === null || value === undefined
      ? ''
      : typeof value === 'number' && !Number.isInteger(value)
        ? value.toFixed(digits)
        : String(value);
  return {
    data: [
      untypedTrace({
        type: 'table',
        header: { values: columns, align: 'center', font: { size: 13 }, fill: { color: '#c8d4e3' } },
        cells: { values: columns.map((c) => rows.map((r) => cell(r[c]))), align: 'center', height: 26 },
      }),
    ],
    layout: {
      title: { text: options.title ?? 'Model performance' },
      height: 140 + 28 * rows.length,
      margin: { t: 60, b: 10, l: 10, r: 10 },
    },
  };
}
