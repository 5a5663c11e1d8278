/**
 * The honest evaluation next to the study-faithful one, on the same loaded events:
 * - leaky: the study's cleaning, seed-mode features, stratified random 70/30 split, k by the test-set sweep;
 * - honest: rolling origin (train at T1, test at T2 = T1 + H), the study's features + session time features
 *   from events before each cutoff, window labels, k = 5 fixed (choosing k on the test set is itself a leak);
 * then the comparison table, the baselines on the same test users, the rolling origins over the whole span,
 * the calibration of the probabilities, the cost-based decision, expected-value targeting and the targeting list.
 */
import { CLEAN_EVENTS_TABLE, cleanEvents, dropCleaningIntermediates, type Funnel } from '../clean/clean';
import { DuckDbEngine } from '../engine/duckdb';
import { featureTables } from '../features/context';
import { dropTables } from '../features/sql';
import { EVENTS_TABLE } from '../data/schema';
import type { Engine } from '../engine/engine';
import { readFeatureTable } from '../features/featureTable';
import { buildModellingTable } from '../features/modellingTable';
import type { ErrorCosts } from '../metrics/cost';
import { prepareStudyData, type StudyData } from '../study/prepareData';
import { runStudy, type StudyResult } from '../study/runStudy';
import type { StudyModelName } from '../study/studyModels';
import { comparisonRows, positiveRate, type ComparisonRow } from './compare';
import { calibratedDecision, probabilityQuality, type CalibratedDecision, type ProbabilityQuality } from './calibration';
import { costDecision, type CostDecision } from './cost';
import { chooseCutoffs, eventTimeRange, type RollingCutoffs } from './cutoffs';
import { fitDecisionModel, scoreDecisionModel, type FittedDecisionModel } from './decisionModel';
import { evaluateOrigins, ORIGIN_MODELS, scoreOrigin, type OriginResult } from './evaluateOrigins';
import { cutSize, expectedValueTargeting, type TargetingDecision } from './expectedValue';
import { DEFAULT_STEP_DAYS, originCutoffs } from './origins';
import { summarizeOrigins, type OriginScores, type OriginSummary } from './originSummary';
import { originData, originSets, storeRollingOrigin, trainingSet, type OriginSets, type TrainingSet } from './rollingOrigin';
import { readCutoffBaselines, readCutoffRows, type StoredCutoffTable } from './cutoffTable';
import { targetingList, type TargetRow } from './targeting';
import { DEFAULT_SEED } from '../random';

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
  /** Days between the rolling origins' test cutoffs (default 7). */
  stepDays?: number;
  /** Models trained at every origin (default ORIGIN_MODELS: XGBoost, random forest, logistic regression). */
  originModels?: readonly StudyModelName[];
  /** Evaluate the single origin only. */
  skipOrigins?: boolean;
  /** Progress lines. */
  log?: (line: string) => void;
}

export interface LeakyRun {
  funnel: Funnel;
  data: StudyData;
  result: StudyResult;
}

export interface HonestEvaluation {
  /** The settings used (defaults filled in); stepDays is null when the origins were skipped. */
  settings: { seed: number; stepDays: number | null; originModels: readonly StudyModelName[] };
  cutoffs: RollingCutoffs;
  /** The single origin's sets: counts and test labels (its tables and matrices are let go once scored). */
  origin: OriginSets;
  honest: StudyResult;
  leaky: LeakyRun | null;
  comparison: ComparisonRow[];
  /** Buyer rates of the test sets: the PR AUC of a random ranking in each evaluation. */
  positiveRates: { leaky: number; honest: number };
  /** Every model and baseline of the single origin on its test users (the same users for all). */
  single: OriginScores;
  /** The origins over the whole span, oldest first (empty with skipOrigins), and their summary (null then). */
  origins: OriginResult[];
  originSummary: OriginSummary | null;
  decision: { model: StudyModelName; cost: CostDecision; testScores: Float64Array };
  /** Probability quality of every model on the single origin's test window, and the calibrated decision model. */
  calibration: { models: Record<string, ProbabilityQuality>; decision: CalibratedDecision };
  /** Expected profit of contacting the top k% by the decision model's score. */
  targeting: TargetingDecision;
  /** Test-window users ranked by the decision model: cost-based flag, chosen top-k% cut, calibrated probability, outcome. */
  targets: TargetRow[];
  seconds: { leaky: number; honestFeatures: number; honestModels: number; decision: number; origins: number };
}

/**
 * Run both evaluations on the events already loaded in `engine`.
 * @example const r = await evaluateHonestly(engine, { horizonDays: 14 }); console.table(r.comparison);
 */
export async function evaluateHonestly(engine: Engine, options: HonestEvaluationOptions = {}): Promise<HonestEvaluation> {
  const source = options.source ?? EVENTS_TABLE;
  const seed = options.seed ?? DEFAULT_SEED;
  const log = options.log ?? (() => undefined);
  const seconds = (t0: number) => (performance.now() - t0) / 1000;
  const range = await eventTimeRange(engine, source);
  const cutoffs = chooseCutoffs(range, {
    horizonDays: options.horizonDays,
    minHistoryDays: options.minHistoryDays,
    trainCutoff: options.trainCutoff,
  });
  // the origins are chosen up front, so a bad step fails before any table is built
  const grid = options.skipOrigins
    ? null
    : originCutoffs(range, { horizonDays: cutoffs.horizonDays, minHistoryDays: options.minHistoryDays, stepDays: options.stepDays });
  log(
    `honest: train cutoff ${cutoffs.trainCutoff} (labels to ${cutoffs.trainLabelEnd}), test cutoff ${cutoffs.testCutoff} (labels to ${cutoffs.testLabelEnd})`,
  );

  // The leaky run first, while nothing else is held in memory: its cleaning and whole-population table are the
  // evaluation's largest step in DuckDB, and only its test scores are kept.
  let t = performance.now();
  if (!options.skipLeaky) log("leaky: the study's cleaning, seed-mode features, random split and models");
  const leaky = options.skipLeaky ? null : await leakyRun(engine, source, seed);
  if (leaky) await dropLeakyTables(engine);
  const leakySeconds = seconds(t);

  const first = await evaluateSingleOrigin(engine, cutoffs, {
    source,
    seed,
    costs: options.costs ?? DEFAULT_COSTS,
    model: options.decisionModel,
    log,
  });
  const { origin, honest, single, stored } = first;

  t = performance.now();
  let origins: OriginResult[] = [];
  const originModels = options.originModels ?? ORIGIN_MODELS;
  if (grid) {
    log(`honest: ${grid.length} rolling origins, test cutoffs ${grid[0]!.testCutoff} .. ${grid[grid.length - 1]!.testCutoff}`);
    origins = await evaluateOrigins(engine, grid, {
      source,
      seed,
      models: originModels,
      reuse: { cutoffs, ...stored, scores: single },
      log,
    });
  }
  const originSeconds = seconds(t);

  return {
    settings: { seed, stepDays: options.skipOrigins ? null : (options.stepDays ?? DEFAULT_STEP_DAYS), originModels },
    cutoffs,
    origin,
    honest,
    leaky,
    comparison: leaky
      ? comparisonRows({ result: leaky.result, yTest: leaky.data.yTest }, { result: honest, yTest: origin.data.yTest })
      : [],
    positiveRates: { leaky: leaky ? positiveRate(leaky.data.yTest) : NaN, honest: positiveRate(origin.data.yTest) },
    single,
    origins,
    originSummary: origins.length > 0 ? summarizeOrigins(origins) : null,
    decision: first.decision,
    calibration: first.calibration,
    targeting: first.targeting,
    targets: first.targets,
    seconds: { leaky: leakySeconds, ...first.seconds, origins: originSeconds },
  };
}

/** What the single origin hands on: its sets' counts and every score; its tables and matrices stay behind. */
interface SingleOriginRun
  extends Pick<HonestEvaluation, 'origin' | 'honest' | 'single' | 'decision' | 'calibration' | 'targeting' | 'targets'> {
  /** Its two cutoffs' tables in the engine, for the rolling origins that share a cutoff. */
  stored: { train: StoredCutoffTable; test: StoredCutoffTable };
  seconds: Pick<HonestEvaluation['seconds'], 'honestFeatures' | 'honestModels' | 'decision'>;
}

/**
 * The single origin: every model trained at T1 and scored at T2, the decision model, its cost threshold,
 * calibration and targeting list. One cutoff table is in memory at a time: T1's is read, sampled for the models
 * and the decision model, and let go (in readTrainingSide) before T2's is read.
 */
async function evaluateSingleOrigin(
  engine: Engine,
  cutoffs: RollingCutoffs,
  options: { source: string; seed: number; costs: ErrorCosts; model: StudyModelName | undefined; log: (line: string) => void },
): Promise<SingleOriginRun> {
  const { seed, costs } = options;
  const seconds = (t0: number) => (performance.now() - t0) / 1000;
  let t = performance.now();
  const stored = await storeRollingOrigin(engine, cutoffs, { source: options.source, dropIntermediates: true });
  const { training, fittedDecision, decisionSeconds } = await readTrainingSide(engine, stored.train, options.model, seed, options.log);
  const test = await readCutoffRows(engine, stored.test);
  const data = await originData(training, test, { seed });
  const honestFeatures = seconds(t) - decisionSeconds;
  options.log(
    `honest: ${stored.train.users} users (${stored.train.buyers} buyers) at T1, ${stored.test.users} (${stored.test.buyers}) at T2`,
  );
  t = performance.now();
  const honest = await runStudy(data, { seed, knnK: 5 });
  const honestModels = seconds(t);

  const single = scoreOrigin(
    data,
    stored.train,
    { cutoff: stored.test.cutoff, baselineInputs: await readCutoffBaselines(engine, stored.test) },
    honest,
    Object.keys(honest.models),
  );
  const reliability: Record<string, ProbabilityQuality> = {};
  for (const [name, e] of Object.entries(honest.models)) reliability[name] = probabilityQuality(data.yTest, e.scores);

  t = performance.now();
  const scored = scoreDecisionModel(fittedDecision, { X: data.XTest, y: data.yTest });
  const cost = costDecision(scored.calibration, scored.test, costs);
  const calibrated = calibratedDecision(scored.model, scored.calibration, scored.test, costs);
  const targeting = expectedValueTargeting(scored.calibration, scored.test, costs);
  const targets = targetingList(await test.userIds(), scored.test.scores, {
    threshold: cost.calibration.threshold,
    labels: data.yTest,
    cutSize: cutSize(stored.test.users, targeting.chosenPercent),
    probabilities: calibrated.testProbabilities,
  });
  return {
    stored,
    origin: originSets(cutoffs, stored.train, stored.test, data),
    honest,
    single,
    decision: { model: scored.model, cost, testScores: Float64Array.from(scored.test.scores) },
    calibration: { models: reliability, decision: calibrated },
    targeting,
    targets,
    seconds: { honestFeatures, honestModels, decision: decisionSeconds + seconds(t) },
  };
}

/** The training cutoff's table read, sampled for the models, and the decision model fitted on it. */
async function readTrainingSide(
  engine: Engine,
  train: StoredCutoffTable,
  model: StudyModelName | undefined,
  seed: number,
  log: (line: string) => void,
): Promise<{ training: TrainingSet; fittedDecision: FittedDecisionModel; decisionSeconds: number }> {
  const rows = await readCutoffRows(engine, train);
  const training = await trainingSet(rows, { seed });
  log(`honest: decision model (${model ?? 'xgboost'}) fitted on three quarters of the T1 users, threshold chosen on the rest`);
  const t = performance.now();
  const fittedDecision = await fitDecisionModel(rows, { model, seed });
  return { training, fittedDecision, decisionSeconds: (performance.now() - t) / 1000 };
}

/** The leaky run's modelling table. */
const LEAKY_TABLE = 'leaky_modelling_table';

/** The study-faithful run: five cleaning steps, seed-mode features, random split, every model. */
export async function leakyRun(engine: Engine, source: string = EVENTS_TABLE, seed = DEFAULT_SEED): Promise<LeakyRun> {
  const funnel = await cleanEvents(engine, { source });
  await buildModellingTable(engine, { mode: 'seed', target: LEAKY_TABLE });
  const table = await readFeatureTable(engine, LEAKY_TABLE);
  const data = prepareStudyData(table, { seed, sampling: 'under' });
  const result = await runStudy(data, { seed, knnK: 'sweep' });
  return { funnel, data, result };
}

/**
 * Drop the leaky run's tables once its scores exist: the cleaned events are most of the data, and DuckDB runs the
 * honest evaluation under a tight memory limit (on PostgreSQL they live in the server and stay).
 */
async function dropLeakyTables(engine: Engine): Promise<void> {
  if (!(engine instanceof DuckDbEngine)) return;
  await dropCleaningIntermediates(engine, CLEAN_EVENTS_TABLE);
  await dropTables(engine, [...Object.values(featureTables(LEAKY_TABLE)), LEAKY_TABLE, CLEAN_EVENTS_TABLE]);
}
