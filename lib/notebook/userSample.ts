/**
 * A seeded sample of modelling-table rows for the point-heavy figures (pair plot, 3-D scatter): every
 * point is drawn, so tens of thousands would make the page slow and the PNG a blur.
 */
import type { FeatureTable } from '../features/featureTable';
import { createRng } from '../random';

/** Sorted indices of `size` distinct rows out of `rows` (all rows when there are fewer). */
export function sampleRowIndices(rows: number, size: number, seed: number): number[] {
  if (size >= rows) return Array.from({ length: rows }, (_, i) => i);
  const order = createRng(seed).shuffle(Array.from({ length: rows }, (_, i) => i));
  return order.slice(0, size).sort((a, b) => a - b);
}

/** The named numeric columns and the target at the sampled rows. */
export function sampleColumns(
  table: FeatureTable,
  columns: readonly string[],
  indices: readonly number[],
): { columns: Record<string, number[]>; purchased: number[] } {
  const out: Record<string, number[]> = {};
  for (const name of columns) {
    const values = table.columns[name];
    if (!values) throw new Error(`unknown column '${name}'`);
    out[name] = indices.map((i) => values[i]!);
  }
  return { columns: out, purchased: indices.map((i) => table.purchased[i]!) };
}
