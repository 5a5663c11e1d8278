/**
 * Rolling-origin train and test sets: models learn from the population at T1 (labels in [T1, T2)) and are
 * tested on the population at T2 = T1 + H (labels in [T2, T2 + H)). Unlike the study's random split, the
 * test users' outcomes lie entirely after everything the training set was built from.
 */
import type { Engine } from '../engine/engine';
import { MODEL_FEATURES } from '../features/columns';
import type { FeatureTable } from '../features/featureTable';
import { tableRowSource, type RowSource } from '../features/rowSource';
import { SESSION_TIME_FEATURES } from '../features/sessionTimes';
import { takeLabels, type Labels, type Matrix } from '../prep/matrix';
import { randomUndersample } from '../prep/undersample';
import type { StudyData } from '../study/prepareData';
import { readCutoffTable, storeCutoffTable, type CutoffTable, type StoredCutoffTable } from './cutoffTable';
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

/** The counts of one cutoff's population. */
export type CutoffCounts = Pick<StoredCutoffTable, 'cutoff' | 'users' | 'buyers'>;

/** What an evaluation keeps of its origin once the models are scored: the sets' sizes and the test labels. */
export interface OriginSets {
  cutoffs: RollingCutoffs;
  train: CutoffCounts;
  test: CutoffCounts;
  data: Omit<StudyData, 'XTrain' | 'XTest'>;
}

/** The training rows of one origin: the training cutoff's population randomly undersampled (seeded), as in the study. */
export interface TrainingSet {
  XTrain: Matrix;
  yTrain: Labels;
  /** Rows and buyers before sampling. */
  rows: number;
  positives: number;
}

/** The undersampled training rows of `train`; only the kept rows are copied into the matrix. */
export async function trainingSet(train: RowSource, options: { seed?: number; features?: readonly string[] } = {}): Promise<TrainingSet> {
  const kept = randomUndersample(
    train.labels,
    Uint32Array.from({ length: train.rows }, (_, i) => i),
    options.seed ?? DEFAULT_SEED,
  );
  const [XTrain] = await train.matrices(options.features ?? HONEST_FEATURES, [kept]);
  return { XTrain: XTrain!, yTrain: takeLabels(train.labels, kept), rows: train.rows, positives: count(train.labels) };
}

/**
 * StudyData from a training set and a later cutoff's rows: the test rows are the whole later population,
 * unsampled. `options.testSize` holds the test share of all rows (there is no random split).
 */
export async function originData(
  training: TrainingSet,
  test: RowSource,
  options: { seed?: number; features?: readonly string[]; testUserIds?: string[] } = {},
): Promise<StudyData> {
  const features = options.features ?? HONEST_FEATURES;
  const [XTest] = await test.matrices(features, [null]);
  const testPositives = count(test.labels);
  return {
    XTrain: training.XTrain,
    yTrain: training.yTrain,
    XTest: XTest!,
    yTest: test.labels,
    ...(options.testUserIds ? { testUserIds: options.testUserIds } : {}),
    features,
    counts: {
      users: training.rows + test.rows,
      positives: training.positives + testPositives,
      trainBeforeSampling: training.rows,
      train: training.XTrain.rows,
      trainPositives: count(training.yTrain),
      test: test.rows,
      testPositives,
    },
    options: { seed: options.seed ?? DEFAULT_SEED, testSize: test.rows / (training.rows + test.rows), sampling: 'under', scale: false },
  };
}

/**
 * Train matrices from one cutoff table and test matrices from another, as StudyData (see {@link trainingSet}
 * and {@link originData}).
 */
export async function rollingOriginData(
  train: FeatureTable,
  test: FeatureTable,
  options: { seed?: number; features?: readonly string[] } = {},
): Promise<StudyData> {
  const training = await trainingSet(tableRowSource(train), options);
  return originData(training, tableRowSource(test), { ...options, testUserIds: test.userIds });
}

/** An origin's sets without their matrices. */
export function originSets(cutoffs: RollingCutoffs, train: CutoffCounts, test: CutoffCounts, data: StudyData): OriginSets {
  const { XTrain: _train, XTest: _test, ...kept } = data;
  return { cutoffs, train: cutoffCounts(train), test: cutoffCounts(test), data: kept };
}

/** Just the counts of a cutoff table (not its arrays). */
export function cutoffCounts(t: CutoffCounts): CutoffCounts {
  return { cutoff: t.cutoff, users: t.users, buyers: t.buyers };
}

/** Cutoff table prefixes of the single origin (default 'honest_train' and 'honest_test'). */
export const ORIGIN_TABLE_PREFIXES = { train: 'honest_train', test: 'honest_test' } as const;

/** Build the tables at T1 and T2 in the engine, not reading them yet. */
export async function storeRollingOrigin(
  engine: Engine,
  cutoffs: RollingCutoffs,
  options: Pick<RollingOriginOptions, 'source' | 'prefixes'> & { dropIntermediates?: boolean } = {},
): Promise<{ train: StoredCutoffTable; test: StoredCutoffTable }> {
  const prefixes = options.prefixes ?? ORIGIN_TABLE_PREFIXES;
  const common = { source: options.source, horizonDays: cutoffs.horizonDays, dropIntermediates: options.dropIntermediates };
  const train = await storeCutoffTable(engine, { ...common, cutoff: cutoffs.trainCutoff, prefix: prefixes.train });
  const test = await storeCutoffTable(engine, { ...common, cutoff: cutoffs.testCutoff, prefix: prefixes.test });
  return { train, test };
}

/** Build the tables at T1 and T2 and the matrices of the rolling-origin evaluation (everything held in memory). */
export async function buildRollingOrigin(
  engine: Engine,
  cutoffs: RollingCutoffs,
  options: RollingOriginOptions = {},
): Promise<RollingOrigin> {
  const stored = await storeRollingOrigin(engine, cutoffs, options);
  const train = await readCutoffTable(engine, stored.train);
  const test = await readCutoffTable(engine, stored.test);
  const data = await rollingOriginData(train.table, test.table, { seed: options.seed, features: options.features });
  return { cutoffs, train, test, data };
}

function count(y: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]!;
  return s;
}
