/**
 * HTML snippets that render a Figure in a browser page: the plotly.js library as an inline script,
 * and one `<div>` + `Plotly.newPlot` call per figure. Shared by notebook display and PNG export so
 * both draw figures the same way.
 */
import { readFileSync } from 'node:fs';
import type { Figure } from './figure';

/** Path of the bundled, minified plotly.js (the npm package `plotly.js-dist-min`). */
export function plotlyLibraryPath(): string {
  return require.resolve('plotly.js-dist-min/plotly.min.js');
}

let librarySource: string | undefined;

/**
 * `<script>` element carrying the whole plotly.js library inline (about 4.8 MB), so a page
 * that contains it renders figures offline. The library sets `window.Plotly`.
 */
export function plotlyLibraryScript(): string {
  librarySource ??= readFileSync(plotlyLibraryPath(), 'utf8');
  // An HTML parser ends a script at the first "</script"; the bundle has none today, but a
  // future version must not silently truncate the page.
  const safe = librarySource.replace(/<\/(script)/gi, '<\\/$1');
  return `<script type="text/javascript">${safe}</script>`;
}

/**
 * JSON that is safe inside an inline `<script>`: "</" cannot close the element, and the two
 * line separators JSON allows but older JavaScript does not are escaped.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Options for the element a figure is drawn into. */
export type FigureDivOptions = { id: string; width?: number; height?: number };

/**
 * A `<div>` plus the script that draws `fig` into it. Requires `window.Plotly`, i.e. a
 * {@link plotlyLibraryScript} earlier in the same page.
 */
export function figureDivHtml(fig: Figure, options: FigureDivOptions): string {
  const height = options.height ?? fig.layout.height ?? 450;
  const width = options.width ?? fig.layout.width;
  const style = `${width === undefined ? 'width:100%' : `width:${width}px`};height:${height}px`;
  const id = scriptSafeJson(options.id);
  return (
    `<div id=${JSON.stringify(options.id)} class="purchase-figure" style="${style}"></div>\n` +
    `<script type="text/javascript">` +
    `Plotly.newPlot(${id}, ${scriptSafeJson(fig.data)}, ${scriptSafeJson(fig.layout)}, {responsive: true});` +
    `</script>`
  );
}

/**
 * Produces the HTML for a sequence of figures in one page, inlining the library only before the
 * first one: a notebook exported to HTML then carries plotly.js once, however many figures it has.
 */
export class FigureHtmlSequence {
  private emitted = 0;
  private readonly prefix = `purchase-fig-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;

  /** HTML for the next figure: library script (first call only), then the figure's div and script. */
  next(fig: Figure, size: { width?: number; height?: number } = {}): string {
    const id = `${this.prefix}-${this.emitted}`;
    const library = this.emitted === 0 ? `${plotlyLibraryScript()}\n` : '';
    this.emitted += 1;
    return library + figureDivHtml(fig, { id, ...size });
  }

  /** Number of figures emitted so far. */
  get count(): number {
    return this.emitted;
  }
}
