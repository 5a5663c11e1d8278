import { MODEL_FEATURES } from '../features/columns';
import { toMatrix, type FeatureTable } from '../features/featureTable';
import { takeLabels, takeRows, type Labels, type Matrix } from '../prep/matrix';
import { StandardScaler } from '../prep/scale';
import { smote } from '../prep/smote';
import { stratifiedSplit } from '../prep/split';
import { randomUndersample } from '../prep/undersample';
import { DEFAULT_SEED } from '../random';

/** How the training set is rebalanced (the study: undersampling; SMOTE and none are its alternatives). */
export type Sampling = 'under' | 'smote' | 'none';
export const SAMPLINGS: readonly Sampling[] = ['under', 'smote', 'none'];

export interface PrepareOptions {
  seed?: number;
  /** Share of users in the test set; default 0.3 (the study's). */
  testSize?: number;
  sampling?: Sampling;
  /** Standard-scale features, fitted on the (resampled) training rows only. */
  scale?: boolean;
  features?: readonly string[];
}

/** Train and test matrices of one study run, with the bookkeeping a report needs. */
export interface StudyData {
  XTrain: Matrix;
  yTrain: Labels;
  XTest: Matrix;
  yTest: Labels;
  /** user_id of each test row (for targeting lists); absent where they were not read (the rolling origins). */
  testUserIds?: string[];
  features: readonly string[];
  counts: {
    users: number;
    positives: number;
    trainBeforeSampling: number;
    train: number;
    trainPositives: number;
    test: number;
    testPositives: number;
  };
  options: Required<Omit<PrepareOptions, 'features'>>;
}

/**
 * Split the modelling table as the study does: stratified 70/30 split (seeded), then rebalance the training
 * rows only (undersample the majority, or SMOTE the minority), then optionally scale with train-only statistics.
 * The test set is never resampled or used for fitting anything.
 * @example const data = prepareStudyData(table, { seed: 42, sampling: 'under' });
 */
export function prepareStudyData(table: FeatureTable, options: PrepareOptions = {}): StudyData {
  const opts = {
    seed: options.seed ?? DEFAULT_SEED,
    testSize: options.testSize ?? 0.3,
    sampling: options.sampling ?? 'under',
    scale: options.scale ?? false,
  };
  if (!SAMPLINGS.includes(opts.sampling)) {
    throw new Error(`sampling must be one of ${SAMPLINGS.join(', ')}, got '${String(opts.sampling)}'`);
  }
  const features = options.features ?? MODEL_FEATURES;
  if (table.rows === 0) throw new Error('the modelling table is empty: no user survived cleaning and feature building');
  checkTrainable(table);
  const { X, y } = toMatrix(table, features);
  const split = stratifiedSplit(y, { testSize: opts.testSize, seed: opts.seed });

  let XTrain: Matrix;
  let yTrain: Labels;
  if (opts.sampling === 'under') {
    const kept = randomUndersample(y, split.train, opts.seed);
    XTrain = takeRows(X, kept);
    yTrain = takeLabels(y, kept);
  } else {
    XTrain = takeRows(X, split.train);
    yTrain = takeLabels(y, split.train);
    if (opts.sampling === 'smote') ({ X: XTrain, y: yTrain } = smote(XTrain, yTrain, { seed: opts.seed }));
  }
  let XTest = takeRows(X, split.test);
  const yTest = takeLabels(y, split.test);
  if (opts.scale) {
    const scaler = new StandardScaler().fit(XTrain);
    XTrain = scaler.transform(XTrain);
    XTest = scaler.transform(XTest);
  }
  return {
    XTrain,
    yTrain,
    XTest,
    yTest,
    testUserIds: Array.from(split.test, (i) => table.userIds[i]!),
    features,
    counts: {
      users: table.rows,
      positives: sum(y),
      trainBeforeSampling: split.train.length,
      train: XTrain.rows,
      trainPositives: sum(yTrain),
      test: XTest.rows,
      testPositives: sum(yTest),
    },
    options: opts,
  };
}

/**
 * Name a target the study cannot train on, before the split fails on it with a generic message: one user,
 * one class only, or fewer than 2 rows of a class (the stratified split puts one of each in train and test).
 * Users are counted distinct: in the study's mode a user straddling an NTILE edge has two rows.
 */
function checkTrainable(table: FeatureTable): void {
  const { purchased } = table;
  const n = purchased.length;
  const positives = sum(purchased);
  const distinct = new Set(table.userIds).size;
  const users = `${distinct.toLocaleString('en-US')} ${distinct === 1 ? 'user' : 'users'}`;
  if (distinct === 1) {
    throw new Error('the modelling table has a single user: cannot split it into training and test sets or train a classifier');
  }
  if (positives === 0) throw new Error(`the modelling table has no purchasers (${users}, all purchased = 0): cannot train a classifier`);
  if (positives === n) {
    throw new Error(`every user of the modelling table is a purchaser (${users}, all purchased = 1): cannot train a classifier`);
  }
  const [fewest, count] = positives < n - positives ? ['purchaser', positives] : ['non-purchaser', n - positives];
  if (count < 2) {
    throw new Error(
      `the modelling table has only 1 ${fewest} row (${users}): the stratified train/test split needs at least 2 rows of each class`,
    );
  }
}

function sum(y: Labels): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i]!;
  return s;
}
