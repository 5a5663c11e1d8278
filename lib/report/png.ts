/**
 * PNG export of figures: one headless Chromium, one page holding plotly.js, and
 * `Plotly.toImage` per figure; the PNG bytes come back over the DevTools pipe as a data URL.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Figure } from '../plots/figure';
import { plotlyLibraryPath, scriptSafeJson } from '../plots/embed';
import { withChromium } from './chromium';
import { writeFileAtomic } from '../io/atomicWrite';

/** Default PNG size when neither the request nor the figure's layout gives one. */
export const DEFAULT_PNG_SIZE = { width: 900, height: 500 } as const;

/**
 * One figure to export, with the PNG's path and size in CSS pixels; `scale` multiplies the pixels (2 for
 * the deck's print-sharp images), default 1.
 */
export type PngRequest = { fig: Figure; path: string; width?: number; height?: number; scale?: number };

const DATA_URL_PREFIX = 'data:image/png;base64,';

/**
 * Renders every figure to its PNG file (written atomically), using one browser for all of them.
 * Rejects on the first figure plotly cannot draw, naming its path.
 */
export async function renderPng(figs: PngRequest[]): Promise<void> {
  if (figs.length === 0) return;
  const dir = mkdtempSync(join(tmpdir(), 'render-png-'));
  try {
    const pagePath = join(dir, 'render.html');
    // The library is referenced, not inlined: the page is local and parsing stays cheap.
    writeFileSync(
      pagePath,
      `<!doctype html><html><head><meta charset="utf-8">` +
        `<script src="${pathToFileURL(plotlyLibraryPath()).href}"></script></head><body></body></html>`,
    );
    await withChromium(async (browser) => {
      const page = await browser.newPage();
      await page.navigate(pathToFileURL(pagePath).href);
      for (const request of figs) {
        const width = request.width ?? request.fig.layout.width ?? DEFAULT_PNG_SIZE.width;
        const height = request.height ?? request.fig.layout.height ?? DEFAULT_PNG_SIZE.height;
        const figure = { data: request.fig.data, layout: { ...request.fig.layout, width, height } };
        let url: string;
        try {
          url = await page.evaluate<string>(
            `Plotly.toImage(${scriptSafeJson(figure)}, { format: 'png', width: ${width}, height: ${height}, scale: ${request.scale ?? 1} })`,
          );
        } catch (error) {
          throw new Error(`cannot render ${request.path}: ${(error as Error).message}`);
        }
        if (!url.startsWith(DATA_URL_PREFIX)) throw new Error(`cannot render ${request.path}: not a PNG data URL`);
        writeFileAtomic(request.path, Buffer.from(url.slice(DATA_URL_PREFIX.length), 'base64'));
      }
      await page.close();
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
