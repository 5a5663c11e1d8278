/** Shared assertions for figure specs: titles and axis titles as plain strings. */
import assert from 'node:assert/strict';
import type { Figure } from '../../lib/plots/figure';

type Titled = { title?: string | { text?: string } } | undefined;

/** The text of a plotly title, whether given as a string or as `{ text }`. */
export function titleText(owner: Titled): string | undefined {
  const title = owner?.title;
  return typeof title === 'string' ? title : title?.text;
}

/** Asserts the figure's title and its x/y axis titles. */
export function assertTitles(fig: Figure, title: string, xTitle: string, yTitle: string): void {
  assert.equal(titleText(fig.layout as Titled), title);
  assert.equal(titleText(fig.layout.xaxis as Titled), xTitle);
  assert.equal(titleText(fig.layout.yaxis as Titled), yTitle);
}

/** The traces as loose records, for checking attributes @types/plotly.js does not model. */
export function traces(fig: Figure): Record<string, unknown>[] {
  return fig.data as Record<string, unknown>[];
}

/** The figure after a JSON round trip: what the browser receives (typed arrays would not survive). */
export function viaJson(fig: Figure): Figure {
  return JSON.parse(JSON.stringify(fig)) as Figure;
}
