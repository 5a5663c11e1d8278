import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKaggleFiles } from '../../lib/data/generate';
import { runPipeline } from '../../lib/pipeline/runPipeline';
import { withChromium } from '../../lib/report/chromium';
import { NotebookCellError } from '../../lib/report/notebook';
import { oversizedTextOutputs, type ExecutedNotebook } from '../../lib/report/outputCheck';
import { PAGE_SIZE_LIMIT } from '../../lib/report/pageChecks';
import { NOTEBOOKS_DIR, reportNotebookPaths, runReport, type ReportResult } from '../../lib/report/runReport';
import { verifyHtmlReport } from '../../lib/report/verify';
import { pdfPages } from './pdfPages';
import { decodePng, type DecodedPng } from './pngReader';

const MODELS = ['logistic-regression', 'knn', 'random-forest', 'naive-bayes', 'xgboost', 'decision-tree'];
const PER_MODEL = ['confusion', 'precision-recall-vs-threshold', 'pr-curve', 'roc', 'f1-vs-threshold'];
const EDA_FIGURES = [
  'cleaning-funnel',
  'price-histogram',
  'target-balance',
  'rfm-pair-plot',
  'rfm-scatter-3d',
  'brand-view-share',
  'brand-cart-share',
  'feature-calibration',
];
const MODELING_FIGURES = [
  'knn-accuracy-vs-k',
  ...MODELS.flatMap((m) => PER_MODEL.map((f) => `${m}-${f}`)),
  'roc-overlay',
  'xgboost-feature-importance',
  'model-performance-table',
];
const HONEST_FIGURES = [
  'honest-gains',
  'honest-lift',
  'honest-cost-curve',
  'honest-origins-roc-auc',
  'honest-origins-pr-auc',
  'honest-origins-lift',
  'honest-reliability',
  'honest-reliability-calibrated',
  'honest-profit-by-k',
];
// PNG sizes: 900 x 500 unless the notebook or the figure's layout asks otherwise.
const SIZES: Record<string, [number, number]> = {
  'cleaning-funnel': [900, 420],
  'feature-calibration': [900, 640],
  'rfm-pair-plot': [900, 900],
  'rfm-scatter-3d': [900, 650],
  'xgboost-feature-importance': [900, 520],
  'model-performance-table': [1100, 380],
};
// Figures with a plain x axis whose title is drawn along the bottom edge.
const NO_BOTTOM_AXIS_TITLE = new Set(['rfm-scatter-3d', 'model-performance-table', 'rfm-pair-plot', 'cleaning-funnel']);

/** Pixels in a band of rows that are clearly darker than the white background (text, lines, marks). */
function darkPixels(png: DecodedPng, fromRow: number, toRow: number): number {
  let count = 0;
  for (let y = fromRow; y < toRow; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * png.channels;
      if (png.pixels[i]! < 160 && png.pixels[i + 1]! < 160 && png.pixels[i + 2]! < 160) count++;
    }
  }
  return count;
}

function distinctColours(png: DecodedPng): number {
  const seen = new Set<number>();
  for (let i = 0; i < png.pixels.length; i += png.channels)
    seen.add((png.pixels[i]! << 16) | (png.pixels[i + 1]! << 8) | png.pixels[i + 2]!);
  return seen.size;
}

/**
 * Drawn in a browser: the figures plotly rendered in the page and the most points of any line trace
 * (what plotly holds for the trace, read back from the drawn figures).
 */
async function drawnPoints(page: string): Promise<{ figures: number; mostLinePoints: number }> {
  return withChromium(async (browser) => {
    const tab = await browser.newPage();
    await tab.navigate(`file://${page}`, 120_000);
    const result = await tab.evaluate<{ figures: number; mostLinePoints: number }>(`(() => {
      const plots = [...document.querySelectorAll('.js-plotly-plot')];
      const lines = plots.flatMap((p) => p.data).filter((t) => (t.type ?? 'scatter') === 'scatter' && String(t.mode ?? '').includes('lines'));
      return { figures: plots.length, mostLinePoints: Math.max(0, ...lines.map((t) => (t.x ?? []).length)) };
    })()`);
    await tab.close();
    return result;
  });
}

/** Data lines and distinct users of the generated CSV files, counted directly from the text. */
function countCsv(dir: string): { rows: number; users: number } {
  let rows = 0;
  const users = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.csv'))) {
    const lines = readFileSync(join(dir, file), 'utf8')
      .split('\n')
      .slice(1)
      .filter((l) => l !== '');
    rows += lines.length;
    // user_id is the second-to-last field: counting from the end is immune to commas in quoted text fields.
    for (const line of lines) {
      const fields = line.split(',');
      users.add(fields[fields.length - 2]!);
    }
  }
  return { rows, users: users.size };
}

test('runReport: the three notebooks, kernels in notebooks/, on a small data set: checked pages, PNG figures, model table and deck; a failing cell stops the run', async () => {
  const root = mkdtempSync(join(tmpdir(), 'run-report-test-'));
  try {
    const data = join(root, 'data');
    await generateKaggleFiles({ out: data, users: 15_000, seed: 7 });
    const raw = countCsv(data);
    const out = join(root, 'report');

    // The failing run goes to its own folder, concurrently (each run starts its own kernels).
    const failedOut = join(root, 'failed');
    // The work folder of an earlier run that was killed outright: removed by the next run.
    mkdirSync(join(failedOut, '.report-work-killed', 'figures'), { recursive: true });
    const failure = runReport({ data, out: failedOut, notebooks: [join(__dirname, '..', 'fixtures', 'notebooks', 'failing.ipynb')] }).then(
      () => new Error('the failing notebook did not fail'),
      (error: unknown) => error,
    );
    // The default notebooks, in their lanes, each kernel started in notebooks/ as a Jupyter front end starts it.
    const result: ReportResult = await runReport({ data, out, seed: 11 });

    // Numbers in the cells, against counts made here: raw rows and users from the files themselves,
    // modelled users and buyers by SQL on a separate pipeline run.
    const eda = readFileSync(join(out, 'eda_feature_eng.html'), 'utf8');
    assert.ok(eda.includes(`raw events: ${raw.rows} rows from ${raw.users} users`), 'raw counts in the EDA page');
    const pipeline = await runPipeline({ data });
    let modelled: number;
    let buyers: number;
    try {
      const [counts] = await pipeline.engine.all<{ users: number; buyers: number }>(
        'SELECT CAST(COUNT(*) AS INTEGER) AS users, CAST(SUM(purchased) AS INTEGER) AS buyers FROM modelling_table',
      );
      assert.ok(counts);
      modelled = counts.users;
      buyers = counts.buyers;
      assert.ok(
        eda.includes(`modelled users: ${counts.users}; purchasers: ${counts.buyers} (`),
        `modelled users ${counts.users} in the EDA page`,
      );
      assert.ok(eda.includes(`modelling table: ${counts.users} users x 19 columns`));
      const [funnel] = await pipeline.engine.all<{ n: number }>('SELECT CAST(COUNT(*) AS INTEGER) AS n FROM clean_events');
      assert.ok(funnel);
      assert.ok(eda.includes(funnel.n.toLocaleString('en-US')), 'cleaned rows in the funnel table');
    } finally {
      await pipeline.close();
    }
    const modeling = readFileSync(join(out, 'modeling.html'), 'utf8');
    assert.ok(modeling.includes(`user table: ${modelled} users from`), 'the modelling notebook used the same table');
    // The split table starts with all users and all buyers.
    assert.ok(
      modeling.includes(`<td style="text-align:right">${modelled}</td><td style="text-align:right">${buyers}</td>`),
      'split counts table',
    );

    // Model table files: the eight rows of the study, metrics within [0, 1].
    const csv = readFileSync(join(out, 'model_performance.csv'), 'utf8').trim().split('\n');
    assert.equal(csv[0], 'model,accuracy,roc_auc,f1,precision,recall,best_threshold,best_f1,fit_s');
    assert.deepEqual(
      csv.slice(1).map((l) => l.split(',')[0]),
      ['Logistic regression', 'k-NN', 'Random forest', 'Gaussian naive Bayes', 'XGBoost', 'Decision tree', 'Hard voting', 'Soft voting'],
    );
    for (const line of csv.slice(1)) for (const v of line.split(',').slice(1, 6).map(Number)) assert.ok(v >= 0 && v <= 1, line);
    const xgboostAuc = Number(csv.find((l) => l.startsWith('XGBoost,'))!.split(',')[2]);
    assert.ok(xgboostAuc > 0.8, `XGBoost AUC ${xgboostAuc}: the leaky features make purchases easy to recognise`);
    assert.match(readFileSync(join(out, 'model_performance.md'), 'utf8'), /^\| model \| accuracy \| roc_auc \|/);

    // The estimator API by hand gives the study's XGBoost (same settings, same seed); each model shows its hyperparameters.
    const xgboostRow = csv.find((l) => l.startsWith('XGBoost,'))!.split(',');
    assert.ok(
      modeling.includes(`XGBoost fitted by hand: ROC AUC ${Number(xgboostRow[2]).toFixed(3)} on `),
      'the hand-fitted XGBoost matches the table',
    );
    assert.ok(modeling.includes('<th>model</th><th>nEstimators</th><th>maxDepth</th><th>learningRate</th><th>subsample</th><th>seed</th>'));
    const chosenK = /chosen k = (\d+)/.exec(modeling)![1];
    assert.ok(modeling.includes(`<tr><td>k-NN</td><td style="text-align:right">${chosenK}</td></tr>`), 'k-NN shows the chosen k');
    const honest = readFileSync(join(out, 'honest_evaluation.html'), 'utf8');
    assert.match(honest, /seed 11, horizon 14 days/);

    // Every figure drawn in the browser, no page errors: runReport checked it, and so does this test.
    const pageFigures: Record<string, number> = {
      'eda_feature_eng.html': EDA_FIGURES.length,
      'modeling.html': MODELING_FIGURES.length,
      'honest_evaluation.html': HONEST_FIGURES.length,
      'deck.html': 0,
    };
    assert.deepEqual(
      result.pages.map((p) => [p.name, p.figures, p.plots, p.consoleErrors]),
      Object.entries(pageFigures).map(([name, n]) => [name, n, n, []]),
    );
    assert.deepEqual(await verifyHtmlReport(join(out, 'honest_evaluation.html')), {
      plots: HONEST_FIGURES.length,
      unrendered: 0,
      consoleErrors: [],
    });
    // Light pages: plotly.js inlined once, curves from at most 2000 points per line, every page within budget.
    for (const page of ['eda_feature_eng', 'modeling', 'honest_evaluation']) {
      const file = join(out, `${page}.html`);
      assert.equal(readFileSync(file, 'utf8').split('plotly.js v').length - 1, 1, `${page}: plotly.js inlined once`);
      assert.ok(statSync(file).size <= PAGE_SIZE_LIMIT, `${page}: ${statSync(file).size} bytes`);
      const drawn = await drawnPoints(file);
      assert.equal(drawn.figures, pageFigures[`${page}.html`]);
      // The EDA page draws no lines; the others' longest curves are thinned, not dropped.
      assert.ok(
        drawn.mostLinePoints <= 2000 && (page === 'eda_feature_eng' || drawn.mostLinePoints > 100),
        `${page}: a line of ${drawn.mostLinePoints} points`,
      );
      // What the analyst reads: no text block over 2 KB in any cell.
      assert.deepEqual(oversizedTextOutputs(JSON.parse(readFileSync(join(out, `${page}.ipynb`), 'utf8')) as ExecutedNotebook), [], page);
    }
    assert.deepEqual(result.warnings, []);

    // The deck: the story's eleven slides, one PDF page each, none blank.
    assert.equal(result.deck?.slides.length, 11);
    assert.deepEqual(
      [result.deck.slides[0], result.deck.slides[8], result.deck.slides[10]],
      ['Who will make a first purchase?', 'The honest result', 'Future work and action items'],
    );
    const deckHtml = readFileSync(join(out, 'deck.html'), 'utf8');
    assert.equal(deckHtml.split('<section class="slide">').length - 1, 11);
    assert.ok(deckHtml.includes('<th>roc auc honest</th>'), 'the honest comparison table on its slide');
    assert.ok(
      deckHtml.includes('<th>best threshold</th>') && !deckHtml.includes('<th>fit s</th>'),
      'the model table on its slide, without timings',
    );
    const deckPages = pdfPages(join(out, 'deck.pdf'));
    assert.equal(deckPages.length, 11);
    for (const [i, page] of deckPages.entries())
      assert.ok(page.inkedPixels > 200, `deck page ${i + 1} looks blank (${page.inkedPixels} inked pixels)`);

    // One real PNG per figure: right size, not blank, a title on top, an axis title at the bottom.
    const expected = [...EDA_FIGURES, ...MODELING_FIGURES, ...HONEST_FIGURES].map((n) => `${n}.png`).sort();
    assert.deepEqual(readdirSync(join(out, 'figures')).sort(), expected);
    assert.deepEqual(
      result.figures.map((f) => f.replace(/^.*\//, '')),
      expected,
    );
    for (const file of expected) {
      const name = file.replace(/\.png$/, '');
      const png = decodePng(readFileSync(join(out, 'figures', file)));
      assert.deepEqual([png.width, png.height], SIZES[name] ?? [900, 500], file);
      assert.ok(distinctColours(png) > 20, `${file} is blank`);
      assert.ok(darkPixels(png, 0, 70) > 150, `${file}: no title text in the top band`);
      if (!NO_BOTTOM_AXIS_TITLE.has(name)) assert.ok(darkPixels(png, png.height - 60, png.height) > 30, `${file}: no x-axis title`);
    }
    assert.deepEqual(readdirSync(out).sort(), [
      'deck.html',
      'deck.pdf',
      'eda_feature_eng.html',
      'eda_feature_eng.ipynb',
      'figures',
      'honest_evaluation.html',
      'honest_evaluation.ipynb',
      'honest_targets.csv',
      'model_performance.csv',
      'model_performance.md',
      'modeling.html',
      'modeling.ipynb',
    ]);

    const error = await failure;
    assert.ok(error instanceof NotebookCellError, String(error));
    assert.equal(error.cellNumber, 3);
    assert.match(error.message, /failing\.ipynb: cell 3 failed: Error: deliberate failure 314/);
    // Nothing that looks like a report, and no work folder (neither its own nor the killed run's) left behind.
    assert.deepEqual(readdirSync(failedOut), []);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('reportNotebookPaths: the fixed list, the optional honest evaluation only when its file exists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'report-notebooks-'));
  try {
    mkdirSync(dir, { recursive: true });
    assert.deepEqual(reportNotebookPaths(dir), [join(dir, 'eda_feature_eng.ipynb'), join(dir, 'modeling.ipynb')]);
    writeFileSync(join(dir, 'honest_evaluation.ipynb'), '{}');
    assert.deepEqual(
      reportNotebookPaths(dir),
      ['eda_feature_eng', 'modeling', 'honest_evaluation'].map((n) => join(dir, `${n}.ipynb`)),
    );
    assert.ok(existsSync(join(NOTEBOOKS_DIR, 'eda_feature_eng.ipynb')) && existsSync(join(NOTEBOOKS_DIR, 'modeling.ipynb')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
