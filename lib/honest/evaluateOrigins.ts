/**
 * The rolling-origin evaluation over the whole span: at every origin, train at T1 = T2 − H and test at T2,
 * the models and the baselines scored on the same test users. One loaded engine serves every origin; each
 * cutoff's table is built once and kept in memory only while a later origin still needs it (with a 7-day step
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
import { buildCutoffTable, type CutoffTable } from './cutoffTable';
import type { RollingCutoffs } from './cutoffs';
import type { OriginScores } from './originSummary';
import { rollingOriginData, type RollingOrigin } from './rollingOrigin';
import { scoreMetrics, type ScoreMetrics } from './scoreMetrics';
import { DEFAULT_SEED } from '../random';

/** Models trained at every origin unless told otherwise. */
export const ORIGIN_MODELS: readonly StudyModelName[] = ['logistic_regression', 'random_forest', 'xgboost'];

/** Table prefix of the origins' cutoff tables (rebuilt per cutoff; read into memory at once). */
const ORIGIN_PREFIX = 'honest_origin';

/** One origin's sets and scores. */
export interface OriginResult extends OriginScores {
  cutoffs: RollingCutoffs;
  /** The cutoffs the two tables were built at (train.cutoff + H <= test.cutoff), with their users and buyers. */
  train: { cutoff: string; users: number; buyers: number };
  test: { cutoff: string; users: number; buyers: number };
  seconds: number;
}

export interface EvaluateOriginsOptions {
  source?: string;
  seed?: number;
  models?: readonly StudyModelName[];
  /** An origin already evaluated (the single-origin view): its tables and model scores are reused. */
  reuse?: { origin: RollingOrigin; result: StudyResult };
  log?: (line: string) => void;
}

/**
 * Model scores and baseline scores of one origin: `data` holds its matrices (training rows undersampled, every
 * test user), `result` the models trained on them, `train` and `test` its two cutoff tables.
 */
export function scoreOrigin(
  data: StudyData,
  train: CutoffTable,
  test: CutoffTable,
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

/** Evaluate every origin of `origins` (oldest first) on the events loaded in `engine`. */
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
  // the last origin that needs each cutoff date, so its table can be dropped after that origin
  const lastUse = new Map<string, number>();
  origins.forEach((o, k) => {
    lastUse.set(o.trainCutoff, k);
    lastUse.set(o.testCutoff, k);
  });
  const tables = new Map<string, CutoffTable>();
  const reuse = options.reuse;
  if (reuse) {
    tables.set(reuse.origin.train.cutoff, reuse.origin.train);
    tables.set(reuse.origin.test.cutoff, reuse.origin.test);
  }
  const tableAt = async (cutoff: string, horizonDays: number): Promise<CutoffTable> => {
    let t = tables.get(cutoff);
    if (!t) {
      t = await buildCutoffTable(engine, { source: options.source, cutoff, horizonDays, prefix: ORIGIN_PREFIX });
      tables.set(cutoff, t);
    }
    return t;
  };

  const results: OriginResult[] = [];
  for (let k = 0; k < origins.length; k++) {
    const t0 = performance.now();
    const cutoffs = origins[k]!;
    const train = await tableAt(cutoffs.trainCutoff, cutoffs.horizonDays);
    const test = await tableAt(cutoffs.testCutoff, cutoffs.horizonDays);
    const reused =
      reuse && reuse.origin.cutoffs.trainCutoff === cutoffs.trainCutoff && reuse.origin.cutoffs.testCutoff === cutoffs.testCutoff;
    const data = reused ? reuse.origin.data : rollingOriginData(train.table, test.table, { seed });
    const result = reused ? reuse.result : await runStudy(data, { seed, knnK: 5, models });
    const scores = scoreOrigin(data, train, test, result, models);
    const seconds = (performance.now() - t0) / 1000;
    results.push({
      cutoffs,
      train: { cutoff: train.cutoff, users: train.users, buyers: train.buyers },
      test: { cutoff: test.cutoff, users: test.users, buyers: test.buyers },
      ...scores,
      seconds,
    });
    log(
      `origin ${k + 1}/${origins.length}: train ${cutoffs.trainCutoff} (${train.buyers}/${train.users} buyers), test ${cutoffs.testCutoff} ` +
        `(${test.buyers}/${test.users}), ${seconds.toFixed(1)} s${reused ? ' (models reused from the single origin)' : ''}`,
    );
    for (const [date, last] of lastUse) if (last === k) tables.delete(date);
  }
  return results;
}
