/** `report`: the project's main job, executing the study's notebooks into HTML, PNG figures, the model table and the deck. */
import { relative } from 'node:path';
import { checkBackend } from '../engine/engine';
import { FEATURE_MODES, type FeatureMode } from '../features/modes';
import { checkRefDate } from '../features/modellingTable';
import { runReport } from '../report/runReport';
import { intOption, NO_CACHE_HELP, NO_CACHE_OPTION, parseOptions, type Command } from './command';
import { LOAD_CACHE_ENV, LOAD_CACHE_OFF } from '../data/loadCache';
import { DEFAULT_SEED } from '../random';

const HELP = `usage: purchase-prediction report [--data DIR] [--out DIR] [--seed N] [--backend duckdb|postgres] [--mode seed|fixed] [--ref-date YYYY-MM-DD] [--no-cache]
Executes the notebooks (notebooks/eda_feature_eng.ipynb, notebooks/modeling.ipynb, and
notebooks/honest_evaluation.ipynb when present) headless in fresh tslab kernels, each in the notebooks'
folder as in any Jupyter front end, checks every page in headless Chromium, and writes into DIR:
  <notebook>.html              self-contained page (plotly.js inlined, viewable offline)
  <notebook>.ipynb             the executed notebook
  figures/<name>.png           every figure, rendered by headless Chromium
  model_performance.csv, .md   the model performance table
  deck.html, deck.pdf          the slide deck: the study's story, one figure or table per slide
  --data DIR      Kaggle month files (default data/default)
  --out DIR       report folder (default reports)
  --seed N        seed of the split, resampling and models (default ${DEFAULT_SEED})
  --backend B     duckdb (default) or postgres (uses the PG* environment variables)
  --mode M        seed (the study's feature SQL, default) or fixed (its quirks corrected)
  --ref-date D    reference date for recency (default: the day after the last event)
${NO_CACHE_HELP}
A failing cell stops the run with the notebook, the cell and the error; the previous report stays as it was.`;

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

export const command: Command = {
  help: HELP,
  async run(argv: string[]): Promise<number> {
    const values = parseOptions(argv, {
      data: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      backend: { type: 'string' },
      mode: { type: 'string' },
      'ref-date': { type: 'string' },
      ...NO_CACHE_OPTION,
    });
    // The notebooks run in kernels of their own: they inherit the switch through the environment.
    if (values['no-cache'] === true) process.env[LOAD_CACHE_ENV] = LOAD_CACHE_OFF;
    const backend = checkBackend(values.backend ?? 'duckdb', '--backend');
    const mode = (values.mode ?? 'seed') as FeatureMode;
    if (!FEATURE_MODES.includes(mode)) throw new Error(`--mode must be one of ${FEATURE_MODES.join(', ')}, got '${mode}'`);
    const refDate = values['ref-date'] === undefined ? undefined : checkRefDate(values['ref-date']);
    const result = await runReport({
      data: values.data ?? 'data/default',
      out: values.out ?? 'reports',
      seed: intOption(values, 'seed') ?? DEFAULT_SEED,
      backend,
      mode,
      refDate,
      log: (line) => console.error(line),
    });
    console.log('report written:');
    for (const page of result.html) console.log(`  ${display(page)}`);
    if (result.figures.length > 0) {
      console.log(`  ${display(result.figures[0]!.replace(/[\\/][^\\/]*$/, ''))}/ (${result.figures.length} PNG figures)`);
    }
    if (result.modelTable) console.log(`  ${display(result.modelTable.csv)}\n  ${display(result.modelTable.markdown)}`);
    for (const file of result.extraFiles) console.log(`  ${display(file)}`);
    if (result.deck) console.log(`  ${display(result.deck.html)}, ${display(result.deck.pdf)} (${result.deck.slides.length} slides)`);
    const sizes = result.pages.map((p) => `${p.name} ${(p.bytes / 1024 / 1024).toFixed(1)} MB`).join(', ');
    console.log(`pages checked in Chromium, every figure drawn: ${sizes}`);
    for (const warning of result.warnings) console.log(`warning: ${warning}`);
    const cpu = result.cpuSeconds === undefined ? '' : `, ${result.cpuSeconds.toFixed(0)} s CPU`;
    console.log(`done in ${result.seconds.toFixed(1)} s${cpu}`);
    return 0;
  },
};
