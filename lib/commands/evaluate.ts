import { writeFileAtomic } from '../io/atomicWrite';
import { checkBackend } from '../engine/engine';
import { parseDate } from '../honest/cutoffs';
import { DEFAULT_COSTS } from '../honest/evaluate';
import { evaluationJson } from '../honest/evaluationJson';
import { DEFAULT_STEP_DAYS } from '../honest/origins';
import { ORIGIN_MODELS } from '../honest/evaluateOrigins';
import { runHonestEvaluation, type HonestRun } from '../honest/runHonestEvaluation';
import { calibrationRows, originRows, originSpreadRows, singleOriginRows, targetingRows } from '../honest/tables';
import { targetingCsv } from '../honest/targeting';
import { STUDY_MODEL_NAMES, type StudyModelName } from '../study/studyModels';
import { toMarkdown } from '../study/modelsReport';
import { cacheOption, intOption, NO_CACHE_HELP, NO_CACHE_OPTION, parseOptions, requireOption, type Command } from './command';

export const command: Command = {
  help: `purchase-prediction evaluate --data DIR [--horizon-days 14] [--cutoff YYYY-MM-DD] [--min-history-days 14] [--seed N]
    [--step-days 7] [--origin-models a,b,c | --no-origins] [--cost-fn X --cost-fp Y] [--decision-model NAME]
    [--targets-out FILE.csv] [--backend duckdb|postgres] [--json] [--out FILE.json] [--no-cache]

Honest time-split evaluation next to the study's leaky random split, on the same files (2 to 5 months).
Training cutoff T1 (--cutoff; default the latest that fits) and test cutoff T2 = T1 + H (H = --horizon-days):
population = users with a view/cart before the cutoff and no purchase before it; features from events before
the cutoff only (the study's features + session time features); label = a first purchase in [cutoff, cutoff + H).
Models are trained at T1 and tested at T2, so nothing at or after T2 reaches training. Prints one table per model:
ROC AUC, PR AUC (average precision), F1 (the model's own 0.5 predictions) and lift in the top 10%, leaky vs honest;
then the models next to four baselines on the same test users (random ranking, recency, carted in the last 7 days
then recency, a logistic regression on 4 counts), with Brier score and log loss for probabilities.
Rolling origins: a test cutoff every --step-days (default ${DEFAULT_STEP_DAYS}) over the whole span, each trained H days earlier,
with the models of --origin-models (default ${ORIGIN_MODELS.join(',')}); prints mean, SD, min and max per metric
and whether each model clearly beats the baselines (above all of them at every origin). --no-origins skips them.
Costs of a missed buyer (--cost-fn, default ${DEFAULT_COSTS.falseNegative}) and a wasted incentive (--cost-fp, default
${DEFAULT_COSTS.falsePositive}) give beta = sqrt(fn/fp) and the minimum-cost threshold, chosen on held-out users of T1; the
decision model calibrated (isotonic, same held-out users) decides at p > fp/(fp+fn); expected profit of contacting
the top k% for k = 0..100, k chosen on the held-out users. --targets-out writes the test users ranked by the
decision model (default xgboost) as CSV, with the chosen cut. --json prints everything as JSON (schema in the
README, "JSON output") instead of the tables; --out FILE writes the same JSON to FILE (atomically).
${NO_CACHE_HELP}`,
  async run(argv) {
    const v = parseOptions(argv, {
      data: { type: 'string' },
      'horizon-days': { type: 'string' },
      cutoff: { type: 'string' },
      'min-history-days': { type: 'string' },
      seed: { type: 'string' },
      'step-days': { type: 'string' },
      'origin-models': { type: 'string' },
      'no-origins': { type: 'boolean' },
      'cost-fn': { type: 'string' },
      'cost-fp': { type: 'string' },
      'decision-model': { type: 'string' },
      'targets-out': { type: 'string' },
      backend: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      ...NO_CACHE_OPTION,
    });
    const data = requireOption(v, 'data');
    const cutoff = v.cutoff;
    if (cutoff !== undefined) parseDate(cutoff, '--cutoff');
    const backend = checkBackend(v.backend ?? 'duckdb', '--backend');
    const decisionModel = modelName(v['decision-model'] ?? 'xgboost', '--decision-model');
    const originModels = v['origin-models']?.split(',').map((m) => modelName(m.trim(), '--origin-models'));
    if (originModels && v['no-origins']) throw new Error('--origin-models and --no-origins exclude each other');
    if (v.out === '') throw new Error('--out needs a file name');
    const costs = {
      falseNegative: costOption(v['cost-fn'], '--cost-fn', DEFAULT_COSTS.falseNegative),
      falsePositive: costOption(v['cost-fp'], '--cost-fp', DEFAULT_COSTS.falsePositive),
    };
    const run = await runHonestEvaluation({
      data,
      backend,
      horizonDays: intOption(v, 'horizon-days'),
      minHistoryDays: intOption(v, 'min-history-days'),
      trainCutoff: cutoff,
      seed: intOption(v, 'seed'),
      stepDays: intOption(v, 'step-days'),
      originModels,
      skipOrigins: v['no-origins'] === true,
      costs,
      decisionModel,
      cache: cacheOption(v),
      log: (line) => console.error(line),
    });
    try {
      if (v['targets-out']) {
        writeFileAtomic(v['targets-out'], targetingCsv(run.targets));
        console.error(`evaluate: wrote ${run.targets.length} ranked users to ${v['targets-out']}`);
      }
      const json = v.json || v.out ? `${JSON.stringify(evaluationJson(run), null, 2)}\n` : '';
      if (v.out) {
        writeFileAtomic(v.out, json);
        console.error(`evaluate: wrote the evaluation as JSON to ${v.out}`);
      }
      if (v.json) process.stdout.write(json);
      else printTables(run);
    } finally {
      await run.close();
    }
    return 0;
  },
};

function printTables(run: HonestRun): void {
  const c = run.cutoffs;
  const o = run.origin;
  console.log(
    `Train cutoff ${c.trainCutoff} (labels ${c.trainCutoff} .. ${c.trainLabelEnd}), test cutoff ${c.testCutoff} ` +
      `(labels ${c.testCutoff} .. ${c.testLabelEnd}); buyer rate in test: leaky ${pct(run.positiveRates.leaky)}, honest ${pct(run.positiveRates.honest)}\n`,
  );
  console.log(toMarkdown(run.comparison));
  console.log(
    `Models and baselines on the same ${o.test.users} test users (train buyer rate ${pct(o.train.buyers / o.train.users)}, ` +
      `test ${pct(o.test.buyers / o.test.users)}); beats_baselines: above every baseline on ROC AUC, PR AUC and lift\n`,
  );
  console.log(toMarkdown(singleOriginRows(run)));
  if (run.originSummary) {
    const first = run.origins[0]!.cutoffs;
    const last = run.origins[run.origins.length - 1]!.cutoffs;
    console.log(
      `${run.origins.length} rolling origins (test cutoffs ${first.testCutoff} .. ${last.testCutoff}, every ${run.settings.stepDays} days; ` +
        `each trained ${c.horizonDays} days before its test cutoff): mean ± SD (min – max)\n`,
    );
    console.log(toMarkdown(originRows(run.origins)));
    console.log(toMarkdown(originSpreadRows(run.originSummary)));
  }
  const cal = run.calibration.decision;
  console.log(
    `Calibration on the test window (buyer rate at T1 ${pct(cal.trainBuyerRate)}, in the test window ${pct(cal.testBuyerRate)})\n`,
  );
  console.log(toMarkdown(calibrationRows(run)));
  const cost = run.decision.cost;
  console.log(
    `Cost-based decision (${run.decision.model}): beta = ${cost.beta.toFixed(2)}, threshold ${cost.calibration.threshold.toFixed(4)} ` +
      `(chosen on held-out T1 users); on the test window: ${pct(cost.test.targetedShare)} targeted, recall ${cost.test.recall.toFixed(3)}, ` +
      `precision ${cost.test.precision.toFixed(3)}, F-beta ${cost.test.fbeta.toFixed(3)}, cost per user ${cost.test.meanCost.toFixed(4)} ` +
      `(target nobody ${cost.baselines.targetNobody.toFixed(4)}, everyone ${cost.baselines.targetEveryone.toFixed(4)})`,
  );
  console.log(
    `Calibrated ${cal.model} at p > ${cal.threshold.toFixed(4)}: ${pct(cal.test.targetedShare)} targeted, recall ${cal.test.recall.toFixed(3)}, ` +
      `cost per user ${cal.test.meanCost.toFixed(4)}\n`,
  );
  console.log(
    `Expected profit of contacting the top k% (a buyer reached = ${cost.costs.falseNegative}, a wasted incentive = ${cost.costs.falsePositive}):\n`,
  );
  console.log(toMarkdown(targetingRows(run)));
}

function modelName(name: string, option: string): StudyModelName {
  if (!(STUDY_MODEL_NAMES as readonly string[]).includes(name)) {
    throw new Error(`${option} must name models among ${STUDY_MODEL_NAMES.join(', ')}, got '${name}'`);
  }
  return name as StudyModelName;
}

function costOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number >= 0, got '${value}'`);
  return n;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}
