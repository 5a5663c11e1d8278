/**
 * The model behind the cost threshold and the targeting list, trained so its threshold can be chosen
 * honestly: the training cutoff's population is split (stratified, seeded) into fitting rows and calibration
 * rows; the model is fitted on the undersampled fitting rows; the calibration rows, never seen in fitting and
 * with the population's true buyer rate, choose the threshold; the test window only receives it.
 */
import { toMatrix, type FeatureTable } from '../features/featureTable';
import { XGBoostClassifier } from '../models/xgboost';
import { takeLabels, takeRows } from '../prep/matrix';
import { stratifiedSplit } from '../prep/split';
import { randomUndersample } from '../prep/undersample';
import { loadStudyModels, STUDY_MODELS, type StudyModelName } from '../study/studyModels';
import type { ScoredSet } from './cost';
import { HONEST_FEATURES } from './rollingOrigin';
import { DEFAULT_SEED } from '../random';

export interface DecisionModelOptions {
  model?: StudyModelName;
  seed?: number;
  features?: readonly string[];
  /** Share of the training population held out to choose the threshold (default 0.25). */
  calibrationShare?: number;
  /** k for k-NN (default 5). */
  knnK?: number;
}

export interface DecisionScores {
  model: StudyModelName;
  calibration: ScoredSet;
  test: ScoredSet;
}

/** Fit `model` (default XGBoost) on part of `train`, score the held-out calibration rows and all of `test`. */
export async function decisionScores(train: FeatureTable, test: FeatureTable, options: DecisionModelOptions = {}): Promise<DecisionScores> {
  const model = options.model ?? 'xgboost';
  const seed = options.seed ?? DEFAULT_SEED;
  const features = options.features ?? HONEST_FEATURES;
  await loadStudyModels();
  const all = toMatrix(train, features);
  const split = stratifiedSplit(all.y, { testSize: options.calibrationShare ?? 0.25, seed });
  const fitRows = randomUndersample(all.y, split.train, seed);
  const classifier = STUDY_MODELS[model](seed, options.knnK ?? 5);
  classifier.fit(takeRows(all.X, fitRows), takeLabels(all.y, fitRows));
  const testMatrix = toMatrix(test, features);
  const calibration = { y: takeLabels(all.y, split.test), scores: classifier.predictProba(takeRows(all.X, split.test)) };
  const scored = { y: testMatrix.y, scores: classifier.predictProba(testMatrix.X) };
  if (classifier instanceof XGBoostClassifier) classifier.dispose();
  return { model, calibration, test: scored };
}
