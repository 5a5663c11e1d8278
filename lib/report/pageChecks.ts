/**
 * The checks every report page passes before it is published: in a real browser, every figure its notebook
 * made is drawn and nothing logs an error (else the report fails); the page stays within its size budget and
 * no cell prints a wall of text (else the report warns, naming the page and the cell).
 */
import { readFileSync, statSync } from 'node:fs';
import { oversizedTextOutputs, TEXT_OUTPUT_LIMIT, type ExecutedNotebook } from './outputCheck';
import { figuresInPage, verifyHtmlReports } from './verify';

/** Most bytes a report page may have (plotly.js, inlined once, is about 4.8 MB of it). */
export const PAGE_SIZE_LIMIT = 8 * 1024 * 1024;

/** One page to check: its name, HTML file and, for a notebook page, the executed notebook. */
export type PageToCheck = { name: string; html: string; ipynb?: string };

/** What the checks saw on one page. */
export type PageReport = {
  name: string;
  bytes: number;
  /** Figures the notebook made (`show()` containers in the page). */
  figures: number;
  /** Figures the browser drew. */
  plots: number;
  consoleErrors: string[];
};

/** Reports per page, `problems` that fail the report, `warnings` that do not. */
export type PageCheckResult = { pages: PageReport[]; problems: string[]; warnings: string[] };

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Runs every check on `pages` (one browser for all of them). */
export async function checkReportPages(pages: readonly PageToCheck[]): Promise<PageCheckResult> {
  const checks = await verifyHtmlReports(pages.map((p) => p.html));
  const problems: string[] = [];
  const warnings: string[] = [];
  const reports = pages.map((page, i): PageReport => {
    const { plots, unrendered, consoleErrors } = checks[i]!; // one check per page
    const figures = figuresInPage(readFileSync(page.html, 'utf8'));
    const bytes = statSync(page.html).size;
    if (plots !== figures || unrendered > 0) problems.push(`${page.name}: the browser drew ${plots} of its ${figures} figures`);
    for (const error of consoleErrors) problems.push(`${page.name}: page error: ${error}`);
    if (bytes > PAGE_SIZE_LIMIT) warnings.push(`${page.name}: ${megabytes(bytes)}, over the ${megabytes(PAGE_SIZE_LIMIT)} budget`);
    if (page.ipynb) {
      const notebook = JSON.parse(readFileSync(page.ipynb, 'utf8')) as ExecutedNotebook;
      for (const o of oversizedTextOutputs(notebook)) {
        warnings.push(
          `${page.name}: cell ${o.cell} prints ${o.bytes} bytes of ${o.kind} (over ${TEXT_OUTPUT_LIMIT}; show a table instead): ${o.firstLine}`,
        );
      }
    }
    return { name: page.name, bytes, figures, plots, consoleErrors };
  });
  return { pages: reports, problems, warnings };
}
