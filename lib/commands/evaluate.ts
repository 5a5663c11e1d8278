import { writeFileAtomic } from '../report/atomicWrite';
import { BACKENDS, type Backend } from '../engine/engine';
import { parseDate } from '../honest/cutoffs';
import { DEFAULT_COSTS } from '../honest/evaluate';
import { runHonestEvaluation } from '../honest/runHonestEvaluation';
import { targetingCsv } from '../honest/targeting';
import { STUDY_MODEL_NAMES, type StudyModelName } from '../study/studyModels';
import { toMarkdown } from '../study/modelsReport';
import { intOption, parseOptions, requireOption, type Command } from './command';

export const command: Command = {
  help: `purchase-prediction evaluate --data DIR [--horizon-days 14] [--cutoff YYYY-MM-DD] [--min-history-days 14] [--seed N]
    [--cost-fn X --cost-fp Y] [--decision-model NAME] [--targets-out FILE.csv] [--backend duckdb|postgres] [--json]

Honest time-split evaluation next to the study's leaky random split, on the same files (2 to 5 months).
Training cutoff T1 (--cutoff; default the latest that fits) and test cutoff T2 = T1 + H (H = --horizon-days):
population = users with a view/cart before the cutoff and no purchase before it; features from events before
the cutoff only (the study's features + session time features); label = a first purchase in [cutoff, cutoff + H).
Models are trained at T1 and tested at T2, so nothing at or after T2 reaches training. Prints one table per model:
ROC AUC, PR AUC (average precision), F1 (the model's own 0.5 predictions) and lift in the top 10%, leaky vs honest.
Costs of a missed buyer (--cost-fn, default ${DEFAULT_COSTS.falseNegative}) and a wasted incentive (--cost-fp, default
${DEFAULT_COSTS.falsePositive}) give beta = sqrt(fn/fp) and the minimum-cost threshold, chosen on held-out users of T1.
--targets-out writes the test users ranked by the decision model (default xgboost) as CSV. --json prints everything
as JSON instead of the table.`,
  async run(argv) {
    const v = parseOptions(argv, {
      data: { type: 'string' },
      'horizon-days': { type: 'string' },
      cutoff: { type: 'string' },
      'min-history-days': { type: 'string' },
      seed: { type: 'string' },
      'cost-fn': { type: 'string' },
      'cost-fp': { type: 'string' },
      'decision-model': { type: 'string' },
      'targets-out': { type: 'string' },
      backend: { type: 'string' },
      json: { type: 'boolean' },
    });
    const data = requireOption(v, 'data');
    const cutoff = v.cutoff;
    if (cutoff !== undefined) parseDate(cutoff, '--cutoff');
    const backend = (v.backend ?? 'duckdb') as Backend;
    if (!BACKENDS.includes(backend)) throw new Error(`--backend must be one of ${BACKENDS.join(', ')}, got '${backend}'`);
    const decisionModel = (v['decision-model'] ?? 'xgboost') as StudyModelName;
    if (!STUDY_MODEL_NAMES.includes(decisionModel)) {
      throw new Error(`--decision-model must be one of ${STUDY_MODEL_NAMES.join(', ')}, got '${decisionModel}'`);
    }
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
      costs,
      decisionModel,
      log: (line) => console.error(line),
    });
    try {
      const cost = run.decision.cost;
      if (v['targets-out']) {
        writeFileAtomic(v['targets-out'], targetingCsv(run.targets));
        console.error(`evaluate: wrote ${run.targets.length} ranked users to ${v['targets-out']}`);
      }
      if (v.json) {
        console.log(JSON.stringify({
          cutoffs: run.cutoffs,
          counts: { train: run.origin.data.counts, leaky: run.leaky?.data.counts ?? null },
          positive_rates: run.positiveRates,
          comparison: run.comparison,
          cost: { model: run.decision.model, beta: cost.beta, costs: cost.costs, threshold: finite(cost.calibration.threshold),
            test: { ...cost.test, threshold: finite(cost.test.threshold) }, baselines: cost.baselines,
            test_optimum: { ...cost.testOptimum, threshold: finite(cost.testOptimum.threshold) } },
        }, null, 2));
      } else {
        const c = run.cutoffs;
        console.log(`Train cutoff ${c.trainCutoff} (labels ${c.trainCutoff} .. ${c.trainLabelEnd}), test cutoff ${c.testCutoff} ` +
          `(labels ${c.testCutoff} .. ${c.testLabelEnd}); buyer rate in test: leaky ${pct(run.positiveRates.leaky)}, honest ${pct(run.positiveRates.honest)}\n`);
        console.log(toMarkdown(run.comparison));
        console.log(`Cost-based decision (${run.decision.model}): beta = ${cost.beta.toFixed(2)}, threshold ${cost.calibration.threshold.toFixed(4)} ` +
          `(chosen on held-out T1 users); on the test window: ${pct(cost.test.targetedShare)} targeted, recall ${cost.test.recall.toFixed(3)}, ` +
          `precision ${cost.test.precision.toFixed(3)}, F-beta ${cost.test.fbeta.toFixed(3)}, cost per user ${cost.test.meanCost.toFixed(4)} ` +
          `(target nobody ${cost.baselines.targetNobody.toFixed(4)}, everyone ${cost.baselines.targetEveryone.toFixed(4)})`);
      }
    } finally {
      await run.close();
    }
    return 0;
  },
};

function costOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number >= 0, got '${value}'`);
  return n;
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}
