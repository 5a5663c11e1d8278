/**
 * Rolling-origin train and test sets: models learn from the population at T1 (labels in [T1, T2)) and are
 * tested on the population at T2 = T1 + H (labels in [T2, T2 + H)). Unlike the study's random split, the
 * test users' outcomes lie entirely after everything the training set was built from.
 */
import type { Engine } from '../engine/engine';
import { MODEL_FEATURES } from '../features/columns';
import { toMatrix, type FeatureTable } from '../features/featureTable';
import { SESSION_TIME_FEATURES } from '../features/sessionTimes';
import { takeLabels, takeRows } from '../prep/matrix';
import { randomUndersample } from '../prep/undersample';
import type { StudyData } from '../study/prepareData';
import { buildCutoffTable, type CutoffTable } from './cutoffTable';
import type { RollingCutoffs } from './cutoffs';
import { DEFAULT_SEED } from '../random';

/** The study's 15 features plus the session time features: the honest models' inputs. */
export const HONEST_FEATURES: readonly string[] = [...MODEL_FEATURES, ...SESSION_TIME_FEATURES];

export interface RollingOriginOptions {
  /** Raw events table (default 'events'). */
  source?: string;
  seed?: number;
  features?: readonly string[];
  /** Table prefixes (default 'honest_train' and 'honest_test'). */
  prefixes?: { train: string; test: string };
}

export interface RollingOrigin {
  cutoffs: RollingCutoffs;
  train: CutoffTable;
  test: CutoffTable;
  /** Train (undersampled) and test matrices in the study's shape, so `runStudy` trains every model on them. */
  data: StudyData;
}

/**
 * Train matrices from one cutoff table and test matrices from another, as StudyData: the training rows are
 * randomly undersampled as in the study (seeded); the test rows are the whole later population, unsampled.
 * `options.testSize` holds the test share of all rows (there is no random split).
 */
export function rollingOriginData(
  train: FeatureTable,
  test: FeatureTable,
  options: { seed?: number; features?: readonly string[] } = {},
): StudyData {
  const seed = options.seed ?? DEFAULT_SEED;
  const features = options.features ?? HONEST_FEATURES;
  const trainAll = toMatrix(train, features);
  const testAll = toMatrix(test, features);
  const kept = randomUndersample(
    trainAll.y,
    Uint32Array.from({ length: train.rows }, (_, i) => i),
    seed,
  );
  const XTrain = takeRows(trainAll.X, kept);
  const yTrain = takeLabels(trainAll.y, kept);
  return {
    XTrain,
    yTrain,
    XTest: testAll.X,
    yTest: testAll.y,
    testUserIds: test.userIds,
    features,
    counts: {
      users: train.rows + test.rows,
      positives: count(trainAll.y) + count(testAll.y),
      trainBeforeSampling: train.rows,
      train: XTrain.rows,
      trainPositives: count(yTrain),
      test: test.rows,
      testPositives: count(testAll.y),
    },
    options: { seed, testSize: test.rows / (train.rows + test.rows), sampling: 'under', scale: false },
  };
}

/** Build the tables at T1 and T2 and the matrices of the rolling-origin evaluation. */
export async function buildRollingOrigin(
  engine: Engine,
  cutoffs: RollingCutoffs,
  options: RollingOriginOptions = {},
): Promise<RollingOrigin> {
  const prefixes = options.prefixes ?? { train: 'honest_train', test: 'honest_test' };
  const common = { source: options.source, horizonDays: cutoffs.horizonDays };
  const train = await buildCutoffTable(engine, { ...common, cutoff: cutoffs.trainCutoff, prefix: prefixes.train });
  const test = await buildCutoffTable(engine, { ...common, cutoff: cutoffs.testCutoff, prefix: prefixes.test });
  const data = rollingOriginData(train.table, test.table, { seed: options.seed, features: options.features });
  return { cutoffs, train, test, data };
}

function count(y: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]!;
  return s;
}
