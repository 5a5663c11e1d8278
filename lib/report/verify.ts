/**
 * Checks an exported HTML report in a real browser: how many plotly figures actually rendered,
 * and which JavaScript errors (uncaught exceptions, console.error, failed loads) the page produced.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withChromium, type HeadlessChromium } from './chromium';

/** What a browser saw when loading a report. */
export type HtmlReportCheck = {
  /** Figures drawn: plotly containers (`.js-plotly-plot`) that hold a rendered `svg.main-svg`. */
  plots: number;
  /** Containers of `show()` (`.purchase-figure`) in which plotly drew nothing. */
  unrendered: number;
  consoleErrors: string[];
};

// Figures draw synchronously during load, except WebGL/async parts: wait until the count of drawn
// figures has been stable for a few polls (or the deadline passes).
const SETTLE_SCRIPT = `(async () => {
  const count = () => [...document.querySelectorAll('.js-plotly-plot')].filter((el) => el.querySelector('svg.main-svg')).length;
  const deadline = Date.now() + 10000;
  let last = -1, stable = 0;
  while (Date.now() < deadline && stable < 3) {
    await new Promise((r) => setTimeout(r, 100));
    const now = count();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  const unrendered = [...document.querySelectorAll('.purchase-figure')].filter((el) => !el.querySelector('svg.main-svg')).length;
  return { plots: count(), unrendered };
})()`;

/** Loads one HTML file in a tab of `browser` and reports rendered figures and page errors. */
export async function checkPage(browser: HeadlessChromium, path: string): Promise<HtmlReportCheck> {
  const page = await browser.newPage();
  await page.navigate(pathToFileURL(resolve(path)).href, 120_000);
  const { plots, unrendered } = await page.evaluate<{ plots: number; unrendered: number }>(SETTLE_SCRIPT);
  const consoleErrors = [...page.errors];
  await page.close();
  return { plots, unrendered, consoleErrors };
}

/** Loads the HTML file in headless Chromium and reports rendered figures and page errors. */
export async function verifyHtmlReport(path: string): Promise<HtmlReportCheck> {
  return withChromium((browser) => checkPage(browser, path));
}

/** {@link verifyHtmlReport} for several pages, one after another in one browser. */
export async function verifyHtmlReports(paths: readonly string[]): Promise<HtmlReportCheck[]> {
  return withChromium(async (browser) => {
    const checks: HtmlReportCheck[] = [];
    for (const path of paths) checks.push(await checkPage(browser, path));
    return checks;
  });
}

/** Figure containers `show()` wrote into an exported page: the figures its notebook made. */
export function figuresInPage(html: string): number {
  return html.split('class="purchase-figure"').length - 1;
}
