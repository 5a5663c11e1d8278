/**
 * The honest evaluation next to the study-faithful one, on the same loaded events:
 * - leaky: the study's cleaning, seed-mode features, stratified random 70/30 split, k by the test-set sweep;
 * - honest: rolling origin (train at T1, test at T2 = T1 + H), the study's features + session time features
 *   from events before each cutoff, window labels, k = 5 fixed (choosing k on the test set is itself a leak);
 * then the comparison table, the cost-based decision and the targeting list.
 */
import { cleanEvents, type Funnel } from '../clean/clean';
import { EVENTS_TABLE } from '../data/schema';
import type { Engine } from '../engine/engine';
import { readFeatureTable } from '../features/featureTable';
import { buildModellingTable } from '../features/modellingTable';
import type { ErrorCosts } from '../metrics/cost';
import { prepareStudyData, type StudyData } from '../study/prepareData';
import { runStudy, type StudyResult } from '../study/runStudy';
import type { StudyModelName } from '../study/studyModels';
import { comparisonRows, positiveRate, type ComparisonRow } from './compare';
import { costDecision, type CostDecision } from './cost';
import { chooseCutoffs, eventTimeRange, type RollingCutoffs } from './cutoffs';
import { decisionScores } from './decisionModel';
import { buildRollingOrigin, type RollingOrigin } from './rollingOrigin';
import { targetingList, type TargetRow } from './targeting';

/** Default costs, for illustration: a missed buyer (a lost order margin) costs 50 times a wasted e-mail incentive (beta ≈ 7.07). */
export const DEFAULT_COSTS: ErrorCosts = { falseNegative: 50, falsePositive: 1 };

export interface HonestEvaluationOptions {
  /** Raw events table (default 'events'). */
  source?: string;
  horizonDays?: number;
  minHistoryDays?: number;
  /** Training cutoff T1 'YYYY-MM-DD' (default: the latest that fits). */
  trainCutoff?: string;
  seed?: number;
  costs?: ErrorCosts;
  /** Model behind the cost threshold and the targeting list (default XGBoost). */
  decisionModel?: StudyModelName;
  /** Skip the leaky baseline (the comparison table is then empty). */
  skipLeaky?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface LeakyRun {
  funnel: Funnel;
  data: StudyData;
  result: StudyResult;
}

export interface HonestEvaluation {
  cutoffs: RollingCutoffs;
  origin: RollingOrigin;
  honest: StudyResult;
  leaky: LeakyRun | null;
  comparison: ComparisonRow[];
  /** Buyer rates of the test sets: the PR AUC of a random ranking in each evaluation. */
  positiveRates: { leaky: number; honest: number };
  decision: { model: StudyModelName; cost: CostDecision; testScores: Float64Array };
  /** Test-window users ranked by the decision model, with the cost-based targeting flag and their outcome. */
  targets: TargetRow[];
  seconds: { leaky: number; honestFeatures: number; honestModels: number; decision: number };
}

/**
 * Run both evaluations on the events already loaded in `engine`.
 * @example const r = await evaluateHonestly(engine, { horizonDays: 14 }); console.table(r.comparison);
 */
export async function evaluateHonestly(engine: Engine, options: HonestEvaluationOptions = {}): Promise<HonestEvaluation> {
  const source = options.source ?? EVENTS_TABLE;
  const seed = options.seed ?? 42;
  const log = options.log ?? (() => undefined);
  const seconds = (t0: number) => (performance.now() - t0) / 1000;
  const cutoffs = chooseCutoffs(await eventTimeRange(engine, source), {
    horizonDays: options.horizonDays,
    minHistoryDays: options.minHistoryDays,
    trainCutoff: options.trainCutoff,
  });
  log(`honest: train cutoff ${cutoffs.trainCutoff} (labels to ${cutoffs.trainLabelEnd}), test cutoff ${cutoffs.testCutoff} (labels to ${cutoffs.testLabelEnd})`);

  let t = performance.now();
  const origin = await buildRollingOrigin(engine, cutoffs, { source, seed });
  const honestFeatures = seconds(t);
  log(`honest: ${origin.train.users} users (${origin.train.buyers} buyers) at T1, ${origin.test.users} (${origin.test.buyers}) at T2`);
  t = performance.now();
  const honest = await runStudy(origin.data, { seed, knnK: 5 });
  const honestModels = seconds(t);

  t = performance.now();
  const scored = await decisionScores(origin.train.table, origin.test.table, { model: options.decisionModel, seed });
  const cost = costDecision(scored.calibration, scored.test, options.costs ?? DEFAULT_COSTS);
  const targets = targetingList(origin.test.table.userIds, scored.test.scores, {
    threshold: cost.calibration.threshold,
    labels: origin.test.table.purchased,
  });
  const decision = seconds(t);

  t = performance.now();
  const leaky = options.skipLeaky ? null : await leakyRun(engine, source, seed);
  const leakySeconds = seconds(t);
  return {
    cutoffs,
    origin,
    honest,
    leaky,
    comparison: leaky ? comparisonRows({ result: leaky.result, yTest: leaky.data.yTest }, { result: honest, yTest: origin.data.yTest }) : [],
    positiveRates: { leaky: leaky ? positiveRate(leaky.data.yTest) : NaN, honest: positiveRate(origin.data.yTest) },
    decision: { model: scored.model, cost, testScores: Float64Array.from(scored.test.scores) },
    targets,
    seconds: { leaky: leakySeconds, honestFeatures, honestModels, decision },
  };
}

/** The study-faithful run: five cleaning steps, seed-mode features, random split, every model. */
export async function leakyRun(engine: Engine, source: string = EVENTS_TABLE, seed = 42): Promise<LeakyRun> {
  const funnel = await cleanEvents(engine, { source });
  await buildModellingTable(engine, { mode: 'seed', target: 'leaky_modelling_table' });
  const table = await readFeatureTable(engine, 'leaky_modelling_table');
  const data = prepareStudyData(table, { seed, sampling: 'under' });
  const result = await runStudy(data, { seed, knnK: 'sweep' });
  return { funnel, data, result };
}
