/**
 * The deck as PDF: headless Chromium prints the deck's page with its own page size (16:9, one slide per
 * page, see deck.ts), the way a browser's "Save as PDF" would, over the DevTools protocol.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../io/atomicWrite';
import { withChromium } from './chromium';

/** Prints the HTML file `htmlPath` to `pdfPath` (written atomically); returns the PDF's size in bytes. */
export async function printPdf(htmlPath: string, pdfPath: string): Promise<number> {
  return withChromium(async (browser) => {
    const page = await browser.newPage({ width: 1280, height: 720 });
    await page.navigate(pathToFileURL(resolve(htmlPath)).href, 120_000);
    const { data } = (await page.send('Page.printToPDF', { printBackground: true, preferCSSPageSize: true })) as { data: string };
    const errors = [...page.errors];
    await page.close();
    if (errors.length > 0) throw new Error(`${htmlPath}: the page reported errors while printing:\n${errors.join('\n')}`);
    const pdf = Buffer.from(data, 'base64');
    writeFileAtomic(pdfPath, pdf);
    return pdf.length;
  });
}
