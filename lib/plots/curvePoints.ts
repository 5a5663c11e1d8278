/**
 * Fewer points for drawing a curve, with the same drawn shape. The curves of a test set with tens of
 * thousands of users have as many vertices (megabytes of JSON in a page), while a figure about a thousand
 * pixels wide can show about a thousand. The figure builders thin what they draw; the metrics and the
 * result objects keep every point.
 */

/** Grid cells per axis for {@link gridThinIndices}: a dropped vertex is within one cell of the drawn line. */
export const CURVE_GRID_CELLS = 1000;

/** Most points drawn per trace (a monotone curve on a 1000-cell grid keeps at most 2000). */
export const MAX_TRACE_POINTS = 2000;

/** Evenly spaced population shares at which {@link gainsAtQuantiles} reads a gains curve (plus 0). */
export const GAINS_QUANTILES = 1000;

/** Options of {@link gridThinIndices}. */
export type GridThinOptions = { cells?: number; maxPoints?: number };

/** Coarsest grid {@link gridThinIndices} tries before it falls back to each x cell's envelope. */
const COARSEST_GRID_CELLS = 250;

type AxisBounds = { min: number; span: number };

function axisBounds(values: ArrayLike<number>): AxisBounds {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return min > max ? { min: 0, span: 0 } : { min, span: max - min };
}

/** Cell of each vertex on one axis; a non-finite value (an infinite threshold) gets a cell of its own (NaN). */
function cellsOf(values: ArrayLike<number>, cells: number): Float64Array {
  const { min, span } = axisBounds(values);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = !Number.isFinite(v) ? NaN : span === 0 ? 0 : Math.min(cells - 1, Math.floor(((v - min) / span) * cells));
  }
  return out;
}

// Keep a vertex when it lies in another grid cell than the last kept one (first and last always).
function thinOnGrid(axes: readonly ArrayLike<number>[], cells: number): number[] {
  const n = axes[0]!.length;
  const grid = axes.map((values) => cellsOf(values, cells));
  const kept = [0];
  let last = 0;
  for (let i = 1; i < n - 1; i++) {
    if (grid.some((c) => c[i] !== c[last])) kept.push((last = i));
  }
  kept.push(n - 1);
  return kept;
}

// For each run of vertices in one x cell: its first and last vertex and, on every other axis, its lowest
// and highest one. A curve that zig-zags faster than any grid (precision at the first few buyers) keeps its
// envelope instead of collapsing to a line.
function envelope(axes: readonly ArrayLike<number>[], cells: number): number[] {
  const n = axes[0]!.length;
  const xCells = cellsOf(axes[0]!, cells);
  const kept = new Set<number>();
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && xCells[i] === xCells[start]) continue;
    kept.add(start).add(i - 1);
    for (let a = 1; a < axes.length; a++) {
      let low = start;
      let high = start;
      for (let j = start + 1; j < i; j++) {
        if (axes[a]![j]! < axes[a]![low]!) low = j;
        if (axes[a]![j]! > axes[a]![high]!) high = j;
      }
      kept.add(low).add(high);
    }
    start = i;
  }
  return [...kept].sort((p, q) => p - q);
}

/**
 * Indices of the vertices of a curve to draw. Each axis (x, y, and any further series drawn over the same x)
 * is cut into `cells` equal cells over its data range; a vertex is kept when it lies in another cell than the
 * last kept vertex, so every dropped vertex is within one cell of the drawn polyline, and the first and last
 * vertex are always kept. A monotone curve (ROC, gains) keeps at most 2 x cells vertices. A curve that still
 * has more than `maxPoints` (a zig-zagging precision) gets coarser grids down to 250 cells, then each x cell's
 * envelope (first, last, lowest and highest vertex on every other axis).
 * Curves with at most `maxPoints` vertices are drawn as they are.
 */
export function gridThinIndices(axes: readonly ArrayLike<number>[], options: GridThinOptions = {}): number[] {
  if (axes.length === 0) throw new Error('gridThinIndices: no axes');
  const n = axes[0]!.length;
  if (axes.some((a) => a.length !== n))
    throw new Error(`gridThinIndices: axes of different lengths (${axes.map((a) => a.length).join(', ')})`);
  const maxPoints = options.maxPoints ?? MAX_TRACE_POINTS;
  if (maxPoints < 2) throw new Error(`gridThinIndices: maxPoints must be at least 2, got ${maxPoints}`);
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  const finest = options.cells ?? CURVE_GRID_CELLS;
  for (let cells = finest; cells >= Math.min(finest, COARSEST_GRID_CELLS); cells = Math.floor(cells / 2)) {
    const kept = thinOnGrid(axes, cells);
    if (kept.length <= maxPoints) return kept;
  }
  // At most 2 + 2 (axes - 1) vertices per x cell; if x is not monotone, runs repeat: then every k-th of them.
  const perCell = 2 * axes.length;
  const kept = envelope(axes, Math.max(1, Math.floor(maxPoints / perCell)));
  if (kept.length <= maxPoints) return kept;
  return Array.from({ length: maxPoints }, (_, j) => kept[Math.round((j * (kept.length - 1)) / (maxPoints - 1))]!);
}

/** The values at the given indices, as a plain array (what a plotly spec needs). */
export function pickPoints(values: ArrayLike<number>, indices: readonly number[]): number[] {
  return indices.map((i) => values[i]!);
}

/**
 * A gains curve read at the population shares 0, 1/q, 2/q, ..., 1 (q = `quantiles`), linearly between its
 * vertices: the curve itself is linear inside a group of tied scores, and between two quantiles it moves by
 * at most 1/q along x. A curve with no more than q + 1 vertices is returned as it is.
 * `populationShare` must increase from 0 to 1.
 */
export function gainsAtQuantiles(
  populationShare: ArrayLike<number>,
  positiveShare: ArrayLike<number>,
  quantiles: number = GAINS_QUANTILES,
): { populationShare: number[]; positiveShare: number[] } {
  const n = populationShare.length;
  if (positiveShare.length !== n) throw new Error(`gainsAtQuantiles: series lengths differ (${n}, ${positiveShare.length})`);
  if (n <= quantiles + 1) return { populationShare: Array.from(populationShare), positiveShare: Array.from(positiveShare) };
  const x: number[] = [];
  const y: number[] = [];
  let i = 0;
  for (let k = 0; k <= quantiles; k++) {
    const q = k / quantiles;
    while (i < n - 1 && populationShare[i + 1]! < q) i++;
    // Now populationShare[i] < q <= populationShare[i + 1], except at the ends.
    const x0 = populationShare[i]!;
    const x1 = populationShare[Math.min(i + 1, n - 1)]!;
    const y0 = positiveShare[i]!;
    const y1 = positiveShare[Math.min(i + 1, n - 1)]!;
    const value = q <= x0 ? y0 : q >= x1 ? y1 : y0 + ((q - x0) / (x1 - x0)) * (y1 - y0);
    x.push(q);
    y.push(value);
  }
  return { populationShare: x, positiveShare: y };
}
