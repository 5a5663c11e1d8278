/**
 * The rolling-origin evaluation over the whole span: at every origin, train at T1 = T2 − H and test at T2,
 * the models and the baselines scored on the same test users. One loaded engine serves every origin; each
 * cutoff's tables are built once and kept in the engine only while a later origin still needs them (with a 7-day step
 * and H = 14 a cutoff is the test cutoff of one origin and the training cutoff of the origin two weeks later).
 * Fewer models than the single-origin view by default: XGBoost, random forest and logistic regression, the
 * best tree ensemble, its strongest rival and the linear reference (k-NN and the voting ensembles triple the
 * time per origin and are never the best).
 */
import type { Engine } from '../engine/engine';
import { runStudy, type StudyResult } from '../study/runStudy';
import type { StudyData } from '../study/prepareData';
import type { StudyModelName } from '../study/studyModels';
import { baselineScores, type BaselineName } from './baselines';
import {
  dropCutoffTables,
  readCutoffBaselines,
  readCutoffRows,
  storeCutoffTable,
  type CutoffTable,
  type StoredCutoffTable,
} from './cutoffTable';
import type { RollingCutoffs } from './cutoffs';
import type { OriginScores } from './originSummary';
import { cutoffCounts, originData, trainingSet, type CutoffCounts } from './rollingOrigin';
import { scoreMetrics, type ScoreMetrics } from './scoreMetrics';
import { DEFAULT_SEED } from '../random';

/** Models trained at every origin unless told otherwise. */
export const ORIGIN_MODELS: readonly StudyModelName[] = ['logistic_regression', 'random_forest', 'xgboost'];

/** Table prefix of the origins' cutoff tables: one set per cutoff date, e.g. 'honest_origin_20191103_table'. */
const ORIGIN_PREFIX = 'honest_origin';

/** One origin's sets and scores. */
export interface OriginResult extends OriginScores {
  cutoffs: RollingCutoffs;
  /** The cutoffs the two tables were built at (train.cutoff + H <= test.cutoff), with their users and buyers. */
  train: CutoffCounts;
  test: CutoffCounts;
  seconds: number;
}

export interface EvaluateOriginsOptions {
  source?: string;
  seed?: number;
  models?: readonly StudyModelName[];
  /**
   * An origin already evaluated (the single-origin view): its two cutoffs' stored tables serve the other origins
   * that share a cutoff, and its scores (restricted to `models`) are taken as they are.
   */
  reuse?: { cutoffs: RollingCutoffs; train: StoredCutoffTable; test: StoredCutoffTable; scores: OriginScores };
  log?: (line: string) => void;
}

/**
 * Model scores and baseline scores of one origin: `data` holds its matrices (training rows undersampled, every
 * test user), `result` the models trained on them, `train` the training population's counts and `test` the test
 * cutoff's table.
 */
export function scoreOrigin(
  data: StudyData,
  train: Pick<CutoffCounts, 'users' | 'buyers'>,
  test: Pick<CutoffTable, 'cutoff' | 'baselineInputs'>,
  result: StudyResult,
  models: readonly string[],
): OriginScores {
  const scores: Record<string, ScoreMetrics> = {};
  for (const name of models) {
    const e = result.models[name];
    if (!e) throw new Error(`model '${name}' was not trained at ${test.cutoff}`);
    scores[name] = scoreMetrics(data.yTest, e.scores, true);
  }
  const baselines = {} as Record<BaselineName, ScoreMetrics>;
  for (const [name, b] of Object.entries(baselineScores(data, test.baselineInputs, train.buyers / train.users))) {
    baselines[name as BaselineName] = scoreMetrics(data.yTest, b.scores, b.probabilities);
  }
  return { models: scores, baselines };
}

/**
 * Evaluate every origin of `origins` (oldest first) on the events loaded in `engine`. A cutoff's tables stay in
 * the engine while a later origin needs them; in memory there is one origin's test matrix at a time (the tables
 * are read when used: at 9M events five cutoff tables held in JavaScript were ~0.7 GB).
 */
export async function evaluateOrigins(
  engine: Engine,
  origins: readonly RollingCutoffs[],
  options: EvaluateOriginsOptions = {},
): Promise<OriginResult[]> {
  const seed = options.seed ?? DEFAULT_SEED;
  const models = options.models ?? ORIGIN_MODELS;
  const log = options.log ?? (() => undefined);
  const horizons = new Set(origins.map((o) => o.horizonDays));
  if (horizons.size > 1) throw new Error(`origins with different horizons (${[...horizons].join(', ')}) cannot share cutoff tables`);
  // the last origin that needs each cutoff date, so its tables can be dropped after that origin
  const lastUse = new Map<string, number>();
  origins.forEach((o, k) => {
    lastUse.set(o.trainCutoff, k);
    lastUse.set(o.testCutoff, k);
  });
  const stored = new Map<string, StoredCutoffTable>();
  const reuse = options.reuse;
  const owned = new Set<string>(); // built here, so dropped here
  if (reuse) {
    stored.set(reuse.train.cutoff, reuse.train);
    stored.set(reuse.test.cutoff, reuse.test);
  }
  const storedAt = async (cutoff: string, horizonDays: number): Promise<StoredCutoffTable> => {
    let t = stored.get(cutoff);
    if (!t) {
      t = await storeCutoffTable(engine, {
        source: options.source,
        cutoff,
        horizonDays,
        prefix: `${ORIGIN_PREFIX}_${cutoff.replaceAll('-', '')}`,
        dropIntermediates: true,
      });
      stored.set(cutoff, t);
      owned.add(cutoff);
    }
    return t;
  };

  const results: OriginResult[] = [];
  for (let k = 0; k < origins.length; k++) {
    const t0 = performance.now();
    const cutoffs = origins[k]!;
    const train = await storedAt(cutoffs.trainCutoff, cutoffs.horizonDays);
    const test = await storedAt(cutoffs.testCutoff, cutoffs.horizonDays);
    const reused = reuse && reuse.cutoffs.trainCutoff === cutoffs.trainCutoff && reuse.cutoffs.testCutoff === cutoffs.testCutoff;
    const scores = reused ? onlyModels(reuse.scores, models) : await scoreNewOrigin(engine, train, test, { seed, models });
    const seconds = (performance.now() - t0) / 1000;
    results.push({ cutoffs, train: cutoffCounts(train), test: cutoffCounts(test), ...scores, seconds });
    log(
      `origin ${k + 1}/${origins.length}: train ${cutoffs.trainCutoff} (${train.buyers}/${train.users} buyers), test ${cutoffs.testCutoff} ` +
        `(${test.buyers}/${test.users}), ${seconds.toFixed(1)} s${reused ? ' (models reused from the single origin)' : ''}`,
    );
    for (const [date, last] of lastUse) {
      const t = stored.get(date);
      if (last !== k || !t) continue;
      stored.delete(date);
      if (owned.has(date)) await dropCutoffTables(engine, t);
    }
  }
  return results;
}

/** Train the models on one origin's training table and score them and the baselines on its test table. */
async function scoreNewOrigin(
  engine: Engine,
  train: StoredCutoffTable,
  test: StoredCutoffTable,
  options: { seed: number; models: readonly StudyModelName[] },
): Promise<OriginScores> {
  // one table in memory at a time: the training rows are sampled before the test table is read
  const training = await trainingSet(await readCutoffRows(engine, train), { seed: options.seed });
  const data = await originData(training, await readCutoffRows(engine, test), { seed: options.seed });
  const result = await runStudy(data, { seed: options.seed, knnK: 5, models: options.models });
  return scoreOrigin(data, train, { cutoff: test.cutoff, baselineInputs: await readCutoffBaselines(engine, test) }, result, options.models);
}

/** The reused origin's scores of `models` only (the single origin scores every model). */
function onlyModels(scores: OriginScores, models: readonly string[]): OriginScores {
  const kept: Record<string, ScoreMetrics> = {};
  for (const name of models) {
    const m = scores.models[name];
    if (!m) throw new Error(`model '${name}' was not scored at the reused origin`);
    kept[name] = m;
  }
  return { models: kept, baselines: scores.baselines };
}
