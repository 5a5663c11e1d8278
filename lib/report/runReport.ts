/**
 * The project's main job: execute the study's notebooks headless, then export every recorded figure as
 * PNG and put the report in place.
 *
 * The notebooks run in order, each in a fresh kernel. The first (EDA) runs the pipeline once and saves the
 * modelling table to the run's work folder; the modelling notebook reads it instead of loading, cleaning and
 * building features again (that is most of a run's time). Each notebook records its figures as JSON specs
 * (see lib/notebook/figureRecorder.ts); all of them are rendered to PNG in one Chromium session at the end.
 *
 * The slide deck (deck.html, deck.pdf) is built from the same records; then every page is checked in the
 * browser (pageChecks.ts): a figure not drawn or a page error fails the run, an oversized page or a cell
 * printing a wall of text is reported as a warning.
 *
 * Everything is produced in a work folder inside `out` and moved into place only after every step worked:
 * the HTML pages last, so a stopped or failed run never leaves a complete-looking half report.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Backend } from '../engine/engine';
import type { FeatureMode } from '../features/modes';
import { readRecordedFigures, type RecordedFigure } from '../notebook/figureRecorder';
import { readRecordedTables } from '../notebook/tableRecorder';
import { MODEL_TABLE_FILES } from '../notebook/modelTableFiles';
import { moveFileAtomic } from '../io/atomicWrite';
import { cpuSecondsWithChildren } from './cpuTime';
import { ensureLibraryBuild } from './libraryBuild';
import { DECK_FILES, makeDeck } from './makeDeck';
import { executeNotebook, REPOSITORY_ROOT } from './notebook';
import { notebookEnvironment } from '../notebook/contract';
import { HONEST_TARGETS_FILE } from '../honest/targeting';
import { ensurePackageStubs } from './packageStubs';
import { checkReportPages, type PageReport } from './pageChecks';
import { renderPng } from './png';
import { plainInputBytes } from '../data/eventStore';
import { listEventFiles } from '../data/files';

/**
 * The report's notebooks; `optional` ones are skipped when their file is absent. Notebooks of one `lane` run in
 * order (modeling reads the table eda_feature_eng hands off); lanes run side by side, one kernel each, which
 * on two cores cuts the report's wall time to about its longest lane.
 */
export const REPORT_NOTEBOOKS: readonly { name: string; optional: boolean; lane: number }[] = [
  { name: 'eda_feature_eng', optional: false, lane: 0 },
  { name: 'modeling', optional: false, lane: 0 },
  { name: 'honest_evaluation', optional: true, lane: 1 },
];

/** Files a notebook may leave in the work folder that the report publishes beside the pages. */
export const REPORT_EXTRA_FILES = [HONEST_TARGETS_FILE] as const;

/**
 * Preloads of headless kernels: no watching of the files a cell imports (kernelNoWatch.cjs), so a library
 * rebuilt by another process during a run cannot break the kernel's compiler. Notebooks need no preload:
 * the report runs them as any Jupyter front end would.
 */
export const KERNEL_PRELOADS = [join(__dirname, 'kernelNoWatch.cjs')];

/** NODE_OPTIONS of a headless kernel: the caller's options plus the preloads. */
export function kernelNodeOptions(base: string | undefined = process.env.NODE_OPTIONS): string {
  return [base ?? '', ...KERNEL_PRELOADS.map((p) => `--require ${p}`)].join(' ').trim();
}

/** Name prefix of a run's hidden work folder inside the report folder. */
const WORK_PREFIX = '.report-work-';

/** Folder of the notebooks in the repository. */
export const NOTEBOOKS_DIR = join(REPOSITORY_ROOT, 'notebooks');

/** Options of {@link runReport}. */
export type ReportOptions = {
  /** Folder of the month CSV files. */
  data: string;
  /** Report folder: `<name>.html`, `<name>.ipynb`, `figures/*.png`, `model_performance.{csv,md}`. */
  out: string;
  seed?: number;
  backend?: Backend;
  mode?: FeatureMode;
  /** Reference date for recency, `YYYY-MM-DD` (default: the day after the last event). */
  refDate?: string;
  /** Notebooks to run instead of {@link REPORT_NOTEBOOKS} (absolute paths; tests use this). */
  notebooks?: string[];
  /** Per-cell timeout in seconds (default 1800). */
  timeoutSeconds?: number;
  /** Receives progress lines (default: none). */
  log?: (line: string) => void;
};

/** What a report run produced, with absolute paths. */
export type ReportResult = {
  html: string[];
  figures: string[];
  modelTable: { csv: string; markdown: string } | undefined;
  /** Other published files (e.g. the honest targeting list). */
  extraFiles: string[];
  /** The slide deck and the titles of its slides (in order); undefined when no slide had its figure or table. */
  deck: { html: string; pdf: string; slides: string[] } | undefined;
  /** What the browser checks saw on each page (the notebooks' pages, then the deck). */
  pages: PageReport[];
  /** Pages over their size budget, cells printing over 2 KB of text, slides left out. */
  warnings: string[];
  /** Wall-clock seconds of the whole run. */
  seconds: number;
  /** CPU seconds of this process and everything it ran (kernels, Chromium); undefined off Linux. */
  cpuSeconds: number | undefined;
};

/** The notebook files of a default report: the fixed list, optional ones only when present. */
export function reportNotebookPaths(dir: string = NOTEBOOKS_DIR): string[] {
  return reportNotebookLanes(dir).flat();
}

/**
 * Lanes run side by side up to this much input (plain CSV bytes; the default data: ~80 MB), one notebook at a time
 * above it: each kernel holds its own copy of the events, and at 9M events two of them side by side took the
 * report's processes to 4.8 GiB together, over the 2 GiB target.
 */
export const SIDE_BY_SIDE_MAX_INPUT_BYTES = 300e6;

/** Whether the report's lanes run side by side on the input in `data` (a folder or file). */
export function lanesSideBySide(data: string): boolean {
  return plainInputBytes(listEventFiles(data)) <= SIDE_BY_SIDE_MAX_INPUT_BYTES;
}

/** The default notebooks grouped by lane (each lane in order); absent optional notebooks left out. */
export function reportNotebookLanes(dir: string = NOTEBOOKS_DIR): string[][] {
  const lanes: string[][] = [];
  for (const { name, optional, lane } of REPORT_NOTEBOOKS) {
    const path = join(dir, `${name}.ipynb`);
    if (optional && !existsSync(path)) continue;
    (lanes[lane] ??= []).push(path);
  }
  return lanes.filter((l) => l && l.length > 0);
}

function notebookName(path: string): string {
  return path.replace(/^.*[\\/]/, '').replace(/\.ipynb$/i, '');
}

/**
 * Runs the report. Rejects on the first failing notebook: a cell failure is a `NotebookCellError` whose
 * message names the notebook, the cell number, its source and the error; nothing is moved into `out` then.
 */
export async function runReport(options: ReportOptions): Promise<ReportResult> {
  const started = performance.now();
  const cpuAtStart = cpuSecondsWithChildren();
  const log = options.log ?? (() => {});
  const out = resolve(options.out);
  const data = resolve(options.data);
  if (!existsSync(data)) throw new Error(`data folder not found: ${data}`);
  // Explicit notebooks (tests) run one after another; the default ones in their lanes.
  const lanes = options.notebooks ? [options.notebooks] : reportNotebookLanes();
  const notebooks = lanes.flat();
  // The notebooks import the compiled library: never run them against a build older than lib/.
  ensureLibraryBuild({ log: (line) => log(`report: ${line}`) });
  ensurePackageStubs();
  mkdirSync(out, { recursive: true });
  // A run killed outright (SIGKILL, power loss) cannot clean up: its work folder goes now.
  for (const entry of readdirSync(out)) {
    if (entry.startsWith(WORK_PREFIX)) rmSync(join(out, entry), { recursive: true, force: true });
  }
  // Inside `out`, so the final moves are renames on one file system.
  const work = mkdtempSync(join(out, WORK_PREFIX));
  try {
    const pngDir = join(work, 'figures');
    const figureSpecs = notebooks.map((notebook) => ({
      notebook: notebookName(notebook),
      dir: join(work, 'figure-specs', notebookName(notebook)),
    }));
    const runNotebook = async (notebook: string) => {
      const name = notebookName(notebook);
      const figureDir = join(work, 'figure-specs', name);
      const env = {
        NODE_OPTIONS: kernelNodeOptions(),
        ...notebookEnvironment({
          dataDir: data,
          backend: options.backend,
          seed: options.seed,
          refDate: options.refDate,
          figureDir,
          mode: options.mode,
          reportDir: work,
        }),
      };
      log(`report: running ${name}.ipynb ...`);
      const { seconds } = await executeNotebook({
        notebook,
        outHtml: join(work, `${name}.html`),
        env,
        timeoutSeconds: options.timeoutSeconds,
      });
      log(`report: ${name}.ipynb done in ${seconds.toFixed(1)} s`);
    };
    if (lanes.length > 1 && !lanesSideBySide(data)) {
      log(`report: input over ${SIDE_BY_SIDE_MAX_INPUT_BYTES / 1e6} MB of CSV: one notebook at a time, so one kernel holds the data`);
      for (const notebook of notebooks) await runNotebook(notebook);
    } else {
      // allSettled, so a failing lane never leaves the other one writing into a removed work folder.
      const outcomes = await Promise.allSettled(
        lanes.map(async (lane) => {
          for (const notebook of lane) await runNotebook(notebook);
        }),
      );
      const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
      if (failed) throw failed.reason;
    }
    const pages = notebooks.map(notebookName);

    // One PNG per recorded figure; two notebooks using one name would overwrite each other's file.
    const owner = new Map<string, string>();
    const recorded: RecordedFigure[] = [];
    const requests = figureSpecs.flatMap(({ notebook, dir }) =>
      readRecordedFigures(dir).map((figure) => {
        const previous = owner.get(figure.name);
        if (previous) throw new Error(`figure name '${figure.name}' is used by both ${previous} and ${notebook}`);
        owner.set(figure.name, notebook);
        recorded.push(figure);
        return { fig: figure.fig, width: figure.width, height: figure.height, path: join(pngDir, `${figure.name}.png`) };
      }),
    );
    const pngStarted = performance.now();
    mkdirSync(pngDir, { recursive: true });
    await renderPng(requests);
    log(`report: ${requests.length} PNG figures rendered in ${((performance.now() - pngStarted) / 1000).toFixed(1)} s`);

    const warnings: string[] = [];
    const deckStarted = performance.now();
    const tables = figureSpecs.flatMap(({ dir }) => readRecordedTables(dir));
    const deckDir = join(work, 'deck');
    const deck = await makeDeck(recorded, tables, deckDir);
    for (const title of deck.skipped) warnings.push(`deck: slide '${title}' left out (its figure or table was not recorded in this run)`);
    log(`report: deck of ${deck.slides.length} slides (HTML and PDF) in ${((performance.now() - deckStarted) / 1000).toFixed(1)} s`);

    const checkStarted = performance.now();
    const checks = await checkReportPages([
      ...pages.map((page) => ({ name: `${page}.html`, html: join(work, `${page}.html`), ipynb: join(work, `${page}.ipynb`) })),
      { name: DECK_FILES.html, html: deck.html },
    ]);
    if (checks.problems.length > 0) throw new Error(`report pages failed their browser check:\n${checks.problems.join('\n')}`);
    warnings.push(...checks.warnings);
    for (const warning of warnings) log(`report: warning: ${warning}`);
    log(`report: ${checks.pages.length} pages checked in the browser in ${((performance.now() - checkStarted) / 1000).toFixed(1)} s`);

    const result = publish(work, out, pages, deck.slides.length > 0 ? deckDir : undefined);
    const cpuAtEnd = cpuSecondsWithChildren();
    return {
      ...result,
      deck: result.deck ? { ...result.deck, slides: deck.slides } : undefined,
      pages: checks.pages,
      warnings,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: cpuAtStart === undefined || cpuAtEnd === undefined ? undefined : cpuAtEnd - cpuAtStart,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Moves the finished report from `work` into `out`: first the old pages go (from here on `out` holds no
 * page until the new ones arrive), then figures and tables, the deck, the pages last.
 */
function publish(
  work: string,
  out: string,
  pages: string[],
  deckDir: string | undefined,
): Omit<ReportResult, 'seconds' | 'cpuSeconds' | 'pages' | 'warnings' | 'deck'> & { deck: { html: string; pdf: string } | undefined } {
  for (const page of pages) rmSync(join(out, `${page}.html`), { force: true });
  for (const file of Object.values(DECK_FILES)) rmSync(join(out, file), { force: true });
  const figuresOut = join(out, 'figures');
  rmSync(figuresOut, { recursive: true, force: true });
  renameSync(join(work, 'figures'), figuresOut);
  const figures = readdirSync(figuresOut)
    .sort()
    .map((f) => join(figuresOut, f));

  let modelTable: ReportResult['modelTable'];
  if (existsSync(join(work, MODEL_TABLE_FILES.csv))) {
    modelTable = { csv: join(out, MODEL_TABLE_FILES.csv), markdown: join(out, MODEL_TABLE_FILES.markdown) };
    moveFileAtomic(join(work, MODEL_TABLE_FILES.csv), modelTable.csv);
    moveFileAtomic(join(work, MODEL_TABLE_FILES.markdown), modelTable.markdown);
  }
  const extraFiles: string[] = [];
  for (const file of REPORT_EXTRA_FILES) {
    if (!existsSync(join(work, file))) continue;
    moveFileAtomic(join(work, file), join(out, file));
    extraFiles.push(join(out, file));
  }
  let deck: { html: string; pdf: string } | undefined;
  if (deckDir) {
    deck = { html: join(out, DECK_FILES.html), pdf: join(out, DECK_FILES.pdf) };
    moveFileAtomic(join(deckDir, DECK_FILES.pdf), deck.pdf);
    moveFileAtomic(join(deckDir, DECK_FILES.html), deck.html);
  }
  const html = pages.map((page) => {
    moveFileAtomic(join(work, `${page}.ipynb`), join(out, `${page}.ipynb`));
    moveFileAtomic(join(work, `${page}.html`), join(out, `${page}.html`));
    return join(out, `${page}.html`);
  });
  return { html, figures, modelTable, extraFiles, deck };
}
