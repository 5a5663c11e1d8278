/**
 * Display of figures and small tables inside tslab notebooks. The HTML goes out as `text/html`
 * outputs, which `jupyter nbconvert --to html` copies verbatim (script tags included) into the
 * exported page, so the exported report renders offline.
 */
import type * as Tslab from 'tslab';
import type { Figure } from './figure';
import { FigureHtmlSequence } from './embed';
import { htmlTable, type TableRow } from './htmlTable';

// Kept on globalThis, not in module scope: tslab re-evaluates a local module when its file changes,
// and a fresh module must not inline the library a second time in the same kernel.
const SEQUENCE_KEY = Symbol.for('purchase-prediction.figureHtmlSequence');

/**
 * The tslab of the running kernel. Cells get it from the kernel's own `require` (globalThis.__tslab__),
 * which this compiled library does not go through: a kernel installed elsewhere (a global tslab, another
 * checkout) would otherwise hand its output to a second, unconnected tslab ("Not ready"). Loaded on first
 * display, so importing the library outside a kernel (scripts, tests) does not load tslab's compiler.
 */
function kernelTslab(): typeof Tslab {
  const kernel = (globalThis as { __tslab__?: { require?: (id: string) => unknown } }).__tslab__;
  return (kernel?.require ? kernel.require('tslab') : require('tslab')) as typeof Tslab;
}

function sequence(): FigureHtmlSequence {
  const store = globalThis as unknown as Record<symbol, FigureHtmlSequence | undefined>;
  store[SEQUENCE_KEY] ??= new FigureHtmlSequence();
  return store[SEQUENCE_KEY];
}

/**
 * Renders `fig` in the current notebook cell. The first call of a kernel session also emits
 * plotly.js itself (inline), later calls only the figure: run notebooks top to bottom in a
 * fresh kernel (as nbconvert does) so the library lands in the first figure's output.
 */
export function show(fig: Figure, size: { width?: number; height?: number } = {}): void {
  kernelTslab().display.html(sequence().next(fig, size));
}

/** Renders rows (objects with the same keys) as an HTML table in the current cell. */
export function showTable(rows: TableRow[], options: { digits?: number } = {}): void {
  kernelTslab().display.html(htmlTable(rows, options));
}
