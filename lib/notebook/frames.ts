/**
 * danfojs-node frames for user-level tables in notebooks: head, describe and value counts, shown as
 * HTML tables. Only for user-level data (tens of thousands of rows): event-level questions go to SQL.
 *
 * danfojs-node loads TensorFlow.js on import (about 4 s of CPU): it is loaded on the first frame made, not
 * when the library is imported, so notebooks that make no frame (modelling, honest evaluation) never pay for it.
 */
import type { DataFrame } from 'danfojs-node';
import type { FeatureTable } from '../features/featureTable';
import { showTable } from '../plots/show';
import type { TableRow } from '../plots/htmlTable';

/**
 * Any danfojs frame: danfojs-node's own class, or the base class its methods (head, describe) return;
 * the two differ only in their file writers.
 */
export type Frame = DataFrame | ReturnType<DataFrame['head']>;

function danfo(): typeof import('danfojs-node') {
  return require('danfojs-node') as typeof import('danfojs-node');
}

/** A frame of the modelling table: user_id and rfm_score as text, every other column numeric. */
export function modellingFrame(table: FeatureTable, columns?: readonly string[]): DataFrame {
  const { DataFrame } = danfo();
  const data: Record<string, (string | number)[]> = { user_id: table.userIds };
  for (const [name, values] of Object.entries(table.columns)) data[name] = Array.from(values);
  data.rfm_score = table.rfmScore;
  const names = columns ?? Object.keys(data);
  return new DataFrame(Object.fromEntries(names.map((n) => [n, data[n]])));
}

/** A frame's rows as plain objects, the index as the first column (named `index` unless given). */
export function frameRows(frame: Frame, indexName = ''): TableRow[] {
  const columns = frame.columns;
  const values = frame.values as (string | number)[][];
  const index = frame.index;
  return values.map((row, i) => {
    const out: TableRow = { [indexName]: index[i] };
    columns.forEach((c, j) => {
      out[c] = row[j];
    });
    return out;
  });
}

/** Shows a frame as an HTML table (numbers rounded to `digits`, default 3). */
export function showFrame(frame: Frame, options: { digits?: number; indexName?: string } = {}): void {
  showTable(frameRows(frame, options.indexName), { digits: options.digits ?? 3 });
}

/** Summary statistics of the numeric columns (count, mean, std, min, median, max, variance). */
export function describeFrame(frame: Frame): Frame {
  return frame.describe();
}

/** Value counts of one column, largest first, as `{ value, count, share }` rows. */
export function valueCountRows(frame: Frame, column: string): { value: string | number; count: number; share: number }[] {
  const series = frame.column(column);
  const counts = series.valueCounts();
  // danfojs types a column of numeric-looking text ('511') as numbers and returns numeric labels:
  // the column's own values say whether it holds text.
  const text = typeof (series.values as unknown[])[0] === 'string';
  const values = (counts.index as (string | number)[]).map((v) => (text ? String(v) : v));
  const numbers = counts.values as number[];
  const total = numbers.reduce((s, n) => s + n, 0);
  return values
    .map((value, i) => ({ value, count: numbers[i]!, share: total === 0 ? 0 : numbers[i]! / total }))
    .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
}
